import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type PullResponse, type PushResponse } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { testDevices } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, registerCompany } from '../../test/sessions';

describe(`a vehicle's make and model as text, through sync, on ${testEngine()}`, () => {
  let t: TestApp;
  const { device, closeAll } = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    closeAll();
    await t.close();
  });

  /** A push as an app of an earlier version sends it: its own columns only. */
  const oldApps = new Map<Session, string>();
  const rawPush = (s: Session, mutations: object[], first = 1) => {
    const clientId = oldApps.get(s) ?? randomUUID();
    oldApps.set(s, clientId);
    return t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(s),
      payload: { clientId, schemaVersion: 1, mutations: mutations.map((m, i) => ({ id: first + i, ...m })) },
    });
  };

  it('carries a make the catalog does not have, and the text beside the catalog ids, to the other devices', async () => {
    const s = await registerCompany(t.app);
    const office = await device(s);
    const phone = await device(s);
    const dacia = newId();
    const logan = newId();
    const ladaId = newId();
    const daciaCar = newId();
    await office.engine.write([
      { op: 'create', table: 'catalog_marci', data: { id: dacia, denumire: 'Dacia', activ: 1 } },
      { op: 'create', table: 'catalog_modele', data: { id: logan, marca_id: dacia, denumire: 'Logan', activ: 1 } },
      { op: 'create', table: 'vehicles', data: { id: ladaId, nr_inmatriculare: 'TM 01 LAD', marca: 'Lada', model: 'Niva' } },
      { op: 'create', table: 'vehicles', data: { id: daciaCar, nr_inmatriculare: 'TM 02 DAC', marca: 'Dacia', marca_id: dacia, model: 'Logan', model_id: logan } },
    ]);
    await office.engine.sync();
    await phone.engine.sync();
    expect((await phone.rows('vehicles', 'id = ?', [daciaCar]))[0]).toMatchObject({ marca: 'Dacia', marca_id: dacia, model: 'Logan', model_id: logan });
    expect((await phone.rows('vehicles', 'id = ?', [ladaId]))[0]).toMatchObject({ marca: 'Lada', marca_id: null, model: 'Niva', model_id: null, _search: expect.stringContaining('lada niva') as string });

    // Changed on the phone: only the text moves (field by field, as every column).
    await phone.engine.write([{ op: 'update', table: 'vehicles', id: ladaId, patch: { model: 'Niva 4x4' } }]);
    await phone.engine.sync();
    await office.engine.sync();
    expect((await office.rows('vehicles', 'id = ?', [ladaId]))[0]).toMatchObject({ marca: 'Lada', model: 'Niva 4x4' });
  });

  it('refuses a make longer than the column holds, saying which field', async () => {
    const s = await registerCompany(t.app);
    const res = (await rawPush(s, [{ table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: { nr_inmatriculare: 'B 1 ABC', marca: 'x'.repeat(81) } }])).json<PushResponse>();
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect(JSON.stringify(res.results[0])).toContain('marca');
  });

  it('keeps working for an app of an earlier version that sends no text', async () => {
    const s = await registerCompany(t.app);
    const dacia = randomUUID();
    const id = randomUUID();
    const pushed = (await rawPush(s, [
      { table: 'catalog_marci', op: 'upsert', rowId: dacia, data: { denumire: 'Dacia', activ: 1 } },
      { table: 'vehicles', op: 'upsert', rowId: id, data: { nr_inmatriculare: 'B 2 OLD', marca_id: dacia } },
    ])).json<PushResponse>();
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // A newer device reads the row (the catalog id names the make) and writes its text; the old app's
    // later change of another field leaves the text alone.
    const fresh = await device(s);
    await fresh.engine.sync();
    expect((await fresh.rows('vehicles', 'id = ?', [id]))[0]).toMatchObject({ marca_id: dacia, marca: null, model: null });
    await fresh.engine.write([{ op: 'update', table: 'vehicles', id, patch: { marca: 'Dacia' } }]);
    await fresh.engine.sync();
    expect((await rawPush(s, [{ table: 'vehicles', op: 'upsert', rowId: id, data: { an_fabricatie: 2012 } }], 3)).json<PushResponse>().results[0]?.status).toBe('applied');
    const pulled = (await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${fresh.clientId}&cursor=0`, headers: bearer(s) })).json<PullResponse>();
    expect(pulled.changes.find((c) => c.rowId === id)?.data).toMatchObject({ marca: 'Dacia', marca_id: dacia, an_fabricatie: 2012 });
  });
});
