import type { ExportTable } from './table';
import { SharedStrings, stylesXml, writeSheetXml, xmlText } from './xlsx';
import { ZipWriter } from './zip';

/**
 * The XLSX file of a table (one sheet, the header row frozen): the sheet's XML written in chunks straight into
 * the ZIP's deflate, then the shared strings, styles and the workbook's parts. Runs in the export worker, or in
 * Node for the tests.
 */
const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const main = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const contentTypes = `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
  + `<Override PartName="/xl/workbook.xml" ContentType="${main}.sheet.main+xml"/>`
  + `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${main}.worksheet+xml"/>`
  + `<Override PartName="/xl/styles.xml" ContentType="${main}.styles+xml"/>`
  + `<Override PartName="/xl/sharedStrings.xml" ContentType="${main}.sharedStrings+xml"/></Types>`;
const rootRels = `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
  + `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbookRels = `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
  + `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>`
  + `<Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/>`
  + `<Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const workbook = (name: string) => `${xmlHead}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}">`
  + `<bookViews><workbookView/></bookViews><sheets><sheet name="${xmlText(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

export const xlsxType = `${main}.sheet`;

export async function buildXlsx(table: ExportTable, sheet: string, onProgress?: (done: number, total: number) => void): Promise<Blob> {
  // A sheet name has at most 31 characters and none of \ / ? * [ ] :.
  const name = sheet.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim() || 'Sheet1';
  const zip = new ZipWriter();
  const text = new TextEncoder();
  await zip.file('[Content_Types].xml', text.encode(contentTypes));
  await zip.file('_rels/.rels', text.encode(rootRels));
  const strings = new SharedStrings();
  const sheetFile = zip.entry('xl/worksheets/sheet1.xml');
  await writeSheetXml(table, strings, (xml) => sheetFile.write(text.encode(xml)), onProgress);
  await sheetFile.close();
  await zip.file('xl/sharedStrings.xml', text.encode(strings.xml()));
  await zip.file('xl/styles.xml', text.encode(stylesXml));
  await zip.file('xl/workbook.xml', text.encode(workbook(name)));
  await zip.file('xl/_rels/workbook.xml.rels', text.encode(workbookRels));
  return zip.finish(xlsxType);
}
