import { defineBridge } from '../../../../module-kit';

/** The "invoice issued" SMS from an issued invoice's page. Only when both sms and accounting are on. */
export const invoiceSmsBridge = defineBridge({
  id: 'invoice_sms',
  owner: 'sms',
  with: 'accounting',
  description: 'Send the "invoice issued" SMS from an invoice\'s page',
});
