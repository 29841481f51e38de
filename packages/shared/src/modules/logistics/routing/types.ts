/**
 * The vehicle routing model of the logistics module: stops with demands and time windows, vehicles with a
 * capacity and a shift, and a travel matrix. Every location is an index into the matrix; times are in the
 * matrix's duration unit (seconds for a road engine) and are absolute within the day (e.g. seconds since
 * midnight), distances in its distance unit (metres for a road engine).
 */

/** Distances and travel times between locations, by index (0 … size − 1). Asymmetric matrices are allowed. */
export type TravelMatrix = {
  readonly size: number;
  distance(from: number, to: number): number;
  duration(from: number, to: number): number;
};

/** A point on the Earth, in degrees. */
export type GeoPoint = {
  lat: number;
  lon: number;
};

/**
 * Where travel matrices come from: a routing engine's table API (OSRM, Valhalla, GraphHopper) or the offline
 * straight-line fallback. The matrix's index i is `points[i]`.
 */
export type TravelMatrixProvider = {
  matrix(points: readonly GeoPoint[]): Promise<TravelMatrix>;
};

/** A place to serve. `demand` is a vector in the same order as the vehicles' `capacity` (e.g. kg, m³, pallets). */
export type RoutingStop = {
  id: string;
  location: number;
  demand?: readonly number[];
  /** Earliest start of service; arriving earlier means waiting. */
  earliest?: number;
  /** Latest start of service; arriving later makes the stop infeasible on that route. */
  latest?: number;
  serviceTime?: number;
};

/** A vehicle and its shift: it leaves `start` at `shiftStart` at the earliest and must be done by `shiftEnd`. */
export type RoutingVehicle = {
  id: string;
  capacity?: readonly number[];
  start: number;
  /** The location the route ends at (the depot for a closed route); absent for an open route. */
  end?: number;
  shiftStart?: number;
  /** Closed route: back at `end` by then; open route: the last service finished by then. */
  shiftEnd?: number;
};

export type RoutingProblem = {
  stops: readonly RoutingStop[];
  vehicles: readonly RoutingVehicle[];
};

export type SolveOptions = {
  /** Seed of the random generator: the same seed, problem and iteration budget give the same plan. */
  seed?: number;
  /** Wall-clock budget of the search in milliseconds (default 1,000). */
  timeLimitMs?: number;
  /** Iteration budget of the search (default: none, the time budget alone). */
  maxIterations?: number;
  /** Fewest vehicles first, then the shortest distance (default true); false: the shortest distance only. */
  minimizeVehicles?: boolean;
  /** The clock, in milliseconds (default `Date.now`); a test can pass its own. */
  now?: () => number;
};

/** Why a stop is left out of every route. */
export type UnassignedReason =
  /** Its demand exceeds the capacity of every vehicle. */
  | 'capacity'
  /** No vehicle can reach it within its time window, even going there directly. */
  | 'time_window'
  /** No vehicle can serve it and still end within its shift (the depot's hours). */
  | 'shift'
  /** It could be served alone, but not together with the other stops with the vehicles given. */
  | 'fleet';

export type PlannedVisit = {
  stopId: string;
  arrival: number;
  /** Start of service: the arrival, or the window's opening after waiting. */
  begin: number;
  departure: number;
  wait: number;
};

export type PlannedRoute = {
  vehicleId: string;
  visits: PlannedVisit[];
  departure: number;
  /** Arrival at the end location (closed route) or the last departure (open route). */
  finish: number;
  distance: number;
  load: number[];
};

export type RoutingSolution = {
  /** One entry per vehicle used, in the order of the problem's vehicles; unused vehicles are left out. */
  routes: PlannedRoute[];
  unassigned: { stopId: string; reason: UnassignedReason }[];
  distance: number;
  vehiclesUsed: number;
  iterations: number;
  elapsedMs: number;
  /** When the plan returned was found, in milliseconds from the call (the rest of the budget found nothing better). */
  bestFoundMs: number;
};
