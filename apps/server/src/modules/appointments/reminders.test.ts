import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addDays, shopDate, shopHour, shopTimeZone, zonedInstant } from '@roaauto/shared';
import { buildApp } from '../../app';
import type { Session } from '../../core/auth/auth.service';
import type { Database } from '../../core/db';
import { testDevices } from '../../test/devices';
import { bearer, login, registerCompany } from '../../test/sessions';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { outboxSms, sweepSyncService } from '../../test/sweep';
import { dispatchersIdle } from '../sms/dispatcher';
import { appointmentWhen, reminderDue, sweepAppointmentReminders } from './reminders';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };

type Message = { id: string; telefon: string; text: string; template: string | null; status: string; motiv: string | null; client_id: string | null };

/** An appointment's times at `hhmm` on `date`, shop time. */
function at(date: string, hhmm: string, minutes = 60) {
  const start = zonedInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)), shopTimeZone);
  return { data: date, inceput: new Date(start).toISOString(), sfarsit: new Date(start + minutes * 60_000).toISOString() };
}

const appointment = (when: ReturnType<typeof at>, patch: Record<string, unknown> = {}) => ({
  ...when, post_id: null, mecanic_id: null, service_id: null, campaign_id: null, client_id: null, vehicle_id: null,
  client_nume: 'Ion Popescu', client_telefon: '0722 123 456', client_email: null, nr_auto: 'B 12 ABC', observatii: null,
  status: 'confirmed', sursa: 'shop', order_id: null, ...patch,
});

