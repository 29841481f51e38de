import type { WebBridge } from '@/app/module-kit';

/** `sms_reports`: what the reports show of the sms module's data, only while it is on. */
export const smsReportsBridge: WebBridge = {
  id: 'sms_reports',
  with: ['sms'],
  contributes: [],
};
