import { seededRandom } from './random';
import type {
  PlannedRoute, RoutingProblem, RoutingSolution, RoutingStop, RoutingVehicle, SolveOptions, TravelMatrix, UnassignedReason,
} from './types';

/**
 * The optimiser: ruin and recreate with string removals and simulated annealing (Christiaens & Vanden Berghe,
 * "Slack Induction by String Removals for Vehicle Routing Problems", Transportation Science 2020), with hard
 * capacities, time windows and shifts. Every plan it keeps is feasible; a stop no insertion fits stays
 * unassigned with its reason. Pure computation: no DOM, no Node API.
 */

/** Average number of stops removed by one ruin, and the longest string removed from one route. */
const AVERAGE_REMOVED = 10;
const MAX_STRING = 10;
/** Probability of skipping a position while looking for the best insertion (keeps the search moving). */
const BLINK_RATE = 0.01;
/** How many nearest neighbours each stop keeps for the ruin's walk. */
const NEIGHBOURS = 80;

type Route = {
  vehicle: number;
  stops: number[];
  /** Start of service at each position. */
  begin: number[];
  /** Latest start of service at each position that keeps the rest of the route feasible. */
  latest: number[];
  load: number[];
  distance: number;
  feasible: boolean;
};

type State = {
  routes: Route[];
  /** Index of the route serving each stop, −1 when not in a route. */
  routeOf: Int32Array;
  unassigned: number[];
  distance: number;
  used: number;
};

/** The problem flattened into typed arrays for the search. */
class Instance {
  readonly n: number;
  readonly m: number;
  readonly dims: number;
  readonly size: number;
  readonly dist: Float64Array;
  readonly time: Float64Array;
  readonly loc: Int32Array;
  readonly demand: Float64Array;
  readonly early: Float64Array;
  readonly late: Float64Array;
  readonly service: Float64Array;
  readonly vStart: Int32Array;
  readonly vEnd: Int32Array;
  readonly shiftStart: Float64Array;
  readonly shiftEnd: Float64Array;
  readonly capacity: Float64Array;
  /** Whether distance(i, j) = distance(j, i) everywhere, which the reversal of a segment needs. */
  readonly symmetric: boolean;

