import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../core/auth/auth.service';
import { testDevices } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';
import { line, newOrder, shopWithMechanics } from '../../test/shop';

describe(`customers through sync on ${testEngine()}`, () => {
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

  it("carries a customer's full details, and a merge made offline on one device reaches the other", async () => {
    const owner = await registerCompany(t.app);
    const a = await device(owner);
    const b = await device(owner);
    const keep = await a.engine.create('clients', {
      tip: 'pj', nume: 'Transport Rapid SRL', cod_fiscal: 'RO18547290', reg_com: 'J40/100/2010', platitor_tva: 1, judet: 'B', localitate: 'București', sector: 3,
      adresa: 'Bd. Unirii 10',
    });
    const drop = await a.engine.create('clients', {
      tip: 'pj', nume: 'Transport Rapid', cod_fiscal: '18547290', telefon: '021 312 3456', marketing_canal: 'email', marketing_data: '2026-11-01',
    });
    const vehicle = await a.engine.create('vehicles', { nr_inmatriculare: 'B 10 TRR', client_id: drop.id, client_nume: 'Transport Rapid' });
    const order = await a.engine.create('orders', newOrder({ vehicle_id: vehicle.id, client_id: drop.id }));
    await a.engine.create('order_lines', line(String(order.id)));
    await a.engine.update('orders', String(order.id), { status: 'VALIDAT', total_manopera: 10000, total_general: 10000 });
    await a.engine.sync();
    await b.engine.sync();
    expect((await b.rows('clients', 'id = ?', [keep.id]))[0]).toMatchObject({ reg_com: 'J40/100/2010', platitor_tva: 1, sector: 3, localitate: 'București' });

    // B merges offline: the kept customer completed, the vehicle and the validated order moved, the other deleted.
    await b.engine.write([
      { op: 'update', table: 'clients', id: String(keep.id), patch: { telefon: '021 312 3456', marketing_canal: 'email', marketing_data: '2026-11-01' } },
      { op: 'update', table: 'vehicles', id: String(vehicle.id), patch: { client_id: keep.id } },
      { op: 'update', table: 'orders', id: String(order.id), patch: { client_id: keep.id } },
      { op: 'delete', table: 'clients', id: String(drop.id) },
    ]);
    await b.engine.sync();
    expect(await b.engine.rejections()).toEqual([]);
    await a.engine.sync();
    expect((await a.rows('clients')).map((c) => c.id)).toEqual([keep.id]);
    expect((await a.rows('clients'))[0]).toMatchObject({ telefon: '021 312 3456', marketing_canal: 'email', marketing_data: '2026-11-01' });
    expect((await a.rows('vehicles'))[0]).toMatchObject({ client_id: keep.id });
    expect((await a.rows('orders'))[0]).toMatchObject({ client_id: keep.id, status: 'VALIDAT', client_nume: 'Ion Ionescu' });
  });

  it("refuses a customer whose CUI's check digit is wrong, on the server too", async () => {
    const owner = await registerCompany(t.app);
    const a = await device(owner);
    const push = await t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(owner),
      payload: {
        clientId: a.clientId, schemaVersion: 2,
        mutations: [{ id: 1, table: 'clients', op: 'upsert', rowId: '0193a0de-0000-7000-8000-000000000001', data: { tip: 'pj', nume: 'Greșit SRL', cod_fiscal: 'RO14399841' } }],
      },
    });
    expect(push.json<{ results: unknown[] }>().results).toEqual([expect.objectContaining({ status: 'rejected', code: 'validation_failed', rule: 'client.cui_invalid' })]);
  });

  it('gives a mechanic the customer their order names, also when the vehicle names nobody', async () => {
    const { owner, mechanics: [ana] } = await shopWithMechanics(t, admin, 1);
    if (!ana) throw new Error('one mechanic');
    const office = await device(owner);
    const mAna = await office.engine.create('mecanici', { nume: 'Ana', user_id: ana.user.id, activ: 1 });
    const client = await office.engine.create('clients', { tip: 'pf', nume: 'Ion Ionescu' });
    const other = await office.engine.create('clients', { tip: 'pf', nume: 'Altcineva' });
    const v = await office.engine.create('vehicles', { nr_inmatriculare: 'CT 10 AAA' });
    await office.engine.create('orders', newOrder({ vehicle_id: v.id, mecanic_id: mAna.id, client_id: client.id }));
    await office.engine.sync();
    const phone = await device(ana);
    await phone.engine.sync();
    expect((await phone.rows('clients')).map((r) => r.id)).toEqual([client.id]);
    expect((await phone.rows('clients')).some((r) => r.id === other.id)).toBe(false);
  });
});
