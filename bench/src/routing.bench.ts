import { readFile } from 'node:fs/promises';
import { parseSolomon, parseTsplib, type BenchmarkInstance } from '@roaauto/shared';
import { bundleForBrowser, js, launchChromium, serveBench } from './browser/harness';
import { generatedDay, runInstance, type RunFigures } from './routing-data';

/**
 * The route optimiser on published instances with known optima: TSPLIB berlin52 (optimal tour 7,542) and
 * Solomon C101 (best known 827.3 with 10 vehicles), and on a generated day of 200 stops with time windows
 * (no known optimum: its baseline is the first plan, the construction before any search). For each: the
 * distance, the gap, the vehicles and the time, over several seeds (median and worst), in Node and in headless
 * Chromium. Targets (issue "Logistics"): within 2 % on berlin52 and 5 % on C101, each under 2 s.
 */
const SEEDS = Number(process.env.ROUTING_SEEDS ?? 5);
const BUDGET_MS = Number(process.env.ROUTING_BUDGET_MS ?? 1000);
const DAY_SEED = 2026;
const data = (name: string) => readFile(new URL(`../data/${name}`, import.meta.url), 'utf8');
type Kind = 'tsplib' | 'solomon' | 'generated';
const texts: Record<Kind, string> = { tsplib: await data('berlin52.tsp'), solomon: await data('C101.txt'), generated: String(DAY_SEED) };
const cases: { kind: Kind; instance: BenchmarkInstance; optimum?: number; vehicles?: number; target?: number }[] = [
  { kind: 'tsplib', instance: parseTsplib(texts.tsplib), optimum: 7542, target: 2 },
  { kind: 'solomon', instance: parseSolomon(texts.solomon), optimum: 827.3, vehicles: 10, target: 5 },
  { kind: 'generated', instance: generatedDay(DAY_SEED) },
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function report(where: string, name: string, runs: RunFigures[], optimum: number, target: number | undefined, vehicles?: number): void {
  for (const run of runs) {
    if (run.violations.length > 0) throw new Error(`${where} ${name}: ${run.violations.join('; ')}`);
  }
  const gaps = runs.map((r) => (r.distance / optimum - 1) * 100);
  const times = runs.map((r) => r.elapsedMs);
  const found = runs.map((r) => r.bestFoundMs);
  const gap = median(gaps);
  const ok = target === undefined || (gap <= target && median(times) < 2000);
  if (!ok) process.exitCode = 1;
  const against = target === undefined ? 'the first plan' : 'the optimum';
  console.log(`${target === undefined ? '    ' : ok ? 'OK  ' : 'MISS'} ${where} ${name}: median ${median(runs.map((r) => r.distance)).toFixed(1)} (worst ${Math.max(...runs.map((r) => r.distance)).toFixed(1)}), ${gap.toFixed(2)} %`
    + ` (worst ${Math.max(...gaps).toFixed(2)} %) to ${against} ${optimum.toFixed(1)}, vehicles ${median(runs.map((r) => r.vehicles))}${vehicles ? ` (best known ${vehicles})` : ''},`
    + ` unassigned ${Math.max(...runs.map((r) => r.unassigned))}, time ${median(times).toFixed(0)} ms, result found at ${median(found).toFixed(0)} ms`
    + ` (worst ${Math.max(...found).toFixed(0)} ms), ${median(runs.map((r) => r.iterations)).toLocaleString('en-US')} iterations`);
}

console.log(`Route optimiser: ${SEEDS} seeds, time budget ${BUDGET_MS} ms per run`);
const baselines = new Map<Kind, number>();
for (const { kind, instance, optimum, vehicles, target } of cases) {
  const first = runInstance(instance, 1, Number.POSITIVE_INFINITY, 0);
  baselines.set(kind, optimum ?? first.distance);
  console.log(`     ${instance.name}: first plan (construction, no search) ${first.distance.toFixed(1)}, ${first.vehicles} vehicles,`
    + ` unassigned ${first.unassigned}, ${first.elapsedMs.toFixed(0)} ms`);
  const runs = Array.from({ length: SEEDS }, (_, i) => runInstance(instance, i + 1, BUDGET_MS));
  report('node', instance.name, runs, optimum ?? first.distance, target, vehicles);
}

// The same code in headless Chromium, bundled from the shared sources.
const server = await serveBench({ '/page.js': js(await bundleForBrowser('browser/routing-page.ts')) }, '/page.js');
const url = server.url;
const browser = await launchChromium();
type Bench = { run(kind: Kind, text: string, seed: number, budgetMs: number): RunFigures };
try {
  const page = await browser.newPage();
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  for (const { kind, instance, optimum, vehicles, target } of cases) {
    const runs: RunFigures[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      runs.push(await page.evaluate(([k, text, s, budget]) => (Reflect.get(window, 'bench') as Bench).run(k, text, s, budget), [kind, texts[kind], seed, BUDGET_MS] as const));
    }
    report('chromium', instance.name, runs, optimum ?? baselines.get(kind) ?? 1, target, vehicles);
  }
} finally {
  await browser.close();
  server.close();
}