  constructor(readonly problem: RoutingProblem, matrix: TravelMatrix) {
    const { stops, vehicles } = problem;
    this.n = stops.length;
    this.m = vehicles.length;
    this.size = matrix.size;
    this.dims = Math.max(0, ...stops.map((s) => s.demand?.length ?? 0), ...vehicles.map((v) => v.capacity?.length ?? 0));
    const seen = new Set<string>();
    const checkLocation = (where: string, location: number) => {
      if (!Number.isInteger(location) || location < 0 || location >= matrix.size) throw new Error(`${where}: location ${location} is not in the matrix`);
    };
    for (const stop of stops) {
      if (seen.has(stop.id)) throw new Error(`stop ${stop.id} is listed twice`);
      seen.add(stop.id);
      checkLocation(`stop ${stop.id}`, stop.location);
    }
    for (const vehicle of vehicles) {
      checkLocation(`vehicle ${vehicle.id}`, vehicle.start);
      if (vehicle.end !== undefined) checkLocation(`vehicle ${vehicle.id}`, vehicle.end);
    }
    const size = this.size;
    this.dist = new Float64Array(size * size);
    this.time = new Float64Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        this.dist[i * size + j] = matrix.distance(i, j);
        this.time[i * size + j] = matrix.duration(i, j);
      }
    }
    this.loc = Int32Array.from(stops, (s) => s.location);
    this.demand = new Float64Array(this.n * this.dims);
    stops.forEach((s, i) => s.demand?.forEach((d, k) => { this.demand[i * this.dims + k] = d; }));
    this.early = Float64Array.from(stops, (s) => s.earliest ?? Number.NEGATIVE_INFINITY);
    this.late = Float64Array.from(stops, (s) => s.latest ?? Number.POSITIVE_INFINITY);
    this.service = Float64Array.from(stops, (s) => s.serviceTime ?? 0);
    this.vStart = Int32Array.from(vehicles, (v) => v.start);
    this.vEnd = Int32Array.from(vehicles, (v) => v.end ?? -1);
    this.shiftStart = Float64Array.from(vehicles, (v) => v.shiftStart ?? 0);
    this.shiftEnd = Float64Array.from(vehicles, (v) => v.shiftEnd ?? Number.POSITIVE_INFINITY);
    let symmetric = true;
    for (let i = 0; i < size && symmetric; i++) {
      for (let j = i + 1; j < size; j++) {
        if (this.dist[i * size + j] !== this.dist[j * size + i]) {
          symmetric = false;
          break;
        }
      }
    }
    this.symmetric = symmetric;
    this.capacity = new Float64Array(this.m * this.dims).fill(Number.POSITIVE_INFINITY);
    vehicles.forEach((v, i) => v.capacity?.forEach((c, k) => { this.capacity[i * this.dims + k] = c; }));
  }

  d(from: number, to: number): number {
    return this.dist[from * this.size + to] ?? 0;
  }

  t(from: number, to: number): number {
    return this.time[from * this.size + to] ?? 0;
  }

  /** Why a stop cannot be served by any vehicle even alone, or null when some vehicle can. */
  aloneReason(stop: number): UnassignedReason | null {
    if (this.m === 0) return 'fleet';
    let reason: UnassignedReason = 'capacity';
    for (let v = 0; v < this.m; v++) {
      let fits = true;
      for (let k = 0; k < this.dims; k++) {
        if ((this.demand[stop * this.dims + k] ?? 0) > (this.capacity[v * this.dims + k] ?? 0)) fits = false;
      }
      if (!fits) continue;
      const location = this.loc[stop] ?? 0;
      const start = this.vStart[v] ?? 0;
      const begin = Math.max((this.shiftStart[v] ?? 0) + this.t(start, location), this.early[stop] ?? 0);
      if (begin > (this.late[stop] ?? 0)) {
        reason = 'time_window';
        continue;
      }
      const end = this.vEnd[v] ?? -1;
      const finish = begin + (this.service[stop] ?? 0) + (end >= 0 ? this.t(location, end) : 0);
      if (finish > (this.shiftEnd[v] ?? 0)) {
        if (reason === 'capacity') reason = 'shift';
        continue;
      }
      return null;
    }
    return reason;
  }
}

function emptyRoute(inst: Instance, vehicle: number): Route {
  const route: Route = { vehicle, stops: [], begin: [], latest: [], load: new Array<number>(inst.dims).fill(0), distance: 0, feasible: true };
  return route;
}

function cloneRoute(route: Route): Route {
  return {
    vehicle: route.vehicle, stops: route.stops.slice(), begin: route.begin.slice(), latest: route.latest.slice(),
    load: route.load.slice(), distance: route.distance, feasible: route.feasible,
  };
}

