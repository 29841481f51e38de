import type { PaymentMethod } from '../../../../accounting/document';
import { sagaAmount, sagaDate, sagaFileDate } from './format';
import { sagaOptional, sagaReceiptLine, type SagaReceiptField } from './layout';
import { xmlDocument } from './xml';
import { sagaFields, sagaInvoiceNumber } from './invoices';

/** A payment received against an issued invoice, with what SAGA asks of it. */
export type SagaPaymentInput = {
  data: string;
  /** In bani. */
  suma: number;
  metoda: PaymentMethod;
  referinta: string | null;
  /** The chitanță, for a cash payment that has one. */
  chitanta: { serie: string; numar: number } | null;
  factura: { id: string; serie: string; numar: number; data: string; clientCodFiscal: string | null };
};

/**
 * The treasury account (class 5) a payment goes to: cash to the cash desk (5311), everything else to the
 * bank (5121). The accountant changes it in SAGA for a card processor or another account.
 */
export function sagaTreasuryAccount(method: PaymentMethod): string {
  return method === 'numerar' ? '5311' : '5121';
}

/** One `<Linie>` of `<Incasari>`: the receipt's or the transfer's number, the invoice it pays (by our id and its number). */
export function sagaReceiptFields(p: SagaPaymentInput): Partial<Record<SagaReceiptField, string>> {
  const invoice = sagaInvoiceNumber(p.factura.serie, p.factura.numar);
  return {
    Data: sagaDate(p.data),
    Numar: p.chitanta ? `${p.chitanta.serie}${p.chitanta.numar}` : (p.referinta ?? ''),
    Suma: sagaAmount(p.suma),
    Cont: sagaTreasuryAccount(p.metoda),
    Explicatie: `Incasare factura ${invoice} din ${sagaDate(p.factura.data)}`,
    FacturaID: p.factura.id,
    FacturaNumar: invoice,
    CodFiscal: p.factura.clientCodFiscal ?? '',
    Moneda: 'RON',
  };
}

/** The month's receipts file: `<Incasari>` with one `<Linie>` a payment, named I_<data>.xml (the month's last day). */
export function sagaReceiptsFile(payments: readonly SagaPaymentInput[], monthEnd: string): { name: string; content: string } {
  const lines = payments.map((p) => ({ tag: 'Linie', children: sagaFields(sagaReceiptLine, sagaOptional.receipt, sagaReceiptFields(p)) }));
  return { name: `I_${sagaFileDate(monthEnd)}.xml`, content: xmlDocument({ tag: 'Incasari', children: lines }) };
}
