import { describe, expect, it } from 'vitest';
import { berlin52Tsplib } from './berlin52.fixture';
import { checkSolution } from './check';
import { parseTsplib } from './instances';
import { denseMatrix, euclideanMatrix, haversineMetres, straightLineMatrix, straightLineProvider } from './matrix';
import { seededRandom } from './random';
import { orderRoute, solveRoutes } from './solver';
import type { RoutingProblem, RoutingSolution, RoutingStop, RoutingVehicle, TravelMatrix } from './types';

/** A random instance on a 100 × 100 plane: the depot in the middle (location 0), time in distance units. */
function generated(seed: number, stopCount: number, vehicleCount: number): { problem: RoutingProblem; matrix: TravelMatrix } {
  const random = seededRandom(seed);
  const points = [{ x: 50, y: 50 }, ...Array.from({ length: stopCount }, () => ({ x: random() * 100, y: random() * 100 }))];
  const matrix = euclideanMatrix(points);
  const stops: RoutingStop[] = points.slice(1).map((_, i) => {
    const direct = matrix.duration(0, i + 1);
    const earliest = direct + random() * 300;
    return {
      id: `s${i + 1}`, location: i + 1, demand: [Math.round(5 + random() * 20), random() < 0.3 ? 1 : 0],
      earliest, latest: earliest + 30 + random() * 90, serviceTime: 10,
    };
  });
  const vehicles: RoutingVehicle[] = Array.from({ length: vehicleCount }, (_, i) => ({
    id: `v${i + 1}`, capacity: [120, 2], start: 0, end: 0, shiftStart: 0, shiftEnd: 600,
  }));
  return { problem: { stops, vehicles }, matrix };
}

/** Everything but the clock, to compare two runs. */
const plan = (solution: RoutingSolution) => ({ ...solution, elapsedMs: 0, bestFoundMs: 0 });

/**
 * The exact optimum of one vehicle serving `members` (indices into the problem's stops), by trying every order
 * depth first; a prefix that breaks a window, the capacity or the shift is not extended. Infinity when none fits.
 */
function bruteForceRoute(problem: RoutingProblem, matrix: TravelMatrix, vehicle: RoutingVehicle, members: number[]): number {
  let best = Number.POSITIVE_INFINITY;
  const used = members.map(() => false);
  const capacity = vehicle.capacity?.[0] ?? Number.POSITIVE_INFINITY;
  const shiftEnd = vehicle.shiftEnd ?? Number.POSITIVE_INFINITY;
  const extend = (prev: number, time: number, distance: number, load: number, depth: number) => {
    if (depth === members.length) {
      const back = vehicle.end === undefined || depth === 0 ? 0 : matrix.duration(prev, vehicle.end);
      const closing = vehicle.end === undefined || depth === 0 ? 0 : matrix.distance(prev, vehicle.end);
      if (time + back <= shiftEnd) best = Math.min(best, distance + closing);
      return;
    }
    members.forEach((index, i) => {
      const stop = problem.stops[index];
      if (used[i] || !stop) return;
      const begin = Math.max(time + matrix.duration(prev, stop.location), stop.earliest ?? 0);
      const weight = load + (stop.demand?.[0] ?? 0);
      if (begin > (stop.latest ?? Number.POSITIVE_INFINITY) || weight > capacity) return;
      const done = begin + (stop.serviceTime ?? 0);
      if (vehicle.end === undefined && done > shiftEnd) return;
      used[i] = true;
      extend(stop.location, done, distance + matrix.distance(prev, stop.location), weight, depth + 1);
      used[i] = false;
    });
  };
  extend(vehicle.start, vehicle.shiftStart ?? 0, 0, 0, 0);
  return best;
}

