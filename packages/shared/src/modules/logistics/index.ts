import { defineModule } from '../../module-kit';
import {
  deliveryPointsTable, logisticsSettingsTable, logisticsVehiclesTable, routeStopsTable, routesTable,
} from './logistics.tables';
import { logisticsRefusals } from './refusals';

/**
 * Delivery points, vehicles, a day's routes and their stops (docs/logistics.md), planned by the route optimiser
 * (`routing/`, docs/logistics-routing.md). A driver (`routes.drive`) reads only the routes assigned to them,
 * their stops, points and vehicles.
 */
export const logisticsModule = defineModule({
  id: 'logistics',
  name: 'Logistics',
  description: 'Delivery points, routes, drivers, ETA',
  requires: ['core'],
  uses: [],
  tables: [logisticsSettingsTable, deliveryPointsTable, logisticsVehiclesTable, routesTable, routeStopsTable],
  serverTables: [],
  permissions: ['routes.manage', 'routes.drive'],
  bridges: [],
  refusals: logisticsRefusals.texts,
});

// The module's public API (re-exported by the package's index through the list file).
export * from './routing';
export * from './logistics.tables';
export * from './planning';
export * from './time';
export { logisticsRefusals } from './refusals';
