import { defineBridge } from '../../../../module-kit';

/** `sms_reports`: the reports' figures and registers that read the sms module's tables, only while it is on. */
export const smsReportsBridge = defineBridge({
  id: 'sms_reports',
  owner: 'reports',
  with: 'sms',
  description: 'Reports on the sms module\'s data',
});
export * from './glance';
