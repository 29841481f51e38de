import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const tables: Record<string, Column[]> = {
  logistics_settings: [
    ['depot_name', 'text'], ['depot_address', 'text'], ['depot_lat', 'text'], ['depot_lon', 'text'],
    ['depot_opens', 'text', 'not null'], ['depot_closes', 'text', 'not null'], ['speed_kmh', 'integer', 'not null'],
  ],
  delivery_points: [
    ['client_id', 'text'], ['name', 'text', 'not null'], ['address', 'text', 'not null'], ['lat', 'text'], ['lon', 'text'],
    ['geocode_source', 'text', 'not null'], ['window_from', 'text'], ['window_to', 'text'], ['service_minutes', 'integer', 'not null'],
    ['access_notes', 'text'], ['contact_name', 'text'], ['contact_phone', 'text'], ['demand_kg', 'text'], ['demand_m3', 'text'],
    ['demand_pallets', 'integer'], ['active', 'integer', 'not null'],
  ],
  logistics_vehicles: [
    ['name', 'text', 'not null'], ['plate', 'text'], ['capacity_kg', 'text'], ['capacity_m3', 'text'], ['capacity_pallets', 'integer'],
    ['active', 'integer', 'not null'],
  ],
  routes: [
    ['date', 'text', 'not null'], ['vehicle_id', 'text', 'not null'], ['driver_user_id', 'text'], ['depot_lat', 'text'], ['depot_lon', 'text'],
    ['depot_opens', 'text', 'not null'], ['depot_closes', 'text', 'not null'], ['status', 'text', 'not null'],
    ['planned_departure_s', 'integer'], ['planned_return_s', 'integer'], ['planned_distance_m', 'integer', 'not null'],
    ['planned_duration_s', 'integer', 'not null'],
  ],
  route_stops: [
    ['route_id', 'text', 'not null'], ['point_id', 'text', 'not null'], ['sequence', 'integer', 'not null'], ['demand_kg', 'text'],
    ['demand_m3', 'text'], ['demand_pallets', 'integer'], ['planned_arrival_s', 'integer'], ['planned_departure_s', 'integer'],
    ['status', 'text', 'not null'], ['fail_reason', 'text'], ['arrived_at', 'text'], ['done_at', 'text'],
  ],
};

/** The logistics module's synced tables: its settings (the depot), delivery points, vehicles, routes and their stops. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(tables)) {
    let t = createSyncedTable(db, name);
    for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    await indexSyncedTable(db, name);
  }
  // A day's routes (the routes-per-day limit, the planning page), a driver's routes (their scope), a route's stops.
  await db.schema.createIndex('routes_tenant_date_idx').on('routes').columns(['tenant_id', 'date']).execute();
  await db.schema.createIndex('routes_tenant_driver_idx').on('routes').columns(['tenant_id', 'driver_user_id']).execute();
  await db.schema.createIndex('route_stops_tenant_route_idx').on('route_stops').columns(['tenant_id', 'route_id']).execute();
  await db.schema.createIndex('route_stops_tenant_point_idx').on('route_stops').columns(['tenant_id', 'point_id']).execute();
  await enableTenantRls(db, Object.keys(tables));
}
