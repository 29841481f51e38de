/// <reference lib="webworker" />
import { buildXlsx } from './xlsx-file';
import type { ExportTable } from './table';

/**
 * Builds an XLSX off the main thread: the page stays responsive on a year of invoices. Messages in: `{ start }`
 * (the table without its rows, and the sheet's name), `{ rows }` slice by slice (small copies, so the page never
 * stops for one big one), `{ end }`. Messages out: `{ progress }` (0..1) while the sheet is written, then
 * `{ blob, ms }` (the worker's time), or `{ error }`.
 */
export type XlsxWorkerMessage =
  | { start: Omit<ExportTable, 'rows'>; sheet: string }
  | { rows: ExportTable['rows'] }
  | { end: true };

let table: ExportTable = { headers: [], kinds: [], rows: [] };
let sheet = '';
self.onmessage = async (event: MessageEvent<XlsxWorkerMessage>) => {
  const m = event.data;
  if ('start' in m) {
    table = { ...m.start, rows: [] };
    sheet = m.sheet;
    return;
  }
  if ('rows' in m) {
    for (const r of m.rows) table.rows.push(r);
    return;
  }
  try {
    const t0 = performance.now();
    const blob = await buildXlsx(table, sheet, (done, total) => self.postMessage({ progress: total ? done / total : 1 }));
    self.postMessage({ blob, ms: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
