import { readSheet } from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { exportTable, type ExportColumn } from './table';
import { buildXlsx } from './xlsx-file';
import { xlsxCell } from './xlsx';

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

describe('xlsxCell', () => {
  it('gives money a number format and leaves empty cells empty', () => {
    expect(xlsxCell('money', 199)).toMatchObject({ value: 1.99, type: Number, format: '#,##0.00' });
    expect(xlsxCell('text', null)).toBeNull();
    expect(xlsxCell('integer', 'TOTAL')).toMatchObject({ value: 'TOTAL', type: String });
  });
});