/** Recomputes a route's times, slack, load and distance from its stops. */
function updateRoute(inst: Instance, route: Route): void {
  const { stops } = route;
  const v = route.vehicle;
  const len = stops.length;
  const dims = inst.dims;
  const load = route.load;
  load.fill(0);
  let time = inst.shiftStart[v] ?? 0;
  let prev = inst.vStart[v] ?? 0;
  let distance = 0;
  let feasible = true;
  route.begin.length = len;
  route.latest.length = len;
  for (let i = 0; i < len; i++) {
    const c = stops[i] ?? 0;
    const location = inst.loc[c] ?? 0;
    distance += inst.d(prev, location);
    const begin = Math.max(time + inst.t(prev, location), inst.early[c] ?? 0);
    if (begin > (inst.late[c] ?? 0)) feasible = false;
    route.begin[i] = begin;
    time = begin + (inst.service[c] ?? 0);
    prev = location;
    for (let k = 0; k < dims; k++) load[k] = (load[k] ?? 0) + (inst.demand[c * dims + k] ?? 0);
  }
  const end = inst.vEnd[v] ?? -1;
  const shiftEnd = inst.shiftEnd[v] ?? 0;
  if (end >= 0 && len > 0) {
    distance += inst.d(prev, end);
    time += inst.t(prev, end);
  }
  if (time > shiftEnd) feasible = false;
  for (let k = 0; k < dims; k++) if ((load[k] ?? 0) > (inst.capacity[v * dims + k] ?? 0)) feasible = false;
  if (len > 0) {
    const last = stops[len - 1] ?? 0;
    const lastLoc = inst.loc[last] ?? 0;
    const limit = shiftEnd - (end >= 0 ? inst.t(lastLoc, end) : 0) - (inst.service[last] ?? 0);
    route.latest[len - 1] = Math.min(inst.late[last] ?? 0, limit);
    for (let i = len - 2; i >= 0; i--) {
      const c = stops[i] ?? 0;
      const next = stops[i + 1] ?? 0;
      route.latest[i] = Math.min(inst.late[c] ?? 0, (route.latest[i + 1] ?? 0) - inst.t(inst.loc[c] ?? 0, inst.loc[next] ?? 0) - (inst.service[c] ?? 0));
    }
  }
  route.distance = distance;
  route.feasible = feasible;
}

/**
 * 2-opt within a route: reverses a segment while that shortens the route and keeps it feasible (windows are
 * checked on the reversed route; loads do not change). Symmetric matrices only.
 */
function twoOpt(inst: Instance, route: Route): void {
  if (!inst.symmetric) return;
  const stops = route.stops;
  const v = route.vehicle;
  const end = inst.vEnd[v] ?? -1;
  const reverse = (i: number, j: number) => {
    for (let a = i, b = j; a < b; a++, b--) {
      const swap = stops[a] ?? 0;
      stops[a] = stops[b] ?? 0;
      stops[b] = swap;
    }
  };
  let improved = true;
  while (improved) {
    improved = false;
    const len = stops.length;
    search: for (let i = 0; i < len - 1; i++) {
      const a = i === 0 ? (inst.vStart[v] ?? 0) : (inst.loc[stops[i - 1] ?? 0] ?? 0);
      const b = inst.loc[stops[i] ?? 0] ?? 0;
      const ab = inst.d(a, b);
      for (let j = i + 1; j < len; j++) {
        const c = inst.loc[stops[j] ?? 0] ?? 0;
        const d = j === len - 1 ? end : (inst.loc[stops[j + 1] ?? 0] ?? 0);
        const delta = d >= 0 ? inst.d(a, c) + inst.d(b, d) - ab - inst.d(c, d) : inst.d(a, c) - ab;
        if (delta > -1e-9) continue;
        const before = route.distance;
        reverse(i, j);
        updateRoute(inst, route);
        if (route.feasible && route.distance < before - 1e-9) {
          improved = true;
          break search;
        }
        reverse(i, j);
        updateRoute(inst, route);
      }
    }
  }
}

