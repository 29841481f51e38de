import { download } from '@/app/documents';
import { csvBlob } from './csv';
import { exportFileName, yieldToPage, type ExportTable } from './table';
import type { XlsxWorkerMessage } from './xlsx.worker';

/** Saves the table as CSV (made at once: a string per row is quick even for a year). */
export function saveCsv(table: ExportTable, name: string): void {
  download(csvBlob(table), exportFileName(name, 'csv'));
}

/**
 * Makes the XLSX in a Web Worker, reporting progress (0..1), and saves it. Where workers cannot run (an
 * old browser), it is made here, on the page.
 */
export async function saveXlsx(table: ExportTable, name: string, onProgress: (fraction: number) => void): Promise<void> {
  const blob = typeof Worker === 'undefined' ? await inPage(table, name, onProgress) : (await xlsxInWorker(table, name, onProgress)).blob;
  download(blob, exportFileName(name, 'xlsx'));
}

async function inPage(table: ExportTable, name: string, onProgress: (fraction: number) => void): Promise<Blob> {
  const { buildXlsx } = await import('./xlsx-file');
  return buildXlsx(table, name, (done, total) => onProgress(total ? done / total : 1));
}

/**
 * The XLSX made in the export worker: the file and the worker's own time (ms) to make it. The rows go over
 * `slice` at a time, the page drawing in between: one copy of a year's rows would hold the page for a while.
 */
export async function xlsxInWorker(table: ExportTable, name: string, onProgress: (fraction: number) => void, slice = 2000): Promise<{ blob: Blob; workerMs: number }> {
  const worker = new Worker(new URL('./xlsx.worker.ts', import.meta.url), { type: 'module', name: 'roaauto-xlsx' });
  const send = (m: XlsxWorkerMessage) => worker.postMessage(m);
  const { rows, ...rest } = table;
  const done = new Promise<{ blob: Blob; workerMs: number }>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ progress?: number; blob?: Blob; ms?: number; error?: string }>) => {
      if (e.data.progress !== undefined) onProgress(e.data.progress);
      if (e.data.blob) {
        worker.terminate();
        resolve({ blob: e.data.blob, workerMs: e.data.ms ?? 0 });
      }
      if (e.data.error !== undefined) {
        worker.terminate();
        reject(new Error(e.data.error));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
  });
  // A failure while the rows are still going over is the caller's, once they are sent.
  done.catch(() => undefined);
  send({ start: rest, sheet: name });
  for (let at = 0; at < rows.length; at += slice) {
    send({ rows: rows.slice(at, at + slice) });
    await yieldToPage();
  }
  send({ end: true });
  return done;
}
