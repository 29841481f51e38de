import { newId } from '../../ids';
import type { RowOf } from '../../schema/table';
import type { WriteOp } from '../../sync/client';
import { documentFileName } from '../core/documents';
import type { Party } from '../core/party';
import { amountInWordsRo } from './amount-words';
import type { PaymentMethod } from './document';
import type { Invoice, InvoiceSeries } from './issue';
import type { paymentsTable, receiptsTable } from './payments.tables';

export type Payment = RowOf<typeof paymentsTable.columns>;
export type Receipt = RowOf<typeof receiptsTable.columns>;

/** An invoice's payment state, computed from its payments and credit notes, never stored. */
export const paymentStates = ['unpaid', 'partly_paid', 'paid', 'overdue'] as const;
export type PaymentState = (typeof paymentStates)[number];

export type InvoiceBalance = {
  /** The invoice's total less its credit notes (never below zero). */
  due: number;
  /** The payments that count (not cancelled). */
  paid: number;
  /** What is left to pay (zero when paid, or paid more). */
  left: number;
  /** Paid beyond what is due (two devices recording offline, or a credit note after payment). */
  overpaid: number;
  state: PaymentState;
  /** Days past the due date while something is left (0 otherwise). */
  daysOverdue: number;
};

const dayNumber = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

/**
 * What an invoice still has to be paid, on `today` (YYYY-MM-DD): its total less its credit notes' (their
 * totals are negative), less the payments that were not cancelled. Paid when nothing is left; overdue
 * when something is left after its due date; partly paid after a payment; unpaid otherwise.
 */
export function invoiceBalance(
  invoice: Pick<Invoice, 'total_general' | 'data_scadenta'>,
  creditNotes: readonly Pick<Invoice, 'total_general'>[],
  payments: readonly Pick<Payment, 'suma' | 'anulata_la'>[],
  today: string,
): InvoiceBalance {
  const due = Math.max(0, invoice.total_general + creditNotes.reduce((s, c) => s + c.total_general, 0));
  const paid = payments.filter((p) => !p.anulata_la).reduce((s, p) => s + p.suma, 0);
  const left = Math.max(0, due - paid);
  const overpaid = Math.max(0, paid - due);
  const daysOverdue = left > 0 && invoice.data_scadenta && today > invoice.data_scadenta ? dayNumber(today) - dayNumber(invoice.data_scadenta) : 0;
  const state: PaymentState = left === 0 ? 'paid' : daysOverdue > 0 ? 'overdue' : paid > 0 ? 'partly_paid' : 'unpaid';
  return { due, paid, left, overpaid, state, daysOverdue };
}

/** The receipt as issued: what its PDF prints, forever the same. */
export type ReceiptDocument = {
  serie: string;
  numar: number;
  data: string;
  /** In bani. */
  suma: number;
  /** The amount in words, as printed ("o sută de lei"). */
  sumaInLitere: string;
  moneda: 'RON';
  furnizor: Party;
  /** Who paid: the invoice's buyer. */
  platitor: Party;
  /** The invoice it pays. */
  factura: { serie: string; numar: number; data: string };
  /** What was paid for: "Contravaloare factura seria ROA nr. 12 din 23.11.2026". */
  explicatie: string;
  /** Who received the money (name), when known. */
  emitent: string | null;
};

export type RecordPaymentInput = {
  invoice: Pick<Invoice, 'id' | 'serie_factura' | 'nr_factura' | 'data_factura' | 'document'>;
  suma: number;
  data: string;
  metoda: PaymentMethod;
  referinta: string | null;
  nota: string | null;
  userId: string | null;
  /** A receipt for a cash payment: the receipt series this device holds, the seller and the payer. */
  receipt: { series: InvoiceSeries; seller: Party; payer: Party; issuer: string | null } | null;
};

const ddmmyyyy = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/**
 * The local writes that record a payment, for one transaction: the payment and, for a receipt, the
 * receipt series' next number and the receipt with it (numbered like invoices, issue.ts `issueOps`).
 */
export function paymentOps(input: RecordPaymentInput): { paymentId: string; receiptId: string | null; ops: WriteOp[] } {
  const paymentId = newId();
  const ops: WriteOp[] = [{
    op: 'create', table: 'payments', data: {
      id: paymentId, factura_id: input.invoice.id, suma: input.suma, data: input.data, metoda: input.metoda,
      referinta: input.referinta, nota: input.nota, anulata_la: null, motiv_anulare: null, inregistrata_de: input.userId,
    },
  }];
  if (!input.receipt) return { paymentId, receiptId: null, ops };
  const { series } = input.receipt;
  const numar = series.ultimul_numar + 1;
  const factura = { serie: input.invoice.serie_factura, numar: input.invoice.nr_factura, data: input.invoice.data_factura };
  const document: ReceiptDocument = {
    serie: series.serie, numar, data: input.data, suma: input.suma, sumaInLitere: amountInWordsRo(input.suma), moneda: 'RON',
    furnizor: input.receipt.seller, platitor: input.receipt.payer, factura,
    explicatie: `Contravaloare factura seria ${factura.serie} nr. ${factura.numar} din ${ddmmyyyy(factura.data)}`,
    emitent: input.receipt.issuer,
  };
  const receiptId = newId();
  ops.push(
    { op: 'update', table: 'invoice_series', id: series.id, patch: { ultimul_numar: numar } },
    {
      op: 'create', table: 'receipts', data: {
        id: receiptId, serie_id: series.id, serie: series.serie, numar, payment_id: paymentId, factura_id: input.invoice.id,
        data: input.data, suma: input.suma, document: JSON.stringify(document), emisa_de: input.userId,
      },
    },
  );
  return { paymentId, receiptId, ops };
}

/** The write that cancels a payment (it stays, marked, with the reason). */
export function cancelPaymentOp(paymentId: string, reason: string, now: string): WriteOp {
  return { op: 'update', table: 'payments', id: paymentId, patch: { anulata_la: now, motiv_anulare: reason.trim() } };
}

/** The issued document of a receipt row. */
export function receiptDocument(receipt: Pick<Receipt, 'document'>): ReceiptDocument {
  return JSON.parse(receipt.document) as ReceiptDocument;
}

/** A receipt's file: "Chitanta-CH-12.pdf". */
export function receiptFileName(doc: Pick<ReceiptDocument, 'serie' | 'numar'>): string {
  return documentFileName('Chitanta', doc.serie, doc.numar, 'pdf');
}
