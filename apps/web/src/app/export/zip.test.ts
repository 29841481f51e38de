import { readSheet } from 'read-excel-file/universal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportTable, type ExportColumn } from './table';
import { buildXlsx } from './xlsx-file';
import { crc32 } from './zip';

describe('crc32', () => {
  it('gives the check value of the ZIP CRC-32, whole or piece by piece', () => {
    const data = new TextEncoder().encode('123456789');
    expect(crc32(data)).toBe(0xcbf43926);
    expect(crc32(data.subarray(4), crc32(data.subarray(0, 4)))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('the XLSX without the browser\'s CompressionStream', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is deflated by fflate and reads back the same', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    type Row = { name: string; total: number };
    const columns: ExportColumn<Row>[] = [{ header: 'Client', kind: 'text', value: (r) => r.name }, { header: 'Total', kind: 'money', value: (r) => r.total }];
    const rows = Array.from({ length: 300 }, (_, i) => ({ name: i % 2 ? ` Țurcanu & <Fiii> ${i}` : `Popescu ${i}`, total: i * 101 }));
    const data = await readSheet(await buildXlsx(exportTable(columns, rows), 'Facturi'), { trim: false });
    expect(data.length).toBe(301);
    expect(data[2]).toEqual([' Țurcanu & <Fiii> 1', 1.01]);
    expect(data[299]).toEqual(['Popescu 298', 300.98]);
  });
});
