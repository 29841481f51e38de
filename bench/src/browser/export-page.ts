/**
 * The app's export code in the bench's page: a year of invoices under the invoice list's columns, made into
 * an XLSX through the app's worker (served at the path the app's code asks for) and into a CSV, while a
 * PerformanceObserver records the main thread's long tasks and a requestAnimationFrame loop the gaps between
 * frames. The app's code comes bundled beside this file by the bench (`window.exportKit`), as the app's own
 * sources (table.ts, csv.ts, export-file.ts and its worker, the invoice list's invoice-export.ts).
 */
type InvoiceExportRow = {
  serie_factura: string; nr_factura: number; tip: string; data_factura: string; client_nume: string; client_cod_fiscal: string | null;
  nr_auto: string | null; total_fara_tva: number; tva: number; total_general: number;
};
type Table = { rows: unknown[][] };
type Kit = {
  invoiceExportColumns(t: (key: string) => string): unknown[];
  exportTableInSlices(columns: unknown[], rows: InvoiceExportRow[]): Promise<Table>;
  csvBlob(table: Table): Blob;
  xlsxInWorker(table: Table, name: string, onProgress: (fraction: number) => void): Promise<{ blob: Blob; workerMs: number }>;
};
const kit = () => Reflect.get(window, 'exportKit') as Kit;
const headers: Record<string, string> = {
  series: 'Serie', number: 'Număr', kind: 'Tip', date: 'Data', customer: 'Client', taxId: 'CUI/CNP', plate: 'Nr. auto',
  net: 'Total fără TVA', vat: 'TVA', total: 'Total', storno: 'Storno', invoice: 'Factură',
};
const t = (key: string) => headers[key.replace('accounting.export.', '')] ?? key;

const names = ['Popescu Ion', 'SC Auto Service Dacia SRL', 'Ionescu Maria', 'Transport Ștefănescu & Fiii SRL', 'Vasilescu Andrei', 'Țurcanu Elena'];
function invoices(count: number): InvoiceExportRow[] {
  const out: InvoiceExportRow[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + Math.floor((i * 365) / count) * 86_400_000).toISOString().slice(0, 10);
    const net = 5_000 + ((i * 7919) % 500_000);
    const storno = i % 50 === 49;
    const vat = Math.round(net * 0.21);
    out.push({
      serie_factura: `RA${1 + (i % 3)}`, nr_factura: 1 + Math.floor(i / 3), tip: storno ? 'storno' : 'factura', data_factura: day,
      client_nume: `${names[i % names.length] ?? ''} ${i % 997}`, client_cod_fiscal: i % 4 === 0 ? null : `RO${10_000_000 + ((i * 31) % 9_000_000)}`,
      nr_auto: i % 5 === 0 ? null : `B ${100 + (i % 900)} ABC`,
      total_fara_tva: storno ? -net : net, tva: storno ? -vat : vat, total_general: storno ? -(net + vat) : net + vat,
    });
  }
  return out;
}

const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });

/** The main thread's responsiveness while `work` runs: the longest task and the longest gap between frames. */
async function watched<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; longestTask: number; longTasks: number; longestFrameGap: number }> {
  let last = performance.now();
  let gap = 0;
  let on = true;
  const frame = (now: number) => {
    gap = Math.max(gap, now - last);
    last = now;
    if (on) requestAnimationFrame(frame);
  };
  await new Promise((r) => requestAnimationFrame(r));
  last = performance.now();
  requestAnimationFrame(frame);
  const t0 = performance.now();
  const result = await work();
  const t1 = performance.now();
  on = false;
  // The last frame after the work, so a long task at its very end counts as a gap too.
  await new Promise((r) => requestAnimationFrame(r));
  gap = Math.max(gap, performance.now() - last);
  // Long tasks are reported a little after they end.
  await new Promise((r) => setTimeout(r, 50));
  const inside = longTasks.filter((e) => e.startTime + e.duration >= t0 && e.startTime <= t1);
  return { result, ms: t1 - t0, longestTask: Math.max(0, ...inside.map((e) => e.duration)), longTasks: inside.length, longestFrameGap: gap };
}

let rows: InvoiceExportRow[] = [];
const bench = {
  make(count: number): number {
    rows = invoices(count);
    return rows.length;
  },
  /** The XLSX as the invoice list's button makes it: the table from the rows, then the worker. */
  async xlsx() {
    const progress: number[] = [];
    const r = await watched(async () => kit().xlsxInWorker(await kit().exportTableInSlices(kit().invoiceExportColumns(t), rows), 'Facturi', (f) => progress.push(f)));
    return { ms: r.ms, workerMs: r.result.workerMs, bytes: r.result.blob.size, progress, longestTask: r.longestTask, longTasks: r.longTasks, longestFrameGap: r.longestFrameGap };
  },
  /** The CSV as the same button makes it (on the page, at once). */
  async csv() {
    const r = await watched(async () => kit().csvBlob(await kit().exportTableInSlices(kit().invoiceExportColumns(t), rows)));
    return { ms: r.ms, bytes: r.result.size, longestTask: r.longestTask, longestFrameGap: r.longestFrameGap };
  },
};
Reflect.set(window, 'bench', bench);
