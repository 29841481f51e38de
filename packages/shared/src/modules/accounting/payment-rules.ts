import type { Refusal } from '../../schema/refusals';
import type { ReceiptDocument } from './payments';
import { accountingRefusals } from './refusals';

const { refuse } = accountingRefusals;

/** A rule's view of a change (schema/table.ts RowChange, typed by the columns it reads). */
type Change<R> = { row: R; previous: R | null; parent: Record<string, unknown> | null; deleting: boolean; clientId: string };

type PaymentRow = {
  factura_id: string; suma: number; data: string; metoda: string; referinta: string | null; nota: string | null;
  anulata_la: string | null; motiv_anulare: string | null; inregistrata_de: string | null;
};

const paymentFacts = ['factura_id', 'suma', 'data', 'metoda', 'referinta', 'nota', 'inregistrata_de'] as const;

/**
 * The rules of a payment: more than zero, against an issued invoice (not a credit note), no more than
 * the invoice's total; never deleted, never edited, only cancelled once with a reason. What is left
 * after other payments and credit notes is checked by the device before it writes and by the server
 * when the payment arrives (payments.sync.ts), since a rule sees one row.
 */
export function paymentProblem({ row, previous, parent, deleting }: Change<PaymentRow>): Refusal | null {
  if (deleting) return refuse('payment.no_delete');
  if (previous) {
    if (previous.anulata_la || paymentFacts.some((k) => row[k] !== previous[k])) return refuse('payment.no_change');
    if (!row.anulata_la) return row.motiv_anulare === previous.motiv_anulare ? null : refuse('payment.no_change');
    return row.motiv_anulare?.trim() ? null : refuse('payment.cancel_reason');
  }
  if (row.anulata_la || row.motiv_anulare) return refuse('payment.new_cancelled');
  if (row.suma <= 0) return refuse('payment.amount_positive');
  const invoice = parent as { tip?: unknown; total_general?: unknown; data_factura?: unknown; deleted_at?: unknown } | null;
  if (!invoice || invoice.deleted_at) return refuse('payment.invoice_missing');
  if (invoice.tip !== 'factura') return refuse('payment.credit_note');
  if (typeof invoice.data_factura === 'string' && row.data < invoice.data_factura) return refuse('payment.before_invoice');
  if (typeof invoice.total_general === 'number' && row.suma > invoice.total_general) {
    return refuse('payment.over_left', { amount: lei(row.suma), left: lei(invoice.total_general) });
  }
  return null;
}

/** "1.234,50 lei" for a refusal's text. */
export function lei(bani: number): string {
  const sign = bani < 0 ? '-' : '';
  const abs = Math.abs(bani);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')} lei`;
}

type ReceiptRow = { serie_id: string; serie: string; numar: number; payment_id: string; factura_id: string; data: string; suma: number; document: string };
type SeriesRow = { serie: string; ultimul_numar: number; client_id: string; tip_document?: string | null; deleted_at?: unknown };

/**
 * The rules of a receipt, those of an invoice's number: written once, with the next number of a receipt
 * series this device holds, its document matching its columns; never changed or deleted.
 */
export function receiptProblem({ row, previous, parent, deleting, clientId }: Change<ReceiptRow>): Refusal | null {
  if (deleting || previous) return refuse('receipt.no_change');
  const series = parent as SeriesRow | null;
  if (!series || series.deleted_at) return refuse('receipt.series_missing');
  if (series.tip_document !== 'chitanta') return refuse('receipt.series_kind');
  if (series.client_id !== clientId) return refuse('series.held_by_other');
  if (series.serie !== row.serie) return refuse('receipt.series_name');
  if (row.numar !== series.ultimul_numar) return refuse('receipt.next_number', { series: series.serie, next: series.ultimul_numar + 1 });
  if (row.suma <= 0) return refuse('payment.amount_positive');
  let doc: ReceiptDocument;
  try {
    doc = JSON.parse(row.document) as ReceiptDocument;
  } catch {
    return refuse('receipt.document');
  }
  const same: [unknown, unknown][] = [[doc.serie, row.serie], [doc.numar, row.numar], [doc.data, row.data], [doc.suma, row.suma]];
  if (same.some(([a, b]) => a !== b) || typeof doc.furnizor !== 'object' || typeof doc.platitor !== 'object' || typeof doc.factura !== 'object') {
    return refuse('receipt.document');
  }
  return null;
}
