import {
  checkSolution, seededRandom, solveRoutes, straightLineMatrix, type BenchmarkInstance, type RoutingStop, type RoutingVehicle,
} from '@roaauto/shared';

/**
 * A generated delivery day: `stops` addresses within about 20 km of a depot in Bucharest, 60 % of them with a
 * two-hour window, 5–15 min of service, 10–150 kg each and a pallet for 30 % of them; `vehicles` vans of 1,500 kg and
 * 8 pallets working 08:00–18:00; straight-line distance × 1.3 at 35 km/h. Times in seconds since midnight.
 */
export function generatedDay(seed: number, stops = 200, vehicles = 20): BenchmarkInstance {
  const random = seededRandom(seed);
  const depot = { lat: 44.4268, lon: 26.1025 };
  const points = [depot, ...Array.from({ length: stops }, () => ({ lat: depot.lat + (random() - 0.5) * 0.36, lon: depot.lon + (random() - 0.5) * 0.5 }))];
  const day: RoutingStop[] = points.slice(1).map((_, i) => {
    const windowed = random() < 0.6;
    const opens = 8 * 3600 + Math.floor(random() * 8) * 3600;
    return {
      id: `p${i + 1}`, location: i + 1, demand: [Math.round(10 + random() * 140), random() < 0.3 ? 1 : 0],
      earliest: windowed ? opens : 8 * 3600, latest: windowed ? opens + 2 * 3600 : 18 * 3600, serviceTime: 300 + Math.round(random() * 600),
    };
  });
  const fleet: RoutingVehicle[] = Array.from({ length: vehicles }, (_, i) => ({
    id: `van${i + 1}`, capacity: [1500, 8], start: 0, end: 0, shiftStart: 8 * 3600, shiftEnd: 18 * 3600,
  }));
  return { name: `${stops} generated stops`, problem: { stops: day, vehicles: fleet }, matrix: straightLineMatrix(points, { roadFactor: 1.3, speedKmh: 35 }) };
}

export type RunFigures = { distance: number; vehicles: number; unassigned: number; iterations: number; elapsedMs: number; bestFoundMs: number; violations: string[] };

/** One run of the optimiser, checked from scratch against its problem. */
export function runInstance(instance: BenchmarkInstance, seed: number, budgetMs: number, maxIterations?: number): RunFigures {
  const solution = solveRoutes(instance.problem, instance.matrix, { seed, timeLimitMs: budgetMs, maxIterations });
  return {
    distance: solution.distance, vehicles: solution.vehiclesUsed, unassigned: solution.unassigned.length, iterations: solution.iterations,
    elapsedMs: solution.elapsedMs, bestFoundMs: solution.bestFoundMs, violations: checkSolution(instance.problem, instance.matrix, solution),
  };
}
