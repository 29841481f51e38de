import { searchKey, type SqlValue } from '@roaauto/shared';
import type { ExportColumn } from '@/app/export/table';

type Translate = (key: string) => string;

/** A row of the invoices' export: the list's row and its totals. */
export type InvoiceExportRow = {
  serie_factura: string; nr_factura: number; tip: string; data_factura: string; client_nume: string; client_cod_fiscal: string | null;
  nr_auto: string | null; total_fara_tva: number; tva: number; total_general: number;
};

export function invoiceExportColumns(t: Translate): ExportColumn<InvoiceExportRow>[] {
  return [
    { header: t('accounting.export.series'), kind: 'text', value: (r) => r.serie_factura },
    { header: t('accounting.export.number'), kind: 'integer', value: (r) => r.nr_factura },
    { header: t('accounting.export.kind'), kind: 'text', value: (r) => t(r.tip === 'storno' ? 'accounting.export.storno' : 'accounting.export.invoice') },
    { header: t('accounting.export.date'), kind: 'date', value: (r) => r.data_factura },
    { header: t('accounting.export.customer'), kind: 'text', value: (r) => r.client_nume },
    { header: t('accounting.export.taxId'), kind: 'text', value: (r) => r.client_cod_fiscal },
    { header: t('accounting.export.plate'), kind: 'text', value: (r) => r.nr_auto },
    { header: t('accounting.export.net'), kind: 'money', value: (r) => r.total_fara_tva },
    { header: t('accounting.export.vat'), kind: 'money', value: (r) => r.tva },
    { header: t('accounting.export.total'), kind: 'money', value: (r) => r.total_general },
  ];
}

/** Every invoice the list's search finds (not only the page shown), in the list's order, with the export's columns. */
export function invoiceExportQuery(typed: string): { sql: string; params: SqlValue[] } {
  const term = searchKey(typed);
  const where = term ? ` WHERE _search LIKE ? ESCAPE '\\'` : '';
  return {
    sql: `SELECT serie_factura, nr_factura, tip, data_factura, client_nume, client_cod_fiscal, nr_auto, total_fara_tva, tva, total_general FROM invoices${where} ORDER BY data_factura DESC, serie_factura, nr_factura DESC`,
    params: term ? [`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`] : [],
  };
}
