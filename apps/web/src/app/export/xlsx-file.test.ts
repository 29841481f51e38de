import { readSheet } from 'read-excel-file/universal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportTable, type ExportColumn } from './table';
import { buildXlsx } from './xlsx-file';

describe('the XLSX container', () => {
  afterEach(() => vi.unstubAllGlobals());

  for (const how of ['the browser\'s CompressionStream', 'fflate\'s deflate (no CompressionStream)']) {
    it(`reads back the same, deflated by ${how}: letters, markup characters and leading spaces kept`, async () => {
      if (how.startsWith('fflate')) vi.stubGlobal('CompressionStream', undefined);
      type Row = { name: string; total: number };
      const columns: ExportColumn<Row>[] = [{ header: 'Client', kind: 'text', value: (r) => r.name }, { header: 'Total', kind: 'money', value: (r) => r.total }];
      const rows = Array.from({ length: 300 }, (_, i) => ({ name: i % 2 ? ` Țurcanu & <Fiii> ${i}` : `Popescu ${i}`, total: i * 101 }));
      const data = await readSheet(await buildXlsx(exportTable(columns, rows), 'Facturi'), { trim: false });
      expect(data.length).toBe(301);
      expect(data[2]).toEqual([' Țurcanu & <Fiii> 1', 1.01]);
      expect(data[299]).toEqual(['Popescu 298', 300.98]);
    });
  }
});
