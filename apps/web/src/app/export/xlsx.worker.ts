/// <reference lib="webworker" />
import { buildXlsx } from './xlsx-file';
import type { ExportTable } from './table';

/**
 * Builds an XLSX off the main thread: the page stays responsive on a year of invoices. Messages out:
 * `{ progress }` (0..1) while the rows are made, then `{ blob, ms }` (the worker's time), or `{ error }`.
 */
self.onmessage = async (event: MessageEvent<{ table: ExportTable; sheet: string }>) => {
  try {
    const t0 = performance.now();
    const blob = await buildXlsx(event.data.table, event.data.sheet, (done, total) => self.postMessage({ progress: total ? done / total : 1 }));
    self.postMessage({ blob, ms: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