/** Cheapest feasible position of a stop in a route: the added distance and the position, or null. */
function bestInsertion(inst: Instance, route: Route, c: number, random: () => number, blink: number, bound: number): { delta: number; position: number } | null {
  const v = route.vehicle;
  const dims = inst.dims;
  for (let k = 0; k < dims; k++) {
    if ((route.load[k] ?? 0) + (inst.demand[c * dims + k] ?? 0) > (inst.capacity[v * dims + k] ?? 0)) return null;
  }
  const { stops, begin, latest } = route;
  const len = stops.length;
  const location = inst.loc[c] ?? 0;
  const early = inst.early[c] ?? 0;
  const late = inst.late[c] ?? 0;
  const service = inst.service[c] ?? 0;
  const end = inst.vEnd[v] ?? -1;
  const shiftEnd = inst.shiftEnd[v] ?? 0;
  let prevLoc = inst.vStart[v] ?? 0;
  let departure = inst.shiftStart[v] ?? 0;
  let bestDelta = bound;
  let bestPosition = -1;
  for (let p = 0; p <= len; p++) {
    if (p > 0) {
      const prevStop = stops[p - 1] ?? 0;
      const prevBegin = begin[p - 1] ?? 0;
      if (prevBegin > late) break;
      prevLoc = inst.loc[prevStop] ?? 0;
      departure = prevBegin + (inst.service[prevStop] ?? 0);
    }
    const arrival = departure + inst.t(prevLoc, location);
    if (arrival > late) continue;
    const done = Math.max(arrival, early) + service;
    let delta: number;
    if (p < len) {
      const nextLoc = inst.loc[stops[p] ?? 0] ?? 0;
      if (done + inst.t(location, nextLoc) > (latest[p] ?? 0)) continue;
      delta = inst.d(prevLoc, location) + inst.d(location, nextLoc) - inst.d(prevLoc, nextLoc);
    } else if (end >= 0) {
      if (done + inst.t(location, end) > shiftEnd) continue;
      delta = len === 0
        ? inst.d(prevLoc, location) + inst.d(location, end)
        : inst.d(prevLoc, location) + inst.d(location, end) - inst.d(prevLoc, end);
    } else {
      if (done > shiftEnd) continue;
      delta = inst.d(prevLoc, location);
    }
    if (delta < bestDelta && !(blink > 0 && random() < blink)) {
      bestDelta = delta;
      bestPosition = p;
    }
  }
  return bestPosition < 0 ? null : { delta: bestDelta, position: bestPosition };
}

function totals(state: State): void {
  let distance = 0;
  let used = 0;
  for (const route of state.routes) {
    distance += route.distance;
    if (route.stops.length > 0) used++;
  }
  state.distance = distance;
  state.used = used;
}

/** Lexicographic comparison: fewer unassigned stops, then (when asked) fewer vehicles; 0 when those tie. */
function rank(a: State, b: State, minimizeVehicles: boolean): number {
  if (a.unassigned.length !== b.unassigned.length) return a.unassigned.length - b.unassigned.length;
  if (minimizeVehicles && a.used !== b.used) return a.used - b.used;
  return 0;
}

class Search {
  private readonly neighbours: Int32Array[];
  private readonly farness: Float64Array;
  private readonly size: Float64Array;

  constructor(private readonly inst: Instance, private readonly random: () => number, private readonly minimizeVehicles: boolean) {
    const { n } = inst;
    const count = Math.min(NEIGHBOURS, n);
    this.neighbours = [];
    for (let i = 0; i < n; i++) {
      const li = inst.loc[i] ?? 0;
      const order = Array.from({ length: n }, (_, j) => j);
      const key = order.map((j) => (j === i ? -1 : inst.d(li, inst.loc[j] ?? 0) + inst.d(inst.loc[j] ?? 0, li)));
      order.sort((a, b) => (key[a] ?? 0) - (key[b] ?? 0) || a - b);
      this.neighbours.push(Int32Array.from(order.slice(0, count)));
    }
    const depot = inst.vStart[0] ?? 0;
    this.farness = Float64Array.from({ length: n }, (_, i) => inst.d(depot, inst.loc[i] ?? 0));
    this.size = Float64Array.from({ length: n }, (_, i) => {
      let total = 0;
      for (let k = 0; k < inst.dims; k++) {
        const capacity = inst.capacity[k] ?? 0;
        if (Number.isFinite(capacity) && capacity > 0) total += (inst.demand[i * inst.dims + k] ?? 0) / capacity;
      }
      return total;
    });
  }

