import { defineAsyncComponent } from 'vue';
import { contribute, type WebBridge } from '@/app/module-kit';
import { orderActions } from '@/modules/workshop/slots';
import { invoiceSources } from '../../slots';
import { orderInvoiceSource } from './from-order';

/**
 * `order_invoicing`: invoicing a workshop order. It exists only when accounting and workshop are both
 * on: the order page's "Issue the invoice" / "View the invoice", and a new invoice made from an order.
 * Workshop never imports accounting; it draws its `orderActions` slot, filled from here.
 */
export const orderInvoicingBridge: WebBridge = {
  id: 'order_invoicing',
  with: ['workshop'],
  contributes: [
    // Someone without invoices (a mechanic) neither issues them nor has them on the device to open.
    contribute(orderActions, { component: defineAsyncComponent(() => import('./OrderInvoiceActions.vue')), permissions: ['invoices.issue'] }),
    contribute(invoiceSources, orderInvoiceSource),
  ],
};
