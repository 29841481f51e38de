import type { WebModule } from '@/app/modules';
import { accountingRuleMessages } from './rule-messages';

/** Accounting: the company's fiscal profile, invoice series, invoices and credit notes, documents. */
export const accountingModule: WebModule = {
  id: 'accounting',
  routes: [
    { path: '/company', name: 'company', component: () => import('./pages/CompanyPage.vue') },
    { path: '/invoices', name: 'invoices', component: () => import('./pages/InvoicesPage.vue') },
    { path: '/invoices/new', name: 'invoice-new', component: () => import('./pages/InvoiceNewPage.vue') },
    { path: '/invoices/:id', name: 'invoice', component: () => import('./pages/InvoiceDetailPage.vue'), props: true },
  ],
  nav: [
    { to: '/invoices', labelKey: 'nav.invoices', icon: 'receipt', order: 12 },
    { to: '/company', labelKey: 'nav.company', icon: 'building', order: 40 },
  ],
  ruleMessages: accountingRuleMessages,
};
