import { fileURLToPath } from 'node:url';
import { bundleForBrowser, js, launchChromium, serveBench } from './browser/harness';

/**
 * The XLSX export of a year's invoices in the browser: the app's export code (bundled from its sources) in a
 * page of headless Chromium, 30,000 invoices under the invoice list's columns, made into an XLSX through the
 * app's export worker as the list's "Excel" button does. Figures (median of 3 after a warm-up): the time from
 * the rows to the file's Blob, the worker's own time, the main thread's longest task and longest gap between
 * animation frames during the export, the progress events received, the file's size; beside them, the same
 * rows as CSV (made on the page). Targets (issue "Reports"): the XLSX < 3 s, no main-thread task > 100 ms.
 */
const ROWS = Math.round(30_000 * Number(process.env.BENCH_SCALE ?? 1));
const webSrc = fileURLToPath(new URL('../../apps/web/src', import.meta.url));
const alias = { '@': webSrc };
// The page: the app's export code (its own sources, through the app's `@/` alias) as `window.exportKit`, then the bench's page.
const pageJs = await bundleForBrowser({
  alias,
  stdin: {
    resolveDir: webSrc,
    contents: `import { csvBlob } from '@/app/export/csv';
import { xlsxInWorker } from '@/app/export/export-file';
import { exportTableInSlices } from '@/app/export/table';
import { invoiceExportColumns } from '@/modules/accounting/pages/invoices/invoice-export';
import ${JSON.stringify(fileURLToPath(new URL('./browser/export-page.ts', import.meta.url)))};
window.exportKit = { csvBlob, xlsxInWorker, exportTableInSlices, invoiceExportColumns };`,
  },
});
const workerJs = await bundleForBrowser({ alias, entryPoints: [`${webSrc}/app/export/xlsx.worker.ts`] });

const server = await serveBench({
  '/page.js': js(pageJs),
  // The app's code asks for its worker as `new URL('./xlsx.worker.ts', import.meta.url)`: here, beside the page.
  '/xlsx.worker.ts': js(workerJs),
}, '/page.js');
const url = server.url;

type Xlsx = { ms: number; workerMs: number; bytes: number; progress: number[]; longestTask: number; longTasks: number; longestFrameGap: number };
type Csv = { ms: number; bytes: number; longestTask: number; longestFrameGap: number };
type Bench = { make(count: number): number; xlsx(): Promise<Xlsx>; csv(): Promise<Csv> };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  await page.evaluate((n) => (Reflect.get(window, 'bench') as Bench).make(n), ROWS);
  const xlsx: Xlsx[] = [];
  const csv: Csv[] = [];
  for (let i = 0; i < 4; i++) {
    const x = await page.evaluate(() => (Reflect.get(window, 'bench') as Bench).xlsx());
    const c = await page.evaluate(() => (Reflect.get(window, 'bench') as Bench).csv());
    if (i === 0) console.log(`warm-up: XLSX ${x.ms.toFixed(0)} ms, CSV ${c.ms.toFixed(0)} ms`);
    else {
      xlsx.push(x);
      csv.push(c);
    }
  }
  const ms = median(xlsx.map((x) => x.ms));
  const task = Math.max(...xlsx.map((x) => x.longestTask));
  const gap = median(xlsx.map((x) => x.longestFrameGap));
  const last = xlsx.at(-1);
  const c = median(csv.map((x) => x.ms));
  console.log(`${ROWS.toLocaleString('en-US')} invoices, the invoice list's 10 columns (median of ${xlsx.length}, after a warm-up):`);
  console.log(`XLSX to the Blob: ${ms.toFixed(0)} ms (worker ${median(xlsx.map((x) => x.workerMs)).toFixed(0)} ms), ${kb(last?.bytes ?? 0)}; target < 3000 ms`);
  console.log(`  main thread during it: longest task ${task.toFixed(0)} ms (worst of ${xlsx.length}; ${xlsx.map((x) => x.longTasks).join('/')} tasks > 50 ms),`
    + ` longest gap between frames ${gap.toFixed(0)} ms (median); progress events ${last?.progress.length ?? 0}`
    + ` (${(last?.progress ?? []).slice(0, 4).map((p) => p.toFixed(2)).join(', ')}${(last?.progress.length ?? 0) > 4 ? ', …' : ''})`);
  console.log(`CSV baseline (on the page): ${c.toFixed(0)} ms, ${kb(csv.at(-1)?.bytes ?? 0)}, longest task ${Math.max(...csv.map((x) => x.longestTask)).toFixed(0)} ms;`
    + ` XLSX / CSV ${(ms / Math.max(c, 1)).toFixed(1)}×`);
  const verdicts = [['XLSX of a year\'s invoices < 3 s', ms < 3000], ['no main-thread task > 100 ms during the XLSX export', task <= 100]] as const;
  for (const [what, ok] of verdicts) console.log(`${ok ? 'OK  ' : 'SLOW'} ${what}`);
  if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