  /** Inserts the stops one by one at their cheapest feasible place; the ones that fit nowhere stay unassigned. */
  recreate(state: State, stops: number[], owned: boolean[]): void {
    const { inst, random } = this;
    const roll = random() * 11;
    if (roll < 4) shuffle(stops, random);
    else if (roll < 8) stops.sort((a, b) => (this.size[b] ?? 0) - (this.size[a] ?? 0));
    else if (roll < 10) stops.sort((a, b) => (this.farness[b] ?? 0) - (this.farness[a] ?? 0));
    else stops.sort((a, b) => (this.farness[a] ?? 0) - (this.farness[b] ?? 0));
    const unassigned: number[] = [];
    for (const c of stops) {
      let bestRoute = -1;
      let bestPosition = -1;
      let bestDelta = Number.POSITIVE_INFINITY;
      for (let r = 0; r < state.routes.length; r++) {
        const route = state.routes[r];
        if (!route || route.stops.length === 0) continue;
        const found = bestInsertion(inst, route, c, random, BLINK_RATE, bestDelta);
        if (found) {
          bestDelta = found.delta;
          bestRoute = r;
          bestPosition = found.position;
        }
      }
      // A vehicle not used yet: only when no used one fits, if the fleet is to be the smallest.
      if (bestRoute < 0 || !this.minimizeVehicles) {
        for (let r = 0; r < state.routes.length; r++) {
          const route = state.routes[r];
          if (!route || route.stops.length > 0) continue;
          const found = bestInsertion(inst, route, c, random, 0, bestDelta);
          if (found) {
            bestDelta = found.delta;
            bestRoute = r;
            bestPosition = found.position;
          }
        }
      }
      const chosen = state.routes[bestRoute];
      if (!chosen) {
        unassigned.push(c);
        continue;
      }
      const route = owned[bestRoute] ? chosen : cloneRoute(chosen);
      owned[bestRoute] = true;
      state.routes[bestRoute] = route;
      route.stops.splice(bestPosition, 0, c);
      updateRoute(inst, route);
      state.routeOf[c] = bestRoute;
    }
    state.unassigned = unassigned;
    totals(state);
  }

  /** String removals around a random stop's neighbourhood (SISR's ruin). Returns the stops removed. */
  ruin(state: State, owned: boolean[]): number[] {
    const { inst, random } = this;
    const assigned: number[] = [];
    for (let c = 0; c < inst.n; c++) if ((state.routeOf[c] ?? -1) >= 0) assigned.push(c);
    if (assigned.length === 0 || state.used === 0) return [];
    const averageLength = assigned.length / state.used;
    const maxString = Math.min(MAX_STRING, averageLength);
    const maxStrings = (4 * AVERAGE_REMOVED) / (1 + maxString) - 1;
    const strings = Math.floor(random() * maxStrings) + 1;
    const seed = assigned[Math.floor(random() * assigned.length)] ?? 0;
    const ruined = new Set<number>();
    const removed: number[] = [];
    const walk = [seed, ...(this.neighbours[seed] ?? [])];
    for (const c of walk) {
      if (ruined.size >= strings) break;
      const r = state.routeOf[c] ?? -1;
      if (r < 0 || ruined.has(r)) continue;
      const source = state.routes[r];
      if (!source) continue;
      const route = owned[r] ? source : cloneRoute(source);
      owned[r] = true;
      state.routes[r] = route;
      const len = route.stops.length;
      const length = Math.floor(random() * Math.min(len, maxString)) + 1;
      const at = route.stops.indexOf(c);
      let taken: number[];
      if (length === len || random() < 0.5) {
        const first = clamp(at - Math.floor(random() * length), 0, len - length);
        taken = route.stops.splice(first, length);
      } else {
        // Split string: a longer string around the stop of which a run of `kept` stops stays in place.
        let kept = 1;
        while (length + kept < len && random() < 0.5) kept++;
        const span = length + kept;
        const first = clamp(at - Math.floor(random() * span), 0, len - span);
        const keepAt = first + Math.floor(random() * (length + 1));
        const segment = route.stops.slice(first, first + span);
        const keep = segment.slice(keepAt - first, keepAt - first + kept);
        taken = segment.filter((s) => !keep.includes(s));
        route.stops.splice(first, span, ...keep);
      }
      for (const s of taken) {
        state.routeOf[s] = -1;
        removed.push(s);
      }
      updateRoute(inst, route);
      // Without the triangle inequality a removal can make a later stop late: take those out as well.
      while (!route.feasible && route.stops.length > 0) {
        const late = route.stops.findIndex((s, i) => (route.begin[i] ?? 0) > (inst.late[s] ?? 0));
        const [s] = route.stops.splice(late < 0 ? route.stops.length - 1 : late, 1);
        if (s === undefined) break;
        state.routeOf[s] = -1;
        removed.push(s);
        updateRoute(inst, route);
      }
      ruined.add(r);
    }
    return removed;
  }

