import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addDays, addMonths, addMonthsClamped, newId, shopDate } from '@roaauto/shared';
import { buildApp } from '../../app';
import type { Session } from '../../core/auth/auth.service';
import type { Database } from '../../core/db';
import { testDevices } from '../../test/devices';
import { bearer, login, registerCompany } from '../../test/sessions';
import { createTestApp, type TestApp } from '../../test/test-app';
import { line, newOrder } from '../../test/shop';
import { testEngine } from '../../test/test-db';
import { sweepSyncService } from '../../test/sweep';
import { dispatchersIdle } from './dispatcher';
import { fakeSmsapi } from './fake-smsapi.test-helper';
import { reminderDate, sweepDueReminders, withinHours } from './reminders';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };

type Message = { id: string; telefon: string; text: string; template: string | null; status: string; motiv: string | null; client_id: string | null };

describe(`automatic due-date reminders on ${testEngine()}`, () => {
  let t: TestApp;
  let second: FastifyInstance | null = null;
  let fake: Awaited<ReturnType<typeof fakeSmsapi>>;
  let op: Session;
  const { device, closeAll } = testDevices(() => t.app);
  const sms = () => ({ provider: 'smsapi' as const, smsapiToken: 'smsapi-token-abc123', smsapiUrl: fake.url, segmentPriceBani: 7, sweepMs: 0, leaseMs: 60_000 });
  const now = new Date();
  const today = shopDate(now);
  /** A sweep as a server process runs it: its own sync service on its own database connection. */
  const sweep = (database: Database = t.app.database, at: Date = now) => sweepDueReminders(database, sweepSyncService(database), at);

  beforeAll(async () => {
    fake = await fakeSmsapi();
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin }, sms: sms() });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    closeAll();
    await second?.close();
    await t.close();
    await fake.close();
  });

  /** A company on Pro (SMS included) with reminders set as asked, its phone on its profile, and a device. */
  async function shop(opts: { reminders?: number | null; days?: number | null; limits?: Record<string, number | null>; modules?: Record<string, boolean> } = {}) {
    const s = await registerCompany(t.app);
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(op),
      payload: { plan: 'pro', billingStatus: 'active', ...(opts.limits ? { limits: opts.limits } : {}), ...(opts.modules ? { modules: opts.modules } : {}) },
    });
    expect(res.statusCode).toBe(200);
    const a = await device(s);
    await a.engine.create('sms_settings', { expeditor: null, remindere: opts.reminders === undefined ? 1 : opts.reminders, remindere_zile: opts.days === undefined ? 7 : opts.days });
    const company = 'Service Auto Someș SRL';
    await a.engine.create('company_profile', { nume: company, platitor_tva: 1, tva_la_incasare: 0, telefon: '0241 555 000' });
    return { s, a, company };
  }
  const vehicle = (plate: string, patch: Record<string, unknown> = {}) => ({
    nr_inmatriculare: plate, client_nume: 'Ștefan Popescu', client_telefon: '0722 123 456', ...patch,
  });
  const sends = (id: string) => fake.requests.filter((r) => r.form.get('idx') === id).length;

  it('sends one reminder for an ITP due within the lead, with the text and the mark synced, and none on the next sweep', async () => {
    const { s, a, company } = await shop();
    const due = addDays(today, 5);
    const v = await a.engine.create('vehicles', vehicle('B 12 ABC', { itp_expira: due }));
    await a.engine.sync();
    const before = fake.requests.length;
    const first = await sweep();
    expect(first.sent).toBeGreaterThanOrEqual(1);
    await dispatchersIdle();
    await a.engine.sync();
    const messages = await a.rows<Message>('sms_messages');
    expect(messages).toHaveLength(1);
    const [m] = messages;
    expect(m).toMatchObject({
      template: 'due_reminder', status: 'sent', motiv: null, telefon: '40722123456',
      text: `Bună ziua, Ștefan Popescu! ITP-ul pentru B 12 ABC expiră pe ${reminderDate(due)}. Vă așteptăm cu o programare. ${company}, 0241 555 000`,
    });
    expect(sends(String(m?.id))).toBe(1);
    expect(fake.requests.length - before).toBe(1);
    expect(fake.requests.at(-1)?.form.get('to')).toBe('40722123456');
    // The mark says which date the customer was told about, on every device of the company.
    const b = await device(s);
    await b.engine.sync();
    expect((await a.rows('vehicles', 'id = ?', [v.id]))[0]).toMatchObject({ itp_anuntat: due });
    expect((await b.rows('vehicles', 'id = ?', [v.id]))[0]).toMatchObject({ itp_anuntat: due, rca_anuntat: null });

    await sweep();
    await sweep(t.app.database, new Date(now.getTime() + 3_600_000));
    await dispatchersIdle();
    await a.engine.sync();
    expect(await a.rows('sms_messages')).toHaveLength(1);
    expect(fake.requests.length - before).toBe(1);
  });

  it('writes to the customer\'s number when the vehicle names a customer, and names the RCA and the service', async () => {
    const { a, company } = await shop({ days: 14 });
    const client = await a.engine.create('clients', { tip: 'pf', nume: 'Ioana Marin', telefon: '0744 000 111' });
    const rca = addDays(today, 14);
    const service = addDays(today, 0);
    await a.engine.create('vehicles', vehicle('CT 01 RCA', { client_id: client.id, rca_expira: rca, revizie_data: service, itp_expira: addDays(today, 15) }));
    await a.engine.sync();
    await sweep();
    await dispatchersIdle();
    await a.engine.sync();
    const messages = (await a.rows<Message>('sms_messages')).sort((x, y) => x.text.localeCompare(y.text));
    expect(messages.map((m) => m.text)).toEqual([
      `Bună ziua, Ioana Marin! Asigurarea RCA pentru CT 01 RCA expiră pe ${reminderDate(rca)}. Vă așteptăm cu o programare. ${company}, 0241 555 000`,
      `Bună ziua, Ioana Marin! Revizia pentru CT 01 RCA expiră pe ${reminderDate(service)}. Vă așteptăm cu o programare. ${company}, 0241 555 000`,
    ]);
    for (const m of messages) expect(m).toMatchObject({ telefon: '40744000111', client_id: client.id, status: 'sent' });
    const [v] = await a.rows('vehicles');
    expect(v).toMatchObject({ rca_anuntat: rca, revizie_anuntat: service, itp_anuntat: null });
  });

  it('reminds the next service computed from the last validated order of a type with an interval', async () => {
    const { a } = await shop();
    const typeId = newId();
    const ordered = addMonths(addDays(today, 4), -12);
    const due = addMonthsClamped(ordered, 12);
    await a.engine.create('catalog_tipuri_deviz', { id: typeId, denumire: 'Revizie', activ: 1, interval_luni: 12, interval_km: null });
    const v = await a.engine.create('vehicles', vehicle('B 44 REV'));
    const order = await a.engine.create('orders', newOrder({ vehicle_id: v.id, tip_deviz_id: typeId, data_comanda: ordered, nr_auto: 'B 44 REV' }));
    await a.engine.create('order_lines', line(String(order.id)));
    await a.engine.update('orders', String(order.id), { status: 'VALIDAT', total_manopera: 10000, total_general: 10000 });
    await a.engine.sync();
    expect(await sweep()).toMatchObject({ sent: 1 });
    await dispatchersIdle();
    await a.engine.sync();
    expect((await a.rows<Message>('sms_messages')).map((m) => m.text)).toEqual([expect.stringContaining(`Revizia pentru B 44 REV expiră pe ${reminderDate(due)}.`) as string]);
    expect((await a.rows('vehicles', 'id = ?', [v.id]))[0]).toMatchObject({ revizie_anuntat: due, revizie_data: null });
  });

  it('uses the company\'s own template', async () => {
    const { a } = await shop();
    await a.engine.create('sms_templates', { cheie: 'due_reminder', text: '{ce} {nr_auto}: {data}.' });
    const due = addDays(today, 1);
    await a.engine.create('vehicles', vehicle('B 77 TPL', { itp_expira: due }));
    await a.engine.sync();
    await sweep();
    await dispatchersIdle();
    await a.engine.sync();
    expect((await a.rows<Message>('sms_messages')).map((m) => m.text)).toEqual([`ITP-ul B 77 TPL: ${reminderDate(due)}.`]);
  });

  it('writes nothing for a due date past the lead, one already passed or reminded, a vehicle without a mobile number, or with reminders or the module off', async () => {
    const on = await shop({ days: 3 });
    await on.a.engine.write([
      { op: 'create', table: 'vehicles', data: vehicle('B 01 FAR', { itp_expira: addDays(today, 4) }) },
      { op: 'create', table: 'vehicles', data: vehicle('B 02 OLD', { itp_expira: addDays(today, -1) }) },
      { op: 'create', table: 'vehicles', data: vehicle('B 03 TLD', { itp_expira: addDays(today, 2), itp_anuntat: addDays(today, 2) }) },
      { op: 'create', table: 'vehicles', data: vehicle('B 04 FIX', { itp_expira: addDays(today, 2), client_telefon: '021 312 3456' }) },
      { op: 'create', table: 'vehicles', data: vehicle('B 05 NON', { itp_expira: addDays(today, 2), client_telefon: null }) },
    ]);
    const off = await shop({ reminders: 0 });
    const unset = await shop({ reminders: null, days: null });
    const noModule = await shop({ modules: { sms: false } });
    for (const { a } of [off, unset, noModule]) {
      await a.engine.create('vehicles', vehicle('B 06 OFF', { itp_expira: addDays(today, 1) }));
    }
    for (const { a } of [on, off, unset, noModule]) await a.engine.sync();
    const before = fake.requests.length;
    await sweep();
    await dispatchersIdle();
    expect(fake.requests.length).toBe(before);
    for (const { a } of [on, off, unset]) {
      await a.engine.sync();
      expect(await a.rows('sms_messages')).toHaveLength(0);
    }
    // The lead counts: the same vehicle is reminded once its due date is within it.
    await sweep(t.app.database, new Date(now.getTime() + 86_400_000));
    await dispatchersIdle();
    await on.a.engine.sync();
    expect((await on.a.rows<Message>('sms_messages')).map((m) => m.text)).toEqual([expect.stringContaining('B 01 FAR') as string]);
  });

  it('refuses a reminder to a number that wants no SMS, and one past the month\'s limit, without sending or marking', async () => {
    const { a } = await shop({ limits: { maxSmsPerMonth: 1 } });
    await a.engine.create('sms_optouts', { telefon: '40744555666', client_id: null, sursa: 'manual' });
    const due = addDays(today, 2);
    const stopped = await a.engine.create('vehicles', vehicle('B 01 STP', { itp_expira: due, client_telefon: '0744 555 666' }));
    await a.engine.create('vehicles', vehicle('B 02 ONE', { itp_expira: due, client_telefon: '0722 000 001' }));
    await a.engine.create('vehicles', vehicle('B 03 TWO', { itp_expira: due, client_telefon: '0722 000 002' }));
    await a.engine.sync();
    const before = fake.requests.length;
    const result = await sweep();
    expect(result).toMatchObject({ sent: 1, refused: 2 });
    await dispatchersIdle();
    expect(fake.requests.length - before).toBe(1);
    await a.engine.sync();
    const messages = await a.rows<Message>('sms_messages');
    expect(messages.map((m) => [m.telefon, m.status, m.motiv]).sort()).toEqual([
      ['40722000001', 'sent', null], ['40722000002', 'refused', 'limit'], ['40744555666', 'refused', 'opt_out'],
    ].sort());
    const marks = new Map((await a.rows<{ id: string; nr_inmatriculare: string; itp_anuntat: string | null }>('vehicles')).map((v) => [v.nr_inmatriculare, v.itp_anuntat]));
    expect(Object.fromEntries(marks)).toEqual({ 'B 01 STP': null, 'B 02 ONE': due, 'B 03 TWO': null });
    expect(stopped.id).toBeTruthy();
    // A refused reminder is not written again on the next sweep.
    await sweep();
    await a.engine.sync();
    expect(await a.rows('sms_messages')).toHaveLength(3);
  });

  it('writes one reminder when two server processes sweep at the same moment', async () => {
    // Several processes share a PostgreSQL database; on SQLite the two sweeps share the process's one.
    if (testEngine() === 'postgres') {
      second = await buildApp({ database: t.database, sms: sms() });
      await second.ready();
    }
    const { a } = await shop();
    const due = addDays(today, 3);
    await a.engine.create('vehicles', vehicle('B 99 TWO', { itp_expira: due, rca_expira: due }));
    await a.engine.sync();
    const before = fake.requests.length;
    fake.state.delayMs = 100;
    try {
      const results = await Promise.all([sweep(t.app.database), sweep((second ?? t.app).database), sweep(t.app.database)]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(2);
      await dispatchersIdle();
    } finally {
      fake.state.delayMs = 0;
    }
    await a.engine.sync();
    const messages = await a.rows<Message>('sms_messages');
    expect(messages).toHaveLength(2);
    expect(fake.requests.length - before).toBe(2);
    for (const m of messages) expect(sends(m.id)).toBe(1);
  });

  it('is swept on its own by a server whose configuration asks for it', async () => {
    const own = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin }, sms: { ...sms(), remindersMs: 40 } });
    const devices = testDevices(() => own.app);
    try {
      const operator = await login(own.app, superAdmin.email, superAdmin.password);
      const s = await registerCompany(own.app);
      const res = await own.app.inject({
        method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(operator), payload: { plan: 'pro', billingStatus: 'active' },
      });
      expect(res.statusCode).toBe(200);
      const a = await devices.device(s);
      await a.engine.create('sms_settings', { expeditor: null, remindere: 1, remindere_zile: 7 });
      await a.engine.create('vehicles', vehicle('B 40 AUT', { itp_expira: addDays(today, 2) }));
      await a.engine.sync();
      let messages: Message[] = [];
      for (let i = 0; i < 100 && !messages.some((m) => m.status === 'sent'); i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        await a.engine.sync();
        messages = await a.rows<Message>('sms_messages');
      }
      expect(messages).toEqual([expect.objectContaining({ template: 'due_reminder', status: 'sent' })]);
      // Later sweeps of the same server write nothing more.
      await new Promise((r) => setTimeout(r, 200));
      await a.engine.sync();
      expect(await a.rows('sms_messages')).toHaveLength(1);
    } finally {
      devices.closeAll();
      await own.close();
    }
  });
});

describe('the hours reminders go out in', () => {
  it("counts the hour in the shop's time zone, summer and winter, and allows any hour without hours set", () => {
    // Bucharest is UTC+2 in winter and UTC+3 in summer.
    expect(withinHours(new Date('2026-12-07T07:30:00Z'), [9, 20])).toBe(true); // 09:30 EET
    expect(withinHours(new Date('2026-12-07T06:30:00Z'), [9, 20])).toBe(false); // 08:30 EET
    expect(withinHours(new Date('2026-07-07T06:30:00Z'), [9, 20])).toBe(true); // 09:30 EEST
    expect(withinHours(new Date('2026-07-07T17:00:00Z'), [9, 20])).toBe(false); // 20:00 EEST
    expect(withinHours(new Date('2026-12-07T01:00:00Z'), [9, 20])).toBe(false); // 03:00 EET
    expect(withinHours(new Date('2026-12-07T01:00:00Z'), undefined)).toBe(true);
  });
});