describe(`day-before appointment reminders on ${testEngine()}`, () => {
  let t: TestApp;
  let second: FastifyInstance | null = null;
  let op: Session;
  const { device, closeAll } = testDevices(() => t.app);
  /** A sweep as a server process runs it: its own sync service on its own database connection. */
  const sweep = (at: Date, database: Database = t.app.database) => sweepAppointmentReminders(database, sweepSyncService(database), at);

  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin }, sms: outboxSms() });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    closeAll();
    await second?.close();
    await t.close();
  });

  const company = 'Vulcanizare Someș SRL';
  /** A company on Pro (SMS and appointments) with its reminder hour, its name and phone, and a device. */
  async function shop(opts: { hour?: number | null; modules?: Record<string, boolean>; settings?: boolean } = {}) {
    const s = await registerCompany(t.app);
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(op),
      payload: { plan: 'pro', billingStatus: 'active', ...(opts.modules ? { modules: opts.modules } : {}) },
    });
    expect(res.statusCode).toBe(200);
    const a = await device(s);
    if (opts.settings !== false) {
      await a.engine.create('appointment_settings', {
        suprapuneri: 'warn', confirmare_auto: 1, rezervari_online: 0, pas_minute: 30, orizont_zile: 42, avans_minute: 120, inchis_sarbatori: 1,
        reminder_ora: opts.hour === undefined ? 18 : opts.hour,
      });
    }
    await a.engine.create('company_profile', { nume: company, platitor_tva: 1, tva_la_incasare: 0, telefon: '0264 555 000' });
    return { s, a };
  }
  const text = (who: string, plate: string, when: string) => `Bună ziua, ${who}! Vă reamintim programarea pentru ${plate} din ${when}. ${company}, 0264 555 000`;

  it('reminds tomorrow\'s appointments once, from the shop\'s hour, across the autumn clock change', async () => {
    const { a } = await shop();
    const client = await a.engine.create('clients', { tip: 'pf', nume: 'Ioana Marin', telefon: '0744 000 111' });
    // 2026-10-25 is the last Sunday of October: Bucharest goes from UTC+3 to UTC+2 at 04:00.
    const first = await a.engine.create('appointments', appointment(at('2026-10-26', '09:00')));
    const second = await a.engine.create('appointments', appointment(at('2026-10-26', '10:30'), {
      client_id: client.id, client_nume: null, client_telefon: null, nr_auto: 'CJ 07 IOA', status: 'booked',
    }));
    // Just after midnight shop time: still the 25th in UTC.
    const early = await a.engine.create('appointments', appointment(at('2026-10-26', '00:30'), { nr_auto: 'CJ 00 NOC' }));
    await a.engine.create('appointments', appointment(at('2026-10-26', '11:00'), { status: 'cancelled', nr_auto: 'CJ 01 ANL' }));
    await a.engine.create('appointments', appointment(at('2026-10-26', '11:30'), { status: 'arrived', nr_auto: 'CJ 02 SOS' }));
    await a.engine.create('appointments', appointment(at('2026-10-26', '12:00'), { client_telefon: '0264 123 456', nr_auto: 'CJ 03 FIX' }));
    await a.engine.create('appointments', appointment(at('2026-10-26', '12:30'), { client_telefon: null, nr_auto: 'CJ 04 FAR' }));
    await a.engine.create('appointments', appointment(at('2026-10-27', '09:00'), { nr_auto: 'CJ 05 POI' }));
    await a.engine.create('appointments', appointment(at('2026-10-25', '20:00'), { nr_auto: 'CJ 06 AZI' }));
    await a.engine.sync();

    // 17:30 in Bucharest (UTC+2 since the morning): not yet. With the summer offset it would read 18:30.
    expect(await sweep(new Date('2026-10-25T15:30:00Z'))).toEqual({ sent: 0, refused: 0 });
    // 18:05 in Bucharest.
    expect(await sweep(new Date('2026-10-25T16:05:00Z'))).toMatchObject({ sent: 3, refused: 0 });
    expect(await sweep(new Date('2026-10-25T16:06:00Z'))).toMatchObject({ sent: 0 });
    expect(await sweep(new Date('2026-10-25T17:05:00Z'))).toMatchObject({ sent: 0 });
    await dispatchersIdle();
    await a.engine.sync();
    const messages = (await a.rows<Message>('sms_messages')).sort((x, y) => x.text.localeCompare(y.text));
    expect(messages.map((m) => m.text)).toEqual([
      text('Ioana Marin', 'CJ 07 IOA', '26.10.2026, ora 10:30'),
      text('Ion Popescu', 'B 12 ABC', '26.10.2026, ora 09:00'),
      text('Ion Popescu', 'CJ 00 NOC', '26.10.2026, ora 00:30'),
    ].sort((x, y) => x.localeCompare(y)));
    for (const m of messages) expect(m).toMatchObject({ template: 'appointment_reminder', status: 'sent', motiv: null });
    expect(messages.find((m) => m.text.includes('CJ 07 IOA'))).toMatchObject({ telefon: '40744000111', client_id: client.id });
    expect(messages.find((m) => m.text.includes('B 12 ABC'))).toMatchObject({ telefon: '40722123456', client_id: null });

    // One claim per reminded appointment, with the start time it was about.
    const claims = await t.app.database.db.selectFrom('appointment_reminders').select(['appointment_id', 'inceput'])
      .where('appointment_id', 'in', [String(first.id), String(second.id), String(early.id)]).execute();
    expect(claims).toHaveLength(3);
    expect(claims.find((c) => c.appointment_id === first.id)?.inceput).toBe(at('2026-10-26', '09:00').inceput);
  });

  it('reminds a moved appointment again for its new day, and not for its old one', async () => {
    const { a } = await shop();
    const row = await a.engine.create('appointments', appointment(at('2026-11-10', '09:00')));
    await a.engine.sync();
    expect(await sweep(new Date('2026-11-09T16:30:00Z'))).toMatchObject({ sent: 1 });
    await a.engine.update('appointments', String(row.id), at('2026-11-12', '14:00'));
    await a.engine.sync();
    expect(await sweep(new Date('2026-11-09T17:30:00Z'))).toMatchObject({ sent: 0 });
    expect(await sweep(new Date('2026-11-11T16:30:00Z'))).toMatchObject({ sent: 1 });
    expect(await sweep(new Date('2026-11-11T17:30:00Z'))).toMatchObject({ sent: 0 });
    await dispatchersIdle();
    await a.engine.sync();
    expect((await a.rows<Message>('sms_messages')).map((m) => m.text).sort()).toEqual([
      text('Ion Popescu', 'B 12 ABC', '10.11.2026, ora 09:00'),
      text('Ion Popescu', 'B 12 ABC', '12.11.2026, ora 14:00'),
    ]);
  });

  it('reminds on the spring clock change day at the shop\'s hour in summer time', async () => {
    const { a } = await shop({ hour: 9 });
    await a.engine.create('appointments', appointment(at('2026-03-30', '08:00')));
    await a.engine.sync();
    // 2026-03-29: Bucharest goes from UTC+2 to UTC+3 at 03:00. 05:30Z is 08:30, 06:10Z is 09:10.
    expect(await sweep(new Date('2026-03-29T05:30:00Z'))).toMatchObject({ sent: 0 });
    expect(await sweep(new Date('2026-03-29T06:10:00Z'))).toMatchObject({ sent: 1 });
  });

  it('writes nothing without the sms module, with reminders off, or late at night; uses the default hour without settings', async () => {
    const noSms = await shop({ modules: { sms: false } });
    await noSms.a.engine.create('appointments', appointment(at('2026-12-02', '09:00')));
    await noSms.a.engine.sync();
    const off = await shop({ hour: null });
    await off.a.engine.create('appointments', appointment(at('2026-12-02', '09:00')));
    await off.a.engine.sync();
    const defaults = await shop({ settings: false });
    await defaults.a.engine.create('appointments', appointment(at('2026-12-02', '09:00')));
    await defaults.a.engine.sync();
    // 23:10 in Bucharest: too late, even for a missed 18:00.
    expect(await sweep(new Date('2026-12-01T21:10:00Z'))).toMatchObject({ sent: 0 });
    // 18:10: only the shop on the default hour (18:00).
    expect(await sweep(new Date('2026-12-01T16:10:00Z'))).toMatchObject({ sent: 1 });
    for (const x of [noSms, off]) {
      await x.a.engine.sync();
      expect(await x.a.rows('sms_messages')).toHaveLength(0);
    }
    await defaults.a.engine.sync();
    expect(await defaults.a.rows('sms_messages')).toHaveLength(1);
  });

  it('refuses a reminder to a number that wants no SMS, once', async () => {
    const { a } = await shop();
    await a.engine.create('sms_optouts', { telefon: '40722123456', client_id: null, sursa: 'manual' });
    await a.engine.create('appointments', appointment(at('2026-12-15', '09:00')));
    await a.engine.sync();
    expect(await sweep(new Date('2026-12-14T16:30:00Z'))).toEqual({ sent: 0, refused: 1 });
    expect(await sweep(new Date('2026-12-14T17:30:00Z'))).toEqual({ sent: 0, refused: 0 });
    await a.engine.sync();
    expect(await a.rows<Message>('sms_messages')).toEqual([expect.objectContaining({ status: 'refused', motiv: 'opt_out' })]);
  });

  it('writes each reminder once when sweeps run at the same moment (two server processes on PostgreSQL)', async () => {
    // Several processes share a PostgreSQL database; on SQLite the sweeps share the process's one.
    if (testEngine() === 'postgres') {
      second = await buildApp({ database: t.database, sms: outboxSms() });
      await second.ready();
    }
    const { a } = await shop();
    for (const hhmm of ['08:00', '08:30', '09:00', '09:30', '10:00']) {
      await a.engine.create('appointments', appointment(at('2026-12-20', hhmm), { nr_auto: `B ${hhmm.replace(':', '')} PAR` }));
    }
    await a.engine.sync();
    const when = new Date('2026-12-19T16:30:00Z');
    const results = await Promise.all([sweep(when), sweep(when, (second ?? t.app).database), sweep(when), sweep(when, (second ?? t.app).database)]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(5);
    await dispatchersIdle();
    await a.engine.sync();
    const messages = await a.rows<Message>('sms_messages');
    expect(messages).toHaveLength(5);
    expect(new Set(messages.map((m) => m.text)).size).toBe(5);
  });

  it('is swept on its own by a server whose configuration asks for it', async () => {
    const own = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin }, sms: { ...outboxSms(), remindersMs: 40 } });
    const devices = testDevices(() => own.app);
    try {
      const operator = await login(own.app, superAdmin.email, superAdmin.password);
      const s = await registerCompany(own.app);
      const res = await own.app.inject({
        method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(operator), payload: { plan: 'pro', billingStatus: 'active' },
      });
      expect(res.statusCode).toBe(200);
      const a = await devices.device(s);
      const now = new Date();
      // The hour it is now in the shop: the sweep of this hour reminds.
      await a.engine.create('appointment_settings', {
        suprapuneri: 'warn', confirmare_auto: 1, rezervari_online: 0, pas_minute: 30, orizont_zile: 42, avans_minute: 120, inchis_sarbatori: 1,
        reminder_ora: shopHour(now),
      });
      await a.engine.create('appointments', appointment(at(addDays(shopDate(now), 1), '12:00')));
      await a.engine.sync();
      let messages: Message[] = [];
      for (let i = 0; i < 100 && !messages.some((m) => m.status === 'sent'); i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        await a.engine.sync();
        messages = await a.rows<Message>('sms_messages');
      }
      expect(messages).toEqual([expect.objectContaining({ template: 'appointment_reminder', status: 'sent' })]);
      await new Promise((r) => setTimeout(r, 200));
      await a.engine.sync();
      expect(await a.rows('sms_messages')).toHaveLength(1);
    } finally {
      devices.closeAll();
      await own.close();
    }
  });
});

describe('when reminders go', () => {
  it('from the shop\'s hour until 22:00, and in the chosen hour when it is later', () => {
    expect(reminderDue(17, 18)).toBe(false);
    expect(reminderDue(18, 18)).toBe(true);
    expect(reminderDue(21, 18)).toBe(true);
    expect(reminderDue(22, 18)).toBe(false);
    expect(reminderDue(23, 23)).toBe(true);
    expect(reminderDue(0, 0)).toBe(true);
  });

  it('says the time on the shop\'s clock, summer and winter', () => {
    expect(appointmentWhen('2026-10-26T07:00:00.000Z')).toBe('26.10.2026, ora 09:00');
    expect(appointmentWhen('2026-07-01T06:00:00.000Z')).toBe('01.07.2026, ora 09:00');
    expect(appointmentWhen('2026-10-25T22:30:00.000Z')).toBe('26.10.2026, ora 00:30');
  });
});
