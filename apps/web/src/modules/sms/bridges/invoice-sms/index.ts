import { defineAsyncComponent } from 'vue';
import { contribute, type WebBridge } from '@/app/module-kit';
import { invoiceActions } from '@/modules/accounting/slots';

/**
 * `invoice_sms`: the "invoice issued" SMS from an issued invoice's page. It exists only when sms and
 * accounting are both on; accounting draws its `invoiceActions` slot without knowing who fills it.
 */
export const invoiceSmsBridge: WebBridge = {
  id: 'invoice_sms',
  with: ['accounting'],
  contributes: [
    contribute(invoiceActions, { component: defineAsyncComponent(() => import('./InvoiceSmsAction.vue')), permissions: ['messages.send'] }),
  ],
};
