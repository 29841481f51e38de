import { seriesColumns } from '../../documents/series-rule';
import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { searchKey } from '../../validation/search';
import { deliveryNoteProblem, stockReceiptProblem, stockDocumentKinds, warehouseSeriesProblem } from './stock-documents';

/**
 * A NIR or delivery-note series and its counter, held by one device (`client_id`) exactly as invoice
 * series are (docs/accounting.md, the kernel's `seriesRule`): numbers are unique and continuous even
 * offline. The warehouse keeps its own series so it does not need the accounting module.
 */
export const warehouseSeriesTable = defineTable({
  name: 'warehouse_series',
  module: 'warehouse',
  columns: {
    tip_document: col.enum(stockDocumentKinds),
    ...seriesColumns(),
  },
  indexes: [['client_id'], ['serie']],
  writePermission: 'warehouse.write',
  read: { all: 'warehouse.read' },
  conflict: 'field',
  check: warehouseSeriesProblem,
});

/**
 * A goods-received note (NIR). `document` holds it whole as issued (supplier, invoice, lines with costs,
 * totals: `StockReceiptDocument`), the PDF is made from it; the columns repeat what lists query. It carries
 * purchase prices, so only `warehouse.costs` reads or issues it. Its receipt movements name it
 * (`doc_tip` 'nir'). `received_invoice_id` is the e-Factura invoice it was made from: one NIR per
 * invoice (a unique index on the server).
 */
export const stockReceiptsTable = defineTable({
  name: 'stock_receipts',
  module: 'warehouse',
  columns: {
    serie_id: col.id({ references: 'warehouse_series' }),
    serie: col.text(20),
    numar: col.integer({ min: 1, max: 999_999_999 }),
    data: col.date(),
    location_id: col.id({ references: 'stock_locations' }),
    furnizor_nume: col.text(200),
    furnizor_cui: col.text(20, { nullable: true }),
    factura_numar: col.text(40),
    factura_data: col.date(),
    /** The received invoice's id (accounting's `received_invoices`, when that module is on). */
    received_invoice_id: col.text(40, { nullable: true }),
    total_fara_tva: col.money(),
    tva: col.money(),
    total: col.money(),
    document: col.text(2_000_000),
    emis_de: col.id({ nullable: true, references: 'users' }),
  },
  indexes: [['data'], ['serie_id', 'numar'], ['received_invoice_id']],
  writePermission: 'warehouse.costs',
  read: { all: 'warehouse.costs' },
  conflict: 'base-version',
  parent: { table: 'warehouse_series', column: 'serie_id' },
  check: stockReceiptProblem,
  search: (row) => searchKey([`${row.serie}${row.numar}`, row.serie, row.numar, row.furnizor_nume, row.furnizor_cui, row.factura_numar].filter((v) => v !== null && v !== '').join(' ')),
});

/**
 * A delivery note (aviz de însoțire a mărfii): goods leaving a location without an invoice, to another
 * location (transfer movements) or to a customer (issue movements), which name it (`doc_tip` 'aviz').
 */
export const deliveryNotesTable = defineTable({
  name: 'delivery_notes',
  module: 'warehouse',
  columns: {
    serie_id: col.id({ references: 'warehouse_series' }),
    serie: col.text(20),
    numar: col.integer({ min: 1, max: 999_999_999 }),
    data: col.date(),
    location_id: col.id({ references: 'stock_locations' }),
    to_location_id: col.id({ nullable: true, references: 'stock_locations' }),
    destinatar_nume: col.text(200),
    document: col.text(2_000_000),
    emis_de: col.id({ nullable: true, references: 'users' }),
  },
  indexes: [['data'], ['serie_id', 'numar']],
  writePermission: 'warehouse.write',
  read: { all: 'warehouse.read' },
  conflict: 'base-version',
  parent: { table: 'warehouse_series', column: 'serie_id' },
  check: deliveryNoteProblem,
  search: (row) => searchKey([`${row.serie}${row.numar}`, row.serie, row.numar, row.destinatar_nume].join(' ')),
});
