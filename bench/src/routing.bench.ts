import { readFile } from 'node:fs/promises';
import { checkSolution, parseSolomon, parseTsplib, solveRoutes, type BenchmarkInstance } from '@roaauto/shared';

/**
 * The route optimiser on published instances with known optima: TSPLIB berlin52 (optimal tour 7,542) and
 * Solomon C101 (best known 827.3 with 10 vehicles). For each: the distance, the gap to the optimum, the
 * vehicles used and the time, over several seeds (median and worst). Targets (issue "Logistics"): within 2 %
 * on berlin52 and 5 % on C101, each under 2 s.
 */
const SEEDS = Number(process.env.ROUTING_SEEDS ?? 5);
const BUDGET_MS = Number(process.env.ROUTING_BUDGET_MS ?? 1500);
const data = (name: string) => readFile(new URL(`../data/${name}`, import.meta.url), 'utf8');
const instances: { instance: BenchmarkInstance; optimum: number; vehicles?: number }[] = [
  { instance: parseTsplib(await data('berlin52.tsp')), optimum: 7542 },
  { instance: parseSolomon(await data('C101.txt')), optimum: 827.3, vehicles: 10 },
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(`Route optimiser, ${SEEDS} seeds, time budget ${BUDGET_MS} ms each`);
for (const { instance, optimum, vehicles } of instances) {
  const gaps: number[] = [];
  const times: number[] = [];
  const fleet: number[] = [];
  const found: number[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const solution = solveRoutes(instance.problem, instance.matrix, { seed, timeLimitMs: BUDGET_MS });
    const errors = checkSolution(instance.problem, instance.matrix, solution);
    if (errors.length > 0 || solution.unassigned.length > 0) throw new Error(`${instance.name} seed ${seed}: ${errors.join('; ') || 'stops left unassigned'}`);
    const gap = (solution.distance / optimum - 1) * 100;
    gaps.push(gap);
    times.push(solution.elapsedMs);
    fleet.push(solution.vehiclesUsed);
    found.push(solution.bestFoundMs);
    console.log(`  ${instance.name} seed ${seed}: ${solution.distance.toFixed(1)} (gap ${gap.toFixed(2)} %), ${solution.vehiclesUsed} vehicles,`
      + ` ${solution.iterations.toLocaleString('en-US')} iterations, ${solution.elapsedMs.toFixed(0)} ms (found at ${solution.bestFoundMs.toFixed(0)} ms)`);
  }
  console.log(`${instance.name}: median gap ${median(gaps).toFixed(2)} % (worst ${Math.max(...gaps).toFixed(2)} %) to ${optimum}`
    + `${vehicles ? `, vehicles ${median(fleet)} (best known ${vehicles})` : ''}, median time ${median(times).toFixed(0)} ms`
    + ` (result found at ${median(found).toFixed(0)} ms, worst ${Math.max(...found).toFixed(0)} ms)`);
}
