import {
  newId, routeTimes, secondsOfHhmm, straightLineMatrix, type DayPlan, type GeoPoint, type LogisticsSettings, type PlanInput, type TravelMatrix,
  type WriteOp,
} from '@roaauto/shared';

/** A delivery point as the pages read it from the local database. */
export type PointRow = {
  id: string; name: string; address: string; lat: string | null; lon: string | null; geocode_source: string; window_from: string | null;
  window_to: string | null; service_minutes: number; access_notes: string | null; contact_name: string | null; contact_phone: string | null;
  demand_kg: string | null; demand_m3: string | null; demand_pallets: number | null; active: number; client_id: string | null;
};

export type VehicleRow = {
  id: string; name: string; plate: string | null; capacity_kg: string | null; capacity_m3: string | null; capacity_pallets: number | null; active: number;
};

/** Road tables from the server's routing engine, or null: the straight-line estimate is used. */
export type RoadTables = { distances: number[][]; durations: number[][] } | null;

const num = (v: string | number | null) => (v === null || v === '' ? null : Number(v));

export function pointLocation(p: { lat: string | null; lon: string | null }): GeoPoint | null {
  return p.lat !== null && p.lon !== null ? { lat: Number(p.lat), lon: Number(p.lon) } : null;
}

export function depotLocation(s: LogisticsSettings): GeoPoint | null {
  return s.depot_lat !== null && s.depot_lon !== null ? { lat: Number(s.depot_lat), lon: Number(s.depot_lon) } : null;
}

/** The optimiser's input from the chosen points, vehicles (with drivers) and the depot. */
export function planInput(
  depot: GeoPoint, settings: LogisticsSettings, points: readonly PointRow[], vehicles: readonly (VehicleRow & { driverUserId: string | null })[],
): PlanInput {
  return {
    depot: { location: depot, opens: settings.depot_opens, closes: settings.depot_closes },
    stops: points.map((p) => ({
      pointId: p.id, location: pointLocation(p), windowFrom: p.window_from, windowTo: p.window_to, serviceMinutes: p.service_minutes,
      demand: [num(p.demand_kg) ?? 0, num(p.demand_m3) ?? 0, p.demand_pallets ?? 0],
    })),
    vehicles: vehicles.map((v) => ({ vehicleId: v.id, driverUserId: v.driverUserId, capacity: [num(v.capacity_kg), num(v.capacity_m3), v.capacity_pallets] })),
  };
}

/** A matrix from the server's tables, or the straight-line estimate at the company's speed. */
export function travelMatrix(points: readonly GeoPoint[], tables: RoadTables, speedKmh: number): TravelMatrix {
  if (tables && tables.distances.length === points.length) {
    const { distances, durations } = tables;
    return {
      size: points.length,
      distance: (i, j) => distances[i]?.[j] ?? Number.POSITIVE_INFINITY,
      duration: (i, j) => durations[i]?.[j] ?? Number.POSITIVE_INFINITY,
    };
  }
  return straightLineMatrix(points, { speedKmh });
}

/** The rows a plan writes: one route per vehicle used and its stops, with their ETAs, for `date`. */
export function planWrites(plan: DayPlan, input: PlanInput, date: string, settings: LogisticsSettings): WriteOp[] {
  const points = new Map(input.stops.map((s) => [s.pointId, s]));
  const ops: WriteOp[] = [];
  for (const r of plan.routes) {
    const routeId = newId();
    ops.push({
      op: 'create', table: 'routes', data: {
        id: routeId, date, vehicle_id: r.vehicleId, driver_user_id: r.driverUserId, depot_lat: settings.depot_lat, depot_lon: settings.depot_lon,
        depot_opens: settings.depot_opens, depot_closes: settings.depot_closes, status: 'planned', planned_departure_s: r.departure,
        planned_return_s: r.finish, planned_distance_m: r.distance, planned_duration_s: r.duration,
      },
    });
    for (const s of r.stops) {
      const p = points.get(s.pointId);
      ops.push({
        op: 'create', table: 'route_stops', data: {
          route_id: routeId, point_id: s.pointId, sequence: s.sequence, demand_kg: decimalText(p?.demand[0] ?? null, 2),
          demand_m3: decimalText(p?.demand[1] ?? null, 3), demand_pallets: p?.demand[2] ?? null, planned_arrival_s: s.begin,
          planned_departure_s: s.departure, status: 'pending', fail_reason: null, arrived_at: null, done_at: null,
        },
      });
    }
  }
  return ops;
}

/** A number as a decimal column's text (at most `scale` decimals), null for none or zero. */
export function decimalText(value: number | null, scale: number): string | null {
  if (value === null || !Number.isFinite(value) || value === 0) return null;
  return String(Number(value.toFixed(scale)));
}

export type StopForTimes = { id: string; lat: string | null; lon: string | null; window_from: string | null; window_to: string | null; service_minutes: number };

/**
 * The writes of a route driven in `stops`' order (after a hand reorder): every stop's sequence and ETA and the
 * route's times and length, recomputed on the straight-line estimate (offline as online). Stops without
 * coordinates keep their place and get no ETA.
 */
export function reorderWrites(
  route: { id: string; depot_lat: string | null; depot_lon: string | null; depot_opens: string; depot_closes: string },
  stops: readonly StopForTimes[], speedKmh: number,
): { ops: WriteOp[]; late: Set<string> } {
  const depot = pointLocation({ lat: route.depot_lat, lon: route.depot_lon });
  const located = stops.filter((s) => pointLocation(s) !== null);
  const ops: WriteOp[] = [];
  const late = new Set<string>();
  if (!depot) {
    stops.forEach((s, i) => ops.push({ op: 'update', table: 'route_stops', id: s.id, patch: { sequence: i + 1 } }));
    return { ops, late };
  }
  const matrix = straightLineMatrix([depot, ...located.map((s) => pointLocation(s) as GeoPoint)], { speedKmh });
  const times = routeTimes(matrix, 0, located.map((s, i) => ({
    location: i + 1, earliest: s.window_from ? secondsOfHhmm(s.window_from) : null, latest: s.window_to ? secondsOfHhmm(s.window_to) : null,
    serviceSeconds: s.service_minutes * 60,
  })), secondsOfHhmm(route.depot_opens), secondsOfHhmm(route.depot_closes));
  const byId = new Map(located.map((s, i) => [s.id, times.stops[i]]));
  stops.forEach((s, i) => {
    const t = byId.get(s.id);
    if (t?.late) late.add(s.id);
    ops.push({ op: 'update', table: 'route_stops', id: s.id, patch: { sequence: i + 1, planned_arrival_s: t ? t.begin : null, planned_departure_s: t ? t.departure : null } });
  });
  ops.push({
    op: 'update', table: 'routes', id: route.id, patch: {
      planned_departure_s: times.departure, planned_return_s: times.finish, planned_distance_m: times.distance, planned_duration_s: times.finish - times.departure,
    },
  });
  return { ops, late };
}
