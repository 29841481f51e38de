import { defineServerModule } from '../../module-kit';
import * as m0004 from './migrations/0004_workshop_vehicles';
import * as m0005 from './migrations/0005_workshop_orders-catalog';
import * as m0008 from './migrations/0008_workshop_order-mechanic';
import * as m0010 from './migrations/0010_workshop_vehicle-make-text';
import * as m0016 from './migrations/0016_workshop_order-client';
import * as m0018 from './migrations/0018_workshop_line-decision';
import * as m0023 from './migrations/0023_workshop_due-dates';
import * as m0019 from './migrations/0019_workshop_photos';
import * as m0020 from './migrations/0020_workshop_reception';
import * as m0041 from './migrations/0041_workshop_line-product';
import { ordersSyncHook } from './orders.sync';
import { photoRoutes } from './photos.routes';
import { receptionRoutes } from './reception.routes';
import { workshopRoutes } from './workshop.routes';

export const workshopServer = defineServerModule({
  id: 'workshop',
  routes: [workshopRoutes, photoRoutes, receptionRoutes],
  syncHooks: [ordersSyncHook],
  migrations: {
    '0004_workshop_vehicles': m0004,
    '0005_workshop_orders-catalog': m0005,
    '0008_workshop_order-mechanic': m0008,
    '0010_workshop_vehicle-make-text': m0010,
    '0016_workshop_order-client': m0016,
    '0018_workshop_line-decision': m0018,
    '0023_workshop_due-dates': m0023,
    '0019_workshop_photos': m0019,
    '0020_workshop_reception': m0020,
    '0041_workshop_line-product': m0041,
  },
  bridges: [],
});
