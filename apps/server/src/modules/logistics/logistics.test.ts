import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { testDevices } from '../../test/devices';
import { bearer, login, registerCompany, setEntitlements } from '../../test/sessions';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
type PushResult = { id: number; status: string; code?: string; rule?: string };

const point = (name: string, patch: Record<string, unknown> = {}) => ({
  client_id: null, name, address: `Strada ${name} 1, București`, lat: '44.430000', lon: '26.100000', geocode_source: 'pin', window_from: '09:00',
  window_to: '12:00', service_minutes: 10, access_notes: null, contact_name: null, contact_phone: null, demand_kg: '100', demand_m3: null,
  demand_pallets: 1, active: 1, ...patch,
});
const vehicle = (name: string) => ({ name, plate: 'B 10 ABC', capacity_kg: '1500', capacity_m3: null, capacity_pallets: 8, active: 1 });
const route = (date: string, vehicleId: string, driverUserId: string | null) => ({
  date, vehicle_id: vehicleId, driver_user_id: driverUserId, depot_lat: '44.400000', depot_lon: '26.050000', depot_opens: '08:00', depot_closes: '18:00',
  status: 'planned', planned_departure_s: 28_800, planned_return_s: 36_000, planned_distance_m: 12_000, planned_duration_s: 7_200,
});
const stop = (routeId: string, pointId: string, sequence: number) => ({
  route_id: routeId, point_id: pointId, sequence, demand_kg: '100', demand_m3: null, demand_pallets: 1, planned_arrival_s: 30_000,
  planned_departure_s: 30_600, status: 'pending', fail_reason: null, arrived_at: null, done_at: null,
});

