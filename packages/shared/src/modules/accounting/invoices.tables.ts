import { seriesColumns } from '../../documents/series-rule';
import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { searchKey } from '../../validation/search';
import { paymentMethods, seriesDocuments } from './document';
import { invoiceProblem, seriesProblem } from './invoice-rules';

/**
 * An invoice series and its counter. A series is held by one device (`client_id`): only that device
 * numbers invoices in it, one after the other, so the numbers of a series are unique and continuous
 * even when several devices issue invoices offline at the same time (see docs/accounting.md).
 */
export const invoiceSeriesTable = defineTable({
  name: 'invoice_series',
  module: 'accounting',
  columns: {
    ...seriesColumns(),
    /**
     * What the series numbers: invoices (null, as every series made before receipts existed) or
     * receipts ('chitanta'). The same counter and the same one-device rule number both.
     */
    tip_document: col.enum(seriesDocuments, { nullable: true }),
  },
  indexes: [['client_id'], ['serie']],
  writePermission: 'invoices.issue',
  read: { all: 'invoices.issue' },
  conflict: 'field',
  check: seriesProblem,
});

/**
 * An issued invoice or credit note (storno). `document` holds the whole document as issued (seller,
 * buyer, lines, totals; document.ts `InvoiceDocument`): the PDF and the e-Factura XML are made from it,
 * the other columns repeat what lists and reports query (the plan's and Oracle's column names). Never
 * changed or deleted after issue: a correction is a credit note.
 */
export const invoicesTable = defineTable({
  name: 'invoices',
  module: 'accounting',
  columns: {
    serie_id: col.id({ references: 'invoice_series' }),
    serie_factura: col.text(20),
    nr_factura: col.integer({ min: 1, max: 999_999_999 }),
    tip: col.enum(['factura', 'storno']),
    data_factura: col.date(),
    data_livrare: col.date(),
    data_scadenta: col.date({ nullable: true }),
    modalitate_plata: col.enum(paymentMethods),
    order_id: col.id({ nullable: true, references: 'orders' }),
    storno_de_id: col.id({ nullable: true, references: 'invoices' }),
    client_nume: col.text(200),
    client_cod_fiscal: col.text(20, { nullable: true }),
    nr_auto: col.text(20, { nullable: true }),
    total_fara_tva: col.money(),
    tva: col.money(),
    total_general: col.money(),
    document: col.text(2_000_000),
    emis_de: col.id({ nullable: true, references: 'users' }),
  },
  indexes: [['data_factura'], ['serie_id', 'nr_factura'], ['order_id'], ['storno_de_id']],
  writePermission: 'invoices.issue',
  read: { all: 'invoices.issue' },
  conflict: 'base-version',
  parent: { table: 'invoice_series', column: 'serie_id' },
  check: invoiceProblem,
  search: (row) => searchKey([`${row.serie_factura}${row.nr_factura}`, row.serie_factura, row.nr_factura, row.client_nume, row.client_cod_fiscal, row.nr_auto?.replace(/[\s-]/g, '')]
    .filter((v) => v !== null && v !== '').join(' ')),
});
