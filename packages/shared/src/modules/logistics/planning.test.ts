import { describe, expect, it } from 'vitest';
import { moveItem, planDay, planLocations, routeTimes, type PlanInput, type PlanStopInput } from './planning';
import { seededRandom } from './routing/random';
import { straightLineMatrix } from './routing/matrix';
import { hhmmOfSeconds, secondsOfHhmm } from './time';

/** A generated day around Bucharest: `n` points, some with a two-hour window, demands in kg and pallets. */
function generatedDay(n: number, seed: number, vehicles: number): PlanInput {
  const rnd = seededRandom(seed);
  const stops: PlanStopInput[] = Array.from({ length: n }, (_, i) => {
    const windowed = rnd() < 0.5;
    const start = 8 * 3600 + Math.floor(rnd() * 7) * 3600;
    return {
      pointId: `p${i}`,
      location: { lat: 44.35 + rnd() * 0.2, lon: 25.95 + rnd() * 0.3 },
      windowFrom: windowed ? hhmmOfSeconds(start) : null,
      windowTo: windowed ? hhmmOfSeconds(start + 2 * 3600) : null,
      serviceMinutes: 5 + Math.floor(rnd() * 15),
      demand: [50 + Math.floor(rnd() * 300), null, 1 + Math.floor(rnd() * 3)],
    };
  });
  return {
    depot: { location: { lat: 44.43, lon: 26.1 }, opens: '07:00', closes: '19:00' },
    stops,
    vehicles: Array.from({ length: vehicles }, (_, i) => ({ vehicleId: `v${i}`, driverUserId: `d${i}`, capacity: [1500, null, 8] as const })),
  };
}

/** Checks a plan from scratch against its input: every stop once, windows, capacities, the depot's hours. */
function violations(input: PlanInput, plan: ReturnType<typeof planDay>): string[] {
  const out: string[] = [];
  const matrix = straightLineMatrix(planLocations(input));
  const located = input.stops.filter((s) => s.location);
  const index = new Map(located.map((s, i) => [s.pointId, i + 1]));
  const byId = new Map(input.stops.map((s) => [s.pointId, s]));
  const seen = new Set<string>();
  const opens = secondsOfHhmm(input.depot.opens);
  const closes = secondsOfHhmm(input.depot.closes);
  for (const r of plan.routes) {
    const vehicle = input.vehicles.find((v) => v.vehicleId === r.vehicleId);
    if (!vehicle) out.push(`unknown vehicle ${r.vehicleId}`);
    const load = [0, 0, 0];
    if (r.departure < opens) out.push(`${r.vehicleId} leaves before the depot opens`);
    let time = r.departure;
    let at = 0;
    for (const s of r.stops) {
      const stop = byId.get(s.pointId);
      const loc = index.get(s.pointId);
      if (!stop || loc === undefined) { out.push(`unknown stop ${s.pointId}`); continue; }
      if (seen.has(s.pointId)) out.push(`${s.pointId} twice`);
      seen.add(s.pointId);
      stop.demand.forEach((d, k) => { load[k] = (load[k] ?? 0) + (d ?? 0); });
      const arrival = time + matrix.duration(at, loc);
      const begin = Math.max(arrival, stop.windowFrom ? secondsOfHhmm(stop.windowFrom) : opens);
      if (Math.abs(begin - s.begin) > 2) out.push(`${s.pointId} begins at ${s.begin}, recomputed ${begin}`);
      if (stop.windowTo && begin > secondsOfHhmm(stop.windowTo) + 1) out.push(`${s.pointId} after its window`);
      time = begin + stop.serviceMinutes * 60;
      at = loc;
    }
    if (time + matrix.duration(at, 0) > closes + 1) out.push(`${r.vehicleId} back after the depot closes`);
    vehicle?.capacity.forEach((c, k) => { if (c !== null && (load[k] ?? 0) > c) out.push(`${r.vehicleId} over capacity ${k}`); });
  }
  for (const u of plan.unassigned) {
    if (seen.has(u.pointId)) out.push(`${u.pointId} both planned and unassigned`);
    seen.add(u.pointId);
  }
  if (seen.size !== input.stops.length) out.push(`${input.stops.length - seen.size} stops lost`);
  return out;
}

