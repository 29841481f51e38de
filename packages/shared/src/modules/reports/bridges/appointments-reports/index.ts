import { defineBridge } from '../../../../module-kit';

/** `appointments_reports`: the reports' figures and registers that read the appointments module's tables, only while it is on. */
export const appointmentsReportsBridge = defineBridge({
  id: 'appointments_reports',
  owner: 'reports',
  with: 'appointments',
  description: 'Reports on the appointments module\'s data',
});
export * from './glance';
