import { defineModule } from '../../module-kit';

/**
 * Mostly not built yet: its definition (entitlements, dependencies) and its route optimiser (`routing/`,
 * docs/logistics-routing.md) are what exists; its tables come with the rest.
 */
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

// The module's public API (re-exported by the package's index through the list file).
export * from './routing';
