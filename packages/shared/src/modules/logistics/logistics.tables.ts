import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { searchKey } from '../../validation/search';
import { logisticsRefusals } from './refusals';
import { validHourRange } from './time';

const { refuse } = logisticsRefusals;

/** Where a delivery point's coordinates came from: the geocoder, a pin (or typed by hand), or none yet. */
export const geocodeSources = ['geocoder', 'pin', 'none'] as const;
export type GeocodeSource = (typeof geocodeSources)[number];

/** A route's life: planned by the dispatcher, driven (active), done. */
export const routeStatuses = ['planned', 'active', 'done'] as const;
export type RouteStatus = (typeof routeStatuses)[number];

/** A stop's life on the road (the driver's app fills the last three). */
export const stopStatuses = ['pending', 'arrived', 'delivered', 'failed'] as const;
export type StopStatus = (typeof stopStatuses)[number];

/** Both coordinates or neither, each within its range. */
export function validCoordinates(lat: string | null, lon: string | null): boolean {
  if (lat === null && lon === null) return true;
  if (lat === null || lon === null) return false;
  const a = Number(lat);
  const o = Number(lon);
  return Number.isFinite(a) && Number.isFinite(o) && Math.abs(a) <= 90 && Math.abs(o) <= 180;
}

const optionalWindow = (from: string | null, to: string | null) =>
  (from === null && to === null) || (from !== null && to !== null && validHourRange(from, to));

/** The company's logistics settings (one row: the oldest, if two devices each made one offline): the depot and its hours. */
export const logisticsSettingsTable = defineTable({
  name: 'logistics_settings',
  module: 'logistics',
  columns: {
    depot_name: col.text(120, { nullable: true }),
    depot_address: col.text(300, { nullable: true }),
    depot_lat: col.decimal(6, { nullable: true }),
    depot_lon: col.decimal(6, { nullable: true }),
    /** The depot's hours: vehicles leave at `depot_opens` at the earliest and are back by `depot_closes`. */
    depot_opens: col.text(5),
    depot_closes: col.text(5),
    /** The average speed of the straight-line estimate, km/h (offline, or without a routing engine). */
    speed_kmh: col.integer({ min: 5, max: 130 }),
  },
  indexes: [],
  writePermission: 'routes.manage',
  conflict: 'field',
  check: ({ row, deleting }) => {
    if (deleting) return null;
    if (!validHourRange(row.depot_opens, row.depot_closes)) return refuse('logistics.hour_format');
    if (!validCoordinates(row.depot_lat, row.depot_lon)) return refuse('logistics.coordinates');
    return null;
  },
});

export type LogisticsSettings = {
  depot_name: string | null; depot_address: string | null; depot_lat: string | null; depot_lon: string | null;
  depot_opens: string; depot_closes: string; speed_kmh: number;
};

export const defaultLogisticsSettings: LogisticsSettings = {
  depot_name: null, depot_address: null, depot_lat: null, depot_lon: null, depot_opens: '08:00', depot_closes: '18:00', speed_kmh: 40,
};

/** The settings in force: the oldest row (two devices may each have made one offline), or the defaults. */
export function effectiveLogisticsSettings(rows: readonly (LogisticsSettings & { id: string; created_at: string })[]): LogisticsSettings {
  const row = [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0];
  if (!row) return { ...defaultLogisticsSettings };
  return {
    depot_name: row.depot_name, depot_address: row.depot_address, depot_lat: row.depot_lat, depot_lon: row.depot_lon,
    depot_opens: row.depot_opens, depot_closes: row.depot_closes, speed_kmh: row.speed_kmh,
  };
}

/**
 * A place deliveries go to: a customer's address (with `client_id`, when it is one of core's customers) with its
 * coordinates, the window deliveries are accepted in, how long a delivery takes there and what usually goes.
 * A driver reads only the points of their own stops.
 */
