import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelPaymentOp, defaultVat, invoiceBalance, invoiceDocument, issueOps, newId, paymentOps, receiptDocument, sellerFromProfile,
  type CompanyProfile, type Invoice, type InvoiceLine, type InvoiceSeries, type Party, type Payment, type PaymentMethod, type Receipt,
} from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { testDevices } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, registerCompany } from '../../test/sessions';

const buyer: Party = {
  tip: 'pj', nume: 'Transport Rapid SRL', codFiscal: 'RO18547290', cnp: null, regCom: 'J12/345/2010', adresa: 'Str. Fabricii 5',
  localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: null, tara: 'RO', iban: null, banca: null, telefon: null, email: null,
  capitalSocial: null, platitorTva: true,
};
const day = '2026-11-23';

describe(`payments and receipts through sync on ${testEngine()}`, () => {
  let t: TestApp;
  const devices = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    devices.closeAll();
    await t.close();
  });

  const seriesFor = async (s: Session, clientId: string, serie: string, tipDocument: 'factura' | 'chitanta' = 'factura') =>
    t.app.inject({ method: 'POST', url: '/api/accounting/series', headers: bearer(s), payload: { clientId, serie, tipDocument } });

  async function device(s: Session) {
    const d = await devices.device(s);
    const { engine, clientId, rows } = d;
    const mine = async (kind: 'factura' | 'chitanta') => {
      const list = await rows<InvoiceSeries>('invoice_series', 'client_id = ?', [clientId]);
      return list.find((r) => (r.tip_document ?? 'factura') === kind);
    };
    /** Issues a 1 210,00 lei invoice (1 000 + 21 % VAT) in this device's invoice series. */
    const issue = async (pretUnitar = 100_000) => {
      const [profile] = await rows<CompanyProfile>('company_profile');
      const series = await mine('factura');
      if (!profile || !series) throw new Error('no profile or series');
      const line: InvoiceLine = { descriere: 'Revizie', um: 'buc', cantitate: '1', pretUnitar, ...defaultVat({ platitorTva: true }, day), valoare: 0 };
      const { ops, invoiceId } = issueOps({
        series, seller: sellerFromProfile(profile), tvaLaIncasare: false, buyer, lines: [line], data: day, dataLivrare: day,
        dataScadenta: '2026-12-07', modalitatePlata: 'numerar', order: null, storno: null, observatii: null,
        emitent: { userId: s.user.id, name: null }, updateOrder: false,
      }, clientId);
      await engine.write(ops);
      return invoiceId;
    };
    /** Records a payment as the invoice page does; a receipt in this device's receipt series when asked. */
    const pay = async (invoiceId: string, suma: number, metoda: PaymentMethod, receipt = false) => {
      const [invoice] = await rows<Invoice>('invoices', 'id = ?', [invoiceId]);
      const [profile] = await rows<CompanyProfile>('company_profile');
      const series = await mine('chitanta');
      if (!invoice || !profile || (receipt && !series)) throw new Error('no invoice, profile or receipt series');
      const { ops, paymentId } = paymentOps({
        invoice, suma, data: day, metoda, referinta: null, nota: null, userId: s.user.id,
        receipt: receipt && series ? { series, seller: sellerFromProfile(profile), payer: invoiceDocument(invoice).cumparator, issuer: 'Ana Pop' } : null,
      });
      await engine.write(ops);
      return paymentId;
    };
    return { ...d, issue, pay };
  }

  async function company() {
    const s = await registerCompany(t.app);
    const a = await device(s);
    const b = await device(s);
    await a.engine.write([{
      op: 'create', table: 'company_profile', data: {
        nume: 'Service Auto Someș SRL', cui: 'RO14399840', platitor_tva: 1, tva_la_incasare: 0, reg_com: 'J12/1234/2015',
        adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ', iban: 'RO49AAAA1B31007593840000',
      },
    }]);
    for (const [d, inv, ch] of [[a, 'ROA', 'CHA'], [b, 'ROB', 'CHB']] as const) {
      expect((await seriesFor(s, d.clientId, inv)).statusCode).toBe(201);
      const receipts = await seriesFor(s, d.clientId, ch, 'chitanta');
      expect(receipts.statusCode).toBe(201);
      expect(receipts.json<InvoiceSeries>().tip_document).toBe('chitanta');
    }
    await a.engine.sync();
    await b.engine.sync();
    return { s, a, b };
  }

  it('numbers receipts from two offline devices in their own series, unique and without gaps; a receipt series numbers no invoice', async () => {
    const { a, b } = await company();
    const x = await a.issue();
    const y = await b.issue();
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    // Offline on both: each records a card payment and two cash payments with receipts, on both invoices.
    await a.pay(x, 10_000, 'card');
    await a.pay(x, 20_000, 'numerar', true);
    await a.pay(y, 30_000, 'numerar', true);
    await b.pay(y, 40_000, 'numerar', true);
    await b.pay(x, 50_000, 'numerar', true);
    await b.pay(y, 1_000, 'numerar', true);
    await Promise.all([a.engine.sync(), b.engine.sync()]);
    await a.engine.sync();
    await b.engine.sync();

    const receipts = await a.rows<Receipt>('receipts');
    const numbers = (serie: string) => receipts.filter((r) => r.serie === serie).map((r) => r.numar).sort((p, q) => p - q);
    expect(numbers('CHA')).toEqual([1, 2]);
    expect(numbers('CHB')).toEqual([1, 2, 3]);
    expect((await b.rows<Receipt>('receipts')).length).toBe(5);
    expect((await a.rows<InvoiceSeries>('invoice_series')).map((r) => [r.serie, r.ultimul_numar]).sort()).toEqual([['CHA', 2], ['CHB', 3], ['ROA', 1], ['ROB', 1]]);
    expect((await a.engine.rejections()).length + (await b.engine.rejections()).length).toBe(0);
    const doc = receiptDocument(receipts.find((r) => r.serie === 'CHB' && r.numar === 2) as Receipt);
    expect(doc).toMatchObject({ suma: 50_000, sumaInLitere: 'cinci sute de lei', factura: { serie: 'ROA', numar: 1 }, platitor: { nume: 'Transport Rapid SRL' } });

    // Paid on the server and on both devices: 1 210,00 lei less 100 + 200 + 500 lei.
    for (const d of [a, b]) {
      const [invoice] = await d.rows<Invoice>('invoices', 'id = ?', [x]);
      const payments = await d.rows<Payment>('payments', 'factura_id = ?', [x]);
      expect(invoice && invoiceBalance(invoice, [], payments, day)).toMatchObject({ due: 121_000, paid: 80_000, left: 41_000, state: 'partly_paid' });
    }

    // B cannot number in A's receipt series, and no device numbers an invoice in a receipt series.
    const [cha] = await b.rows<InvoiceSeries>('invoice_series', 'serie = ?', ['CHA']);
    const [invoice] = await b.rows<Invoice>('invoices', 'id = ?', [x]);
    const [profile] = await b.rows<CompanyProfile>('company_profile');
    if (!cha || !invoice || !profile) throw new Error('missing rows');
    await expect(b.engine.write(paymentOps({
      invoice, suma: 100, data: day, metoda: 'numerar', referinta: null, nota: null, userId: null,
      receipt: { series: cha, seller: sellerFromProfile(profile), payer: buyer, issuer: null },
    }).ops)).rejects.toThrow(/held by another device/);
    const [chb] = await b.rows<InvoiceSeries>('invoice_series', 'serie = ?', ['CHB']);
    if (!chb) throw new Error('no CHB');
    const line: InvoiceLine = { descriere: 'x', um: 'buc', cantitate: '1', pretUnitar: 100, ...defaultVat({ platitorTva: true }, day), valoare: 0 };
    await expect(b.engine.write(issueOps({
      series: chb, seller: sellerFromProfile(profile), tvaLaIncasare: false, buyer, lines: [line], data: day, dataLivrare: day, dataScadenta: null,
      modalitatePlata: 'numerar', order: null, storno: null, observatii: null, emitent: { userId: null, name: null }, updateOrder: false,
    }, b.clientId).ops)).rejects.toThrow(/receipt series does not number invoices/);
  });

  it('refuses a payment over the invoice\'s total; one over what is left when it arrives is kept but cancelled by the server', async () => {
    const { s, a, b } = await company();
    const x = await a.issue();
    await a.engine.sync();
    await b.engine.sync();
    await expect(a.pay(x, 121_001, 'card')).rejects.toThrow(/more than what is left/);

    // Both devices, offline, take the whole 1 210,00 lei; the first to arrive counts.
    await a.pay(x, 121_000, 'numerar', true);
    const late = await b.pay(x, 121_000, 'numerar', true);
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    for (const d of [a, b]) {
      const payments = await d.rows<Payment>('payments', 'factura_id = ?', [x]);
      const cancelled = payments.find((p) => p.id === late);
      expect(cancelled?.anulata_la).not.toBeNull();
      expect(cancelled?.motiv_anulare).toMatch(/depășește restul de plată/);
      const [invoice] = await d.rows<Invoice>('invoices', 'id = ?', [x]);
      expect(invoice && invoiceBalance(invoice, [], payments, day)).toMatchObject({ paid: 121_000, left: 0, overpaid: 0, state: 'paid' });
      // Its receipt keeps its number: the receipt series has no gap.
      expect((await d.rows<Receipt>('receipts')).map((r) => `${r.serie} ${r.numar}`).sort()).toEqual(['CHA 1', 'CHB 1']);
    }

    // A crafted push (a device that skips its own checks): over the total is refused, over what is left is cancelled.
    const push = (mutations: Record<string, unknown>[]) => t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: { clientId: newId(), schemaVersion: 1, mutations },
    });
    const base = { factura_id: x, data: day, metoda: 'card', referinta: null, nota: null, anulata_la: null, motiv_anulare: null, inregistrata_de: null };
    const extra = newId();
    const crafted = await push([
      { id: 1, table: 'payments', op: 'upsert', rowId: newId(), data: { ...base, suma: 200_000 } },
      { id: 2, table: 'payments', op: 'upsert', rowId: newId(), data: { ...base, suma: 0 } },
      { id: 3, table: 'payments', op: 'upsert', rowId: extra, data: { ...base, suma: 100 } },
    ]);
    expect(crafted.statusCode).toBe(200);
    const results = crafted.json<{ results: { status: string; rule?: string }[] }>().results;
    expect(results.map((r) => r.rule ?? r.status)).toEqual(['payment.over_left', 'payment.amount_positive', 'applied']);
    await a.engine.sync();
    const [cancelled] = await a.rows<Payment>('payments', 'id = ?', [extra]);
    expect(cancelled?.motiv_anulare).toMatch(/depășește restul de plată/);
  });

  it('never edits or deletes a payment; cancels it once, with a reason', async () => {
    const { a } = await company();
    const x = await a.issue();
    const id = await a.pay(x, 50_000, 'ordin_plata');
    await a.engine.sync();
    await expect(a.engine.write([{ op: 'update', table: 'payments', id, patch: { suma: 40_000 } }])).rejects.toThrow(/never changed/);
    await expect(a.engine.write([{ op: 'delete', table: 'payments', id }])).rejects.toThrow(/never deleted/);
    await expect(a.engine.write([cancelPaymentOp(id, ' ', new Date().toISOString())])).rejects.toThrow(/needs the reason/);
    await a.engine.write([cancelPaymentOp(id, 'Înregistrată din greșeală', new Date().toISOString())]);
    await expect(a.engine.write([cancelPaymentOp(id, 'din nou', new Date().toISOString())])).rejects.toThrow(/never changed/);
    await a.engine.sync();
    expect(await a.engine.rejections()).toEqual([]);
    const [payment] = await a.rows<Payment>('payments');
    expect(payment).toMatchObject({ suma: 50_000, motiv_anulare: 'Înregistrată din greșeală' });
  });

  it('keeps a company\'s payments and receipts to itself', async () => {
    const { a } = await company();
    const x = await a.issue();
    await a.pay(x, 10_000, 'numerar', true);
    await a.engine.sync();
    const other = await registerCompany(t.app);
    const intruder = await device(other);
    await intruder.engine.sync();
    expect(await intruder.rows('payments')).toEqual([]);
    expect(await intruder.rows('receipts')).toEqual([]);
    // A payment against the other company's invoice is refused: its invoice does not exist for this company.
    await intruder.engine.write([{
      op: 'create', table: 'payments', data: {
        id: newId(), factura_id: x, suma: 100, data: day, metoda: 'card', referinta: null, nota: null, anulata_la: null, motiv_anulare: null, inregistrata_de: null,
      },
    }]).catch(() => undefined);
    await intruder.engine.sync();
    await a.engine.sync();
    expect((await a.rows<Payment>('payments')).length).toBe(1);
  });
});
