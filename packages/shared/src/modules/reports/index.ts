import { defineModule } from '../../module-kit';
import type { Permission } from '../../auth/roles';
import { accountingReportsBridge } from './bridges/accounting-reports';
import { appointmentsReportsBridge } from './bridges/appointments-reports';
import { smsReportsBridge } from './bridges/sms-reports';
import { warehouseReportsBridge } from './bridges/warehouse-reports';
import { workshopReportsBridge } from './bridges/workshop-reports';

/** The module's one permission: who sees the reports. */
export const readReportsPermission = 'reports.read' satisfies Permission;

/**
 * Reports (docs/reports.md): computed on the device from the local database, offline, read-only (no
 * tables of its own). Each module's figures and registers are a bridge with that module, so a company
 * sees only what its modules hold, and a user only with `reports.read`.
 */
export const reportsModule = defineModule({
  id: 'reports',
  name: 'Reports',
  description: 'Monthly summary, charts, legal registers, exports for the accountant',
  requires: ['core'],
  uses: ['workshop', 'accounting', 'warehouse', 'sms', 'appointments'],
  tables: [],
  serverTables: [],
  permissions: [readReportsPermission],
  bridges: [workshopReportsBridge, accountingReportsBridge, warehouseReportsBridge, smsReportsBridge, appointmentsReportsBridge],
});

export * from './bridges/accounting-reports';
export * from './bridges/appointments-reports';
export * from './bridges/sms-reports';
export * from './bridges/warehouse-reports';
export * from './bridges/workshop-reports';
export * from './glance';
