import { defineBridge } from '../../../../module-kit';

/** `workshop_reports`: the reports' figures and registers that read the workshop module's tables, only while it is on. */
export const workshopReportsBridge = defineBridge({
  id: 'workshop_reports',
  owner: 'reports',
  with: 'workshop',
  description: 'Reports on the workshop module\'s data',
});
export * from './glance';