describe('planning a day', () => {
  it.each([[1, 25, 3], [2, 40, 4], [3, 60, 6]])('keeps windows, capacities and the depot hours on generated day %i', (seed, n, vehicles) => {
    const input = generatedDay(n, seed, vehicles);
    const plan = planDay(input, straightLineMatrix(planLocations(input)), { seed, maxIterations: 2000, timeLimitMs: 5000 });
    expect(violations(input, plan)).toEqual([]);
    expect(plan.routes.length).toBeGreaterThan(0);
    expect(plan.routes.every((r) => r.driverUserId === `d${r.vehicleId.slice(1)}`)).toBe(true);
    expect(plan.routes.flatMap((r) => r.stops.map((s) => s.sequence))).toEqual(plan.routes.flatMap((r) => r.stops.map((_, i) => i + 1)));
  });

  it('splits stops across vehicles when one vehicle cannot carry them all', () => {
    const input = generatedDay(6, 7, 2);
    input.stops.forEach((s) => { s.demand = [400, null, 1]; s.windowFrom = null; s.windowTo = null; });
    const plan = planDay(input, straightLineMatrix(planLocations(input)), { seed: 1, maxIterations: 500 });
    expect(plan.routes).toHaveLength(2);
    expect(plan.unassigned).toEqual([]);
    expect(violations(input, plan)).toEqual([]);
  });

  it('leaves out, with the reason, a stop without coordinates, one too heavy and one whose window is before the depot opens', () => {
    const input = generatedDay(5, 3, 1);
    const [a, b, c] = input.stops;
    if (!a || !b || !c) throw new Error('generated');
    a.location = null;
    b.demand = [5000, null, 1];
    c.windowFrom = '05:00';
    c.windowTo = '06:00';
    const plan = planDay(input, straightLineMatrix(planLocations(input)), { seed: 1, maxIterations: 500 });
    const reasons = Object.fromEntries(plan.unassigned.map((u) => [u.pointId, u.reason]));
    expect(reasons).toEqual({ [a.pointId]: 'no_coordinates', [b.pointId]: 'capacity', [c.pointId]: 'time_window' });
    expect(violations(input, plan)).toEqual([]);
  });

  it('refuses a matrix of the wrong size', () => {
    const input = generatedDay(3, 1, 1);
    expect(() => planDay(input, straightLineMatrix(planLocations(input).slice(1)))).toThrow(/matrix/);
  });
});

describe('ETAs after a reorder', () => {
  // Depot at 0, stops on a line 10 km apart: 1 (10 km), 2 (20 km), 3 (30 km), at 60 km/h = 600 s per 10 km.
  const km = (a: number, b: number) => Math.abs(a - b) * 10_000;
  const positions = [0, 1, 2, 3];
  const matrix = {
    size: 4,
    distance: (i: number, j: number) => km(positions[i] ?? 0, positions[j] ?? 0),
    duration: (i: number, j: number) => km(positions[i] ?? 0, positions[j] ?? 0) / (60_000 / 3600),
  };
  const stop = (location: number, earliest: number | null = null, latest: number | null = null) => ({ location, earliest, latest, serviceSeconds: 300 });
  const opens = 8 * 3600;

  it('recomputes arrivals, waits, the return and the distance in the new order', () => {
    const order = [stop(1), stop(2), stop(3)];
    const first = routeTimes(matrix, 0, order, opens, 18 * 3600);
    expect(first.stops.map((s) => hhmmOfSeconds(s.arrival))).toEqual(['08:10', '08:25', '08:40']);
    expect(first.distance).toBe(60_000);
    expect(hhmmOfSeconds(first.finish)).toBe('09:15');

    const moved = moveItem(order, 1, -1); // 2, 1, 3
    const second = routeTimes(matrix, 0, moved, opens, 18 * 3600);
    expect(second.stops.map((s) => hhmmOfSeconds(s.arrival))).toEqual(['08:20', '08:35', '09:00']);
    expect(second.distance).toBe(80_000);
    expect(second.lateReturn).toBe(false);
  });

  it('leaves the depot as late as the first window allows and flags a stop reached after its window', () => {
    const order = [stop(2, secondsOfHhmm('09:00')), stop(1, null, secondsOfHhmm('09:20'))];
    const times = routeTimes(matrix, 0, order, opens, 18 * 3600);
    expect(hhmmOfSeconds(times.departure)).toBe('08:40');
    expect(times.stops.map((s) => s.late)).toEqual([false, false]);
    const swapped = routeTimes(matrix, 0, [stop(1, null, secondsOfHhmm('08:05')), stop(2)], opens, 18 * 3600);
    expect(swapped.stops.map((s) => s.late)).toEqual([true, false]);
    expect(routeTimes(matrix, 0, [stop(3)], opens, 8 * 3600 + 1800).lateReturn).toBe(true);
  });

  it('moves an item up and down and not past the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