describe(`logistics on ${testEngine()}`, () => {
  let t: TestApp | null = null;
  let op: Session | null = null;
  const app = () => { if (!t) throw new Error('beforeAll'); return t.app; };
  const { device, closeAll } = testDevices(app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin } });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    closeAll();
    await t?.close();
  });

  const entitle = (s: Session, modules: Record<string, boolean>, limits: Record<string, number | null> = {}) =>
    setEntitlements(app(), op as Session, s, { plan: 'full', billingStatus: 'active', limits: { maxUsers: 5, ...limits }, modules });
  const push = (s: Session, mutations: object[]) => app().inject({
    method: 'POST', url: '/api/sync/push', headers: bearer(s),
    payload: { clientId: newId(), schemaVersion: 2, mutations: mutations.map((m, i) => ({ id: i + 1, ...m })) },
  }).then((r) => {
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ results: PushResult[] }>().results;
  });
  const invite = async (owner: Session, role: string, name: string) => {
    const inv = await app().inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email: `${role}-${newId()}@x.ro`, role } });
    expect(inv.statusCode, inv.body).toBe(201);
    const accepted = await app().inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: inv.json<{ token: string }>().token, password: 'Volan-Stanga-2026', name } });
    expect(accepted.statusCode, accepted.body).toBe(201);
    return accepted.json<Session>();
  };

  /** A company with logistics on, an owner and two drivers; two routes on one day, one per driver. */
  async function company(limits: Record<string, number | null> = {}) {
    const owner = await registerCompany(app());
    await entitle(owner, { logistics: true }, limits);
    const [ana, dan] = [await invite(owner, 'driver', 'Ana'), await invite(owner, 'driver', 'Dan')];
    const a = await device(owner);
    await a.engine.create('logistics_settings', { depot_name: 'Depozit', depot_address: 'Str. Depozitului 1', depot_lat: '44.400000', depot_lon: '26.050000', depot_opens: '08:00', depot_closes: '18:00', speed_kmh: 40 });
    const p1 = await a.engine.create('delivery_points', point('Unu'));
    const p2 = await a.engine.create('delivery_points', point('Doi'));
    const p3 = await a.engine.create('delivery_points', point('Trei'));
    const v1 = await a.engine.create('logistics_vehicles', vehicle('Duba 1'));
    const v2 = await a.engine.create('logistics_vehicles', vehicle('Duba 2'));
    const r1 = await a.engine.create('routes', route('2026-12-08', String(v1.id), ana.user.id));
    const r2 = await a.engine.create('routes', route('2026-12-08', String(v2.id), dan.user.id));
    await a.engine.create('route_stops', stop(String(r1.id), String(p1.id), 1));
    await a.engine.create('route_stops', stop(String(r1.id), String(p2.id), 2));
    await a.engine.create('route_stops', stop(String(r2.id), String(p3.id), 1));
    await a.engine.sync();
    return { owner, ana, dan, a, points: [p1, p2, p3].map((p) => String(p.id)), vehicles: [v1, v2].map((v) => String(v.id)), routes: [r1, r2].map((r) => String(r.id)) };
  }

  it('syncs the tables to another device of the company and to no other company', async () => {
    const c = await company();
    const b = await device(c.owner);
    await b.engine.sync();
    expect((await b.rows('delivery_points')).map((r) => r.id).sort()).toEqual([...c.points].sort());
    expect((await b.rows('routes')).length).toBe(2);
    expect((await b.rows('route_stops')).length).toBe(3);
    expect((await b.rows('logistics_settings')).length).toBe(1);

    const other = await registerCompany(app());
    await entitle(other, { logistics: true });
    const o = await device(other);
    await o.engine.sync();
    for (const table of ['delivery_points', 'logistics_vehicles', 'routes', 'route_stops', 'logistics_settings']) expect(await o.rows(table)).toEqual([]);
    // A stop of another company's route and point is refused: ids name only the company's own rows.
    const results = await push(other, [{ table: 'route_stops', op: 'upsert', rowId: newId(), data: stop(c.routes[0] ?? '', c.points[0] ?? '', 1) }]);
    expect(results[0]?.status).not.toBe('applied');
  });

  it('a driver syncs only their own routes, their stops, points and vehicle, and cannot write them', async () => {
    const c = await company();
    const drivers = await app().inject({ method: 'GET', url: '/api/logistics/drivers', headers: bearer(c.owner) });
    expect(drivers.json<{ drivers: { name: string }[] }>().drivers.map((d) => d.name).filter((n) => n !== c.owner.user.name && !n.includes('@'))).toEqual(['Ana', 'Dan']);
    const phone = await device(c.ana);
    await phone.engine.sync();
    expect((await phone.rows('routes')).map((r) => r.id)).toEqual([c.routes[0]]);
    expect((await phone.rows('route_stops')).map((r) => r.point_id).sort()).toEqual([c.points[0], c.points[1]].sort());
    expect((await phone.rows('delivery_points')).map((r) => r.id).sort()).toEqual([c.points[0], c.points[1]].sort());
    expect((await phone.rows('logistics_vehicles')).map((r) => r.id)).toEqual([c.vehicles[0]]);

    // Reassigning the second route to Ana brings it, its stop and its point to her phone.
    await c.a.engine.update('routes', c.routes[1] ?? '', { driver_user_id: c.ana.user.id });
    await c.a.engine.sync();
    await phone.engine.sync();
    expect((await phone.rows('routes')).length).toBe(2);
    expect((await phone.rows('delivery_points')).length).toBe(3);

    const results = await push(c.ana, [{ table: 'delivery_points', op: 'upsert', rowId: newId(), data: point('Patru') }]);
    expect(results.map((r) => r.code)).toEqual(['forbidden']);
  });

  it('refuses a route past maxRoutesPerDay, with its stops, and counts each day apart', async () => {
    const c = await company({ maxRoutesPerDay: 2 });
    const third = newId();
    const nextDay = newId();
    const results = await push(c.owner, [
      { table: 'routes', op: 'upsert', rowId: third, data: route('2026-12-08', c.vehicles[0] ?? '', null) },
      { table: 'route_stops', op: 'upsert', rowId: newId(), data: stop(third, c.points[0] ?? '', 1) },
      { table: 'routes', op: 'upsert', rowId: nextDay, data: route('2026-12-09', c.vehicles[0] ?? '', null) },
    ]);
    expect(results.map((r) => r.rule ?? r.status)).toEqual(['logistics.routes_per_day', 'logistics.routes_per_day', 'applied']);
    // Deleting one frees its place.
    await c.a.engine.delete('routes', c.routes[1] ?? '');
    await c.a.engine.sync();
    const again = await push(c.owner, [{ table: 'routes', op: 'upsert', rowId: third, data: route('2026-12-08', c.vehicles[0] ?? '', null) }]);
    expect(again.map((r) => r.status)).toEqual(['applied']);
  });

  it('refuses the logistics routes (402) while the module is off, and answers locally without a geocoder or engine', async () => {
    const owner = await registerCompany(app());
    await entitle(owner, { logistics: false, dispatcher: false });
    const geocode = await app().inject({ method: 'GET', url: '/api/logistics/geocode?q=Strada%20Lipscani%201', headers: bearer(owner) });
    expect(geocode.statusCode).toBe(402);
    expect(geocode.json<{ error: { code: string } }>().error.code).toBe('module_not_entitled');
    const matrix = await app().inject({ method: 'POST', url: '/api/logistics/matrix', headers: bearer(owner), payload: { points: [{ lat: 44, lon: 26 }, { lat: 45, lon: 26 }] } });
    expect(matrix.statusCode).toBe(402);

    await entitle(owner, { logistics: true });
    const on = await app().inject({ method: 'GET', url: '/api/logistics/geocode?q=Strada%20Lipscani%201', headers: bearer(owner) });
    expect(on.json()).toEqual({ provider: 'local', results: [] });
    const table = await app().inject({ method: 'POST', url: '/api/logistics/matrix', headers: bearer(owner), payload: { points: [{ lat: 44, lon: 26 }, { lat: 45, lon: 26 }] } });
    expect(table.json()).toEqual({ engine: null });
    const bad = await app().inject({ method: 'POST', url: '/api/logistics/matrix', headers: bearer(owner), payload: { points: [{ lat: 95, lon: 26 }, { lat: 45, lon: 26 }] } });
    expect(bad.statusCode).toBe(400);
    const driver = await invite(owner, 'driver', 'Ion');
    const refused = await app().inject({ method: 'GET', url: '/api/logistics/geocode?q=Strada%20Lipscani%201', headers: bearer(driver) });
    expect(refused.statusCode).toBe(403);
  });
});
