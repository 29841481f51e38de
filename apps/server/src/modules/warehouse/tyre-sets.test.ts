import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PushResponse } from '@roaauto/shared';
import { buildApp } from '../../app';
import type { Session } from '../../core/auth/auth.service';
import type { Database } from '../../core/db';
import { testDevices } from '../../test/devices';
import { bearer, login, registerCompany, setEntitlements } from '../../test/sessions';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { outboxSms, sweepSyncService } from '../../test/sweep';
import { dispatchersIdle } from '../sms/dispatcher';
import { sweepTyreReminders } from './tyre-reminders';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
const stamp = '2026-04-02T08:00:00.000Z';

const tyreSet = (patch: Record<string, unknown> = {}) => ({
  cod: 'K7M2QX', client_id: null, vehicle_id: null, client_nume: 'Ion Pop', client_telefon: '0722 123 456', nr_auto: 'CJ 12 ABC', sezon: 'iarna', an: 2026,
  status: 'depozitat', dimensiune: '205/55 R16', raft: '3', etaj: '2', pozitie: '14', primit_la: stamp, primit_de: 'Ana', predat_la: null, predat_de: null,
  tarif: null, order_id: null, observatii: null, ...patch,
});
const wheel = (setId: string, patch: Record<string, unknown> = {}) => ({
  set_id: setId, pozitie: 'FS', marca: 'Nokian', dimensiune: '205/55 R16', dimensiune_cheie: '2055516', dot: '4122', profil_mm: '6.5', pe_janta: 1, defecte: null, ...patch,
});

type Message = { text: string; status: string; motiv: string | null; template: string | null; telefon: string };

