import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineTotal, newId, orderTotals, type LineAmounts } from '@roaauto/shared';
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

  it('numbers orders in the order they reach the server, without gaps, whatever two offline devices made', async () => {
    const s = await registerCompany(t.app);
    const a = await device(s);
    const b = await device(s);
    // Online, an order gets the next number as soon as it is pushed.
    const first = newOrder(null);
    await a.engine.create('orders', first);
    await a.engine.sync();
    expect((await a.rows('orders')).map((o) => o.nr_comanda)).toEqual([1]);
    // Offline, both devices make orders without a number; they get the next ones when they sync.
    const a2 = newOrder(null);
    const a3 = newOrder(null);
    const b2 = newOrder(null);
    await a.engine.write([a2, a3].map((data) => ({ op: 'create', table: 'orders', data })));
    await b.engine.create('orders', b2);
    await b.engine.sync();
    await a.engine.sync();
    await b.engine.sync();
    const byId = new Map((await a.rows('orders')).map((o) => [o.id, o.nr_comanda]));
    expect([first.id, b2.id, a2.id, a3.id].map((id) => byId.get(id))).toEqual([1, 2, 3, 4]);
    expect(strip(await b.rows('orders'))).toEqual(strip(await a.rows('orders')));
  });

  it('keeps the numbers of an uploaded no-account database and never gives a number twice', async () => {
    const s = await registerCompany(t.app);
    const a = await device(s);
    const b = await device(s);
    // Two copies of one no-account database (numbers chosen on the device), and a new order without one.
    const a7 = newOrder(7);
    const b7 = newOrder(7);
    const bNew = newOrder(null);
    await a.engine.create('orders', a7);
    await a.engine.sync();
    await b.engine.write([b7, bNew].map((data) => ({ op: 'create', table: 'orders', data })));
    await b.engine.sync();
    await a.engine.sync();
    const byId = new Map((await a.rows('orders')).map((o) => [o.id, o.nr_comanda]));
    expect(byId.get(a7.id)).toBe(7); // first come keeps it
    // The counter moved past the kept number: the others continue after it.
    expect([b7.id, bNew.id].map((id) => byId.get(id))).toEqual([8, 9]);
    expect(strip(await b.rows('orders'))).toEqual(strip(await a.rows('orders')));
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
    const lines = await a.rows<LineAmounts>('order_lines');
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
