import { defineAsyncComponent } from 'vue';
import { contribute, defineWebModule } from '@/app/module-kit';
import { companySections, customerSections, firstSteps, homeFigures } from '@/modules/core/slots';
import { clientInvoiceSource } from './customer-invoices';
import { invoiceSources } from './slots';
import { orderInvoicingBridge } from './bridges/order-invoicing';
import { invoiceActions } from './slots';
import { accountingMessages } from './messages';

/** Accounting: invoice series, invoices and credit notes, their PDF and e-Factura XML. */
export const accountingModule = defineWebModule({
  id: 'accounting',
  routes: [
    { path: '/invoices', name: 'invoices', component: () => import('./pages/invoices/InvoicesPage.vue') },
    { path: '/invoices/new', name: 'invoice-new', component: () => import('./pages/invoices/InvoiceNewPage.vue') },
    { path: '/invoices/:id', name: 'invoice', component: () => import('./pages/invoices/InvoiceDetailPage.vue'), props: true },
    { path: '/receivables', name: 'receivables', component: () => import('./pages/receivables/ReceivablesPage.vue') },
    { path: '/efactura', name: 'efactura', component: () => import('./efactura/EfacturaPage.vue') },
    { path: '/efactura/received', name: 'efactura-received', component: () => import('./efactura/ReceivedInvoicesPage.vue') },
  ],
  // Invoices are read only with `invoices.issue` (their tables' read scope): nobody else gets their pages or parts.
  nav: [
    { to: '/invoices', labelKey: 'accounting.nav.invoices', icon: 'receipt', order: 12, permissions: ['invoices.issue'] },
    { to: '/receivables', labelKey: 'accounting.receivables.nav', icon: 'book', order: 13, permissions: ['invoices.issue'] },
    { to: '/efactura', labelKey: 'accounting.efactura.nav', icon: 'receipt', order: 14, permissions: ['invoices.issue'] },
  ],
  messages: accountingMessages,
  contributes: [
    contribute(customerSections, { component: defineAsyncComponent(() => import('./components/CustomerInvoices.vue')), order: 30, permissions: ['invoices.issue'] }),
    contribute(homeFigures, { component: defineAsyncComponent(() => import('./components/ReceivableFigures.vue')), order: 20, permissions: ['invoices.issue'] }),
    contribute(invoiceSources, clientInvoiceSource),
    contribute(companySections, { component: defineAsyncComponent(() => import('./components/InvoiceSeriesSection.vue')), permissions: ['invoices.issue'] }),
    contribute(invoiceActions, { component: defineAsyncComponent(() => import('./components/InvoiceEmailAction.vue')), order: 10, permissions: ['documents.print'] }),
    contribute(firstSteps, {
      id: 'invoice', labelKey: 'accounting.firstRun.invoice', hintKey: 'accounting.firstRun.invoiceHint', to: '/invoices/new',
      tables: ['invoices'], doneSql: 'SELECT 1 FROM invoices', order: 30, permissions: ['invoices.issue'],
    }),
  ],
  bridges: [orderInvoicingBridge],
});