  /** Empties one of the smaller routes, to try to serve its stops with the other vehicles. */
  removeRoute(state: State, owned: boolean[]): number[] {
    const used = state.routes.map((route, r) => (route.stops.length > 0 ? r : -1)).filter((r) => r >= 0);
    const pick = () => used[Math.floor(this.random() * used.length)] ?? -1;
    const a = pick();
    const b = pick();
    const r = (state.routes[a]?.stops.length ?? 0) <= (state.routes[b]?.stops.length ?? 0) ? a : b;
    const route = state.routes[r];
    if (!route) return [];
    const removed = route.stops.slice();
    for (const s of removed) state.routeOf[s] = -1;
    const emptied = emptyRoute(this.inst, route.vehicle);
    state.routes[r] = emptied;
    owned[r] = true;
    return removed;
  }

  run(candidates: number[], options: { iterations: number; timeLimitMs: number; now: () => number }): { best: State; iterations: number; bestAt: number } {
    const { inst, random } = this;
    const start = options.now();
    let current: State = {
      routes: Array.from({ length: inst.m }, (_, v) => emptyRoute(inst, v)),
      routeOf: new Int32Array(inst.n).fill(-1),
      unassigned: [],
      distance: 0,
      used: 0,
    };
    this.recreate(current, candidates.slice(), current.routes.map(() => true));
    let best = copyState(current);
    let bestAt = options.now() - start;
    const served = Math.max(1, candidates.length - current.unassigned.length);
    const averageEdge = current.distance / (served + current.used) || 1;
    // Simulated annealing from 30 % to 0.3 % of the first plan's average leg, cooling geometrically.
    const hot = averageEdge * 0.3;
    const cold = averageEdge * 0.003;
    let iteration = 0;
    // Nothing to improve on: no stop, or one stop placed at its cheapest position already (or nowhere).
    if (candidates.length <= 1) return { best, iterations: 0, bestAt };
    while (iteration < options.iterations) {
      const elapsed = options.now() - start;
      if (elapsed >= options.timeLimitMs) break;
      iteration++;
      const progress = Math.max(iteration / options.iterations, elapsed / options.timeLimitMs);
      const temperature = hot * (cold / hot) ** progress;
      const candidate: State = {
        routes: current.routes.slice(), routeOf: current.routeOf.slice(), unassigned: current.unassigned, distance: current.distance, used: current.used,
      };
      const owned = candidate.routes.map(() => false);
      const fleetMove = this.minimizeVehicles && current.used > 1 && current.unassigned.length === 0 && random() < 0.05;
      const removed = fleetMove ? this.removeRoute(candidate, owned) : this.ruin(candidate, owned);
      this.recreate(candidate, [...removed, ...current.unassigned], owned);
      owned.forEach((touched, r) => {
        const route = candidate.routes[r];
        if (touched && route && route.stops.length > 2) twoOpt(inst, route);
      });
      totals(candidate);
      const order = rank(candidate, current, this.minimizeVehicles);
      const accept = order < 0 || (order === 0 && candidate.distance < current.distance - temperature * Math.log(random()));
      if (!accept) continue;
      current = candidate;
      const versusBest = rank(current, best, this.minimizeVehicles);
      if (versusBest < 0 || (versusBest === 0 && current.distance < best.distance - 1e-9)) {
        best = copyState(current);
        bestAt = options.now() - start;
      }
    }
    return { best, iterations: iteration, bestAt };
  }
}

