import { defineModule } from '../../module-kit';

/** Not built yet: its definition (entitlements, dependencies) is what exists; its tables come with it. */
export const clientPortalModule = defineModule({
  id: 'client_portal',
  name: 'Client portal',
  description: 'A public link per order: the customer sees the estimate and accepts or rejects it',
  requires: ['workshop', 'cloud_sync'],
  uses: [],
  tables: [],
  serverTables: [],
  permissions: [],
  bridges: [],
});
