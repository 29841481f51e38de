import { defineServerModule } from '../../module-kit';
import { accountingRoutes } from './accounting.routes';
import { orderInvoicingServer } from './bridges/order-invoicing';
import * as m0006 from './migrations/0006_accounting_invoices';

export const accountingServer = defineServerModule({
  id: 'accounting',
  routes: [accountingRoutes],
  syncHooks: [],
  migrations: {
    '0006_accounting_invoices': m0006,
  },
  bridges: [orderInvoicingServer],
});
