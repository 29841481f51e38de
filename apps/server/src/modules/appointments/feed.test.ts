import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, newId, shopDate, shopTimeZone, zonedInstant } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { testDevices } from '../../test/devices';
import { bearer, login, registerCompany } from '../../test/sessions';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { etagMatches, feedTokenHash } from './feed';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };

/** The calendar's events, unfolded, as property maps. */
function events(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const out: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      out.push(current);
      current = null;
    } else if (current) {
      const at = line.indexOf(':');
      current[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

describe(`the appointments' calendar feed on ${testEngine()}`, () => {
  let t: TestApp;
  let op: Session;
  const { device, closeAll } = testDevices(() => t.app);
  const today = shopDate(new Date());
  /** An appointment at `hhmm` (shop time) `days` days from today. */
  const at = (days: number, hhmm: string, minutes = 60) => {
    const date = addDays(today, days);
    const start = zonedInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)), shopTimeZone);
    return { data: date, inceput: new Date(start).toISOString(), sfarsit: new Date(start + minutes * 60_000).toISOString() };
  };
  const appointment = (when: ReturnType<typeof at>, patch: Record<string, unknown> = {}) => ({
    ...when, post_id: null, mecanic_id: null, service_id: null, campaign_id: null, client_id: null, vehicle_id: null,
    client_nume: 'Ion Popescu', client_telefon: '0722 123 456', client_email: null, nr_auto: 'B 12 ABC', observatii: null,
    status: 'confirmed', sursa: 'shop', order_id: null, ...patch,
  });

  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin } });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    closeAll();
    await t.close();
  });

  async function entitle(s: Session, modules?: Record<string, boolean>) {
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(op),
      payload: { plan: 'pro', billingStatus: 'active', ...(modules ? { modules } : {}) },
    });
    expect(res.statusCode).toBe(200);
  }

  /** A company on Pro with its name, a bay, a service, two mechanics and a device. */
  async function shop(name = 'Vulcanizare Someș, Cluj; Nord') {
    const s = await registerCompany(t.app);
    await entitle(s);
    const a = await device(s);
    await a.engine.create('company_profile', { nume: name, platitor_tva: 1, tva_la_incasare: 0, telefon: '0264 555 000' });
    const bay = await a.engine.create('appointment_bays', { nume: 'Elevator 1', ordine: 1, activ: 1 });
    const service = await a.engine.create('appointment_services', { nume: 'Schimb anvelope', durata_minute: 30, tip_deviz_id: null, online: 1, activ: 1 });
    const ana = await a.engine.create('mecanici', { user_id: null, nume: 'Pop', prenume: 'Ana', oracle_id: null, activ: 1 });
    const dan = await a.engine.create('mecanici', { user_id: null, nume: 'Rus', prenume: 'Dan', oracle_id: null, activ: 1 });
    return { s, a, bay: String(bay.id), service: String(service.id), ana: String(ana.id), dan: String(dan.id) };
  }

  async function makeFeed(s: Session, mecanicId?: string) {
    const res = await t.app.inject({ method: 'POST', url: '/api/appointments/feeds', headers: bearer(s), payload: mecanicId ? { mecanicId } : {} });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ id: string; url: string; mecanicId: string | null }>();
    return { ...body, path: new URL(body.url).pathname };
  }
  /** Each request from its own address unless one is given: the public route's limit is per address. */
  let addresses = 0;
  const get = (path: string, headers: Record<string, string> = {}, remoteAddress = `10.1.${Math.floor(++addresses / 250)}.${addresses % 250}`) =>
    t.app.inject({ method: 'GET', url: path, headers, remoteAddress });

  it('lists the window\'s appointments with service, customer, plate, bay, link and escaped text; cancelled ones as cancelled', async () => {
    const { s, a, bay, service, ana } = await shop();
    const main = await a.engine.create('appointments', appointment(at(1, '09:30'), {
      post_id: bay, service_id: service, mecanic_id: ana, client_nume: 'Popescu, Ion; jr.', observatii: 'Roți de iarnă\nîn portbagaj',
    }));
    const cancelled = await a.engine.create('appointments', appointment(at(2, '10:00'), { status: 'cancelled', nr_auto: 'CJ 01 ANL' }));
    const booked = await a.engine.create('appointments', appointment(at(-29, '08:00'), { status: 'booked', nr_auto: 'CJ 02 VEC' }));
    await a.engine.create('appointments', appointment(at(-31, '08:00'), { nr_auto: 'CJ 03 OLD' }));
    await a.engine.create('appointments', appointment(at(181, '08:00'), { nr_auto: 'CJ 04 FAR' }));
    const gone = await a.engine.create('appointments', appointment(at(3, '08:00'), { nr_auto: 'CJ 05 DEL' }));
    await a.engine.sync();
    await a.engine.delete('appointments', String(gone.id));
    await a.engine.sync();

    const feed = await makeFeed(s);
    expect(feed.url).toMatch(/^http:\/\/[^/]+\/api\/public\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const res = await get(feed.path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers.etag).toMatch(/^".+"$/);
    expect(res.headers['cache-control']).toContain('no-cache');
    expect(res.body).toContain('X-WR-CALNAME:Vulcanizare Someș\\, Cluj\\; Nord · Programări');
    const list = events(res.body);
    expect(list.map((e) => e.UID)).toEqual([`${String(booked.id)}@roaauto`, `${String(main.id)}@roaauto`, `${String(cancelled.id)}@roaauto`]);
    const [first, second, third] = list;
    expect(second).toMatchObject({
      SUMMARY: 'Schimb anvelope · B 12 ABC · Popescu\\, Ion\\; jr.',
      LOCATION: 'Elevator 1',
      STATUS: 'CONFIRMED',
      DTSTART: at(1, '09:30').inceput.replace(/[-:]/g, '').replace(/\.\d{3}/, ''),
      URL: `${feed.url.split('/api/')[0] ?? ''}/appointments/${String(main.id)}`,
    });
    expect(second?.DESCRIPTION).toBe([
      'Client: Popescu\\, Ion\\; jr.', 'Telefon: 0722 123 456', 'Nr. auto: B 12 ABC', 'Serviciu: Schimb anvelope', 'Post: Elevator 1',
      'Mecanic: Ana Pop', 'Stare: confirmată', 'Observații: Roți de iarnă\\nîn portbagaj',
    ].join('\\n'));
    expect(first).toMatchObject({ STATUS: 'TENTATIVE', SUMMARY: 'Programare · CJ 02 VEC · Ion Popescu' });
    expect(third).toMatchObject({ STATUS: 'CANCELLED' });
    // Every line within 75 octets, CRLF endings.
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(res.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('lists only a mechanic\'s appointments in their feed, named for them', async () => {
    const { s, a, ana, dan } = await shop('Service Nord');
    const mine = await a.engine.create('appointments', appointment(at(1, '09:00'), { mecanic_id: ana, nr_auto: 'B 01 ANA' }));
    await a.engine.create('appointments', appointment(at(1, '09:00'), { mecanic_id: dan, nr_auto: 'B 02 DAN' }));
    await a.engine.create('appointments', appointment(at(1, '11:00'), { nr_auto: 'B 03 ALL' }));
    await a.engine.sync();
    const feed = await makeFeed(s, ana);
    expect(feed.mecanicId).toBe(ana);
    const res = await get(feed.path);
    expect(res.statusCode).toBe(200);
    expect(events(res.body).map((e) => e.UID)).toEqual([`${String(mine.id)}@roaauto`]);
    expect(res.body).toContain('X-WR-CALNAME:Service Nord · Ana Pop');
    const all = await makeFeed(s);
    expect(events((await get(all.path)).body)).toHaveLength(3);
    // A mechanic of another company, or none at all, is not found.
    const other = await shop();
    const refused = await t.app.inject({ method: 'POST', url: '/api/appointments/feeds', headers: bearer(other.s), payload: { mecanicId: ana } });
    expect(refused.statusCode).toBe(404);
  });

  it('answers 304 to the same ETag, and a new body once an appointment changes', async () => {
    const { s, a } = await shop();
    const row = await a.engine.create('appointments', appointment(at(1, '09:00')));
    await a.engine.sync();
    const feed = await makeFeed(s);
    const first = await get(feed.path);
    const etag = String(first.headers.etag);
    const again = await get(feed.path, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get(feed.path, { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);
    await a.engine.update('appointments', String(row.id), { status: 'cancelled' });
    await a.engine.sync();
    const changed = await get(feed.path, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(events(changed.body)[0]).toMatchObject({ STATUS: 'CANCELLED' });
  });

  it('rotates and revokes: the old address answers 404, the new one the calendar', async () => {
    const { s, a } = await shop();
    await a.engine.create('appointments', appointment(at(1, '09:00')));
    await a.engine.sync();
    const feed = await makeFeed(s);
    expect((await get(feed.path)).statusCode).toBe(200);

    const rotated = await t.app.inject({ method: 'POST', url: `/api/appointments/feeds/${feed.id}/rotate`, headers: bearer(s) });
    expect(rotated.statusCode).toBe(201);
    const next = new URL(rotated.json<{ url: string }>().url).pathname;
    expect(next).not.toBe(feed.path);
    expect((await get(feed.path)).statusCode).toBe(404);
    expect((await get(next)).statusCode).toBe(200);
    // The old feed cannot be rotated again.
    expect((await t.app.inject({ method: 'POST', url: `/api/appointments/feeds/${feed.id}/rotate`, headers: bearer(s) })).statusCode).toBe(404);

    // Making the shop's feed again replaces the one in use.
    const remade = await makeFeed(s);
    expect((await get(next)).statusCode).toBe(404);
    expect((await get(remade.path)).statusCode).toBe(200);
    const listed = await t.app.inject({ method: 'GET', url: '/api/appointments/feeds', headers: bearer(s) });
    expect(listed.json<{ feeds: { id: string }[] }>().feeds.map((f) => f.id)).toEqual([remade.id]);
    expect(listed.body).not.toContain(remade.path.split('/').at(-1)?.replace('.ics', '') ?? 'x');

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/appointments/feeds/${remade.id}`, headers: bearer(s) });
    expect(revoked.statusCode).toBe(204);
    expect((await get(remade.path)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/appointments/feeds/${remade.id}`, headers: bearer(s) })).statusCode).toBe(404);
  });

  it('stores only the token\'s hash', async () => {
    const { s } = await shop();
    const feed = await makeFeed(s);
    const token = feed.path.split('/').at(-1)?.replace(/\.ics$/, '') ?? '';
    const rows = await t.app.database.db.selectFrom('calendar_feeds').selectAll().where('id', '=', feed.id).execute();
    expect(rows).toEqual([expect.objectContaining({ hash: feedTokenHash(token), tenant_id: s.tenant?.id, revoked_at: null })]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('never shows another company\'s data, nor lets it manage the feed', async () => {
    const one = await shop();
    const two = await shop('Alt Service');
    await one.a.engine.create('appointments', appointment(at(1, '09:00'), { nr_auto: 'B 11 ONE' }));
    await two.a.engine.create('appointments', appointment(at(1, '09:00'), { nr_auto: 'B 22 TWO', mecanic_id: two.ana }));
    await one.a.engine.sync();
    await two.a.engine.sync();
    const feedOne = await makeFeed(one.s);
    const feedTwo = await makeFeed(two.s, two.ana);
    const bodyOne = (await get(feedOne.path)).body;
    const bodyTwo = (await get(feedTwo.path)).body;
    expect(bodyOne).toContain('B 11 ONE');
    expect(bodyOne).not.toContain('B 22 TWO');
    expect(bodyTwo).toContain('B 22 TWO');
    expect(bodyTwo).not.toContain('B 11 ONE');
    // Company two cannot rotate, revoke or list company one's feed.
    expect((await t.app.inject({ method: 'POST', url: `/api/appointments/feeds/${feedOne.id}/rotate`, headers: bearer(two.s) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/appointments/feeds/${feedOne.id}`, headers: bearer(two.s) })).statusCode).toBe(404);
    const listed = await t.app.inject({ method: 'GET', url: '/api/appointments/feeds', headers: bearer(two.s) });
    expect(listed.json<{ feeds: { id: string }[] }>().feeds.map((f) => f.id)).toEqual([feedTwo.id]);
    expect((await get(feedOne.path)).statusCode).toBe(200);
    // Unknown and malformed tokens.
    expect((await get(`/api/public/calendar/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await get('/api/public/calendar/abc.ics')).statusCode).toBe(404);
    expect((await get(feedOne.path.replace(/\.ics$/, ''))).statusCode).toBe(404);
    expect((await get(`/api/public/calendar/${newId()}.ics`)).statusCode).toBe(404);
  });

  it('answers 404 while the company\'s appointments module is off, and the feed again once it is on', async () => {
    const { s, a } = await shop();
    await a.engine.create('appointments', appointment(at(1, '09:00')));
    await a.engine.sync();
    const feed = await makeFeed(s);
    await entitle(s, { appointments: false });
    expect((await get(feed.path)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/appointments/feeds', headers: bearer(s), payload: {} })).statusCode).toBe(402);
    await entitle(s, { appointments: true });
    expect((await get(feed.path)).statusCode).toBe(200);
  });

  it('is for the managers of the appointments: others are refused', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/appointments/feeds', payload: {} })).statusCode).toBe(401);
  });

  it('rate-limits the public address per client', async () => {
    const { s } = await shop();
    const feed = await makeFeed(s);
    const codes: number[] = [];
    for (let i = 0; i < 31; i += 1) codes.push((await get(feed.path, {}, '10.9.9.9')).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
    expect(codes[30]).toBe(429);
    // Another address is still answered.
    expect((await get(feed.path, {}, '10.9.9.10')).statusCode).toBe(200);
  });
});

describe('the feed\'s ETag comparison', () => {
  it('accepts a list, weak tags and a star', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", "a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });
});
