import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultVat, invoiceDocument, issueOps, lineDiscount, lineGroups, lineTotal, lineValue, newId, sellerFromProfile, splitDocumentDiscount,
  type CompanyProfile, type DocumentDiscount, type Invoice, type InvoiceLine, type InvoiceSeries, type LineAmounts, type Party,
} from '@roaauto/shared';
import { describeReport, officialReports } from '@roaauto/shared/efactura/official-validation';
import type { Session } from '../../core/auth/auth.service';
import { testDevices } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, registerCompany } from '../../test/sessions';

/** A local row's synced columns (no id, timestamps or local bookkeeping). */
const columns = (row: object | undefined) => Object.fromEntries(Object.entries(row ?? {}).filter(([k]) => !['id', 'created_at', 'updated_at', '_version', '_search'].includes(k)));
const strip = (rows: Record<string, unknown>[]) => rows.map(({ _version, _search, ...r }) => r);

const buyer: Party = {
  tip: 'pj', nume: 'Transport Rapid SRL', codFiscal: 'RO18547290', cnp: null, regCom: 'J12/345/2010', adresa: 'Str. Fabricii 5',
  localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: null, tara: 'RO', iban: null, banca: null, telefon: null, email: null,
  capitalSocial: null, platitorTva: true,
};

describe(`invoices through sync on ${testEngine()}`, () => {
  let t: TestApp;
  const devices = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    devices.closeAll();
    await t.close();
  });

  async function device(s: Session) {
    const d = await devices.device(s);
    const { engine, clientId, rows } = d;
    /** Issues an invoice as the web app does: the series this device holds, in one local transaction. */
    const issue = async (
      lines: InvoiceLine[],
      opts: {
        order?: { id: string; nr_comanda: number | null; nr_auto: string | null }; serie?: string; date?: string; updateOrder?: boolean; reduceri?: DocumentDiscount[];
      } = {},
    ) => {
      const [profile] = await rows<CompanyProfile>('company_profile');
      const [series] = opts.serie
        ? await rows<InvoiceSeries>('invoice_series', 'serie = ?', [opts.serie])
        : await rows<InvoiceSeries>('invoice_series', 'client_id = ?', [clientId]);
      if (!profile || !series) throw new Error('no profile or series');
      const date = opts.date ?? '2026-11-23';
      const { ops, invoiceId } = issueOps({
        series, seller: sellerFromProfile(profile), tvaLaIncasare: false, buyer, lines, reduceri: opts.reduceri, data: date, dataLivrare: date,
        dataScadenta: null, modalitatePlata: 'ordin_plata', order: opts.order ?? null, storno: null, observatii: null,
        emitent: { userId: s.user.id, name: null }, updateOrder: opts.updateOrder ?? true,
      }, clientId);
      await engine.write(ops);
      return invoiceId;
    };
    return { ...d, issue };
  }

  const seriesFor = async (s: Session, clientId: string, serie: string) =>
    t.app.inject({ method: 'POST', url: '/api/accounting/series', headers: bearer(s), payload: { clientId, serie } });

  const line = (descriere: string, cantitate: string, pretUnitar: number, date = '2026-11-23'): InvoiceLine => ({
    descriere, um: 'buc', cantitate, pretUnitar, ...defaultVat({ platitorTva: true }, date), valoare: 0,
  });

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
    expect((await seriesFor(s, a.clientId, 'ROA')).statusCode).toBe(201);
    expect((await seriesFor(s, b.clientId, 'rob')).statusCode).toBe(201);
    await a.engine.sync();
    await b.engine.sync();
    return { s, a, b };
  }

  it('gives each device its own series; a name is used once per company; a device is one user\'s', async () => {
    const { s, a } = await company();
    const taken = await seriesFor(s, newId(), 'ROA');
    expect(taken.statusCode).toBe(409);
    expect((await seriesFor(s, a.clientId, 'R O A')).statusCode).toBe(400);
    const other = await registerCompany(t.app);
    expect((await seriesFor(other, a.clientId, 'ALT')).statusCode).toBe(403);
    const held = await a.rows<InvoiceSeries>('invoice_series');
    expect(held.map((r) => [r.serie, r.client_id === a.clientId, r.ultimul_numar])).toEqual(
      expect.arrayContaining([['ROA', true, 0], ['ROB', false, 0]]),
    );
  });

  it('two devices issuing offline at the same time end with unique, continuous numbers in every series', async () => {
    const { a, b } = await company();
    // A validated order to invoice (made on A while online).
    const orderId = newId();
    const amounts: LineAmounts = { tip: 'manopera', ore: '2', pret_ora: 15000, cantitate: null, pret_unitar: null };
    await a.engine.write([
      { op: 'create', table: 'orders', data: { id: orderId, data_comanda: '2026-11-23', status: 'DRAFT', nr_auto: 'CJ 10 ABC', total_manopera: 0, total_materiale: 0, total_general: 0 } },
      { op: 'create', table: 'order_lines', data: { order_id: orderId, descriere: 'Revizie', ordine: 0, total: lineTotal(amounts), ...amounts } },
    ]);
    await a.engine.write([{ op: 'update', table: 'orders', id: orderId, patch: { status: 'VALIDAT', total_manopera: 30000, total_general: 30000 } }]);
    await a.engine.sync();
    const [order] = await a.rows<{ id: string; nr_comanda: number; nr_auto: string }>('orders');

    // Offline on both: A issues three (the first for the order), B three.
    await a.issue([line('Revizie', '2', 15000)], { order: { id: orderId, nr_comanda: order?.nr_comanda ?? null, nr_auto: 'CJ 10 ABC' } });
    for (const i of [1, 2]) await a.issue([line(`Piesă ${i}`, '1', 10000 * i)]);
    for (const i of [1, 2, 3]) await b.issue([line(`Anvelopă ${i}`, '4', 35000)]);
    // B cannot number in A's series, not even offline.
    await expect(b.issue([line('x', '1', 100)], { serie: 'ROA' })).rejects.toThrow(/held by another device/);

    await Promise.all([a.engine.sync(), b.engine.sync()]);
    await a.engine.sync();
    await b.engine.sync();
    const invoices = await a.rows<Invoice>('invoices');
    const bySeries = (serie: string) => invoices.filter((i) => i.serie_factura === serie).map((i) => i.nr_factura).sort((x, y) => x - y);
    expect(bySeries('ROA')).toEqual([1, 2, 3]);
    expect(bySeries('ROB')).toEqual([1, 2, 3]);
    expect(strip(await b.rows('invoices'))).toEqual(strip(invoices));
    expect(strip(await b.rows('invoice_series'))).toEqual(strip(await a.rows('invoice_series')));
    expect((await a.rows<InvoiceSeries>('invoice_series')).map((r) => r.ultimul_numar)).toEqual([3, 3]);
    const invoiced = (await b.rows<{ status: string; factura_id: string }>('orders'))[0];
    expect(invoiced?.status).toBe('FACTURAT');
    expect(invoices.find((i) => i.id === invoiced?.factura_id)?.nr_factura).toBe(1);
    expect((await a.engine.rejections()).length + (await b.engine.rejections()).length).toBe(0);
    const doc = invoiceDocument(invoices.find((i) => i.nr_factura === 1 && i.serie_factura === 'ROA') as Invoice);
    expect(doc.totals).toMatchObject({ baza: 30000, tva: 6300, total: 36300 });
    // Every issue is in the audit trail, on the server too.
    const events = await b.rows<{ actiune: string; descriere: string }>('document_events');
    expect(events.map((e) => e.descriere).sort()).toEqual(['Factura ROA 1', 'Factura ROA 2', 'Factura ROA 3', 'Factura ROB 1', 'Factura ROB 2', 'Factura ROB 3']);
  });

  it('refuses a crafted push: a number out of turn, a series of another device, a change or deletion of an invoice', async () => {
    const { s, a, b } = await company();
    const first = await a.issue([line('Revizie', '1', 20000)]);
    await a.engine.sync();
    await b.engine.sync();
    const push = (clientId: string, mutations: Record<string, unknown>[]) => t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: { clientId, schemaVersion: 1, mutations },
    });
    const [stored] = await b.rows<Invoice>('invoices');
    const [roa] = await b.rows<InvoiceSeries>('invoice_series', 'serie = ?', ['ROA']);
    // B's device pushes A's series' next number and an invoice in it.
    const crafted = await push(b.clientId, [
      { id: 1, table: 'invoice_series', op: 'upsert', rowId: roa?.id, data: { ultimul_numar: 2 } },
      { id: 2, table: 'invoices', op: 'upsert', rowId: newId(), data: { ...columns(stored), nr_factura: 2 } },
      { id: 3, table: 'invoices', op: 'upsert', rowId: first, data: { client_nume: 'Altcineva' } },
      { id: 4, table: 'invoices', op: 'delete', rowId: first },
    ]);
    expect(crafted.statusCode).toBe(200);
    const results = crafted.json<{ results: { status: string; message: string }[] }>().results;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(results[0]?.message).toMatch(/another device/);
    expect(results[2]?.message).toMatch(/cannot be changed/);
    expect(results[3]?.message).toMatch(/cannot be deleted/);
  });

  it('moves a series to a new device: the old device\'s later invoices are refused, the new one continues', async () => {
    const { s, a, b } = await company();
    await a.issue([line('Revizie', '1', 20000)]);
    await a.engine.sync();
    const [roa] = await a.rows<InvoiceSeries>('invoice_series', 'serie = ?', ['ROA']);
    const claim = await t.app.inject({ method: 'POST', url: `/api/accounting/series/${roa?.id}/claim`, headers: bearer(s), payload: { clientId: b.clientId } });
    expect(claim.statusCode).toBe(200);
    await a.issue([line('Offline', '1', 5000)]); // A did not hear of it yet
    await b.engine.sync();
    await b.issue([line('Pe B', '1', 7000)], { serie: 'ROA' });
    await b.engine.sync();
    await a.engine.sync();
    const numbers = (await a.rows<Invoice>('invoices')).filter((i) => i.serie_factura === 'ROA').map((i) => [i.nr_factura, i.client_nume]);
    expect(numbers.map((n) => n[0]).sort()).toEqual([1, 2]);
    const refused = await a.engine.rejections();
    expect(refused.some((r) => /held by another device/.test(r.message))).toBe(true);
  });

  it('serves an invoice as PDF and e-Factura XML and an order as deviz PDF, only within the company, and records each', async () => {
    const { s, a } = await company();
    const orderId = newId();
    await a.engine.write([{ op: 'create', table: 'orders', data: { id: orderId, data_comanda: '2026-11-23', status: 'DRAFT', nr_auto: 'CJ 01 ȘȚĂ', client_nume: 'Ștefan Țurcanu', total_manopera: 0, total_materiale: 0, total_general: 0 } }]);
    const id = await a.issue([line('Înlocuire plăcuțe frână față', '1', 25000), line('Ulei motor 5W30', '4.5', 5500)]);
    await a.engine.sync();
    const get = (url: string, session: Session | null = s) => t.app.inject({ method: 'GET', url, headers: session ? bearer(session) : {} });

    const pdf = await get(`/api/invoices/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="Factura-ROA-1.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xml = await get(`/api/invoices/${id}/efactura.xml`);
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.body).toContain('urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1');
    expect(xml.body).toMatch(/<cbc:ID>ROA ?-?0*1<\/cbc:ID>/);
    // The file served is one ANAF takes: the official UBL 2.1 schema and the CIUS-RO rules find nothing fatal.
    const [official] = await officialReports([xml.body]);
    expect(official && { schema: official.schema, fatal: official.fatal }, official && describeReport(official)).toEqual({ schema: [], fatal: [] });
    const deviz = await get(`/api/orders/${orderId}/pdf/deviz`);
    expect(deviz.statusCode).toBe(200);
    expect(deviz.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Another company: not found, and nothing recorded for it; no token: 401.
    const other = await registerCompany(t.app);
    for (const url of [`/api/invoices/${id}/pdf`, `/api/invoices/${id}/efactura.xml`, `/api/orders/${orderId}/pdf/deviz`]) {
      expect((await get(url, other)).statusCode).toBe(404);
      expect((await get(url, null)).statusCode).toBe(401);
    }
    expect((await get(`/api/invoices/not-a-uuid/pdf`)).statusCode).toBe(400);
    // The server's prints reach the devices' audit trail like any change.
    await a.engine.sync();
    const trail = await a.rows<{ actiune: string; client_id: string | null; document: string }>('document_events');
    expect(trail.filter((e) => e.client_id === null).map((e) => `${e.document}:${e.actiune}`).sort()).toEqual(['deviz:tiparire', 'factura:efactura', 'factura:tiparire']);
  }, 60_000); // loading ANAF's rules takes a few seconds on a busy machine

  it('takes an invoice with discounts, a returned part and a four-decimal price, and serves its XML as ANAF takes it', async () => {
    const { s, a, b } = await company();
    const brakes = line('Plăcuțe frână', '2', 6170);
    const reducere = lineDiscount(brakes, { procent: '10' }, 'Discount fidelitate');
    const lines = [
      { ...brakes, reducere, valoare: lineValue({ ...brakes, reducere }) },
      line('Garnitură chiulasă', '3', 1234.56),
      line('Bec H7 (retur)', '-1', 2500),
    ];
    const reduceri = splitDocumentDiscount(lineGroups(lines), { suma: 1000 }, 'Client fidel');
    const id = await a.issue(lines, { reduceri });
    await a.engine.sync();
    expect(await a.engine.rejections()).toEqual([]);
    await b.engine.sync();
    const [seen] = await b.rows<Invoice>('invoices', 'id = ?', [id]);
    expect(seen).toBeDefined();
    if (!seen) return;
    const doc = invoiceDocument(seen);
    expect(doc.reduceri).toEqual(reduceri);
    expect(doc.linii.map((l) => l.valoare)).toEqual([11106, 3704, -2500]);
    expect(seen.total_fara_tva).toBe(11106 + 3704 - 2500 - 1000);
    const xml = await t.app.inject({ method: 'GET', url: `/api/invoices/${id}/efactura.xml`, headers: bearer(s) });
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toContain('<cbc:PriceAmount currencyID="RON">12.3456</cbc:PriceAmount>');
    expect(xml.body).toContain('<cbc:AllowanceTotalAmount currencyID="RON">10.00</cbc:AllowanceTotalAmount>');
    const [official] = await officialReports([xml.body]);
    expect(official && { schema: official.schema, fatal: official.fatal }, official && describeReport(official)).toEqual({ schema: [], fatal: [] });
    const pdf = await t.app.inject({ method: 'GET', url: `/api/invoices/${id}/pdf`, headers: bearer(s) });
    expect(pdf.statusCode).toBe(200);
  }, 60_000);

  it('makes an invoiced order FACTURAT on the server when the device did not (a user who may not change orders)', async () => {
    const { a, b } = await company();
    const orderId = newId();
    await a.engine.write([{ op: 'create', table: 'orders', data: { id: orderId, data_comanda: '2026-11-23', status: 'DRAFT', nr_auto: 'CJ 02 ABC', total_manopera: 0, total_materiale: 0, total_general: 0 } }]);
    await a.engine.write([{ op: 'update', table: 'orders', id: orderId, patch: { status: 'VALIDAT' } }]);
    await a.engine.sync();
    await b.engine.sync();
    const invoiceId = await b.issue([line('Revizie', '1', 30000)], { order: { id: orderId, nr_comanda: 1, nr_auto: 'CJ 02 ABC' }, updateOrder: false });
    expect((await b.rows<{ status: string }>('orders'))[0]?.status).toBe('VALIDAT');
    await b.engine.sync();
    await a.engine.sync();
    for (const device of [a, b]) {
      const [order] = await device.rows<{ status: string; factura_id: string | null }>('orders');
      expect(order).toMatchObject({ status: 'FACTURAT', factura_id: invoiceId });
    }
  });
});
