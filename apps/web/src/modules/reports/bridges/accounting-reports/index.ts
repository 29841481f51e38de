import { invoicesTable } from '@roaauto/shared';
import { contribute, type WebBridge } from '@/app/module-kit';
import { lazyCompute } from '../../glance/lazy';
import { readReports } from '../../permissions';
import { glanceSources } from '../../slots';

/** `accounting_reports`: what the reports show of the accounting module's data, only while it is on. */
export const accountingReportsBridge: WebBridge = {
  id: 'accounting_reports',
  with: ['accounting'],
  routes: [{ path: '/reports/accountant', name: 'reports-accountant', component: () => import('./handoff/AccountantPage.vue') }],
  nav: [{ to: '/reports/accountant', labelKey: 'reports.accountant.nav', icon: 'clipboard', order: 16, permissions: [readReports] }],
  // Invoices are read only with the permission they are read with on the device.
  contributes: [contribute(glanceSources, { id: 'accounting', order: 2, compute: lazyCompute('accountingGlance'), permissions: [invoicesTable.read?.all ?? invoicesTable.writePermission] })],
};
