import { defineBridge } from '../../../../module-kit';

/**
 * Invoicing a repair order: the invoice made from an order's lines, the order marked FACTURAT by its
 * invoice, the "Invoice this order" action and the link from an order to its invoice. Only when both
 * workshop and accounting are on.
 */
export const orderInvoicingBridge = defineBridge({
  id: 'order_invoicing',
  owner: 'accounting',
  with: 'workshop',
  description: 'Invoice a repair order from its lines; the order follows its invoice (FACTURAT)',
});

export * from './order-invoicing';