function copyState(state: State): State {
  return {
    routes: state.routes.map(cloneRoute), routeOf: state.routeOf.slice(), unassigned: state.unassigned.slice(),
    distance: state.distance, used: state.used,
  };
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] ?? 0;
    items[i] = items[j] ?? 0;
    items[j] = a;
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}

function planRoute(inst: Instance, route: Route, stops: readonly RoutingStop[], vehicle: RoutingVehicle): PlannedRoute {
  const v = route.vehicle;
  const first = route.stops[0] ?? 0;
  const start = inst.vStart[v] ?? 0;
  const shiftStart = inst.shiftStart[v] ?? 0;
  // Leave as late as the first stop allows, so the driver waits at the depot rather than at the door.
  const departure = Math.max(shiftStart, (route.begin[0] ?? 0) - inst.t(start, inst.loc[first] ?? 0));
  let time = departure;
  let prev = start;
  const visits = route.stops.map((c) => {
    const location = inst.loc[c] ?? 0;
    const arrival = time + inst.t(prev, location);
    const begin = Math.max(arrival, inst.early[c] ?? 0);
    time = begin + (inst.service[c] ?? 0);
    prev = location;
    return { stopId: stops[c]?.id ?? '', arrival, begin, departure: time, wait: begin - arrival };
  });
  const end = inst.vEnd[v] ?? -1;
  return {
    vehicleId: vehicle.id, visits, departure, finish: end >= 0 ? time + inst.t(prev, end) : time, distance: route.distance, load: route.load.slice(),
  };
}

/**
 * Splits the stops across the vehicles (a vehicle routing problem with time windows, capacities and shifts):
 * fewest vehicles first (unless `minimizeVehicles: false`), then the shortest total distance.
 */
export function solveRoutes(problem: RoutingProblem, matrix: TravelMatrix, options: SolveOptions = {}): RoutingSolution {
  const now = options.now ?? Date.now;
  const started = now();
  const inst = new Instance(problem, matrix);
  const unassigned: { stopId: string; reason: UnassignedReason }[] = [];
  const candidates: number[] = [];
  for (let c = 0; c < inst.n; c++) {
    const reason = inst.aloneReason(c);
    if (reason) unassigned.push({ stopId: problem.stops[c]?.id ?? '', reason });
    else candidates.push(c);
  }
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const timeLimitMs = options.timeLimitMs ?? (options.maxIterations === undefined ? 1000 : Number.POSITIVE_INFINITY);
  const search = new Search(inst, seededRandom(options.seed ?? 1), options.minimizeVehicles ?? true);
  const setup = now() - started;
  const { best, iterations, bestAt } = search.run(candidates, { iterations: maxIterations, timeLimitMs, now });
  for (const c of best.unassigned) unassigned.push({ stopId: problem.stops[c]?.id ?? '', reason: 'fleet' });
  const routes: PlannedRoute[] = [];
  for (const route of best.routes) {
    const vehicle = problem.vehicles[route.vehicle];
    if (route.stops.length > 0 && vehicle) routes.push(planRoute(inst, route, problem.stops, vehicle));
  }
  return { routes, unassigned, distance: best.distance, vehiclesUsed: best.used, iterations, elapsedMs: now() - started, bestFoundMs: setup + bestAt };
}

/**
 * Orders the stops of one route (a travelling salesman problem with time windows): closed when the vehicle has
 * an `end`, open otherwise. Stops that cannot fit are returned as unassigned with their reason.
 */
export function orderRoute(stops: readonly RoutingStop[], vehicle: RoutingVehicle, matrix: TravelMatrix, options: SolveOptions = {}): RoutingSolution {
  return solveRoutes({ stops, vehicles: [vehicle] }, matrix, { ...options, minimizeVehicles: false });
}
