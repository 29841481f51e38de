import { defineServerModule } from '../../module-kit';
import { logisticsRoutes } from './logistics.routes';
import * as m0053 from './migrations/0053_logistics_routes';
import { routesLimitSyncHook } from './routes-limit.sync';

/** The logistics module on the server (docs/logistics.md). */
export const logisticsServer = defineServerModule({
  id: 'logistics',
  routes: [logisticsRoutes],
  syncHooks: [routesLimitSyncHook],
  migrations: {
    '0053_logistics_routes': m0053,
  },
  bridges: [],
});
