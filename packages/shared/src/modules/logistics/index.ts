import { defineModule } from '../../module-kit';

/** Not built yet: its definition (entitlements, dependencies) is what exists; its tables come with it. */
export const logisticsModule = defineModule({
  id: 'logistics',
  name: 'Logistics',
  description: 'Delivery points, routes, drivers, ETA',
  requires: ['core'],
  uses: [],
  tables: [],
  serverTables: [],
  permissions: ['routes.manage', 'routes.drive'],
  bridges: [],
});
