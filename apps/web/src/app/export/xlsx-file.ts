import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import type { ExportTable } from './table';
import { xlsxRows, xlsxWidths } from './xlsx';

/**
 * The XLSX file of a table (one sheet, the header row frozen), with `write-excel-file` (small, one
 * dependency, `fflate`, that the app already has). Runs in the export worker, or in Node for the tests.
 */
export async function buildXlsx(table: ExportTable, sheet: string, onProgress?: (done: number, total: number) => void): Promise<Blob> {
  const data: SheetData = xlsxRows(table, onProgress);
  // A sheet name has at most 31 characters and none of \ / ? * [ ] :.
  const name = sheet.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim() || 'Sheet1';
  return writeXlsxFile(data, { sheet: name, columns: xlsxWidths(table), stickyRowsCount: 1 }).toBlob();
}
