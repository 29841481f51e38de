/**
 * The export kernel's one input: a table of typed columns, made from any list's rows, that the CSV and
 * XLSX writers turn into files. Money is bani (integers), a decimal is its stored text ("1.5"), a date is
 * "YYYY-MM-DD" (a timestamp's date part is used).
 */
export type ExportKind = 'text' | 'integer' | 'decimal' | 'money' | 'date';

export type ExportCell = string | number | null;

export type ExportColumn<R> = {
  header: string;
  kind: ExportKind;
  value: (row: R) => ExportCell;
};

export type ExportTable = {
  headers: string[];
  kinds: ExportKind[];
  rows: ExportCell[][];
  /** A last row (the totals), when there is one. */
  footer?: ExportCell[];
};

/** The table of `rows` under `columns`, with an optional totals row. */
export function exportTable<R>(columns: readonly ExportColumn<R>[], rows: Iterable<R>, footer?: ExportCell[]): ExportTable {
  const out: ExportCell[][] = [];
  for (const r of rows) out.push(columns.map((c) => c.value(r)));
  return { headers: columns.map((c) => c.header), kinds: columns.map((c) => c.kind), rows: out, ...(footer ? { footer } : {}) };
}

/** Lets the page draw and answer between two slices of a long job. */
export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The same table made `slice` rows at a time, the page answering in between (a year of invoices is 30,000 rows). */
export async function exportTableInSlices<R>(columns: readonly ExportColumn<R>[], rows: Iterable<R>, footer?: ExportCell[], slice = 2000): Promise<ExportTable> {
  const out: ExportCell[][] = [];
  for (const r of rows) {
    out.push(columns.map((c) => c.value(r)));
    if (out.length % slice === 0) await yieldToPage();
  }
  return { headers: columns.map((c) => c.header), kinds: columns.map((c) => c.kind), rows: out, ...(footer ? { footer } : {}) };
}

/** A file name safe everywhere: letters without diacritics, digits and dashes ("Jurnal vânzări 2025-08" → "jurnal-vanzari-2025-08"). */
export function exportFileName(base: string, ext: 'csv' | 'xlsx' | 'pdf'): string {
  const safe = base.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${safe || 'export'}.${ext}`;
}
