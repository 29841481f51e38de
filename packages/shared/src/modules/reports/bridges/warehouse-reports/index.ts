import { defineBridge } from '../../../../module-kit';

/** `warehouse_reports`: the reports' figures and registers that read the warehouse module's tables, only while it is on. */
export const warehouseReportsBridge = defineBridge({
  id: 'warehouse_reports',
  owner: 'reports',
  with: 'warehouse',
  description: 'Reports on the warehouse module\'s data',
});
export * from './glance';
