import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { paymentMethods } from './document';
import { paymentProblem, receiptProblem } from './payment-rules';

/**
 * A payment received against an invoice: partial payments are several rows. Written once and never
 * edited; a mistake is cancelled (`anulata_la`, with the reason), so the history stays. What an invoice
 * still has to be paid, and its state, are computed from these rows (payments.ts `invoiceBalance`).
 */
export const paymentsTable = defineTable({
  name: 'payments',
  module: 'accounting',
  columns: {
    factura_id: col.id({ references: 'invoices' }),
    /** In bani, more than zero. */
    suma: col.money(),
    data: col.date(),
    metoda: col.enum(paymentMethods),
    /** The bank transfer's or card slip's reference. */
    referinta: col.text(100, { nullable: true }),
    nota: col.text(500, { nullable: true }),
    /** When the payment was cancelled (null while it counts), and why. */
    anulata_la: col.timestamp({ nullable: true }),
    motiv_anulare: col.text(300, { nullable: true }),
    inregistrata_de: col.id({ nullable: true, references: 'users' }),
  },
  indexes: [['factura_id'], ['data']],
  writePermission: 'invoices.issue',
  read: { all: 'invoices.issue' },
  conflict: 'base-version',
  parent: { table: 'invoices', column: 'factura_id' },
  check: paymentProblem,
});

/**
 * A receipt (chitanță) for a cash payment, numbered in a receipt series (`invoice_series` with
 * `tip_document = 'chitanta'`) exactly as invoices are: by the one device that holds the series, the
 * series' next number, in the same local transaction as the payment. `document` is the receipt as
 * issued (payments.ts `ReceiptDocument`); it is never changed or deleted.
 */
export const receiptsTable = defineTable({
  name: 'receipts',
  module: 'accounting',
  columns: {
    serie_id: col.id({ references: 'invoice_series' }),
    serie: col.text(20),
    numar: col.integer({ min: 1, max: 999_999_999 }),
    payment_id: col.id({ references: 'payments' }),
    factura_id: col.id({ references: 'invoices' }),
    data: col.date(),
    suma: col.money(),
    document: col.text(200_000),
    emisa_de: col.id({ nullable: true, references: 'users' }),
  },
  indexes: [['serie_id', 'numar'], ['payment_id'], ['factura_id']],
  writePermission: 'invoices.issue',
  read: { all: 'invoices.issue' },
  conflict: 'base-version',
  parent: { table: 'invoice_series', column: 'serie_id' },
  check: receiptProblem,
});
