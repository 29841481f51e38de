import { defineServerModule } from '../../module-kit';
import * as m0034 from './migrations/0034_warehouse_stock';
import { warehouseRoutes } from './warehouse.routes';

/** The warehouse module on the server (docs/warehouse.md). */
export const warehouseServer = defineServerModule({
  id: 'warehouse',
  routes: [warehouseRoutes],
  syncHooks: [],
  migrations: {
    '0034_warehouse_stock': m0034,
  },
  bridges: [],
});
