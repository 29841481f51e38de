import type { ExportCell, ExportKind, ExportTable } from './table';

/**
 * A table as the XML of an XLSX sheet (SpreadsheetML), written here as text: numbers as numbers with a number
 * format (money in lei with two decimals, so a column sums in the spreadsheet), dates as dates (dd.mm.yyyy),
 * texts in the shared strings table, the header bold and frozen. Written row by row, in chunks, so the export
 * worker can say how far it is and a year of invoices takes a fraction of a second, not several seconds.
 */

export const moneyFormat = '#,##0.00';
export const dateFormat = 'dd.mm.yyyy';

/** The cells' styles, the indexes of `cellXfs` in styles.xml: plain, money, date, then the same bold. */
const styleOf = { plain: 0, money: 1, date: 2 } as const;
const boldStyle = 3;

export const stylesXml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + `<numFmts count="2"><numFmt numFmtId="164" formatCode="${moneyFormat}"/><numFmt numFmtId="165" formatCode="${dateFormat}"/></numFmts>`
  + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="6">'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
  + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
  + '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
  + '<xf numFmtId="165" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
  + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

// Characters XML 1.0 cannot hold at all (control characters but tab and line ends) are left out.
// eslint-disable-next-line no-control-regex
const needsEscape = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const escapes = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const entity: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** A text as XML character data (and attribute value). */
export function xmlText(text: string): string {
  return needsEscape.test(text) ? text.replace(escapes, (c) => entity[c] ?? '') : text;
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The workbook's shared strings: each distinct text once, the cells pointing at it by index. */
export class SharedStrings {
  private readonly ids = new Map<string, number>();
  private uses = 0;

  index(text: string): number {
    this.uses++;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
    }
    return id;
  }

  xml(): string {
    const items: string[] = [];
    for (const text of this.ids.keys()) items.push(/^\s|\s$/.test(text) ? `<si><t xml:space="preserve">${xmlText(text)}</t></si>` : `<si><t>${xmlText(text)}</t></si>`);
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.uses}" uniqueCount="${this.ids.size}">${items.join('')}</sst>`;
  }
}

const excelEpoch = Date.UTC(1899, 11, 30);

/** A "YYYY-MM-DD…" date as the spreadsheet's serial day number, or null. */
export function dateSerial(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - excelEpoch) / 86_400_000 : null;
}

/** The opening of a cell's tag at `ref` with its style (none for the plain style). */
const open = (ref: string, style: number) => (style ? `<c r="${ref}" s="${style}"` : `<c r="${ref}"`);

/** One cell's XML at `ref` ("B7"): money in lei (bani / 100), a decimal as a number, a date as a date; text as written. Empty: "". */
export function xlsxCellXml(ref: string, kind: ExportKind, value: ExportCell, strings: SharedStrings, bold = false): string {
  if (value === null || value === '') return '';
  const extra = bold ? boldStyle : 0;
  if (kind === 'money' && typeof value === 'number' && Number.isFinite(value)) return `${open(ref, styleOf.money + extra)}><v>${value / 100}</v></c>`;
  if (kind === 'integer' || kind === 'decimal') {
    const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
    if (Number.isFinite(n)) return `${open(ref, styleOf.plain + extra)}><v>${n}</v></c>`;
  }
  if (kind === 'date' && typeof value === 'string') {
    const serial = dateSerial(value);
    if (serial !== null) return `${open(ref, styleOf.date + extra)}><v>${serial}</v></c>`;
  }
  return `${open(ref, styleOf.plain + extra)} t="s"><v>${strings.index(String(value))}</v></c>`;
}

/** Column widths in characters, from the longest of the first rows (at most 60). */
export function xlsxWidths(table: ExportTable): { width: number }[] {
  return table.headers.map((h, i) => {
    let w = h.length;
    for (const r of table.rows.slice(0, 200)) w = Math.max(w, String(r[i] ?? '').length + (table.kinds[i] === 'money' ? 3 : 0));
    return { width: Math.min(60, Math.max(8, w + 2)) };
  });
}

/**
 * The sheet's XML in pieces: the head (frozen header row, column widths), the rows `chunk` at a time (each
 * piece given to `write`, then `onProgress(done, total)`), the tail. The texts go into `strings`.
 */
export async function writeSheetXml(
  table: ExportTable, strings: SharedStrings, write: (xml: string) => Promise<void> | void, onProgress?: (done: number, total: number) => void, chunk = 2000,
): Promise<void> {
  const letters = table.headers.map((_, i) => columnName(i));
  const kinds = table.headers.map((_, i) => table.kinds[i] ?? 'text');
  const cols = xlsxWidths(table).map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  let rowNumber = 0;
  const row = (cells: readonly ExportCell[], bold: boolean, forceText = false): string => {
    rowNumber++;
    let xml = `<row r="${rowNumber}">`;
    for (let i = 0; i < cells.length; i++) {
      const value = cells[i] ?? null;
      if (value !== null && value !== '') xml += xlsxCellXml(`${letters[i] ?? columnName(i)}${rowNumber}`, forceText ? 'text' : (kinds[i] ?? 'text'), value, strings, bold);
    }
    return `${xml}</row>`;
  };
  await write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
    + `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${row(table.headers, true, true)}`);
  const total = table.rows.length;
  for (let start = 0; start < total; start += chunk) {
    const parts: string[] = [];
    const end = Math.min(total, start + chunk);
    for (let n = start; n < end; n++) parts.push(row(table.rows[n] ?? [], false));
    await write(parts.join(''));
    if (end < total) onProgress?.(end, total);
  }
  await write(`${table.footer ? row(table.footer, true) : ''}</sheetData></worksheet>`);
  onProgress?.(total, total);
}
