import { defineServerModule } from '../../module-kit';
import { accountingRoutes } from './accounting.routes';
import { orderInvoicingServer } from './bridges/order-invoicing';
import * as m0006 from './migrations/0006_accounting_invoices';
import * as m0029 from './migrations/0029_accounting_payments-receipts';
import { paymentsSyncHook } from './payments.sync';

export const accountingServer = defineServerModule({
  id: 'accounting',
  routes: [accountingRoutes],
  syncHooks: [paymentsSyncHook],
  migrations: {
    '0006_accounting_invoices': m0006,
    '0029_accounting_payments-receipts': m0029,
  },
  bridges: [orderInvoicingServer],
});