describe(`tyre hotel on ${testEngine()}`, () => {
  let t: TestApp;
  let op: Session;
  let second: FastifyInstance | null = null;
  const { device, closeAll } = testDevices(() => t.app);
  const sweep = (at: Date, database: Database = t.app.database) => sweepTyreReminders(database, sweepSyncService(database), at);

  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin }, sms: outboxSms() });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    closeAll();
    await second?.close();
    await t.close();
  });

  /** A Pro company (workshop, sms) with the warehouse switched on or off. */
  async function shop(modules: Record<string, boolean> = { warehouse: true }) {
    const s = await registerCompany(t.app);
    await setEntitlements(t.app, op, s, { plan: 'pro', billingStatus: 'active', modules, limits: { maxUsers: 4 } });
    return s;
  }
  /** Each device numbers its mutations from 1. */
  const sent = new Map<string, number>();
  const push = (s: Session, clientId: string, mutations: { table: string; rowId: string; data: object }[]) => t.app.inject({
    method: 'POST', url: '/api/sync/push', headers: bearer(s),
    payload: {
      clientId, schemaVersion: 1, mutations: mutations.map((m) => {
        const id = (sent.get(clientId) ?? 0) + 1;
        sent.set(clientId, id);
        return { id, op: 'upsert', ...m };
      }),
    },
  }).then((r) => {
    expect(r.statusCode).toBe(200);
    return r.json<PushResponse>().results;
  });
  async function member(owner: Session, role: string): Promise<Session> {
    const inv = await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email: `${role}-${randomUUID()}@x.ro`, role } });
    expect(inv.statusCode).toBe(201);
    const accepted = await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: inv.json<{ token: string }>().token, password: 'Cheie-Franceza-12', name: role } });
    expect(accepted.statusCode).toBe(201);
    return accepted.json<Session>();
  }

  it('answers 402 and rejects sets while the warehouse is off', async () => {
    const s = await shop({ warehouse: false });
    const res = await t.app.inject({ method: 'GET', url: '/api/tyre-sets/reminders', headers: bearer(s) });
    expect(res.statusCode).toBe(402);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('module_not_entitled');
    const [r] = await push(s, randomUUID(), [{ table: 'tyre_sets', rowId: randomUUID(), data: tyreSet() }]);
    expect(r).toMatchObject({ status: 'rejected', code: 'module_not_entitled' });
  });

  it('lets a mechanic check sets in, and refuses the accountant (no tyre_hotel.write)', async () => {
    const owner = await shop();
    const mechanic = await member(owner, 'mechanic');
    const accountant = await member(owner, 'accountant');
    const setId = randomUUID();
    expect(await push(mechanic, randomUUID(), [
      // Summer tyres: not among the winter reminders the last test counts across companies.
      { table: 'tyre_sets', rowId: setId, data: tyreSet({ sezon: 'vara' }) }, { table: 'tyre_set_wheels', rowId: randomUUID(), data: wheel(setId) },
    ])).toMatchObject([{ status: 'applied' }, { status: 'applied' }]);
    const [r] = await push(accountant, randomUUID(), [{ table: 'tyre_sets', rowId: randomUUID(), data: tyreSet({ cod: 'ACCT22' }) }]);
    expect(r).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect((await t.app.inject({ method: 'GET', url: '/api/tyre-sets/reminders', headers: bearer(accountant) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/tyre-sets/reminders', headers: bearer(mechanic) })).json()).toEqual({ reminders: [] });
  });

  it('holds the rules on the server: tread, size key, check-out dates, and a returned set frozen but for notes and fee', async () => {
    const s = await shop();
    const client = randomUUID();
    const setId = randomUUID();
    const bad = await push(s, client, [
      { table: 'tyre_sets', rowId: setId, data: tyreSet() },
      { table: 'tyre_set_wheels', rowId: randomUUID(), data: wheel(setId, { profil_mm: '21' }) },
      { table: 'tyre_set_wheels', rowId: randomUUID(), data: wheel(setId, { pozitie: 'FD', dimensiune_cheie: '2055517' }) },
      { table: 'tyre_sets', rowId: randomUUID(), data: tyreSet({ cod: 'BBBBBB', status: 'predat', predat_la: '2026-04-01T08:00:00.000Z', predat_de: 'Ana' }) },
      { table: 'tyre_sets', rowId: randomUUID(), data: tyreSet({ cod: 'CCCCCC', client_nume: null, nr_auto: null }) },
    ]);
    expect(bad.map((r) => r.status === 'rejected' ? r.rule : r.status)).toEqual([
      'applied', 'tyre_hotel.tread_range', 'tyre_hotel.size_format', 'tyre_hotel.checkout_before_checkin', 'tyre_hotel.customer_required',
    ]);
    const wheelId = randomUUID();
    const returned = tyreSet({ status: 'predat', predat_la: '2026-10-10T08:00:00.000Z', predat_de: 'Ana' });
    expect(await push(s, client, [
      { table: 'tyre_set_wheels', rowId: wheelId, data: wheel(setId) }, { table: 'tyre_sets', rowId: setId, data: returned },
    ])).toMatchObject([{ status: 'applied' }, { status: 'applied' }]);
    const after = await push(s, client, [
      { table: 'tyre_sets', rowId: setId, data: { ...returned, raft: '9' } },
      { table: 'tyre_set_wheels', rowId: wheelId, data: wheel(setId, { profil_mm: '3.0' }) },
      { table: 'tyre_sets', rowId: setId, data: { ...returned, observatii: 'Jantă zgâriată' } },
    ]);
    expect(after.map((r) => r.status === 'rejected' ? r.rule : r.status)).toEqual(['tyre_hotel.set_returned', 'tyre_hotel.set_returned', 'applied']);
  });

  it('texts the customers of sets stored for the season now starting, once each, in the window and the day\'s hours', async () => {
    const s = await shop();
    const a = await device(s);
    await a.engine.create('company_profile', { nume: 'Vulcanizare Someș SRL', platitor_tva: 1, tva_la_incasare: 0, telefon: '0264 555 000' });
    const client = await a.engine.create('clients', { tip: 'pf', nume: 'Ioana Marin', telefon: '0744 000 111' });
    await a.engine.create('tyre_sets', tyreSet());
    await a.engine.create('tyre_sets', tyreSet({ cod: 'CLNT22', client_id: client.id, client_nume: null, client_telefon: null, nr_auto: 'CJ 07 IOA' }));
    await a.engine.create('tyre_sets', tyreSet({ cod: 'SUMMER', sezon: 'vara', nr_auto: 'CJ 08 VAR' }));
    await a.engine.create('tyre_sets', tyreSet({ cod: 'NPHN22', client_telefon: null, nr_auto: 'CJ 09 TEL' }));
    await a.engine.create('tyre_sets', tyreSet({ cod: 'PTVT22', client_telefon: '0755 999 888', nr_auto: 'CJ 10 OPT' }));
    await a.engine.create('tyre_sets', tyreSet({ cod: 'GNE222', status: 'predat', predat_la: '2026-09-01T08:00:00.000Z', predat_de: 'Ana', nr_auto: 'CJ 11 DUS' }));
    await a.engine.create('sms_optouts', { telefon: '40755999888', client_id: null, sursa: 'manual' });
    await a.engine.sync();

    // September: no season change; 8:00 in Bucharest on 1 October: too early.
    expect(await sweep(new Date('2026-09-20T09:00:00Z'))).toEqual({ sent: 0, refused: 0 });
    expect(await sweep(new Date('2026-10-01T05:00:00Z'))).toEqual({ sent: 0, refused: 0 });
    // 12:00 in Bucharest on 1 October, twice at once, then again later.
    const when = new Date('2026-10-01T09:00:00Z');
    if (testEngine() === 'postgres') {
      second = await buildApp({ database: t.database, sms: outboxSms() });
      await second.ready();
    }
    const results = await Promise.all([sweep(when), sweep(when, (second ?? t.app).database), sweep(when)]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(2);
    expect(results.reduce((n, r) => n + r.refused, 0)).toBe(1);
    expect(await sweep(new Date('2026-10-20T09:00:00Z'))).toEqual({ sent: 0, refused: 0 });
    await dispatchersIdle();
    await a.engine.sync();
    const messages = (await a.rows<Message>('sms_messages')).sort((x, y) => x.telefon.localeCompare(y.telefon));
    expect(messages.map((m) => [m.telefon, m.status, m.motiv])).toEqual([
      ['40722123456', 'sent', null], ['40744000111', 'sent', null], ['40755999888', 'refused', 'opt_out'],
    ]);
    expect(messages[1]?.text).toBe('Bună ziua, Ioana Marin! Anvelopele de iarnă pentru CJ 07 IOA vă așteaptă la Vulcanizare Someș SRL. Programări: 0264 555 000');
    const listed = (await t.app.inject({ method: 'GET', url: '/api/tyre-sets/reminders', headers: bearer(s) })).json<{ reminders: { season: string }[] }>();
    expect(listed.reminders.map((r) => r.season)).toEqual(['iarna-2026', 'iarna-2026', 'iarna-2026']);
  });

  it('reminds in the company\'s own season windows, and refuses windows that are not valid', async () => {
    const s = await shop();
    const a = await device(s);
    const settings = await a.engine.create('warehouse_settings', {
      stoc_negativ: 'warn', evaluare: 'cmp', iarna_de_la: '09-01', iarna_pana_la: '09-30', vara_de_la: null, vara_pana_la: null,
    });
    await a.engine.create('tyre_sets', tyreSet({ cod: 'SEPT22', nr_auto: 'CJ 20 SEP' }));
    await a.engine.sync();
    // Another company on the defaults, with a set of its own.
    const other = await shop();
    const b = await device(other);
    await b.engine.create('tyre_sets', tyreSet({ cod: 'DFLT22', nr_auto: 'CJ 21 DEF' }));
    await b.engine.sync();
    const reminded = async (session: Session) => (await t.app.inject({ method: 'GET', url: '/api/tyre-sets/reminders', headers: bearer(session) }))
      .json<{ reminders: { season: string }[] }>().reminders.map((r) => r.season);

    // 12:00 in Bucharest on 20 September: this company's window, not the default one.
    await sweep(new Date('2026-09-20T09:00:00Z'));
    expect(await reminded(s)).toEqual(['iarna-2026']);
    expect(await reminded(other)).toEqual([]);
    // 5 October: the default window (the other company), no longer this company's.
    await a.engine.create('tyre_sets', tyreSet({ cod: 'KTBX22', nr_auto: 'CJ 22 OCT' }));
    await a.engine.sync();
    await sweep(new Date('2026-10-05T09:00:00Z'));
    expect(await reminded(other)).toEqual(['iarna-2026']);
    expect(await reminded(s)).toEqual(['iarna-2026']);

    const results = await push(s, randomUUID(), [
      { table: 'warehouse_settings', rowId: String(settings.id), data: { iarna_de_la: '09-31' } },
      { table: 'warehouse_settings', rowId: String(settings.id), data: { iarna_de_la: '10-01' } },
      { table: 'warehouse_settings', rowId: String(settings.id), data: { vara_de_la: '09-15', vara_pana_la: '10-15' } },
      { table: 'warehouse_settings', rowId: String(settings.id), data: { vara_de_la: '03-01' } },
      { table: 'warehouse_settings', rowId: String(settings.id), data: { iarna_de_la: '10-15', iarna_pana_la: '11-30' } },
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? r.rule : r.status))).toEqual([
      'warehouse.season_windows', 'warehouse.season_windows', 'warehouse.season_windows', 'warehouse.season_windows', 'applied',
    ]);
  });

  it('keeps a set\'s photos like the order photos: upload once synced, marked uploaded, read by the company, guarded by both modules', async () => {
    const owner = await shop();
    const mechanic = await member(owner, 'mechanic');
    const accountant = await member(owner, 'accountant');
    const setId = randomUUID();
    const wheelId = randomUUID();
    const photoId = randomUUID();
    const jpeg = Buffer.alloc(700, 5);
    jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
    const photo = { set_id: setId, wheel_id: wheelId, caption: 'Flanc lovit', content_type: 'image/jpeg', width: 1600, height: 1200, bytes: jpeg.length, uploaded: 0 };
    const put = (s: Session, id: string, body: Buffer, type = 'image/jpeg') =>
      t.app.inject({ method: 'PUT', url: `/api/tyre-sets/photos/${id}`, headers: { ...bearer(s), 'content-type': type }, payload: body });
    const get = (s: Session, id: string) => t.app.inject({ method: 'GET', url: `/api/tyre-sets/photos/${id}`, headers: bearer(s) });

    // Not synced yet: nothing to attach the file to.
    expect((await put(mechanic, photoId, jpeg)).statusCode).toBe(404);
    expect(await push(mechanic, randomUUID(), [
      { table: 'tyre_sets', rowId: setId, data: tyreSet({ sezon: 'vara', cod: 'FTGR22' }) }, { table: 'tyre_set_wheels', rowId: wheelId, data: wheel(setId) },
      { table: 'tyre_set_photos', rowId: photoId, data: photo },
      // A device never marks a photo uploaded.
      { table: 'tyre_set_photos', rowId: randomUUID(), data: { ...photo, uploaded: 1 } },
    ])).toMatchObject([{ status: 'applied' }, { status: 'applied' }, { status: 'applied' }, { status: 'rejected', rule: 'tyre_hotel.photo_uploaded_by_server' }]);
    expect((await put(mechanic, photoId, jpeg, 'image/webp')).statusCode).toBe(415);
    expect((await put(mechanic, photoId, jpeg.subarray(0, 600))).statusCode).toBe(400);
    expect((await put(accountant, photoId, jpeg)).statusCode).toBe(403);
    const up = await put(mechanic, photoId, jpeg);
    expect(up.statusCode).toBe(200);
    expect((await put(mechanic, photoId, jpeg)).statusCode).toBe(200);

    const a = await device(owner);
    await a.engine.sync();
    expect((await a.rows<{ id: string; uploaded: number }>('tyre_set_photos')).map((r) => [r.id, r.uploaded])).toEqual([[photoId, 1]]);
    const file = await get(accountant, photoId);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.rawPayload.equals(jpeg)).toBe(true);
    // Another company's user cannot reach it; with the workshop off the routes answer 402.
    const stranger = await shop();
    expect((await get(stranger, photoId)).statusCode).toBe(404);
    await setEntitlements(t.app, op, owner, { plan: 'pro', billingStatus: 'active', modules: { warehouse: true, workshop: false, client_portal: false, sms: false, appointments: false }, limits: { maxUsers: 4 } });
    expect((await get(owner, photoId)).statusCode).toBe(402);
    expect((await put(owner, photoId, jpeg)).statusCode).toBe(402);
  });
});
