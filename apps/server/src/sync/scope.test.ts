import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@roaauto/shared';
import type { Session } from '../core/auth/auth.service';
import { testDevices } from '../test/devices';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, login } from '../test/sessions';
import { line, newOrder, shopWithMechanics } from '../test/shop';

describe(`reads scoped by role on ${testEngine()}`, () => {
  let t: TestApp;
  let admin: Session;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  const { device, closeAll } = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin } });
    admin = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    closeAll();
    await t.close();
  });

  it('gives a mechanic the orders assigned to them with their lines, vehicles and customers, takes an order out when it is reassigned, and no invoices', async () => {
    const { owner, mechanics: [ana, bogdan] } = await shopWithMechanics(t, admin);
    if (!ana || !bogdan) throw new Error('two mechanics');
    const office = await device(owner);
    const mAna = await office.engine.create('mecanici', { nume: 'Ana', user_id: ana.user.id, activ: 1 });
    const mBogdan = await office.engine.create('mecanici', { nume: 'Bogdan', user_id: bogdan.user.id, activ: 1 });
    const client = await office.engine.create('clients', { tip: 'pf', nume: 'Ion Ionescu' });
    const v1 = await office.engine.create('vehicles', { nr_inmatriculare: 'CT 10 AAA', client_id: client.id });
    const v2 = await office.engine.create('vehicles', { nr_inmatriculare: 'CT 20 BBB' });
    const o1 = await office.engine.create('orders', newOrder({ vehicle_id: v1.id, mecanic_id: mAna.id }));
    const o2 = await office.engine.create('orders', newOrder({ vehicle_id: v2.id, mecanic_id: mBogdan.id }));
    const l1 = await office.engine.create('order_lines', line(String(o1.id)));
    await office.engine.create('order_lines', line(String(o2.id)));
    await office.engine.sync();

    const phone = await device(ana);
    await phone.engine.sync();
    const ids = async (table: string) => (await phone.rows(table)).map((r) => r.id);
    expect(await ids('orders')).toEqual([o1.id]);
    expect(await ids('order_lines')).toEqual([l1.id]);
    expect(await ids('vehicles')).toEqual([v1.id]);
    expect(await ids('clients')).toEqual([client.id]);
    // The catalog is everyone's.
    expect((await ids('mecanici')).sort()).toEqual([mAna.id, mBogdan.id].sort());

    // The pull itself carries no other order, and no invoice table at all.
    const raw = await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${phone.clientId}&cursor=0`, headers: bearer(ana) });
    const page = raw.json<{ changes: { table: string; rowId: string }[]; role: string }>();
    expect(page.role).toBe('mechanic');
    expect(page.changes.some((c) => c.rowId === o2.id || c.table === 'invoices' || c.table === 'invoice_series')).toBe(false);

    // A row out of scope cannot be changed, and its refusal carries no copy of it.
    const sneaky = await t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(ana),
      payload: { clientId: newId(), schemaVersion: 2, mutations: [{ id: 1, table: 'orders', op: 'upsert', rowId: o2.id, data: { observatii: 'nu e a mea' } }] },
    });
    expect(sneaky.json<{ results: unknown[] }>().results).toEqual([expect.objectContaining({ status: 'rejected', code: 'forbidden', row: null })]);

    // Her own edit to her order goes through; the vehicle she adds stays hers before any order names it.
    await phone.engine.update('orders', String(o1.id), { observatii: 'Zgomot la frânare' });
    const mine = await phone.engine.create('vehicles', { nr_inmatriculare: 'CT 30 CCC' });
    await phone.engine.sync();
    expect((await ids('vehicles')).sort()).toEqual([v1.id, mine.id].sort());

    // An order she makes with nobody's mechanic is the shop's, not hers: her phone lets it go.
    const stray = await phone.engine.create('orders', newOrder());
    await phone.engine.sync();
    expect(await ids('orders')).toEqual([o1.id]);
    expect(await office.rows('orders', 'id = ?', [stray.id])).toEqual([]);
    await office.engine.sync();
    expect(await office.rows('orders', 'id = ?', [stray.id])).toHaveLength(1);

    // The owner reassigns her order to Bogdan: it leaves her phone with its lines and vehicle.
    await office.engine.sync();
    await office.engine.update('orders', String(o1.id), { mecanic_id: mBogdan.id });
    await office.engine.sync();
    await phone.engine.sync();
    expect(await ids('orders')).toEqual([]);
    expect(await ids('order_lines')).toEqual([]);
    expect(await ids('vehicles')).toEqual([mine.id]);
    expect(await ids('clients')).toEqual([]);
    const other = await device(bogdan);
    await other.engine.sync();
    expect((await other.rows('orders')).map((r) => [r.id, r.observatii]).sort()).toEqual([[o1.id, 'Zgomot la frânare'], [o2.id, null]].sort());

    // Served documents follow the same scope.
    expect((await t.app.inject({ method: 'GET', url: `/api/orders/${String(o1.id)}/pdf/deviz`, headers: bearer(ana) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/orders/${String(o1.id)}/pdf/deviz`, headers: bearer(bogdan) })).statusCode).toBe(200);

    // Back to her: it arrives again with the next pull, old as the rows are.
    await office.engine.update('orders', String(o1.id), { mecanic_id: mAna.id });
    await office.engine.sync();
    await phone.engine.sync();
    expect(await ids('orders')).toEqual([o1.id]);
    expect(await ids('order_lines')).toEqual([l1.id]);
  });

  it('downloads everything again on a device whose user became an admin', async () => {
    const { owner, mechanics: [ana] } = await shopWithMechanics(t, admin, 1);
    if (!ana) throw new Error('one mechanic');
    const office = await device(owner);
    await office.engine.create('orders', newOrder());
    await office.engine.sync();
    const phone = await device(ana);
    await phone.engine.sync();
    expect(await phone.rows('orders')).toEqual([]);
    const changed = await t.app.inject({ method: 'PATCH', url: `/api/users/${ana.user.id}`, headers: bearer(owner), payload: { role: 'admin' } });
    expect(changed.statusCode).toBe(200);
    // The same phone, signed in again (the role change ended her tokens).
    Object.assign(ana, await login(t.app, ana.user.email, 'Cheie-Franceza-12'));
    await phone.engine.sync();
    expect(await phone.rows('orders')).toHaveLength(1);
  });
});