export const deliveryPointsTable = defineTable({
  name: 'delivery_points',
  module: 'logistics',
  columns: {
    client_id: col.id({ nullable: true, references: 'clients' }),
    name: col.text(120),
    address: col.text(300),
    lat: col.decimal(6, { nullable: true }),
    lon: col.decimal(6, { nullable: true }),
    geocode_source: col.enum(geocodeSources),
    /** The window the delivery may start in, "HH:MM" (both or neither: none is the depot's hours). */
    window_from: col.text(5, { nullable: true }),
    window_to: col.text(5, { nullable: true }),
    service_minutes: col.integer({ min: 0, max: 600 }),
    access_notes: col.text(500, { nullable: true }),
    contact_name: col.text(120, { nullable: true }),
    contact_phone: col.text(30, { nullable: true }),
    /** What a delivery there usually is: kg, m³ and pallets (a stop may say otherwise). */
    demand_kg: col.decimal(2, { nullable: true }),
    demand_m3: col.decimal(3, { nullable: true }),
    demand_pallets: col.integer({ nullable: true, min: 0, max: 1000 }),
    active: col.boolean(),
  },
  indexes: [['client_id']],
  writePermission: 'routes.manage',
  read: { all: 'routes.manage', referencedBy: [{ table: 'route_stops', column: 'point_id' }] },
  conflict: 'field',
  check: ({ row, deleting }) => {
    if (deleting) return null;
    if (!row.name.trim()) return refuse('logistics.name_required');
    if (!optionalWindow(row.window_from, row.window_to)) return refuse('logistics.hour_format');
    if (!validCoordinates(row.lat, row.lon)) return refuse('logistics.coordinates');
    return null;
  },
  search: (row) => searchKey(`${row.name} ${row.address} ${row.contact_name ?? ''}`),
});

/** A delivery vehicle and its capacity in kg, m³ and pallets (none: not limited in that measure). */
export const logisticsVehiclesTable = defineTable({
  name: 'logistics_vehicles',
  module: 'logistics',
  columns: {
    name: col.text(80),
    plate: col.text(20, { nullable: true }),
    capacity_kg: col.decimal(2, { nullable: true }),
    capacity_m3: col.decimal(3, { nullable: true }),
    capacity_pallets: col.integer({ nullable: true, min: 0, max: 1000 }),
    active: col.boolean(),
  },
  indexes: [],
  writePermission: 'routes.manage',
  read: { all: 'routes.manage', referencedBy: [{ table: 'routes', column: 'vehicle_id' }] },
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.name.trim() ? null : refuse('logistics.name_required')),
});

/**
 * A vehicle's route on a day, with its driver (a user with `routes.drive`) and the depot it starts from and
 * returns to (copied from the settings when planned). A driver reads only the routes assigned to them.
 */
export const routesTable = defineTable({
  name: 'routes',
  module: 'logistics',
  columns: {
    date: col.date(),
    vehicle_id: col.id({ references: 'logistics_vehicles' }),
    driver_user_id: col.id({ nullable: true, references: 'users' }),
    depot_lat: col.decimal(6, { nullable: true }),
    depot_lon: col.decimal(6, { nullable: true }),
    depot_opens: col.text(5),
    depot_closes: col.text(5),
    status: col.enum(routeStatuses),
    /** The plan: leaving the depot and back, seconds since the day's midnight; its length in metres and seconds. */
    planned_departure_s: col.integer({ nullable: true, min: 0, max: 172_800 }),
    planned_return_s: col.integer({ nullable: true, min: 0, max: 172_800 }),
    planned_distance_m: col.integer({ min: 0 }),
    planned_duration_s: col.integer({ min: 0 }),
  },
  indexes: [['date'], ['driver_user_id']],
  writePermission: 'routes.manage',
  read: { all: 'routes.manage', assigned: { permission: 'routes.drive', column: 'driver_user_id' } },
  conflict: 'field',
  check: ({ row, deleting }) => {
    if (deleting) return null;
    if (!validHourRange(row.depot_opens, row.depot_closes)) return refuse('logistics.hour_format');
    if (!validCoordinates(row.depot_lat, row.depot_lon)) return refuse('logistics.coordinates');
    return null;
  },
});

/**
 * A stop of a route: the delivery point, its place in the route, what it delivers and its planned arrival (ETA)
 * and departure; the driver's app fills its status, the failure's reason and the times.
 */
export const routeStopsTable = defineTable({
  name: 'route_stops',
  module: 'logistics',
  columns: {
    route_id: col.id({ references: 'routes' }),
    point_id: col.id({ references: 'delivery_points' }),
    sequence: col.integer({ min: 0, max: 10_000 }),
    demand_kg: col.decimal(2, { nullable: true }),
    demand_m3: col.decimal(3, { nullable: true }),
    demand_pallets: col.integer({ nullable: true, min: 0, max: 1000 }),
    planned_arrival_s: col.integer({ nullable: true, min: 0, max: 172_800 }),
    planned_departure_s: col.integer({ nullable: true, min: 0, max: 172_800 }),
    status: col.enum(stopStatuses),
    fail_reason: col.text(300, { nullable: true }),
    arrived_at: col.timestamp({ nullable: true }),
    done_at: col.timestamp({ nullable: true }),
  },
  indexes: [['route_id'], ['point_id']],
  writePermission: 'routes.manage',
  read: { all: 'routes.manage', withParent: true },
  parent: { table: 'routes', column: 'route_id' },
  conflict: 'field',
});
