import { describe, expect, it } from 'vitest';
import { csvBlob, csvMoney, toCsv } from './csv';
import { exportFileName, exportTable, type ExportColumn } from './table';

type Row = { name: string; total: number; qty: string; date: string; n: number };
const columns: ExportColumn<Row>[] = [
  { header: 'Nume; client', kind: 'text', value: (r) => r.name },
  { header: 'Total', kind: 'money', value: (r) => r.total },
  { header: 'Cantitate', kind: 'decimal', value: (r) => r.qty },
  { header: 'Data', kind: 'date', value: (r) => r.date },
  { header: 'Nr', kind: 'integer', value: (r) => r.n },
];

describe('toCsv', () => {
  const rows: Row[] = [
    { name: 'Șerban "Tică" Ionescu', total: 123450, qty: '1.5', date: '2025-08-01', n: 1 },
    { name: 'Linia 1\nlinia 2', total: -5, qty: '2', date: '2025-08-31T10:00:00Z', n: 2 },
    { name: '=HYPERLINK("x")', total: 0, qty: '0.25', date: '2025-12-01', n: 3 },
  ];
  const text = toCsv(exportTable(columns, rows, ['TOTAL', 123445, null, null, null]));

  it('starts with the UTF-8 byte order mark and ends lines with CRLF', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('separates with semicolons, quotes what needs it and doubles quotes', () => {
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('"Nume; client";Total;Cantitate;Data;Nr');
    expect(lines[1]).toBe('"Șerban ""Tică"" Ionescu";1234,50;1,5;01.08.2025;1');
    expect(lines[2]).toBe('"Linia 1\nlinia 2";-0,05;2;31.08.2025;2');
  });

  it('keeps a text that looks like a formula from running', () => {
    expect(text).toContain('"\'=HYPERLINK(""x"")";0,00;0,25;01.12.2025;3');
  });

  it('writes the totals row last', () => {
    expect(text.slice(1).split('\r\n').at(-2)).toBe('TOTAL;1234,45;;;');
  });

  it('encodes as UTF-8 bytes with the BOM first', async () => {
    const bytes = new Uint8Array(await csvBlob(exportTable(columns, [])).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('"Nume; client";Total;Cantitate;Data;Nr\r\n');
  });
});

describe('csvMoney and exportFileName', () => {
  it('writes lei with a decimal comma and no thousands separator', () => {
    expect([csvMoney(100), csvMoney(123456789), csvMoney(-1999)]).toEqual(['1,00', '1234567,89', '-19,99']);
  });
  it('makes a safe file name', () => {
    expect(exportFileName('Jurnal vânzări 2025-08', 'csv')).toBe('jurnal-vanzari-2025-08.csv');
    expect(exportFileName('***', 'xlsx')).toBe('export.xlsx');
  });
});