describe('travel matrices', () => {
  it('rounds TSPLIB distances to the nearest integer and keeps Solomon distances exact', () => {
    const points = [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 3, y: 4 }];
    expect(euclideanMatrix(points, { round: true }).distance(0, 1)).toBe(1);
    expect(euclideanMatrix(points).distance(0, 1)).toBeCloseTo(Math.SQRT2, 12);
    expect(euclideanMatrix(points, { round: true }).distance(2, 0)).toBe(5);
    expect(euclideanMatrix(points, { speed: 2 }).duration(0, 2)).toBe(2.5);
  });

  it('falls back to straight-line distance × a road factor at an average speed', async () => {
    const bucharest = { lat: 44.4268, lon: 26.1025 };
    const cluj = { lat: 46.7712, lon: 23.6236 };
    const straight = haversineMetres(bucharest, cluj);
    expect(straight / 1000).toBeGreaterThan(320);
    expect(straight / 1000).toBeLessThan(330);
    const matrix = straightLineMatrix([bucharest, cluj], { roadFactor: 1.3, speedKmh: 60 });
    expect(matrix.distance(0, 1)).toBeCloseTo(straight * 1.3, 6);
    expect(matrix.duration(1, 0)).toBeCloseTo((straight * 1.3) / (60 / 3.6), 6);
    expect(matrix.distance(1, 1)).toBe(0);
    const provided = await straightLineProvider().matrix([bucharest, cluj]);
    expect(provided.distance(0, 1)).toBeCloseTo(straight * 1.3, 6);
  });
});

