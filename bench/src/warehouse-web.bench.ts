import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { bundleForBrowser, js, launchChromium, serveBench } from './browser/harness';
import { printTable, type BenchRow } from './table';
import { LOCATIONS, MOVEMENTS, PRODUCTS, SETS, warehouseDdl, warehouseQueries, warehouseRows, type QueryCase } from './warehouse-data';

/**
 * The warehouse at a shop's full size in the browser: the same data and queries as `warehouse.bench.ts`
 * (20,000 products, 200,000 movements, 2,000 tyre sets; `warehouse-data.ts`) on the app's engine —
 * wa-sqlite over OPFS in a dedicated worker, the app's build and VFS, in headless Chromium. Each query is
 * timed twice: in the worker (the engine) and from the page (with the message to the worker and back, as
 * a page of the app waits for it). Each case is the median of its runs. Baseline: a full scan of the
 * ledger. Targets (issue "Warehouse"): a keystroke's search and one product's stock < 20 ms; a stock list
 * at a date < 1 s.
 */
const require = createRequire(import.meta.url);
const wasmPath = require.resolve('@journeyapps/wa-sqlite/dist/wa-sqlite.wasm');

const { batches, productIds } = warehouseRows();
const data = JSON.stringify(batches);
const server = await serveBench({
  '/runner.js': js(await bundleForBrowser('browser/sql-runner.worker.ts')),
  '/wa-sqlite.wasm': { type: 'application/wasm', body: await readFile(wasmPath) },
  '/data.json': { type: 'application/json', body: data },
});
const url = server.url;

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // tsx names the functions it compiles with a helper the page lacks: give the page a no-op one.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(url);
  const t0 = performance.now();
  const loaded = await page.evaluate(async ({ ddl }) => {
    const worker = new Worker('/runner.js', { type: 'module' });
    Reflect.set(window, 'benchWorker', worker);
    return new Promise<{ ok: boolean; rows?: number; insertMs?: number; error?: string }>((resolve) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.postMessage({ type: 'load', ddl, dataUrl: '/data.json' });
    });
  }, { ddl: warehouseDdl() });
  if (!loaded.ok) throw new Error(loaded.error);
  console.log(`Loaded ${PRODUCTS.toLocaleString('en-US')} products, ${MOVEMENTS.toLocaleString('en-US')} movements, ${SETS.toLocaleString('en-US')} tyre sets`
    + ` (${(loaded.rows ?? 0).toLocaleString('en-US')} rows) into OPFS: inserts ${((loaded.insertMs ?? 0) / 1000).toFixed(1)} s, with fetch and DDL ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  /** Runs every query of a case `runs` times after one warm-up; medians per query, in the worker and from the page. */
  const time = (queries: QueryCase, runs: number) => page.evaluate(async ({ queries, runs }) => {
    const worker = Reflect.get(window, 'benchWorker') as Worker;
    const ask = (q: { sql: string; params: unknown[] }) => new Promise<{ worker: number; page: number; rows: number }>((resolve, reject) => {
      const t = performance.now();
      worker.onmessage = (e) => (e.data.ok ? resolve({ worker: e.data.ms, page: performance.now() - t, rows: e.data.rows }) : reject(new Error(e.data.error)));
      worker.postMessage({ type: 'query', sql: q.sql, params: q.params });
    });
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const out: { worker: number; page: number; rows: number }[] = [];
    for (const q of queries) {
      await ask(q);
      const samples: { worker: number; page: number; rows: number }[] = [];
      for (let i = 0; i < runs; i++) samples.push(await ask(q));
      out.push({ worker: mid(samples.map((s) => s.worker)), page: mid(samples.map((s) => s.page)), rows: samples[0]?.rows ?? 0 });
    }
    return out;
  }, { queries, runs });

  const q = warehouseQueries(productIds);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const baseline = await time(q.baseline, 5);
  const keystrokes = await time(q.keystrokes, 5);
  const barcode = await time(q.barcode, 15);
  const oneProduct = await time(q.oneProduct, 5);
  const atDate = await time(q.stockAtDate, 3);
  const plate = await time(q.tyreSetByPlate, 15);
  const cases: [string, { worker: number; page: number; rows: number }[]][] = [
    ['full scan of the ledger (baseline)', baseline],
    [`product search, one keystroke (median of ${keystrokes.length})`, [{ worker: median(keystrokes.map((k) => k.worker)), page: median(keystrokes.map((k) => k.page)), rows: 0 }]],
    ['product search, worst keystroke', [{ worker: Math.max(...keystrokes.map((k) => k.worker)), page: Math.max(...keystrokes.map((k) => k.page)), rows: 0 }]],
    ['barcode / code lookup (scanner Enter)', barcode],
    [`stock of one product (median of ${oneProduct.length} products)`, [{ worker: median(oneProduct.map((k) => k.worker)), page: median(oneProduct.map((k) => k.page)), rows: 0 }]],
    [`stock list at a date (2026-09-30, ${atDate[0]?.rows.toLocaleString('en-US') ?? 0} lines)`, atDate],
    ['tyre set by plate', plate],
  ];
  const rows = (key: 'worker' | 'page'): BenchRow[] => cases.map(([name, [r]]) => ({ name, ms: r?.[key] ?? Number.POSITIVE_INFINITY, ops: 1 }));
  printTable('Warehouse in headless Chromium: wa-sqlite on OPFS, time in the worker', rows('worker'));
  printTable('The same, from the page (message to the worker and back)', rows('page'));
  const pageRows = rows('page');
  const ms = (name: string) => pageRows.find((r) => r.name.startsWith(name))?.ms ?? Number.POSITIVE_INFINITY;
  const verdicts = [
    ['worst keystroke < 20 ms (from the page)', ms('product search, worst') < 20],
    ['stock of one product < 20 ms (from the page)', ms('stock of one product') < 20],
    ['stock list at a date < 1 s (from the page)', ms('stock list at a date') < 1000],
  ] as const;
  for (const [what, ok] of verdicts) console.log(`${ok ? 'OK  ' : 'SLOW'} ${what}`);
  console.log(`(${LOCATIONS} locations; Chromium ${browser.version()})`);
  if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
