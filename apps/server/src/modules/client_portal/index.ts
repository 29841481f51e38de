import { defineServerModule } from '../../module-kit';
import * as m0017 from './migrations/0017_client_portal_links-decisions';
import { portalRoutes } from './portal.routes';

/** The client portal: an order's public page for the customer, and their decisions on its estimate. */
export const clientPortalServer = defineServerModule({
  id: 'client_portal',
  routes: [portalRoutes],
  syncHooks: [],
  migrations: {
    '0017_client_portal_links-decisions': m0017,
  },
  bridges: [],
});