describe('feasibility', () => {
  it('keeps capacities, windows and shifts on generated instances, and serves or reports every stop', () => {
    for (const seed of [1, 2, 3]) {
      const { problem, matrix } = generated(seed, 40, 6);
      const solution = solveRoutes(problem, matrix, { seed, maxIterations: 150 });
      expect(checkSolution(problem, matrix, solution)).toEqual([]);
      const served = solution.routes.reduce((n, r) => n + r.visits.length, 0);
      expect(served + solution.unassigned.length).toBe(problem.stops.length);
      for (const route of solution.routes) {
        for (const visit of route.visits) expect(visit.begin).toBeGreaterThanOrEqual(visit.arrival);
      }
    }
  });

  it('reports what no vehicle can serve with its reason, and what the fleet cannot take as fleet', () => {
    const matrix = euclideanMatrix([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 0 }, { x: 0, y: 300 }, { x: 0, y: 15 }]);
    const vehicle: RoutingVehicle = { id: 'van', capacity: [100], start: 0, end: 0, shiftStart: 0, shiftEnd: 400 };
    const problem: RoutingProblem = {
      vehicles: [vehicle],
      stops: [
        { id: 'heavy', location: 1, demand: [150] },
        { id: 'too-early', location: 2, demand: [10], earliest: 0, latest: 5 },
        { id: 'beyond-shift', location: 3, demand: [10] },
        { id: 'a', location: 1, demand: [60], serviceTime: 5 },
        { id: 'b', location: 4, demand: [60], serviceTime: 5 },
      ],
    };
    const solution = solveRoutes(problem, matrix, { seed: 1, maxIterations: 50 });
    expect(checkSolution(problem, matrix, solution)).toEqual([]);
    const reasons = Object.fromEntries(solution.unassigned.map((u) => [u.stopId, u.reason]));
    expect(reasons.heavy).toBe('capacity');
    expect(reasons['too-early']).toBe('time_window');
    expect(reasons['beyond-shift']).toBe('shift');
    // a and b fit the van alone but not together (120 > 100): one of them is left for want of a vehicle.
    expect(solution.routes).toHaveLength(1);
    expect(solution.routes[0]?.visits).toHaveLength(1);
    expect(Object.values(reasons).filter((r) => r === 'fleet')).toHaveLength(1);
    expect(solution.unassigned).toHaveLength(4);
  });

  it('stays feasible on an asymmetric matrix without the triangle inequality (a removal can make a later stop late)', () => {
    const random = seededRandom(81);
    const size = 25;
    const table = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j ? 0 : Math.round(5 + random() * 60))));
    const matrix = denseMatrix(table);
    const stops: RoutingStop[] = Array.from({ length: size - 1 }, (_, i) => {
      const earliest = random() * 200;
      return { id: `a${i + 1}`, location: i + 1, demand: [1], earliest, latest: earliest + 60 + random() * 100, serviceTime: 5 };
    });
    const vehicles: RoutingVehicle[] = [1, 2, 3, 4].map((i) => ({ id: `v${i}`, capacity: [8], start: 0, end: 0, shiftStart: 0, shiftEnd: 500 }));
    for (const seed of [1, 2]) {
      const solution = solveRoutes({ stops, vehicles }, matrix, { seed, maxIterations: 300 });
      expect(checkSolution({ stops, vehicles }, matrix, solution)).toEqual([]);
    }
  });

  it('answers at once with no stop, one stop or no vehicle', () => {
    const { problem, matrix } = generated(71, 3, 2);
    const none = solveRoutes({ ...problem, stops: [] }, matrix, { seed: 1 });
    expect(none).toMatchObject({ routes: [], unassigned: [], distance: 0, vehiclesUsed: 0, iterations: 0 });
    const one = solveRoutes({ ...problem, stops: problem.stops.slice(0, 1) }, matrix, { seed: 1 });
    expect(one.iterations).toBe(0);
    expect(one.routes[0]?.visits.map((v) => v.stopId)).toEqual(['s1']);
    const noVehicle = solveRoutes({ ...problem, vehicles: [] }, matrix, { seed: 1 });
    expect(noVehicle.unassigned.map((u) => u.reason)).toEqual(['fleet', 'fleet', 'fleet']);
    expect(noVehicle.iterations).toBe(0);
  });

  it('the checker finds a late stop, an overload, a missing stop and a wrong distance', () => {
    const { problem, matrix } = generated(7, 20, 4);
    const solution = solveRoutes(problem, matrix, { seed: 7, maxIterations: 100 });
    expect(checkSolution(problem, matrix, solution)).toEqual([]);
    const first = solution.routes[0];
    const visit = first?.visits[0];
    if (!first || !visit) throw new Error('no route planned');
    const stop = problem.stops.find((s) => s.id === visit.stopId);
    if (!stop) throw new Error('unknown stop');
    const late = { ...problem, stops: problem.stops.map((s) => (s === stop ? { ...s, latest: visit.begin - 1 } : s)) };
    expect(checkSolution(late, matrix, solution).join()).toMatch(/after its window closes/);
    const heavy = { ...problem, stops: problem.stops.map((s) => (s === stop ? { ...s, demand: [500, 0] } : s)) };
    expect(checkSolution(heavy, matrix, solution).join()).toMatch(/more than 120/);
    const dropped = { ...solution, routes: [{ ...first, visits: first.visits.slice(1) }, ...solution.routes.slice(1)] };
    expect(checkSolution(problem, matrix, dropped).join()).toMatch(new RegExp(`stop ${stop.id} appears 0 times`));
    expect(checkSolution(problem, matrix, { ...solution, distance: solution.distance + 1 }).join()).toMatch(/total distance/);
  });

  it('an open route ends at its last stop, within the shift', () => {
    const { problem, matrix } = generated(11, 8, 1);
    const vehicle: RoutingVehicle = { id: 'open', start: 0, shiftStart: 0, shiftEnd: 2000 };
    const solution = orderRoute(problem.stops, vehicle, matrix, { seed: 3, maxIterations: 200 });
    expect(checkSolution({ stops: problem.stops, vehicles: [vehicle] }, matrix, solution)).toEqual([]);
    const route = solution.routes[0];
    expect(route?.finish).toBe(route?.visits.at(-1)?.departure);
  });
});

