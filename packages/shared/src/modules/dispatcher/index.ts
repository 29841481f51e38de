import { defineModule } from '../../module-kit';

/** Not built yet: its definition (entitlements, dependencies) is what exists; its tables come with it. */
export const dispatcherModule = defineModule({
  id: 'dispatcher',
  name: 'Dispatcher',
  description: 'Map, assignment, statuses, comments',
  requires: ['logistics'],
  uses: [],
  tables: [],
  serverTables: [],
  permissions: ['routes.manage'],
  bridges: [],
});
