import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addDays, appointmentConflicts, entitlementsForPlan, freeSlots, newId, wallClock, zonedInstant, type AppointmentLike, type Entitlements } from '@roaauto/shared';
import { buildApp } from '../../app';
import { readOutbox } from '../../core/mail';
import { entitlementsToRow } from '../../core/tenancy/entitlements.repository';
import { testDevices } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';

let ipCounter = 0;
/** Each request speaks from its own address unless a test says otherwise: the public routes are rate-limited per IP. */
const nextIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const tz = 'Europe/Bucharest';
const allWeek = [1, 2, 3, 4, 5, 6, 7];

describe(`booking page on ${testEngine()}`, () => {
  let t: TestApp;
  let second: FastifyInstance | null = null;
  const { device, closeAll } = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 }, sms: { sweepMs: 0 } });
  });
  afterAll(async () => {
    closeAll();
    await second?.close();
    await t.close();
  });

  type ShopOptions = { sms?: boolean; bays?: number; online?: boolean; confirm?: boolean; plan?: 'pro' | 'basic'; name?: string };

  /**
   * A company on Pro (SMS off unless asked) whose shop is open every day 08:00–18:00, with a one-hour
   * service booked online, `bays` bays, a slug, and one appointment of another customer tomorrow at 10:00.
   */
  async function shop(opts: ShopOptions = {}) {
    const email = `booking-${newId()}@service.ro`;
    await registerCompany(t.app, { email, company: { name: opts.name ?? 'Vulcanizare Ștefan SRL' } });
    const user = await login(t.app, email, 'Garaj-Constanta-7');
    const tenantId = user.tenant?.id ?? '';
    const e: Entitlements = entitlementsForPlan(opts.plan ?? 'pro', 'active', new Date());
    e.modules.sms = opts.sms ?? false;
    await t.app.database.db.updateTable('tenants').set(entitlementsToRow(e)).where('id', '=', tenantId).execute();
    const s = await login(t.app, email, 'Garaj-Constanta-7');
    const d = await device(s);
    const serviceId = newId();
    const bays = Array.from({ length: opts.bays ?? 1 }, () => newId());
    const tomorrow = addDays(wallClock(Date.now(), tz).date, 1);
    const busyStart = new Date(zonedInstant(tomorrow, 10 * 60, tz)).toISOString();
    await d.engine.write([
      { op: 'create', table: 'company_profile', data: { nume: opts.name ?? 'Vulcanizare Ștefan SRL', cui: 'RO14399840', platitor_tva: 1, tva_la_incasare: 0, adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ', telefon: '0264 123 456', email: 'office@vulcanizare.ro' } },
      {
        op: 'create', table: 'appointment_settings', data: {
          suprapuneri: 'warn', confirmare_auto: (opts.confirm ?? true) ? 1 : 0, rezervari_online: (opts.online ?? true) ? 1 : 0, pas_minute: 30, orizont_zile: 14,
          avans_minute: 0, inchis_sarbatori: 0, reminder_ora: null,
        },
      },
      ...allWeek.map((zi) => ({ op: 'create' as const, table: 'appointment_hours', data: { zi, de_la: '08:00', pana_la: '18:00' } })),
      ...bays.map((id, i) => ({ op: 'create' as const, table: 'appointment_bays', data: { id, nume: `Post ${i + 1}`, ordine: i, activ: 1 } })),
      { op: 'create', table: 'appointment_services', data: { id: serviceId, nume: 'Schimb anvelope', durata_minute: 60, tip_deviz_id: null, online: 1, activ: 1 } },
      { op: 'create', table: 'appointment_services', data: { nume: 'Serviciu intern', durata_minute: 60, tip_deviz_id: null, online: 0, activ: 1 } },
      {
        op: 'create', table: 'appointments', data: {
          inceput: busyStart, sfarsit: new Date(Date.parse(busyStart) + 3_600_000).toISOString(), data: tomorrow, post_id: bays[0] ?? null,
          client_nume: 'Popescu Secretul', client_telefon: '0744 999 888', nr_auto: 'B 99 XYZ', status: 'confirmed', sursa: 'shop',
        },
      },
    ]);
    await d.engine.sync();
    expect(await d.engine.rejections()).toEqual([]);
    const slug = `service-${newId().slice(-12)}`;
    const put = await t.app.inject({ method: 'PUT', url: '/api/appointments/booking-page', headers: bearer(s), payload: { slug } });
    expect(put.statusCode).toBe(200);
    return { s, d, tenantId, slug, serviceId, bays, tomorrow, busyStart };
  }

  const get = (url: string, ip = nextIp(), app = t.app) => app.inject({ method: 'GET', url, remoteAddress: ip, headers: { accept: 'text/html' } });
  const post = (url: string, fields: Record<string, string>, ip = nextIp(), app = t.app) => app.inject({
    method: 'POST', url, remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: form(fields),
  });
  const starts = (body: string) => [...body.matchAll(/start=([^"&]+)/g)].map((m) => decodeURIComponent(m[1] ?? ''));
  const customer = { nume: 'Ion Ionescu', telefon: '0722 123 456', nr_auto: 'cj 12 abc', email: '' };
  const appointments = (tenantId: string) => t.app.database.db.selectFrom('appointments').selectAll().where('tenant_id', '=', tenantId).where('sursa', '=', 'online').execute();

  it('sets the page address: a suggestion from the name, a taken one refused, a malformed one refused', async () => {
    const a = await shop({ name: 'Vulcanizare Ștefan SRL' });
    const b = await shop();
    const info = await t.app.inject({ method: 'GET', url: '/api/appointments/booking-page', headers: bearer(a.s) });
    expect(info.json()).toEqual({ slug: a.slug, suggestion: 'vulcanizare-stefan', path: `/b/${a.slug}` });
    const taken = await t.app.inject({ method: 'PUT', url: '/api/appointments/booking-page', headers: bearer(b.s), payload: { slug: a.slug } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ error: { code: string } }>().error.code).toBe('conflict');
    const bad = await t.app.inject({ method: 'PUT', url: '/api/appointments/booking-page', headers: bearer(b.s), payload: { slug: 'Ab' } });
    expect(bad.statusCode).toBe(400);
    // The company may change its own.
    const own = await t.app.inject({ method: 'PUT', url: '/api/appointments/booking-page', headers: bearer(a.s), payload: { slug: `${a.slug}-2` } });
    expect(own.json<{ slug: string }>().slug).toBe(`${a.slug}-2`);
    const anon = await t.app.inject({ method: 'GET', url: '/api/appointments/booking-page' });
    expect(anon.statusCode).toBe(401);
  });

  it('shows the online services and exactly the free slots freeSlots computes, and nothing of other customers', async () => {
    const a = await shop();
    const page = await get(`/b/${a.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vulcanizare Ștefan SRL');
    expect(page.body).toContain('Str. Oașului 12');
    expect(page.body).toContain('Schimb anvelope');
    expect(page.body).not.toContain('Serviciu intern');
    expect(page.body).not.toContain('<script');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");

    const before = Date.now();
    const week = await get(`/b/${a.slug}?service=${a.serviceId}&week=0`);
    const after = Date.now();
    expect(week.statusCode).toBe(200);
    expect(week.body).not.toContain('Popescu');
    expect(week.body).not.toContain('B 99 XYZ');
    const today = wallClock(before, tz).date;
    const expected = (now: number) => freeSlots({
      from: today, to: addDays(today, 6), timeZone: tz, hours: allWeek.map((zi) => ({ zi, de_la: '08:00', pana_la: '18:00' })), closures: [],
      closedOnHolidays: false, bays: a.bays, appointments: [{ inceput: a.busyStart, sfarsit: new Date(Date.parse(a.busyStart) + 3_600_000).toISOString(), post_id: a.bays[0] ?? null, status: 'confirmed' }],
      service: { id: a.serviceId, durata_minute: 60 }, stepMinutes: 30, notBefore: now,
    }).map((s) => s.start);
    const shown = starts(week.body);
    expect([expected(before), expected(after)]).toContainEqual(shown);
    // The busy hour tomorrow (one bay) is not offered: 09:30, 10:00 and 10:30 overlap it.
    expect(shown).not.toContain(a.busyStart);
    expect(shown.length).toBeGreaterThan(50);
    // The page is small.
    expect(Buffer.byteLength(week.body)).toBeLessThan(60 * 1024);
  });

  it('books a free slot (confirmed, first free bay, linked to the existing customer), e-mails the .ics and opens the private link', async () => {
    const a = await shop({ bays: 2 });
    const clientId = newId();
    await a.d.engine.create('clients', { id: clientId, tip: 'pf', nume: 'Ion Ionescu', telefon: '0722 123 456' });
    await a.d.engine.sync();
    const start = a.busyStart; // bay 1 is busy then: the booking takes bay 2
    const r = await post(`/b/${a.slug}`, { service: a.serviceId, start, ...customer, email: 'ion@exemplu.ro' });
    expect(r.statusCode).toBe(303);
    const location = String(r.headers.location);
    expect(location).toMatch(new RegExp(`^/b/${a.slug}/a/[A-Za-z0-9_-]{43}\\?nou=1$`));
    const [row] = await appointments(a.tenantId);
    expect(row).toMatchObject({
      inceput: start, status: 'confirmed', sursa: 'online', post_id: a.bays[1], service_id: a.serviceId, client_id: clientId,
      client_nume: 'Ion Ionescu', client_telefon: '0722 123 456', nr_auto: 'CJ 12 ABC', client_email: 'ion@exemplu.ro', data: a.tomorrow,
    });
    // The link's token is stored only as its hash.
    const token = location.split('/a/')[1]?.split('?')[0] ?? '';
    const links = await t.app.database.db.selectFrom('booking_links').selectAll().where('tenant_id', '=', a.tenantId).execute();
    expect(links).toHaveLength(1);
    expect(links[0]?.token_hash).not.toContain(token);
    const confirmation = await get(location);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('Programarea este confirmată');
    expect(confirmation.body).toContain('Str. Oașului 12');
    expect(confirmation.body).toContain('https://wa.me/40264123456?text=');
    const ics = await get(`/b/${a.slug}/a/${token}/programare.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    // The confirmation is a queued job: it reaches the outbox once the job has run.
    let [mail] = await readOutbox(t.app.database.db, 'ion@exemplu.ro');
    for (let i = 0; i < 100 && !mail; i += 1) {
      await t.app.jobs.runDue();
      await new Promise((r) => setTimeout(r, 20));
      [mail] = await readOutbox(t.app.database.db, 'ion@exemplu.ro');
    }
    expect(mail?.text).toContain(`/b/${a.slug}/a/${token}`);
    expect(mail?.attachments.map((x) => x.filename)).toEqual(['programare.ics']);
    // The shop's device gets it by sync.
    await a.d.engine.sync();
    expect((await a.d.rows('appointments', 'sursa = ?', ['online'])).length).toBe(1);
  });

  it('waits for the shop when it confirms by hand, and refuses a bad form with the fields marked', async () => {
    const a = await shop({ confirm: false });
    const bad = await post(`/b/${a.slug}`, { service: a.serviceId, start: a.busyStart, nume: 'I', telefon: '12', nr_auto: '', email: 'x@' });
    // The busy slot is not free for one bay: the customer is shown the free times.
    expect(bad.statusCode).toBe(409);
    const free = starts((await get(`/b/${a.slug}?service=${a.serviceId}&week=0`)).body)[3] ?? '';
    const invalid = await post(`/b/${a.slug}`, { service: a.serviceId, start: free, nume: 'I', telefon: '12', nr_auto: '', email: 'x@' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Verificați numărul de telefon');
    expect(invalid.body).toContain('aria-invalid="true"');
    const ok = await post(`/b/${a.slug}`, { service: a.serviceId, start: free, ...customer });
    expect(ok.statusCode).toBe(303);
    expect((await appointments(a.tenantId))[0]?.status).toBe('booked');
  });

  it('gives the last free slot to exactly one of 10 parallel bookings; the others see the next free times', async () => {
    const a = await shop();
    const free = starts((await get(`/b/${a.slug}?service=${a.serviceId}&week=0`)).body)[5] ?? '';
    if (testEngine() === 'postgres') {
      second = await buildApp({ database: t.database, auth: { rateLimitPerMinute: 10_000 }, sms: { sweepMs: 0 } });
      await second.ready();
    }
    const apps = second ? [t.app, second] : [t.app];
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(`/b/${a.slug}`, {
      service: a.serviceId, start: free, ...customer, nume: `Client ${i}`, telefon: `0722 000 00${i}`,
    }, nextIp(), apps[i % apps.length])));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([303, ...Array.from({ length: 9 }, () => 409)]);
    const lost = answers.find((r) => r.statusCode === 409);
    expect(lost?.body).toContain('tocmai a fost ocupată');
    expect(starts(lost?.body ?? '')).not.toContain(free);
    expect(starts(lost?.body ?? '').length).toBeGreaterThan(0);
    const rows = await appointments(a.tenantId);
    expect(rows.filter((r) => r.inceput === free)).toHaveLength(1);
  });

  it('answers a robot that fills the honeypot with a fake success and writes nothing', async () => {
    const a = await shop();
    const free = starts((await get(`/b/${a.slug}?service=${a.serviceId}&week=0`)).body)[2] ?? '';
    const r = await post(`/b/${a.slug}`, { service: a.serviceId, start: free, ...customer, website: 'http://spam.example' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Cererea a fost trimisă');
    expect(await appointments(a.tenantId)).toHaveLength(0);
  });

  it('limits the posts of one address (429)', async () => {
    const a = await shop();
    const ip = nextIp();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await post(`/b/${a.slug}`, { service: a.serviceId, start: 'x', ...customer, website: 'bot' }, ip)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes[10]).toBe(429);
  });

  it('with SMS: asks for the code sent by SMS, counts wrong tries, then books once and sends the link by SMS', async () => {
    const a = await shop({ sms: true });
    const free = starts((await get(`/b/${a.slug}?service=${a.serviceId}&week=0`)).body)[4] ?? '';
    const first = await post(`/b/${a.slug}`, { service: a.serviceId, start: free, ...customer });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('cod');
    expect(await appointments(a.tenantId)).toHaveLength(0);
    const pending = /name="pending" value="([^"]+)"/.exec(first.body)?.[1] ?? '';
    const [stored] = await t.app.database.db.selectFrom('booking_pending').selectAll().where('tenant_id', '=', a.tenantId).execute();
    expect(stored?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const messages = await t.app.database.db.selectFrom('sms_messages').selectAll().where('tenant_id', '=', a.tenantId).execute();
    expect(messages).toHaveLength(1);
    expect(['sending', 'sent']).toContain(messages[0]?.status);
    const code = /(\d{6})/.exec(messages[0]?.text ?? '')?.[1] ?? '';
    expect(stored?.code_hash).not.toContain(code);
    const wrong = await post(`/b/${a.slug}/cod`, { pending, cod: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mai aveți 4 încercări');
    const right = await post(`/b/${a.slug}/cod`, { pending, cod: code });
    expect(right.statusCode).toBe(303);
    expect(await appointments(a.tenantId)).toHaveLength(1);
    const again = await post(`/b/${a.slug}/cod`, { pending, cod: code });
    expect(again.statusCode).toBe(410);
    expect(await appointments(a.tenantId)).toHaveLength(1);
    const after = await t.app.database.db.selectFrom('sms_messages').selectAll().where('tenant_id', '=', a.tenantId).orderBy('created_at').execute();
    expect(after).toHaveLength(2);
    expect(after[1]?.text).toContain(`/b/${a.slug}/a/`);

    // Five wrong tries spend a code.
    const other = starts((await get(`/b/${a.slug}?service=${a.serviceId}&week=0`)).body)[8] ?? '';
    const p2 = /name="pending" value="([^"]+)"/.exec((await post(`/b/${a.slug}`, { service: a.serviceId, start: other, ...customer })).body)?.[1] ?? '';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(`/b/${a.slug}/cod`, { pending: p2, cod: 'abcdef' })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 410, 410]);
  });

  it('cancels and moves by the private link; a wrong link or another shop\'s slug answers 404', async () => {
    const a = await shop();
    const b = await shop();
    const free = starts((await get(`/b/${a.slug}?service=${a.serviceId}&week=0`)).body);
    const r = await post(`/b/${a.slug}`, { service: a.serviceId, start: free[6] ?? '', ...customer });
    const token = String(r.headers.location).split('/a/')[1]?.split('?')[0] ?? '';
    const page = await get(`/b/${a.slug}/a/${token}`);
    const moveTo = [...page.body.matchAll(/name="start" value="([^"]+)"/g)].map((m) => m[1] ?? '').find((s) => s !== free[6]) ?? '';
    const moved = await post(`/b/${a.slug}/a/${token}/mutare`, { start: moveTo });
    expect(moved.headers.location).toContain('stare=mutata');
    expect((await appointments(a.tenantId))[0]).toMatchObject({ inceput: moveTo, status: 'confirmed' });
    const busy = await post(`/b/${a.slug}/a/${token}/mutare`, { start: a.busyStart });
    expect(busy.headers.location).toContain('stare=ocupat');
    const cancelled = await post(`/b/${a.slug}/a/${token}/anulare`, {});
    expect(cancelled.headers.location).toContain('stare=anulata');
    expect((await appointments(a.tenantId))[0]?.status).toBe('cancelled');
    // A cancelled booking frees its time.
    expect(starts((await get(`/b/${a.slug}?service=${a.serviceId}&week=0`)).body)).toContain(moveTo);
    for (const url of [`/b/${a.slug}/a/${token.slice(0, -2)}xx`, `/b/${a.slug}/a/abc`, `/b/${b.slug}/a/${token}`, `/b/${b.slug}/a/${token}/programare.ics`]) {
      expect((await get(url)).statusCode).toBe(404);
    }
    expect((await post(`/b/${b.slug}/a/${token}/anulare`, {})).statusCode).toBe(404);
    // Company B's page shows nothing of A.
    const other = await get(`/b/${b.slug}?service=${a.serviceId}&week=0`);
    expect(other.body).not.toContain('Ion Ionescu');
    expect(starts(other.body)).toEqual([]);
  });

  it('answers 404 when the module is off for the company or online booking is closed', async () => {
    const closed = await shop({ online: false });
    const off = await shop();
    await t.app.database.db.updateTable('tenants').set(entitlementsToRow(entitlementsForPlan('basic', 'active', new Date()))).where('id', '=', off.tenantId).execute();
    for (const x of [closed, off]) {
      expect((await get(`/b/${x.slug}`)).statusCode).toBe(404);
      const free = new Date(Date.now() + 86_400_000).toISOString();
      expect((await post(`/b/${x.slug}`, { service: x.serviceId, start: free, ...customer })).statusCode).toBe(404);
      expect(await appointments(x.tenantId)).toHaveLength(0);
    }
    expect((await get('/b/no-such-shop')).statusCode).toBe(404);
    // A caller that does not ask for HTML gets the API's error body.
    const json = await t.app.inject({ method: 'GET', url: `/b/${off.slug}`, remoteAddress: nextIp() });
    expect(json.statusCode).toBe(404);
    expect(json.json<{ error: { code: string } }>().error.code).toBe('not_found');
    const api = await t.app.inject({ method: 'GET', url: '/api/appointments/booking-page', headers: bearer(off.s) });
    expect(api.statusCode).toBe(402);
  });

  it('keeps both when a device offline filled the bay a customer booked online: after sync both exist and clash', async () => {
    const a = await shop();
    // The only bay is free the day after tomorrow at 12:00; a device goes offline and books it for a walk-in.
    const day = addDays(a.tomorrow, 1);
    const start = new Date(zonedInstant(day, 12 * 60, tz)).toISOString();
    const end = new Date(Date.parse(start) + 3_600_000).toISOString();
    const walkIn = newId();
    await a.d.engine.write([{
      op: 'create', table: 'appointments', data: {
        id: walkIn, inceput: start, sfarsit: end, data: day, post_id: a.bays[0] ?? null, client_nume: 'Client la ghișeu', status: 'confirmed', sursa: 'shop',
      },
    }]);
    // Meanwhile a customer books the same hour online: the server does not know of the walk-in yet.
    const r = await post(`/b/${a.slug}`, { service: a.serviceId, start, ...customer });
    expect(r.statusCode).toBe(303);
    // The device comes back: its row is accepted, nothing is merged away, and the two clash.
    await a.d.engine.sync();
    expect(await a.d.engine.rejections()).toEqual([]);
    const rows = (await a.d.rows<AppointmentLike & { client_nume: string | null }>('appointments')).filter((x) => x.inceput === start);
    expect(rows.map((x) => x.client_nume).sort()).toEqual(['Client la ghișeu', 'Ion Ionescu']);
    expect(appointmentConflicts(rows)).toHaveLength(1);
  });
});
