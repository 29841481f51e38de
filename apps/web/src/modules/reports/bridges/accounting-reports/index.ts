import { invoicesTable } from '@roaauto/shared';
import { contribute, type WebBridge } from '@/app/module-kit';
import { lazyCompute } from '../../glance/lazy';
import { readReports } from '../../permissions';
import { glanceSources } from '../../slots';
import { accountantPackageFiles } from './handoff/slots';

const journalPage = () => import('./pages/JournalPage.vue');

/**
 * `accounting_reports`: what the reports show of the accounting module's data, only while it is on: the
 * accountant's hand-off, and the sales and purchase journals (VAT registers) of a month with their PDF and
 * spreadsheets.
 */
export const accountingReportsBridge: WebBridge = {
  id: 'accounting_reports',
  with: ['accounting'],
  routes: [
    { path: '/reports/accountant', name: 'reports-accountant', component: () => import('./handoff/AccountantPage.vue') },
    { path: '/reports/sales-journal', name: 'sales-journal', component: journalPage, props: { kind: 'sales' } },
    { path: '/reports/purchase-journal', name: 'purchase-journal', component: journalPage, props: { kind: 'purchases' } },
  ],
  nav: [
    { to: '/reports/accountant', labelKey: 'reports.accountant.nav', icon: 'clipboard', order: 16, permissions: [readReports] },
    { to: '/reports/sales-journal', labelKey: 'reports.journals.nav', icon: 'clipboard', order: 17, permissions: [readReports] },
  ],
  // Invoices are read only with the permission they are read with on the device.
  contributes: [
    contribute(glanceSources, { id: 'accounting', order: 2, compute: lazyCompute('accountingGlance'), permissions: [invoicesTable.read?.all ?? invoicesTable.writePermission] }),
    // The month's journals as CSV in the accountant's package.
    contribute(accountantPackageFiles, async (month) => {
      const [{ journalPackageFiles }, { i18n }, { useDatabase }] = await Promise.all([import('./journal-package'), import('@/app/i18n'), import('@/app/database')]);
      return journalPackageFiles((key, values) => i18n.global.t(key, values ?? {}), await useDatabase().ready(), month);
    }),
  ],
};
