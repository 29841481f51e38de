import type { WebBridge } from '@/app/module-kit';
import { readReports } from '../../permissions';

/** `accounting_reports`: what the reports show of the accounting module's data, only while it is on. */
export const accountingReportsBridge: WebBridge = {
  id: 'accounting_reports',
  with: ['accounting'],
  routes: [{ path: '/reports/accountant', name: 'reports-accountant', component: () => import('./handoff/AccountantPage.vue') }],
  nav: [{ to: '/reports/accountant', labelKey: 'reports.accountant.nav', icon: 'clipboard', order: 16, permissions: [readReports] }],
  contributes: [],
};
