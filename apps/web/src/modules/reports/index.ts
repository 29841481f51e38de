import { defineWebModule } from '@/app/module-kit';
import { accountingReportsBridge } from './bridges/accounting-reports';
import { appointmentsReportsBridge } from './bridges/appointments-reports';
import { smsReportsBridge } from './bridges/sms-reports';
import { warehouseReportsBridge } from './bridges/warehouse-reports';
import { workshopReportsBridge } from './bridges/workshop-reports';
import { reportsMessages } from './messages';
import { readReports } from './permissions';

/**
 * Reports (docs/reports.md): the month at a glance, the legal registers and the exports, computed on the
 * device. What each module adds is one of its bridges.
 */
export const reportsModule = defineWebModule({
  id: 'reports',
  routes: [{ path: '/reports', name: 'reports', component: () => import('./pages/ReportsPage.vue') }],
  nav: [{ to: '/reports', labelKey: 'reports.nav.reports', icon: 'clipboard', order: 15, permissions: [readReports] }],
  messages: reportsMessages,
  contributes: [],
  bridges: [workshopReportsBridge, accountingReportsBridge, warehouseReportsBridge, smsReportsBridge, appointmentsReportsBridge],
});
