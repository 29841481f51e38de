import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../../pdf/render-node';
import { paymentProblem, receiptProblem } from './payment-rules';
import { invoiceBalance, paymentOps, receiptDocument, receiptFileName, type Payment } from './payments';
import { sampleBuyer, sampleReceipt, sampleSeller } from './pdf/fixtures';
import { receiptDefinition } from './pdf/receipt-pdf';
import type { InvoiceSeries } from './issue';

const now = '2026-11-23T10:00:00.000Z';
const invoice = { id: 'inv-1', tip: 'factura', total_general: 121_000, data_factura: '2026-11-23', data_scadenta: '2026-12-07', serie_factura: 'ROA', nr_factura: 12, document: '{}' };
const payment = (patch: Partial<Payment> = {}): Payment => ({
  id: 'pay-1', created_at: now, updated_at: now, factura_id: 'inv-1', suma: 50_000, data: '2026-11-24', metoda: 'card', referinta: null, nota: null,
  anulata_la: null, motiv_anulare: null, inregistrata_de: null, ...patch,
});
const code = (r: { code: string } | null) => r?.code ?? null;
const change = (row: Payment, previous: Payment | null = null, parent: Record<string, unknown> | null = invoice, deleting = false) =>
  code(paymentProblem({ row, previous, parent, deleting, clientId: 'dev-a' }));

describe('payment rules', () => {
  it('takes a payment of more than zero, against an issued invoice, dated from the invoice, up to its total', () => {
    expect(change(payment())).toBeNull();
    expect(change(payment({ suma: 121_000 }))).toBeNull();
    expect(change(payment({ suma: 121_001 }))).toBe('payment.over_left');
    expect(change(payment({ suma: 0 }))).toBe('payment.amount_positive');
    expect(change(payment(), null, null)).toBe('payment.invoice_missing');
    expect(change(payment(), null, { ...invoice, deleted_at: now })).toBe('payment.invoice_missing');
    expect(change(payment(), null, { ...invoice, tip: 'storno', total_general: -121_000 })).toBe('payment.credit_note');
    expect(change(payment({ data: '2026-11-22' }))).toBe('payment.before_invoice');
    expect(change(payment({ anulata_la: now, motiv_anulare: 'x' }))).toBe('payment.new_cancelled');
  });

  it('never edits or deletes a payment; cancels it once, with a reason', () => {
    const stored = payment();
    expect(change(payment({ suma: 40_000 }), stored)).toBe('payment.no_change');
    expect(change(payment({ referinta: 'OP 12' }), stored)).toBe('payment.no_change');
    expect(change(payment({ motiv_anulare: 'fără anulare' }), stored)).toBe('payment.no_change');
    expect(change(stored, stored, invoice, true)).toBe('payment.no_delete');
    expect(change(payment({ anulata_la: now, motiv_anulare: '  ' }), stored)).toBe('payment.cancel_reason');
    const cancelled = payment({ anulata_la: now, motiv_anulare: 'Greșeală' });
    expect(change(cancelled, stored)).toBeNull();
    expect(change(payment({ anulata_la: now, motiv_anulare: 'Alt motiv' }), cancelled)).toBe('payment.no_change');
    // Cancelling does not depend on the invoice (even one later reversed).
    expect(change(cancelled, stored, null)).toBeNull();
  });
});

describe('what an invoice still has to be paid', () => {
  const inv = { total_general: 121_000, data_scadenta: '2026-12-07' };
  it('is unpaid, partly paid, paid, and overdue after its due date while something is left', () => {
    expect(invoiceBalance(inv, [], [], '2026-11-30')).toEqual({ due: 121_000, paid: 0, left: 121_000, overpaid: 0, state: 'unpaid', daysOverdue: 0 });
    expect(invoiceBalance(inv, [], [{ suma: 21_000, anulata_la: null }], '2026-12-07')).toMatchObject({ left: 100_000, state: 'partly_paid', daysOverdue: 0 });
    expect(invoiceBalance(inv, [], [{ suma: 21_000, anulata_la: null }], '2026-12-08')).toMatchObject({ left: 100_000, state: 'overdue', daysOverdue: 1 });
    expect(invoiceBalance(inv, [], [], '2027-01-07')).toMatchObject({ state: 'overdue', daysOverdue: 31 });
    expect(invoiceBalance(inv, [], [{ suma: 121_000, anulata_la: null }], '2027-01-07')).toMatchObject({ left: 0, state: 'paid', daysOverdue: 0 });
    expect(invoiceBalance({ ...inv, data_scadenta: null }, [], [], '2030-01-01').state).toBe('unpaid');
  });

  it('counts no cancelled payment, and credit notes reduce what is due', () => {
    const paid = [{ suma: 60_500, anulata_la: null }, { suma: 60_500, anulata_la: now }];
    expect(invoiceBalance(inv, [], paid, '2026-11-30')).toMatchObject({ paid: 60_500, left: 60_500, state: 'partly_paid' });
    expect(invoiceBalance(inv, [{ total_general: -60_500 }], paid, '2026-11-30')).toMatchObject({ due: 60_500, left: 0, state: 'paid' });
    // Reversed after being paid: paid more than is due now.
    expect(invoiceBalance(inv, [{ total_general: -121_000 }], paid, '2026-11-30')).toMatchObject({ due: 0, left: 0, overpaid: 60_500, state: 'paid' });
  });
});

