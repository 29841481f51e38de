import { defineServerModule } from '../../module-kit';
import { reportsRoutes } from './reports.routes';

/** Reports (docs/reports-accountant.md): computed on the device; the server only sends the accountant's package. */
export const reportsServer = defineServerModule({
  id: 'reports',
  routes: [reportsRoutes],
  syncHooks: [],
  migrations: {},
  bridges: [],
});
