import type { ServerBridge } from '../../../../module-kit';
import { orderInvoicedHook } from './order-invoiced.sync';

/** Invoicing a repair order on the server: a pushed invoice makes its order FACTURAT. */
export const orderInvoicingServer: ServerBridge = {
  id: 'order_invoicing',
  routes: [],
  syncHooks: [orderInvoicedHook],
};
