import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine, type PullResponse, type PushResponse } from '@roaauto/shared';
import type { Session } from '../core/auth/auth.service';
import { injectTransport } from '../test/inject-transport';
import { sqliteExecutor } from '../test/sqlite-executor';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, login, registerCompany } from '../test/sessions';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
const vehicle = (i: number) => ({ nr_inmatriculare: `CT ${i} PAG`, client_nume: `Ștefan Țurcanu ${i}`, client_adresa: `Str. Lungă nr. ${i}, Constanța` });

/** Pages as browsers get them (gzip) and as the server keeps them for the company's other devices. */
describe(`pull pages on ${testEngine()}`, () => {
  let t: TestApp;
  let op: Session;
  const open: { close(): void }[] = [];
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin } });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    for (const o of open) o.close();
    await t.close();
  });

  async function pull(s: Session, clientId: string, cursor: number, limit: number, gzip = true) {
    const r = await t.app.inject({
      method: 'GET', url: `/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=${limit}`,
      headers: { ...bearer(s), ...(gzip ? { 'accept-encoding': 'gzip' } : {}) },
    });
    const encoding = r.headers['content-encoding'];
    return { status: r.statusCode, encoding, page: JSON.parse(encoding === 'gzip' ? gunzipSync(r.rawPayload).toString('utf8') : r.body) as PullResponse };
  }

  /** A device that pushes `count` new vehicles per push, `pushes` times; returns their ids. */
  async function seed(s: Session, clientId: string, pushes: number, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let p = 0; p < pushes; p++) {
      const mutations = Array.from({ length: count }, (_, k) => {
        const rowId = randomUUID();
        ids.push(rowId);
        return { id: p * count + k + 1, table: 'vehicles', op: 'upsert', rowId, data: vehicle(p * count + k) };
      });
      const r = await t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: { clientId, schemaVersion: 1, mutations } });
      expect(r.json<PushResponse>().lastMutationId).toBe((p + 1) * count);
    }
    return ids;
  }

  it('sends every device of the company the same page, each with its own last mutation', async () => {
    const a = await registerCompany(t.app);
    const writer = randomUUID();
    await seed(a, writer, 3, 20);
    const first = await pull(a, writer, 0, 20);
    expect(first.encoding).toBe('gzip');
    expect(first.page).toMatchObject({ hasMore: true, lastMutationId: 60 });
    expect(first.page.changes).toHaveLength(20);

    const other = randomUUID();
    const second = await pull(a, other, 0, 20);
    expect(second.encoding).toBe('gzip');
    expect(second.page).toEqual({ ...first.page, lastMutationId: 0 });
    const plain = await pull(a, other, 0, 20, false);
    expect(plain.encoding).toBeUndefined();
    expect(plain.page).toEqual(second.page);
    // Pages of other sizes, other cursors and other companies are their own.
    expect((await pull(a, other, 0, 25)).page.changes).toHaveLength(20);
    expect((await pull(a, other, first.page.cursor, 20)).page.changes.map((c) => c.rowId)).not.toContain(first.page.changes[0]?.rowId);
    const b = await registerCompany(t.app);
    expect((await pull(b, randomUUID(), 0, 20)).page.changes).toEqual([]);
  });

  it('sends a version larger than the page whole, whatever tables it spans', async () => {
    const a = await registerCompany(t.app);
    const writer = randomUUID();
    const mutations = Array.from({ length: 24 }, (_, k) => k % 2
      ? { id: k + 1, table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle(k) }
      : { id: k + 1, table: 'clients', op: 'upsert', rowId: randomUUID(), data: { tip: 'pf', nume: `Client ${k}` } });
    await t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(a), payload: { clientId: writer, schemaVersion: 1, mutations } });
    const more = { id: 25, table: 'clients', op: 'upsert', rowId: randomUUID(), data: { tip: 'pj', nume: 'După SRL' } };
    await t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(a), payload: { clientId: writer, schemaVersion: 1, mutations: [more] } });
    for (const gzip of [true, false]) {
      const first = await pull(a, randomUUID(), 0, 5, gzip);
      expect(first.page.changes).toHaveLength(24);
      expect(new Set(first.page.changes.map((c) => c.table))).toEqual(new Set(['clients', 'vehicles']));
      expect(first.page.hasMore).toBe(true);
      const second = await pull(a, randomUUID(), first.page.cursor, 5, gzip);
      expect(second.page.changes.map((c) => c.rowId)).toEqual([more.rowId]);
      expect(second.page.hasMore).toBe(false);
    }
  });

  it('answers devices that ask for the same page at once, each with its own state', async () => {
    const a = await registerCompany(t.app);
    const writer = randomUUID();
    // Far enough behind the company's version for the page to be read once and shared.
    await seed(a, writer, 60, 1);
    const readers = [writer, ...Array.from({ length: 7 }, () => randomUUID())];
    const b = await registerCompany(t.app);
    const [answers, stranger] = await Promise.all([Promise.all(readers.map((id) => pull(a, id, 0, 20))), pull(b, writer, 0, 20)]);
    expect(stranger.status).toBe(403);
    const [first] = answers;
    expect(first?.page).toMatchObject({ hasMore: true, lastMutationId: 60 });
    expect(first?.page.changes).toHaveLength(20);
    for (const r of answers.slice(1)) expect(r.page).toEqual({ ...first?.page, lastMutationId: 0 });
  });

  it('reads a page again for a device that may read other tables', async () => {
    const a = await registerCompany(t.app);
    const writer = randomUUID();
    await seed(a, writer, 2, 20);
    const clients = Array.from({ length: 20 }, (_, k) => ({ id: 41 + k, table: 'clients', op: 'upsert', rowId: randomUUID(), data: { tip: 'pf', nume: `Client ${k}` } }));
    await t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(a), payload: { clientId: writer, schemaVersion: 1, mutations: clients } });
    const before = await pull(a, writer, 0, 20);
    expect(before.page.changes.every((c) => c.table === 'vehicles')).toBe(true);

    // The plan loses the workshop module: its tables leave every page, kept ones included.
    await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${a.tenant?.id}/entitlements`, headers: bearer(op), payload: { plan: 'ops' } });
    const after = await pull(a, writer, 0, 20);
    expect(after.page.entitlementsVersion).not.toBe(before.page.entitlementsVersion);
    expect(after.page.changes.map((c) => c.table)).toEqual(Array.from({ length: 20 }, () => 'clients'));
  });

  it('still checks the device, the cursor and the purge for a kept page', async () => {
    const a = await registerCompany(t.app);
    const writer = randomUUID();
    await seed(a, writer, 3, 20);
    expect((await pull(a, writer, 0, 20)).page.hasMore).toBe(true);
    const b = await registerCompany(t.app);
    expect((await pull(b, writer, 0, 20)).status).toBe(403);
    await t.app.database.db.updateTable('sync_tenant_state').set({ purged_before: 2 }).where('tenant_id', '=', a.tenant?.id ?? '').execute();
    expect((await pull(a, writer, 1, 20)).status).toBe(410);
    expect((await pull(a, writer, 0, 20)).status).toBe(200);
  });

  it('brings devices that bootstrap while rows change to the server’s rows', async () => {
    const a = await registerCompany(t.app);
    const engine = async () => {
      const db = sqliteExecutor();
      open.push(db);
      const e = new SyncEngine(db, injectTransport(t.app, () => a.accessToken, { gzip: true }), { pullLimit: 10 });
      await e.init();
      return { e, db };
    };
    const writer = await engine();
    const ids: string[] = [];
    for (let p = 0; p < 6; p++) {
      for (let k = 0; k < 10; k++) ids.push(String((await writer.e.create('vehicles', vehicle(p * 10 + k))).id));
      await writer.e.sync();
    }
    const first = await engine();
    await first.e.sync();

    // Rows of pages already read (and kept) change, go away or come: later devices end on them all.
    for (const [i, id] of ids.entries()) {
      if (i % 7 === 0) await writer.e.update('vehicles', id, { client_telefon: `07${String(i).padStart(8, '0')}` });
      if (i % 11 === 5) await writer.e.delete('vehicles', id);
    }
    await writer.e.create('vehicles', vehicle(100));
    await writer.e.sync();
    const later = [await engine(), await engine()];
    for (const d of later) await d.e.sync();
    await first.e.sync();

    const { rows: server } = await sql<{ id: string }>`SELECT id, client_telefon, updated_at FROM vehicles
      WHERE tenant_id = ${a.tenant?.id} AND deleted_at IS NULL ORDER BY id`.execute(t.app.database.db);
    expect(server).toHaveLength(60 - ids.filter((_, i) => i % 11 === 5).length + 1);
    for (const d of [writer, first, ...later]) {
      expect(await d.db.all('SELECT id, client_telefon, updated_at FROM vehicles ORDER BY id')).toEqual(server);
    }
  });
});