describe('optimality on small instances', () => {
  it('orders 8 stops with time windows as well as trying every order, closed and open', () => {
    let solved = 0;
    for (const seed of [21, 22, 23]) {
      const { problem, matrix } = generated(seed, 8, 1);
      const stops = problem.stops.map((s) => ({ ...s, latest: (s.latest ?? 0) + 150 }));
      const wide = { ...problem, stops };
      const all = stops.map((_, i) => i);
      for (const vehicle of [{ id: 'closed', start: 0, end: 0, shiftStart: 0, shiftEnd: 2000 }, { id: 'open', start: 0, shiftStart: 0, shiftEnd: 2000 }]) {
        const optimum = bruteForceRoute(wide, matrix, vehicle, all);
        const solution = orderRoute(stops, vehicle, matrix, { seed, maxIterations: 400 });
        if (Number.isFinite(optimum)) {
          solved++;
          expect(solution.unassigned).toEqual([]);
          expect(solution.distance).toBeCloseTo(optimum, 9);
        } else {
          expect(solution.unassigned.length).toBeGreaterThan(0);
        }
        expect(checkSolution({ stops, vehicles: [vehicle] }, matrix, solution)).toEqual([]);
      }
    }
    // Each of the 6 cases has a feasible order, so each was compared with its optimum.
    expect(solved).toBe(6);
  });

  it('splits 7 stops across 2 vehicles as well as trying every split and order', () => {
    const { problem, matrix } = generated(31, 7, 2);
    const stops = problem.stops.map((s) => ({ ...s, demand: [s.demand?.[0] ?? 0], latest: (s.latest ?? 0) + 120 }));
    const vehicles = problem.vehicles.map((v) => ({ ...v, capacity: [70] }));
    const tight = { stops, vehicles };
    const [one, two] = vehicles;
    if (!one || !two) throw new Error('two vehicles expected');
    const subsetBest = new Map<number, number>();
    for (let mask = 0; mask < 1 << 7; mask++) {
      const members = stops.map((_, i) => i).filter((i) => mask & (1 << i));
      subsetBest.set(mask, members.length === 0 ? 0 : bruteForceRoute(tight, matrix, one, members));
    }
    let optimum = Number.POSITIVE_INFINITY;
    for (let mask = 0; mask < 1 << 7; mask++) {
      optimum = Math.min(optimum, (subsetBest.get(mask) ?? Infinity) + (subsetBest.get((1 << 7) - 1 - mask) ?? Infinity));
    }
    expect(Number.isFinite(optimum)).toBe(true);
    const solution = solveRoutes(tight, matrix, { seed: 5, maxIterations: 500, minimizeVehicles: false });
    expect(checkSolution(tight, matrix, solution)).toEqual([]);
    expect(solution.unassigned).toEqual([]);
    expect(solution.distance).toBeCloseTo(optimum, 9);
  });

  it('uses one vehicle where one is enough when the fleet is to be the smallest', () => {
    const { problem, matrix } = generated(41, 6, 3);
    const stops = problem.stops.map((s) => ({ ...s, demand: [10], earliest: 0, latest: 10_000 }));
    const vehicles = problem.vehicles.map((v) => ({ ...v, capacity: [100], shiftEnd: 10_000 }));
    const fewest = solveRoutes({ stops, vehicles }, matrix, { seed: 1, maxIterations: 300 });
    expect(fewest.vehiclesUsed).toBe(1);
    expect(checkSolution({ stops, vehicles }, matrix, fewest)).toEqual([]);
  });
});

describe('published instances and determinism', () => {
  it('finds berlin52 within 2 % of the optimal tour (7,542) with a fixed seed', () => {
    const { problem, matrix } = parseTsplib(berlin52Tsplib);
    expect(problem.stops).toHaveLength(51);
    const solution = solveRoutes(problem, matrix, { seed: 1, maxIterations: 1000 });
    expect(checkSolution(problem, matrix, solution)).toEqual([]);
    expect(solution.distance).toBeLessThanOrEqual(7542 * 1.02);
    expect(solution.distance).toBeGreaterThanOrEqual(7542);
  });

  it('gives the same plan for the same seed and iteration budget', () => {
    const { problem, matrix } = generated(51, 30, 5);
    const a = solveRoutes(problem, matrix, { seed: 9, maxIterations: 300 });
    const b = solveRoutes(problem, matrix, { seed: 9, maxIterations: 300 });
    expect(plan(a)).toEqual(plan(b));
    expect(a.iterations).toBe(300);
  });

  it('stops at its time budget', () => {
    let clock = 0;
    const { problem, matrix } = generated(61, 20, 3);
    const solution = solveRoutes(problem, matrix, { seed: 1, timeLimitMs: 50, now: () => (clock += 1) });
    expect(solution.iterations).toBeLessThan(50);
    expect(checkSolution(problem, matrix, solution)).toEqual([]);
  });
});
