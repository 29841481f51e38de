import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxManufactureYear, type PullResponse, type PushResponse } from '@roaauto/shared';
import type { Session } from '../core/auth/auth.service';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, login, registerCompany } from '../test/sessions';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
type ErrorBody = { error: { code: string; message: string; [k: string]: unknown } };

const vehicle = (plate: string, extra: Record<string, unknown> = {}) => ({ nr_inmatriculare: plate, client_nume: 'Ștefan Popescu', ...extra });

describe(`sync protocol on ${testEngine()}`, () => {
  let t: TestApp;
  let op: Session;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin } });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => t.close());

  function device(s: Session, clientId = randomUUID()) {
    let next = 1;
    return {
      clientId,
      push: (mutations: object[], opts: { schemaVersion?: number; ids?: number[] } = {}) => {
        const body = { clientId, schemaVersion: opts.schemaVersion ?? 1, mutations: mutations.map((m, i) => ({ id: opts.ids?.[i] ?? next + i, ...m })) };
        return t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: body }).then((r) => {
          if (r.statusCode === 200 && !opts.ids) next += mutations.length;
          return r;
        });
      },
      pull: (cursor: number, limit?: number) =>
        t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${clientId}&cursor=${cursor}${limit ? `&limit=${limit}` : ''}`, headers: bearer(s) }),
    };
  }

  it('applies, acknowledges, skips duplicates and refuses gaps', async () => {
    const a = await registerCompany(t.app);
    const d = device(a);
    const id = randomUUID();
    const first = await d.push([{ table: 'vehicles', op: 'upsert', rowId: id, data: vehicle('CT 01 ABC') }]);
    expect(first.statusCode).toBe(200);
    expect(first.json<PushResponse>()).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'applied' }] });

    const again = await d.push([{ table: 'vehicles', op: 'upsert', rowId: id, data: vehicle('CT 99 XXX') }], { ids: [1] });
    expect(again.json<PushResponse>()).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'duplicate' }] });

    const gap = await d.push([{ table: 'vehicles', op: 'upsert', rowId: id, data: { client_nume: 'X' } }], { ids: [3] });
    expect(gap.statusCode).toBe(409);
    expect(gap.json<ErrorBody>().error).toMatchObject({ code: 'conflict', lastMutationId: 1 });

    const pulled = (await d.pull(0)).json<PullResponse>();
    expect(pulled.lastMutationId).toBe(1);
    expect(pulled.changes).toHaveLength(1);
    expect(pulled.changes[0]).toMatchObject({ table: 'vehicles', rowId: id, op: 'upsert', data: { nr_inmatriculare: 'CT 01 ABC', client_nume: 'Ștefan Popescu' } });
    expect(pulled.changes[0]?.data).not.toHaveProperty('tenant_id');
  });

  it('merges field patches, turns deletes into tombstones, and deletes win', async () => {
    const a = await registerCompany(t.app);
    const d1 = device(a);
    const d2 = device(a);
    const id = randomUUID();
    await d1.push([{ table: 'vehicles', op: 'upsert', rowId: id, data: vehicle('B 100 AAA') }]);
    const boot = (await d2.pull(0)).json<PullResponse>();
    await d1.push([{ table: 'vehicles', op: 'upsert', rowId: id, data: { client_telefon: '0722000000' } }]);
    await d2.push([{ table: 'vehicles', op: 'upsert', rowId: id, data: { an_fabricatie: 2015 } }]);
    const merged = (await d2.pull(boot.cursor)).json<PullResponse>();
    expect(merged.changes.at(-1)?.data).toMatchObject({ client_telefon: '0722000000', an_fabricatie: 2015, nr_inmatriculare: 'B 100 AAA' });

    await d1.push([{ table: 'vehicles', op: 'delete', rowId: id }]);
    const late = await d2.push([{ table: 'vehicles', op: 'upsert', rowId: id, data: { an_fabricatie: 2016 } }]);
    expect(late.json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', code: 'gone', row: null });
    const tomb = (await d2.pull(merged.cursor)).json<PullResponse>();
    expect(tomb.changes).toEqual([expect.objectContaining({ rowId: id, op: 'delete' })]);
  });

  it('rejects invalid rows with a reason, still advancing lastMutationId, and returns the server row', async () => {
    const a = await registerCompany(t.app);
    const d = device(a);
    const id = randomUUID();
    await d.push([{ table: 'vehicles', op: 'upsert', rowId: id, data: vehicle('IS 12 XYZ') }]);
    const r = (await d.push([
      { table: 'vehicles', op: 'upsert', rowId: id, data: { an_fabricatie: 'old' } },
      { table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: { client_nume: 'no plate' } },
      { table: 'nope', op: 'upsert', rowId: randomUUID(), data: {} },
      { table: 'vehicles', op: 'upsert', rowId: id, data: { nr_inmatriculare: '   ' } },
    ])).json<PushResponse>();
    expect(r.lastMutationId).toBe(5);
    expect(r.results.map((x) => [x.status, x.code])).toEqual([
      ['rejected', 'validation_failed'], ['rejected', 'validation_failed'], ['rejected', 'validation_failed'], ['rejected', 'validation_failed'],
    ]);
    expect(r.results[0]?.row).toMatchObject({ id, nr_inmatriculare: 'IS 12 XYZ', version: expect.any(Number) as number });
    expect(r.results[1]?.row).toBeNull();
    expect(r.results[3]?.message).toMatch(/plate/);
  });

  it('refuses a year of manufacture after next year, by the calendar, with its rule code', async () => {
    const a = await registerCompany(t.app);
    const d = device(a);
    const next = maxManufactureYear();
    const r = (await d.push([
      { table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: { ...vehicle('B 31 AAA'), an_fabricatie: next + 4 } },
      { table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: { ...vehicle('B 32 AAA'), an_fabricatie: next } },
    ])).json<PushResponse>();
    expect(r.results[0]).toMatchObject({ status: 'rejected', code: 'validation_failed', rule: 'vehicle.year_future', params: { max: next } });
    expect(r.results[1]?.status).toBe('applied');
  });

  it('keeps clientIds to their user, the schema version current, and cursors valid', async () => {
    const a = await registerCompany(t.app);
    const b = await registerCompany(t.app);
    const d = device(a);
    await d.push([]);
    const stolen = await device(b, d.clientId).push([]);
    expect(stolen.statusCode).toBe(403);
    expect((await device(b, d.clientId).pull(0)).statusCode).toBe(403);
    expect((await d.push([], { schemaVersion: 99 })).statusCode).toBe(426);
    expect((await d.pull(10_000)).statusCode).toBe(410);
  });

  it('answers 402 without cloud_sync and keeps the data', async () => {
    const a = await registerCompany(t.app);
    const d = device(a);
    await d.push([{ table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle('CJ 01 AAA') }]);
    await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${a.tenant?.id}/entitlements`, headers: bearer(op), payload: { trialEndsAt: new Date(Date.now() - 1000).toISOString() } });
    const push = await d.push([]);
    expect(push.statusCode).toBe(402);
    expect(push.json<ErrorBody>().error).toMatchObject({ code: 'module_not_entitled', module: 'cloud_sync' });
    expect((await d.pull(0)).statusCode).toBe(402);
    await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${a.tenant?.id}/entitlements`, headers: bearer(op), payload: { billingStatus: 'active' } });
    expect((await d.pull(0)).json<PullResponse>().changes).toHaveLength(1);
  });

  it('rejects writes the role may not make and tables of modules that are off', async () => {
    const a = await registerCompany(t.app);
    await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${a.tenant?.id}/entitlements`, headers: bearer(op), payload: { limits: { maxUsers: 3 } } });
    const inv = (await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(a), payload: { email: `driver-${Date.now()}@x.ro`, role: 'driver' } })).json<{ token: string }>();
    const driver = (await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: inv.token, password: 'Volan-Sigur-2026' } })).json<Session>();
    const r = (await device(driver).push([{ table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle('TM 01 DRV') }])).json<PushResponse>();
    expect(r.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });

    await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${a.tenant?.id}/entitlements`, headers: bearer(op), payload: { plan: 'ops' } });
    const owner = device(a);
    const off = (await owner.push([{ table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle('TM 02 OPS') }])).json<PushResponse>();
    expect(off.results[0]).toMatchObject({ status: 'rejected', code: 'module_not_entitled' });
    const pulled = (await owner.pull(0)).json<PullResponse>();
    expect(pulled.changes.filter((c) => c.table === 'vehicles')).toEqual([]);
  });

  it('never splits one server transaction across pages', async () => {
    const a = await registerCompany(t.app);
    const d = device(a);
    await d.push([{ table: 'clients', op: 'upsert', rowId: randomUUID(), data: { tip: 'pf', nume: 'Unu' } }]);
    await d.push(Array.from({ length: 5 }, (_, i) => ({ table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle(`B ${i}0 BIG`) })));
    await d.push([{ table: 'clients', op: 'upsert', rowId: randomUUID(), data: { tip: 'pj', nume: 'Doi SRL' } }]);
    const pages: PullResponse[] = [];
    let cursor = 0;
    for (;;) {
      const p = (await d.pull(cursor, 2)).json<PullResponse>();
      pages.push(p);
      cursor = p.cursor;
      if (!p.hasMore) break;
    }
    expect(pages.map((p) => p.changes.length)).toEqual([1, 5, 1]);
    for (const p of pages) expect(new Set(p.changes.map((c) => c.version)).size).toBe(1);
    expect((await d.pull(cursor)).json<PullResponse>().changes).toEqual([]);
  });

  it('compresses large pull pages with gzip', async () => {
    const a = await registerCompany(t.app);
    const d = device(a);
    await d.push(Array.from({ length: 50 }, (_, i) => ({ table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle(`GZ ${i} ZIP`) })));
    const r = await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${d.clientId}&cursor=0`, headers: { ...bearer(a), 'accept-encoding': 'gzip' } });
    expect(r.headers['content-encoding']).toBe('gzip');
  });
});

