import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineTotal, newId, orderTotals, type LineAmounts } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { testDevices } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, registerCompany } from '../../test/sessions';

const strip = (rows: Record<string, unknown>[]) => rows.map(({ _version, _search, ...r }) => r);

describe(`workshop orders through sync on ${testEngine()}`, () => {
  let t: TestApp;
  const { device, closeAll } = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    closeAll();
    await t.close();
  });

  const reserve = async (s: Session, count = 5) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/workshop/order-numbers', headers: bearer(s), payload: { count } });
    expect(res.statusCode).toBe(200);
    return res.json<{ first: number; last: number }>();
  };

  const newOrder = (nr: number | null, patch: Record<string, unknown> = {}) => ({
    id: newId(), nr_comanda: nr, data_comanda: '2026-11-23', status: 'DRAFT', nr_auto: 'CT 10 ABC', client_nume: 'Ion Ionescu',
    total_manopera: 0, total_materiale: 0, total_general: 0, ...patch,
  });
  const labour = (orderId: string, ore: string, rate: number, ordine = 0) => {
    const amounts: LineAmounts = { tip: 'manopera', ore, pret_ora: rate, cantitate: null, pret_unitar: null };
    return { id: newId(), order_id: orderId, descriere: `Manoperă ${ore} h`, ordine, total: lineTotal(amounts), ...amounts };
  };
  const material = (orderId: string, qty: string, price: number, ordine = 0) => {
    const amounts: LineAmounts = { tip: 'material', ore: null, pret_ora: null, cantitate: qty, pret_unitar: price };
    return { id: newId(), order_id: orderId, descriere: `Piesă ${qty}`, um: 'buc', ordine, total: lineTotal(amounts), ...amounts };
  };

  it('hands out non-overlapping number blocks, only to a signed-in user with the workshop module', async () => {
    const s = await registerCompany(t.app);
    const a = await reserve(s, 50);
    const b = await reserve(s, 50);
    expect(a).toEqual({ first: 1, last: 50 });
    expect(b).toEqual({ first: 51, last: 100 });
    expect((await t.app.inject({ method: 'POST', url: '/api/workshop/order-numbers', payload: { count: 5 } })).statusCode).toBe(401);
    for (const count of [0, 201, 1.5, '5']) {
      expect((await t.app.inject({ method: 'POST', url: '/api/workshop/order-numbers', headers: bearer(s), payload: { count } })).statusCode).toBe(400);
    }
  });

  it('never gives two orders the same number, whatever two offline devices chose', async () => {
    const s = await registerCompany(t.app);
    const a = await device(s);
    const b = await device(s);
    const blockA = await reserve(s);
    const blockB = await reserve(s);
    // Offline: A numbers from its block, B from its own; both also make an order without a number,
    // and both claim number 3 (as two copies of one no-account database would).
    const a1 = newOrder(blockA.first);
    const a2 = newOrder(null);
    const a3 = newOrder(3);
    const b1 = newOrder(blockB.first);
    const b2 = newOrder(null);
    const b3 = newOrder(3);
    await a.engine.write([a1, a2, a3].map((data) => ({ op: 'create', table: 'orders', data })));
    await b.engine.write([b1, b2, b3].map((data) => ({ op: 'create', table: 'orders', data })));
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    const numbers = (await a.rows('orders')).map((o) => o.nr_comanda);
    expect(numbers).toHaveLength(6);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers.every((n) => typeof n === 'number' && n > 0)).toBe(true);
    const byId = new Map((await a.rows('orders')).map((o) => [o.id, o.nr_comanda]));
    expect(byId.get(a1.id)).toBe(blockA.first);
    expect(byId.get(b1.id)).toBe(blockB.first);
    expect(byId.get(a3.id)).toBe(3); // first come keeps it
    expect(byId.get(b3.id)).not.toBe(3);
    expect(strip(await b.rows('orders'))).toEqual(strip(await a.rows('orders')));
    // The next block starts after every number in use.
    const next = await reserve(s, 1);
    expect(next.first).toBeGreaterThan(Math.max(...numbers.map(Number)));
  });

  it('keeps order totals equal to the sum of the lines, also when two devices add lines offline', async () => {
    const s = await registerCompany(t.app);
    const a = await device(s);
    const b = await device(s);
    const order = newOrder(1, { total_general: 999 }); // a wrong total: the server recomputes it
    await a.engine.create('orders', order);
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.write([labour(order.id, '0.5', 15000), material(order.id, '2.5', 1999, 1)].map((data) => ({ op: 'create', table: 'order_lines', data })));
    await b.engine.write([labour(order.id, '1.25', 12000, 2)].map((data) => ({ op: 'create', table: 'order_lines', data })));
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    const [stored] = await a.rows('orders');
    expect(stored).toMatchObject({ total_manopera: 7500 + 15000, total_materiale: 4998, total_general: 27498 });
    const lines = (await a.rows('order_lines')) as unknown as LineAmounts[];
    expect(orderTotals(lines).total_general).toBe(27498);
    expect(strip(await b.rows('orders'))).toEqual(strip(await a.rows('orders')));
    expect(strip(await b.rows('order_lines'))).toEqual(strip(await a.rows('order_lines')));
  });

  it("rolls back a second device's edit of a validated order's lines, with the reason", async () => {
    const s = await registerCompany(t.app);
    const a = await device(s);
    const b = await device(s);
    const order = newOrder(7);
    const line = labour(order.id, '1', 15000);
    await a.engine.write([{ op: 'create', table: 'orders', data: order }, { op: 'create', table: 'order_lines', data: line }]);
    await a.engine.sync();
    await b.engine.sync();
    // A validates; B, offline and still seeing a draft, changes the line and adds one.
    await a.engine.update('orders', order.id, { status: 'VALIDAT', total_manopera: 15000, total_general: 15000 });
    await b.engine.update('order_lines', line.id, { ore: '3', total: 45000 });
    await b.engine.create('order_lines', labour(order.id, '2', 15000, 1));
    await a.engine.sync();
    await b.engine.sync();
    expect((await b.rows('orders'))[0]?.status).toBe('VALIDAT');
    const bLines = await b.rows('order_lines');
    expect(bLines).toHaveLength(1);
    expect(bLines[0]).toMatchObject({ ore: '1', total: 15000 });
    const rejected = await b.engine.rejections();
    expect(rejected.map((r) => r.table)).toEqual(['order_lines', 'order_lines']);
    expect(rejected[0]?.message).toMatch(/reopen it first/);
    // The refusal's code travels with it (the device says it in its person's language).
    expect(rejected[0]).toMatchObject({ code: 'validation_failed', rule: 'line.order_not_draft', params: {} });
    // The device itself refuses the same edit now that it knows, with the same code.
    await expect(b.engine.update('order_lines', line.id, { ore: '3', total: 45000 })).rejects.toMatchObject({
      code: 'validation_failed', message: expect.stringMatching(/reopen it first/) as unknown, details: { rule: 'line.order_not_draft', params: {} },
    });
    // Reopened, the lines can change again.
    await a.engine.update('orders', order.id, { status: 'DRAFT' });
    await a.engine.sync();
    await b.engine.sync();
    await b.engine.update('order_lines', line.id, { ore: '3', total: 45000 });
    await b.engine.sync();
    await a.engine.sync();
    expect((await a.rows('orders'))[0]).toMatchObject({ status: 'DRAFT', total_general: 45000 });
  });

  it('refuses lines pointing to an order of another company', async () => {
    const s1 = await registerCompany(t.app);
    const s2 = await registerCompany(t.app);
    const a = await device(s1);
    const intruder = await device(s2);
    const order = newOrder(1);
    await a.engine.create('orders', order);
    await a.engine.sync();
    const push = await t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(s2),
      payload: { clientId: newId(), schemaVersion: 1, mutations: [{ id: 1, table: 'order_lines', op: 'upsert', rowId: newId(), data: labour(order.id, '1', 100) }] },
    });
    expect(push.json<{ results: { status: string; message: string }[] }>().results[0]).toMatchObject({
      status: 'rejected', code: 'validation_failed', message: expect.stringMatching(/does not exist/) as unknown,
    });
    await intruder.engine.sync();
    expect(await intruder.rows('orders')).toEqual([]);
    expect(await a.rows('order_lines')).toEqual([]);
  });
});
