import type { CellObject } from 'write-excel-file/universal';
import type { ExportCell, ExportKind, ExportTable } from './table';

/**
 * A table as the cells of an XLSX sheet: numbers as numbers with a number format (money in lei with two
 * decimals, so a column sums in the spreadsheet), dates as dates (dd.mm.yyyy), the header bold and frozen.
 * Plain data for `write-excel-file`, built in chunks so the worker can say how far it is.
 */

export const moneyFormat = '#,##0.00';
export const dateFormat = 'dd.mm.yyyy';

export type XlsxCell = CellObject | null;

function isoDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** One cell: money in lei (bani / 100), a decimal as a number, a date as a Date; text as written. */
export function xlsxCell(kind: ExportKind, value: ExportCell, bold = false): XlsxCell {
  if (value === null || value === '') return null;
  const style = bold ? { fontWeight: 'bold' as const } : {};
  if (kind === 'money' && typeof value === 'number') return { value: value / 100, type: Number, format: moneyFormat, ...style };
  if ((kind === 'integer' || kind === 'decimal') && Number.isFinite(Number(value)) && String(value).trim() !== '') return { value: Number(value), type: Number, ...style };
  if (kind === 'date' && typeof value === 'string') {
    const d = isoDate(value);
    if (d) return { value: d, type: Date, format: dateFormat, ...style };
  }
  return { value: String(value), type: String, ...style };
}

/** Column widths in characters, from the longest of the first rows (at most 60). */
export function xlsxWidths(table: ExportTable): { width: number }[] {
  return table.headers.map((h, i) => {
    let w = h.length;
    for (const r of table.rows.slice(0, 200)) w = Math.max(w, String(r[i] ?? '').length + (table.kinds[i] === 'money' ? 3 : 0));
    return { width: Math.min(60, Math.max(8, w + 2)) };
  });
}

/** The sheet's rows, `onProgress(done, total)` called every `chunk` rows. */
export function xlsxRows(table: ExportTable, onProgress?: (done: number, total: number) => void, chunk = 2000): XlsxCell[][] {
  const out: XlsxCell[][] = [table.headers.map((h) => ({ value: h, type: String, fontWeight: 'bold' }))];
  const total = table.rows.length;
  table.rows.forEach((r, n) => {
    out.push(r.map((v, i) => xlsxCell(table.kinds[i] ?? 'text', v)));
    if (onProgress && (n + 1) % chunk === 0) onProgress(n + 1, total);
  });
  if (table.footer) out.push(table.footer.map((v, i) => xlsxCell(table.kinds[i] ?? 'text', v, true)));
  onProgress?.(total, total);
  return out;
}
