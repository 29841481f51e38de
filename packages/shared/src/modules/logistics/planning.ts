import { solveRoutes } from './routing/solver';
import type { GeoPoint, RoutingStop, RoutingVehicle, SolveOptions, TravelMatrix, UnassignedReason } from './routing/types';
import { secondsOfHhmm } from './time';

/**
 * A day's plan from the module's rows: the chosen delivery points (with what each delivers), the chosen
 * vehicles (with their drivers) and the depot, on a travel matrix whose location 0 is the depot and
 * location i + 1 the i-th stop that has coordinates. Times are seconds since the day's midnight.
 */

/** The three measures a vehicle carries, in this order: kg, m³, pallets. */
export type Load = readonly [kg: number | null, m3: number | null, pallets: number | null];

export type PlanStopInput = {
  /** The delivery point's id: one stop per point. */
  pointId: string;
  location: GeoPoint | null;
  windowFrom: string | null;
  windowTo: string | null;
  serviceMinutes: number;
  demand: Load;
};

export type PlanVehicleInput = { vehicleId: string; driverUserId: string | null; capacity: Load };

export type PlanDepot = { location: GeoPoint; opens: string; closes: string };

export type PlanInput = { depot: PlanDepot; stops: readonly PlanStopInput[]; vehicles: readonly PlanVehicleInput[] };

/** Why a stop is not in the plan: the optimiser's reasons, or no coordinates to plan it with. */
export type PlanUnassignedReason = UnassignedReason | 'no_coordinates';

export type PlannedStop = { pointId: string; sequence: number; arrival: number; begin: number; departure: number };

export type PlannedDayRoute = {
  vehicleId: string;
  driverUserId: string | null;
  stops: PlannedStop[];
  departure: number;
  /** Back at the depot. */
  finish: number;
  distance: number;
  duration: number;
};

export type DayPlan = {
  routes: PlannedDayRoute[];
  unassigned: { pointId: string; reason: PlanUnassignedReason }[];
  distance: number;
  elapsedMs: number;
};

/** The depot and the located stops, in the order of the matrix's locations. */
export function planLocations(input: PlanInput): GeoPoint[] {
  return [input.depot.location, ...input.stops.flatMap((s) => (s.location ? [s.location] : []))];
}

const capacityVector = (load: Load) => load.map((v) => (v === null ? Number.POSITIVE_INFINITY : v));
const demandVector = (load: Load) => load.map((v) => v ?? 0);

/**
 * Splits the stops across the vehicles and orders each route (fewest vehicles, then shortest), within the
 * windows, capacities and the depot's hours. `matrix` is over `planLocations(input)`.
 */
export function planDay(input: PlanInput, matrix: TravelMatrix, options: SolveOptions = {}): DayPlan {
  const located = input.stops.filter((s) => s.location !== null);
  if (matrix.size !== located.length + 1) throw new Error(`the matrix has ${matrix.size} locations, the plan ${located.length + 1}`);
  const opens = secondsOfHhmm(input.depot.opens);
  const closes = secondsOfHhmm(input.depot.closes);
  const stops: RoutingStop[] = located.map((s, i) => ({
    id: s.pointId,
    location: i + 1,
    demand: demandVector(s.demand),
    earliest: s.windowFrom ? secondsOfHhmm(s.windowFrom) : opens,
    latest: s.windowTo ? secondsOfHhmm(s.windowTo) : closes,
    serviceTime: s.serviceMinutes * 60,
  }));
  const vehicles: RoutingVehicle[] = input.vehicles.map((v) => ({
    id: v.vehicleId, capacity: capacityVector(v.capacity), start: 0, end: 0, shiftStart: opens, shiftEnd: closes,
  }));
  const solution = solveRoutes({ stops, vehicles }, matrix, { timeLimitMs: 300, ...options });
  const drivers = new Map(input.vehicles.map((v) => [v.vehicleId, v.driverUserId]));
  return {
    routes: solution.routes.map((r) => ({
      vehicleId: r.vehicleId,
      driverUserId: drivers.get(r.vehicleId) ?? null,
      stops: r.visits.map((v, i) => ({ pointId: v.stopId, sequence: i + 1, arrival: Math.round(v.arrival), begin: Math.round(v.begin), departure: Math.round(v.departure) })),
      departure: Math.round(r.departure),
      finish: Math.round(r.finish),
      distance: Math.round(r.distance),
      duration: Math.round(r.finish - r.departure),
    })),
    unassigned: [
      ...input.stops.filter((s) => s.location === null).map((s) => ({ pointId: s.pointId, reason: 'no_coordinates' as const })),
      ...solution.unassigned.map((u) => ({ pointId: u.stopId, reason: u.reason })),
    ],
    distance: Math.round(solution.distance),
    elapsedMs: solution.elapsedMs,
  };
}

/** A stop of a route in its order, for `routeTimes`: its matrix location, window and service. */
export type TimedStop = { location: number; earliest: number | null; latest: number | null; serviceSeconds: number };

export type RouteTimes = {
  departure: number;
  stops: { arrival: number; begin: number; departure: number; late: boolean }[];
  finish: number;
  distance: number;
  /** Back after the depot closes. */
  lateReturn: boolean;
};

/**
 * The times of a route driven in the given order (after a hand reorder): leaving the depot (location `depot`)
 * at `opens` or later, as late as the first window allows, waiting at a door that opens later; a stop reached
 * after its window closes is `late` (the order is the dispatcher's: it is kept, and flagged).
 */
export function routeTimes(matrix: TravelMatrix, depot: number, stops: readonly TimedStop[], opens: number, closes: number): RouteTimes {
  const first = stops[0];
  const departure = first && first.earliest !== null ? Math.max(opens, first.earliest - matrix.duration(depot, first.location)) : opens;
  let time = departure;
  let at = depot;
  let distance = 0;
  const out: RouteTimes['stops'] = [];
  for (const s of stops) {
    const arrival = time + matrix.duration(at, s.location);
    distance += matrix.distance(at, s.location);
    const begin = Math.max(arrival, s.earliest ?? arrival);
    time = begin + s.serviceSeconds;
    out.push({ arrival: Math.round(arrival), begin: Math.round(begin), departure: Math.round(time), late: s.latest !== null && begin > s.latest });
    at = s.location;
  }
  const finish = time + matrix.duration(at, depot);
  distance += matrix.distance(at, depot);
  return { departure: Math.round(departure), stops: out, finish: Math.round(finish), distance: Math.round(distance), lateReturn: finish > closes };
}

/** Moves the item at `index` one place up (-1) or down (+1); the same list when it cannot move. */
export function moveItem<T>(items: readonly T[], index: number, direction: -1 | 1): T[] {
  const to = index + direction;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const out = [...items];
  const [item] = out.splice(index, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}
