import { defineModule } from '../../module-kit';

/** Not built yet: its definition (entitlements, dependencies) is what exists; its tables come with it. */
export const cloudSyncModule = defineModule({
  id: 'cloud_sync',
  name: 'Cloud sync',
  description: 'Server account, sync between devices, automatic backup',
  requires: ['core'],
  uses: [],
  tables: [],
  serverTables: [],
  permissions: [],
  bridges: [],
});
