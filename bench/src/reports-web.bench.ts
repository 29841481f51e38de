import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { bundleForBrowser, js, launchChromium, serveBench } from './browser/harness';
import { INVOICES, LINES_PER_ORDER, ORDERS, reportsDdl, reportsRows } from './reports-data';
import { MOVEMENTS } from './warehouse-data';

/**
 * The reports in the browser at a shop's full size (`reports-data.ts`: 20,000 orders, 100,000 lines,
 * 30,000 invoices, 200,000 stock movements): the reports' own code (bundled from the shared sources) in a
 * page, reading the app's engine (wa-sqlite over OPFS in a dedicated worker) one message per query, as the
 * app's pages do. Figures: the month at a glance (every module's figures for the month, the month before
 * and the same month a year earlier) and a year's sales journal, each the median of 5 warm runs.
 * Targets (issue "Reports"): the month at a glance < 300 ms, a year's sales journal < 1 s.
 */
const require = createRequire(import.meta.url);
const wasm = await readFile(require.resolve('@journeyapps/wa-sqlite/dist/wa-sqlite.wasm'));
const server = await serveBench({
  '/runner.js': js(await bundleForBrowser('browser/sql-runner.worker.ts')),
  '/page.js': js(await bundleForBrowser('browser/reports-page.ts')),
  '/wa-sqlite.wasm': { type: 'application/wasm', body: wasm },
  '/data.json': { type: 'application/json', body: JSON.stringify(reportsRows()) },
}, '/page.js');
const url = server.url;

type Bench = {
  load(ddl: string[]): Promise<{ ok: boolean; rows?: number; insertMs?: number }>;
  glance(period: { from: string; to: string }, today: string): Promise<number>;
  journalYear(year: number): Promise<{ ms: number; rows: number }>;
  journalYearWholeDocuments(year: number): Promise<{ ms: number; rows: number }>;
  sql(sql: string): Promise<unknown[]>;
  profile(period: { from: string; to: string }, today: string): Promise<{ sources: Record<string, number>; queries: { sql: string; ms: number; rows: number }[] }>;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  const t0 = performance.now();
  const loaded = await page.evaluate((ddl) => (Reflect.get(window, 'bench') as Bench).load(ddl), reportsDdl());
  console.log(`Loaded ${ORDERS.toLocaleString('en-US')} orders, ${(ORDERS * LINES_PER_ORDER).toLocaleString('en-US')} lines, ${INVOICES.toLocaleString('en-US')} invoices,`
    + ` ${MOVEMENTS.toLocaleString('en-US')} stock movements (${(loaded.rows ?? 0).toLocaleString('en-US')} rows) into OPFS in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The app's page cache is 64 MB (`PRAGMA cache_size = -64000`); BENCH_CACHE_MB tries another size.
  const cacheMb = Number(process.env.BENCH_CACHE_MB ?? 0);
  if (cacheMb > 0) {
    await page.evaluate((kb) => (Reflect.get(window, 'bench') as Bench).sql(`PRAGMA cache_size = -${kb}`), cacheMb * 1000);
    console.log(`page cache: ${cacheMb} MB (the app's: 64 MB)`);
  }
  // The size of what the glance and the journal read, against the page cache (this build of the engine has no dbstat).
  const [size] = await page.evaluate(() => (Reflect.get(window, 'bench') as Bench).sql(
    `SELECT (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()) AS db,
       (SELECT SUM(length(document)) FROM invoices) AS documents,
       (SELECT SUM(length(document)) FROM invoices WHERE data_factura BETWEEN '2025-01-01' AND '2025-12-31') AS year_documents`,
  )) as { db: number; documents: number; year_documents: number }[];
  const mb = (b: number | undefined) => `${((b ?? 0) / 1e6).toFixed(1)} MB`;
  console.log(`database ${mb(size?.db)}; invoices' documents ${mb(size?.documents)}, of 2025 ${mb(size?.year_documents)}`);

  // November 2026, with October 2026 and November 2025 beside it (`glanceComparison`).
  const periods = { from: '2026-11-01', to: '2026-11-30' };
  const glance: number[] = [];
  const journal: number[] = [];
  let journalRows = 0;
  for (let i = 0; i < 6; i++) {
    const g = await page.evaluate((p) => (Reflect.get(window, 'bench') as Bench).glance(p, '2026-12-06'), periods);
    const j = await page.evaluate(() => (Reflect.get(window, 'bench') as Bench).journalYear(2025));
    // The first run reads the pages from OPFS into the cache: shown, not counted.
    if (i === 0) console.log(`first run (cold cache): month at a glance ${g.toFixed(0)} ms, a year's sales journal ${j.ms.toFixed(0)} ms`);
    else {
      glance.push(g);
      journal.push(j.ms);
    }
    journalRows = j.rows;
  }
  // Where the time goes (one more warm run, each source and query timed on its own).
  const profile = await page.evaluate((p) => (Reflect.get(window, 'bench') as Bench).profile(p, '2026-12-06'), periods);
  console.log('per source (3 periods):', Object.entries(profile.sources).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', '));
  for (const q of profile.queries) console.log(`  ${q.ms.toFixed(1).padStart(7)} ms ${String(q.rows).padStart(7)} rows  ${q.sql}`);
  // The glance alone, three times in a row (a person paging through months): what its own pages need of the cache.
  const alone: number[] = [];
  for (let i = 0; i < 3; i++) alone.push(await page.evaluate((p) => (Reflect.get(window, 'bench') as Bench).glance(p, '2026-12-06'), periods));
  console.log(`month at a glance alone, 3 runs in a row: ${alone.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  // The journal as it read before (every whole document to the page, parsed there) beside the journal as it reads now, back to back.
  const whole: number[] = [];
  const paths: number[] = [];
  for (let i = 0; i < 3; i++) {
    whole.push((await page.evaluate(() => (Reflect.get(window, 'bench') as Bench).journalYearWholeDocuments(2025))).ms);
    paths.push((await page.evaluate(() => (Reflect.get(window, 'bench') as Bench).journalYear(2025))).ms);
  }
  console.log(`a year's sales journal alone, 3 runs each: whole documents ${median(whole).toFixed(0)} ms, only their figures (json_extract) ${median(paths).toFixed(0)} ms`);
  const g = median(glance);
  const j = median(journal);
  console.log(`month at a glance (3 periods × 6 sources): ${g.toFixed(0)} ms (median of ${glance.length}; target < 300 ms)`);
  console.log(`a year's sales journal (12 months, ${journalRows.toLocaleString('en-US')} documents): ${j.toFixed(0)} ms (median of ${journal.length}; target < 1000 ms)`);
  const verdicts = [['month at a glance < 300 ms', g < 300], ["a year's sales journal < 1 s", j < 1000]] as const;
  for (const [what, ok] of verdicts) console.log(`${ok ? 'OK  ' : 'SLOW'} ${what}`);
  if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
