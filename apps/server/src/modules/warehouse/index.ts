import { defineServerModule } from '../../module-kit';
import * as m0034 from './migrations/0034_warehouse_stock';
import * as m0037 from './migrations/0037_warehouse_tyre-sets';
import * as m0038 from './migrations/0038_warehouse_tyre-reminders';
import * as m0042 from './migrations/0042_warehouse_counts';
import * as m0044 from './migrations/0044_warehouse_stock-minimums';
import * as m0045 from './migrations/0045_warehouse_tyre-set-photos';
import * as m0046 from './migrations/0046_warehouse_season-windows';
import { countRoutes } from './count.routes';
import { movementsSyncHook } from './movements.sync';
import { warehouseSeriesRoutes } from './series.routes';
import * as m0039 from './migrations/0039_warehouse_documents';
import { tyrePhotoRoutes } from './tyre-photos.routes';
import { tyreReminderRoutes } from './tyre-reminders';
import { tyreSetsRoutes } from './tyre-sets.routes';
import { warehouseRoutes } from './warehouse.routes';

/** The warehouse module on the server: stock (docs/warehouse.md) and the tyre hotel (docs/tyre-hotel.md). */
export const warehouseServer = defineServerModule({
  id: 'warehouse',
  routes: [warehouseRoutes, tyreSetsRoutes, tyreReminderRoutes, countRoutes, warehouseSeriesRoutes, tyrePhotoRoutes],
  syncHooks: [movementsSyncHook],
  migrations: {
    '0034_warehouse_stock': m0034,
    '0037_warehouse_tyre-sets': m0037,
    '0038_warehouse_tyre-reminders': m0038,
    '0042_warehouse_counts': m0042,
    '0039_warehouse_documents': m0039,
    '0044_warehouse_stock-minimums': m0044,
    '0045_warehouse_tyre-set-photos': m0045,
    '0046_warehouse_season-windows': m0046,
  },
  bridges: [],
});
