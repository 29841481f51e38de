import { describe, expect, it, vi } from 'vitest';
import { exportTable, exportTableInSlices, type ExportColumn } from './table';

describe('exportTableInSlices', () => {
  it('makes the same table as exportTable, letting the page run between slices', async () => {
    type Row = { n: number; name: string };
    const columns: ExportColumn<Row>[] = [{ header: 'Nr', kind: 'integer', value: (r) => r.n }, { header: 'Nume', kind: 'text', value: (r) => r.name }];
    const rows = Array.from({ length: 4500 }, (_, n) => ({ n, name: `C${n}` }));
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    const sliced = await exportTableInSlices(columns, rows, ['TOTAL', null]);
    expect(timeouts).toHaveBeenCalledTimes(2);
    timeouts.mockRestore();
    expect(sliced).toEqual(exportTable(columns, rows, ['TOTAL', null]));
  });
});
