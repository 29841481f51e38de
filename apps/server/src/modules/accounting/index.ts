import { defineServerModule } from '../../module-kit';
import { accountingRoutes } from './accounting.routes';
import { orderInvoicingServer } from './bridges/order-invoicing';
import { efacturaRoutes } from './efactura/efactura.routes';
import * as m0006 from './migrations/0006_accounting_invoices';
import * as m0029 from './migrations/0029_accounting_payments-receipts';
import * as m0031 from './migrations/0031_accounting_efactura';
import * as m0032 from './migrations/0032_accounting_received-invoices';
import { paymentsSyncHook } from './payments.sync';

export const accountingServer = defineServerModule({
  id: 'accounting',
  routes: [accountingRoutes, efacturaRoutes],
  syncHooks: [paymentsSyncHook],
  migrations: {
    '0006_accounting_invoices': m0006,
    '0029_accounting_payments-receipts': m0029,
    '0031_accounting_efactura': m0031,
    '0032_accounting_received-invoices': m0032,
  },
  bridges: [orderInvoicingServer],
});
