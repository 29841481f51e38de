import type { ExportCell, ExportKind, ExportTable } from './table';

/**
 * CSV as Excel in Romanian opens it by a double click: UTF-8 with a byte order mark (else ș ț ă come out
 * garbled), `;` between fields (the list separator where the decimal mark is a comma), money and decimals
 * with a decimal comma and no thousands separator, dates as dd.mm.yyyy, CRLF line ends. A field with a
 * `;`, a quote, a line break or spaces at its ends is quoted, its quotes doubled. A text that a spreadsheet
 * would run as a formula (starting with = + - @) gets a leading apostrophe.
 */

export const csvBom = '\uFEFF';
export const csvSeparator = ';';

/** Bani as lei with a decimal comma: 123450 → "1234,50", -5 → "-0,05". */
export function csvMoney(bani: number): string {
  const abs = Math.abs(bani);
  return `${bani < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function csvDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

function quote(text: string): string {
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell as CSV text (quoted when needed). */
export function csvCell(kind: ExportKind, value: ExportCell): string {
  if (value === null || value === '') return '';
  switch (kind) {
    case 'money':
      return typeof value === 'number' ? csvMoney(value) : quote(value);
    case 'decimal':
    case 'integer':
      return String(value).replace('.', ',');
    case 'date':
      return csvDate(String(value));
    default: {
      const text = String(value);
      return quote(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
    }
  }
}

/** The whole file's text, the BOM first. */
export function toCsv(table: ExportTable): string {
  const lines = [table.headers.map((h) => quote(h)).join(csvSeparator)];
  const row = (cells: readonly ExportCell[]) => cells.map((v, i) => csvCell(table.kinds[i] ?? 'text', v)).join(csvSeparator);
  for (const r of table.rows) lines.push(row(r));
  if (table.footer) lines.push(row(table.footer));
  return `${csvBom}${lines.join('\r\n')}\r\n`;
}

/** The file as a Blob, for download. */
export function csvBlob(table: ExportTable): Blob {
  return new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' });
}