describe('receipts', () => {
  const series: InvoiceSeries = {
    id: 'ch-1', created_at: now, updated_at: now, serie: 'CH', numar_start: 1, ultimul_numar: 6, client_id: 'dev-a', descriere: null, activa: 1, tip_document: 'chitanta',
  };
  const recorded = paymentOps({
    invoice: { ...invoice, data_factura: '2026-11-23' }, suma: 120_050, data: '2026-11-24', metoda: 'numerar', referinta: null, nota: null, userId: null,
    receipt: { series, seller: sampleSeller, payer: sampleBuyer, issuer: 'Ana' },
  });

  it('are written with the payment: the series\' next number, the amount in words, the invoice paid', () => {
    expect(recorded.ops.map((o) => `${o.op}:${o.table}`)).toEqual(['create:payments', 'update:invoice_series', 'create:receipts']);
    const receipt = recorded.ops[2]?.op === 'create' ? recorded.ops[2].data : {};
    expect(receipt).toMatchObject({ serie: 'CH', numar: 7, suma: 120_050, payment_id: recorded.paymentId });
    const doc = receiptDocument({ document: String(receipt.document) });
    expect(doc).toMatchObject({ sumaInLitere: 'o mie două sute de lei și cincizeci de bani', explicatie: 'Contravaloare factura seria ROA nr. 12 din 23.11.2026' });
    expect(receiptFileName(doc)).toBe('Chitanta-CH-7.pdf');
  });

  it('take the next number of a receipt series held by this device, and never change', () => {
    const data = recorded.ops[2]?.op === 'create' ? recorded.ops[2].data : {};
    const row = { serie_id: 'ch-1', serie: 'CH', numar: 7, payment_id: 'p', factura_id: 'inv-1', data: '2026-11-24', suma: 120_050, document: String(data.document) };
    const after = { ...series, ultimul_numar: 7 };
    const check = (r = row, parent: Record<string, unknown> | null = after, clientId = 'dev-a', previous: typeof row | null = null) =>
      code(receiptProblem({ row: r, previous, parent, deleting: false, clientId }));
    expect(check()).toBeNull();
    expect(check({ ...row, numar: 8 })).toBe('receipt.next_number');
    expect(check(row, after, 'dev-b')).toBe('series.held_by_other');
    expect(check(row, { ...after, tip_document: null })).toBe('receipt.series_kind');
    expect(check(row, null)).toBe('receipt.series_missing');
    expect(check({ ...row, suma: 1 })).toBe('receipt.document');
    expect(check(row, after, 'dev-a', row)).toBe('receipt.no_change');
  });

  it('print as a PDF with the amount in figures and in words, the payer, the invoice and the legal mentions', async () => {
    const bytes = await renderPdf(receiptDefinition(sampleReceipt()));
    const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
    expect(pdf.numPages).toBe(1);
    const page = await pdf.getPage(1);
    const text = (await page.getTextContent()).items.flatMap((i) => ('str' in i ? [i.str] : [])).join(' ').replace(/\s+/g, ' ');
    await pdf.destroy();
    for (const expected of [
      'CHITANȚĂ', 'Seria CH nr. 7', '15.09.2025', 'Service Auto Ștefănescu SRL', 'CUI: RO18547290', 'J08/1234/2015', sampleBuyer.nume,
      '1.200,50', 'o mie două sute de lei și cincizeci de bani', 'seria ROA nr. 12 din 01.09.2025', 'Casier', 'Semnătura',
    ]) expect(text).toContain(expected);
    expect(text).not.toMatch(/[şţŞŢ]/u);
  });
});
