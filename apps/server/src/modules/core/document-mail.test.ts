import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVat, issueOps, newId, sellerFromProfile, type CompanyProfile, type InvoiceLine, type InvoiceSeries } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { readOutbox, type Mailer } from '../../core/mail';
import { testDevices, type TestDevice } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';
import { line as orderLine, newOrder, shopWithMechanics } from '../../test/shop';

const mail = (to: string) => ({ to, subject: 'Devizul dumneavoastră', text: 'Bună ziua,\nvă trimitem devizul atașat.\nMulțumim!' });

describe(`documents sent by e-mail on ${testEngine()}`, () => {
  let t: TestApp;
  let admin: Session;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  const devices = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin } });
    admin = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    devices.closeAll();
    await t.close();
  });

  const post = (url: string, session: Session | null, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: session ? bearer(session) : {}, payload: payload as Record<string, unknown> });

  async function withProfile(d: TestDevice) {
    await d.engine.write([{
      op: 'create', table: 'company_profile', data: {
        nume: 'Service Auto Someș SRL', cui: 'RO14399840', platitor_tva: 1, tva_la_incasare: 0, reg_com: 'J12/1234/2015',
        adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ', iban: 'RO49AAAA1B31007593840000', email: 'office@service-somes.ro',
      },
    }]);
  }

  it('sends an order\'s deviz with its PDF to the recipient, records it, and keeps other companies and unassigned mechanics out', async () => {
    const { owner, mechanics: [ana, bogdan] } = await shopWithMechanics(t, admin);
    if (!ana || !bogdan) throw new Error('two mechanics');
    const office = await devices.device(owner);
    await withProfile(office);
    const mAna = await office.engine.create('mecanici', { nume: 'Ana', user_id: ana.user.id, activ: 1 });
    const order = await office.engine.create('orders', newOrder({ mecanic_id: mAna.id }));
    await office.engine.create('order_lines', orderLine(String(order.id)));
    await office.engine.sync();
    const url = `/api/orders/${String(order.id)}/email`;
    const to = `client-${newId()}@exemplu.ro`;

    const sent = await post(url, owner, mail(to));
    expect(sent.statusCode).toBe(200);
    expect(sent.json<{ to: string }>().to).toBe(to);
    const [message, ...more] = await readOutbox(t.app.database.db, to);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ to, subject: 'Devizul dumneavoastră', text: mail(to).text });
    expect(message?.attachments).toHaveLength(1);
    const [pdf] = message?.attachments ?? [];
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.filename).toMatch(/^Deviz.*\.pdf$/);
    expect(Buffer.from(pdf?.content ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    // The sending is in the documents' audit trail, which reaches the devices.
    await office.engine.sync();
    const events = await office.rows<{ actiune: string; document: string; descriere: string }>('document_events', 'document_id = ?', [order.id]);
    expect(events.map((e) => [e.document, e.actiune, e.descriere])).toEqual([['deviz', 'email', `Deviz 1 → ${to}`]]);

    // The assigned mechanic may send it; another mechanic, another company and nobody may not, and nothing goes out.
    expect((await post(url, ana, mail(to))).statusCode).toBe(200);
    const bogdanTo = `bogdan-${newId()}@exemplu.ro`;
    expect((await post(url, bogdan, mail(bogdanTo))).statusCode).toBe(404);
    const other = await registerCompany(t.app);
    expect((await post(url, other, mail(bogdanTo))).statusCode).toBe(404);
    expect((await post(url, null, mail(bogdanTo))).statusCode).toBe(401);
    expect(await readOutbox(t.app.database.db, bogdanTo)).toEqual([]);
    expect(await readOutbox(t.app.database.db, to)).toHaveLength(2);

    // What is typed is checked: an address, a subject, lengths; nothing else is taken.
    for (const body of [
      { ...mail(to), to: 'nu-e-adresa' },
      { ...mail(to), subject: '   ' },
      { ...mail(to), subject: 'x'.repeat(201) },
      { ...mail(to), text: 'x'.repeat(5001) },
      { ...mail(to), cc: 'altcineva@exemplu.ro' },
    ]) {
      const refused = await post(url, owner, body);
      expect(refused.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(refused.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    }
    expect((await post('/api/orders/not-a-uuid/email', owner, mail(to))).statusCode).toBe(400);
    expect(await readOutbox(t.app.database.db, to)).toHaveLength(2);
  });

  it('sends an issued invoice with its PDF, only within the company', async () => {
    const s = await registerCompany(t.app);
    const d = await devices.device(s);
    await withProfile(d);
    const series = await t.app.inject({ method: 'POST', url: '/api/accounting/series', headers: bearer(s), payload: { clientId: d.clientId, serie: 'ROA' } });
    expect(series.statusCode).toBe(201);
    await d.engine.sync();
    const [profile] = await d.rows<CompanyProfile>('company_profile');
    const [own] = await d.rows<InvoiceSeries>('invoice_series', 'client_id = ?', [d.clientId]);
    if (!profile || !own) throw new Error('no profile or series');
    const date = '2026-11-23';
    const lines: InvoiceLine[] = [{ descriere: 'Înlocuire plăcuțe frână față', um: 'buc', cantitate: '1', pretUnitar: 25000, ...defaultVat({ platitorTva: true }, date), valoare: 0 }];
    const { ops, invoiceId } = issueOps({
      series: own, seller: sellerFromProfile(profile), tvaLaIncasare: false,
      buyer: {
        tip: 'pj', nume: 'Transport Rapid SRL', codFiscal: 'RO18547290', cnp: null, regCom: 'J12/345/2010', adresa: 'Str. Fabricii 5',
        localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: null, tara: 'RO', iban: null, banca: null, telefon: null, email: 'contabilitate@transport-rapid.ro',
        capitalSocial: null, platitorTva: true,
      },
      lines, data: date, dataLivrare: date, dataScadenta: null, modalitatePlata: 'ordin_plata', order: null, storno: null, observatii: null,
      emitent: { userId: s.user.id, name: null }, updateOrder: false,
    }, d.clientId);
    await d.engine.write(ops);
    await d.engine.sync();
    const to = `contabilitate-${newId()}@transport-rapid.ro`;
    const url = `/api/invoices/${invoiceId}/email`;

    expect((await post(url, s, { ...mail(to), subject: 'Factura ROA 1' })).statusCode).toBe(200);
    const [message] = await readOutbox(t.app.database.db, to);
    expect(message?.subject).toBe('Factura ROA 1');
    expect(message?.attachments.map((a) => [a.filename, a.contentType])).toEqual([['Factura-ROA-1.pdf', 'application/pdf']]);
    expect(Buffer.from(message?.attachments[0]?.content ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await d.engine.sync();
    const events = await d.rows<{ actiune: string }>('document_events', 'document_id = ? AND actiune = ?', [invoiceId, 'email']);
    expect(events).toHaveLength(1);

    const other = await registerCompany(t.app);
    const elsewhere = `altundeva-${newId()}@exemplu.ro`;
    expect((await post(url, other, mail(elsewhere))).statusCode).toBe(404);
    expect(await readOutbox(t.app.database.db, elsewhere)).toEqual([]);
  });

  it('answers service_unavailable and records nothing when the mail provider fails', async () => {
    const failing: Mailer = { provider: 'smtp', send: () => Promise.reject(new Error('connection refused')) };
    const broken = await createTestApp({ auth: { rateLimitPerMinute: 10_000 }, mail: { mailer: failing } });
    const own = testDevices(() => broken.app);
    try {
      const s = await registerCompany(broken.app);
      const d = await own.device(s);
      const order = await d.engine.create('orders', newOrder());
      await d.engine.sync();
      const res = await broken.app.inject({ method: 'POST', url: `/api/orders/${String(order.id)}/email`, headers: bearer(s), payload: mail('client@exemplu.ro') });
      expect(res.statusCode).toBe(503);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('service_unavailable');
      await d.engine.sync();
      expect(await d.rows('document_events')).toEqual([]);
    } finally {
      own.closeAll();
      await broken.close();
    }
  });
});
