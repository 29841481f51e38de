import { readSheet } from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { exportTable, type ExportColumn } from './table';
import { buildXlsx } from './xlsx-file';
import { columnName, SharedStrings, xlsxCellXml, xmlText } from './xlsx';

type Row = { name: string; total: number; qty: string; date: string };
const columns: ExportColumn<Row>[] = [
  { header: 'Client', kind: 'text', value: (r) => r.name },
  { header: 'Total', kind: 'money', value: (r) => r.total },
  { header: 'Cantitate', kind: 'decimal', value: (r) => r.qty },
  { header: 'Data', kind: 'date', value: (r) => r.date },
];

describe('buildXlsx', () => {
  it('writes numbers as numbers, money in lei, dates as dates, and reads back the same', async () => {
    const rows: Row[] = [
      { name: 'Șerban Ionescu', total: 123450, qty: '1.5', date: '2025-08-01' },
      { name: '=1+1', total: -5, qty: '2', date: '2025-12-31' },
    ];
    const progress: number[] = [];
    const blob = await buildXlsx(exportTable(columns, rows, ['TOTAL', 123445, null, null]), 'Facturi', (done) => progress.push(done));
    const data = await readSheet(blob);
    expect(data[0]).toEqual(['Client', 'Total', 'Cantitate', 'Data']);
    expect(data[1]).toEqual(['Șerban Ionescu', 1234.5, 1.5, new Date(Date.UTC(2025, 7, 1))]);
    expect(data[2]).toEqual(['=1+1', -0.05, 2, new Date(Date.UTC(2025, 11, 31))]);
    expect(data[3]?.slice(0, 2)).toEqual(['TOTAL', 1234.45]);
    expect(progress.at(-1)).toBe(rows.length);
  });

  it('reports progress as it goes through many rows', async () => {
    const rows: Row[] = Array.from({ length: 4500 }, (_, i) => ({ name: `C${i}`, total: i, qty: '1', date: '2025-01-01' }));
    const progress: number[] = [];
    const data = await readSheet(await buildXlsx(exportTable(columns, rows), 'x', (done) => progress.push(done)));
    expect(data.length).toBe(rows.length + 1);
    expect(progress).toEqual([2000, 4000, 4500]);
  }, 30_000);
});

describe('xlsxCellXml', () => {
  it('gives money its number format, dates their serial day, texts a shared string, and leaves empty cells out', () => {
    const strings = new SharedStrings();
    expect(xlsxCellXml('B2', 'money', 199, strings)).toBe('<c r="B2" s="1"><v>1.99</v></c>');
    expect(xlsxCellXml('D2', 'date', '2025-08-01', strings)).toBe('<c r="D2" s="2"><v>45870</v></c>');
    expect(xlsxCellXml('A2', 'text', null, strings)).toBe('');
    expect(xlsxCellXml('A9', 'integer', 'TOTAL', strings, true)).toBe('<c r="A9" s="3" t="s"><v>0</v></c>');
    expect(xlsxCellXml('A10', 'text', 'TOTAL', strings)).toBe('<c r="A10" t="s"><v>0</v></c>');
    expect(strings.xml()).toContain('count="2" uniqueCount="1"><si><t>TOTAL</t></si>');
  });

  it('escapes what XML cannot hold as text and names columns past Z', () => {
    expect(xmlText('a & <b> "c"\u0001')).toBe('a &amp; &lt;b&gt; &quot;c&quot;');
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});
