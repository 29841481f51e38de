import { defineModule } from '../../module-kit';
import { portalDecisionsTable, portalLinksTable } from './portal.tables';
import { clientPortalRefusals } from './refusals';

/**
 * The client portal: a public link per order where the customer sees the estimate and approves or
 * declines each line; the decisions come back to the shop's devices by sync (docs/client-portal.md).
 */
export const clientPortalModule = defineModule({
  id: 'client_portal',
  name: 'Client portal',
  description: 'A public link per order: the customer sees the estimate and accepts or rejects it',
  requires: ['workshop', 'cloud_sync'],
  uses: [],
  tables: [portalLinksTable, portalDecisionsTable],
  serverTables: [],
  permissions: ['portal.links'],
  bridges: [],
  refusals: clientPortalRefusals.texts,
});

// The module's public API (re-exported by the package's index through the list file).
export * from './estimate';
export * from './portal.tables';
export { clientPortalRefusals } from './refusals';