describe(`sync isolation on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => t.close());

  const push = (s: Session, clientId: string, mutations: object[]) =>
    t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: { clientId, schemaVersion: 1, mutations } });
  const pull = (s: Session, clientId: string) =>
    t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${clientId}&cursor=0`, headers: bearer(s) }).then((r) => r.json<PullResponse>());

  it('rejects crafted ids and tenant fields of another company and leaks nothing', async () => {
    const a = await registerCompany(t.app);
    const b = await registerCompany(t.app);
    const ca = randomUUID();
    const cb = randomUUID();
    const aRow = randomUUID();
    await push(a, ca, [{ id: 1, table: 'vehicles', op: 'upsert', rowId: aRow, data: vehicle('A 01 AAA') }]);
    const before = await t.app.database.db.selectFrom('vehicles').selectAll().execute();

    const r = (await push(b, cb, [
      { id: 1, table: 'vehicles', op: 'upsert', rowId: aRow, data: { client_nume: 'hijack' } },
      { id: 2, table: 'vehicles', op: 'delete', rowId: aRow },
      { id: 3, table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: { ...vehicle('B 01 BBB'), tenant_id: a.tenant?.id } },
      { id: 4, table: 'vehicles', op: 'upsert', rowId: aRow, data: { ...vehicle('B 02 BBB'), tenant_id: b.tenant?.id } },
    ])).json<PushResponse>();
    expect(r.results.map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    for (const x of r.results) {
      expect(x.code).toBe('forbidden');
      expect(x.row ?? null).toBeNull();
    }
    expect(JSON.stringify(r)).not.toContain('A 01 AAA');
    expect(await t.app.database.db.selectFrom('vehicles').selectAll().execute()).toEqual(before);

    // A row B makes with its own id is B's, and neither pull shows the other's rows.
    await push(b, cb, [{ id: 5, table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle('B 03 BBB') }]);
    const pa = await pull(a, ca);
    const pb = await pull(b, cb);
    expect(pa.changes.map((c) => c.data?.nr_inmatriculare)).toEqual(['A 01 AAA']);
    expect(pb.changes.map((c) => c.data?.nr_inmatriculare)).toEqual(['B 03 BBB']);
  });
});
