import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, SyncEngine, type DownloadProgress, type PushRequest } from '@roaauto/shared';
import { sqliteExecutor } from '../test/sqlite-executor';
import { testDevices } from '../test/devices';
import { injectTransport } from '../test/inject-transport';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, login, registerCompany } from '../test/sessions';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };

describe(`client sync engine against the server on ${testEngine()}`, () => {
  let t: TestApp;
  const { device, closeAll } = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin } });
  });
  afterAll(async () => {
    closeAll();
    await t.close();
  });
  const strip = (rows: Record<string, unknown>[]) => rows.map(({ _version, updated_at, ...r }) => r);

  it('brings two devices that worked offline to the same tables', async () => {
    const s = await registerCompany(t.app);
    const a = await device(s);
    const b = await device(s);
    const v1 = await a.engine.create('vehicles', { nr_inmatriculare: 'CT 10 AAA', client_nume: 'Ana' });
    await b.engine.create('vehicles', { nr_inmatriculare: 'CT 20 BBB', client_nume: 'Bogdan' });
    await a.engine.create('clients', { tip: 'pf', nume: 'Ștefan Ionescu' });
    await a.engine.sync();
    await b.engine.sync();
    await b.engine.update('vehicles', String(v1.id), { client_telefon: '0722111222' });
    await a.engine.update('vehicles', String(v1.id), { an_fabricatie: 2012 });
    await b.engine.sync();
    await a.engine.sync();
    await b.engine.sync();
    expect(strip(await a.rows())).toEqual(strip(await b.rows()));
    expect(strip(await a.rows('clients'))).toEqual(strip(await b.rows('clients')));
    expect((await a.rows()).find((r) => r.id === v1.id)).toMatchObject({ client_telefon: '0722111222', an_fabricatie: 2012 });
    expect(await a.engine.pendingCount()).toBe(0);
  });

  it('downloads many pages with the next asked for while one is written, shows its progress, and has every index at the end, even when cut short', async () => {
    const s = await registerCompany(t.app);
    const a = await device(s);
    for (let push = 0; push < 4; push++) {
      for (let i = 0; i < 3; i++) await a.engine.create('vehicles', { nr_inmatriculare: `CT ${push}${i} PAG`, client_nume: `Client ${push}.${i}` });
      await a.engine.sync();
    }
    const indexes = (db: typeof a.db) => db.all(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = 'vehicles' ORDER BY name`);
    const expected = await indexes(a.db);
    expect(expected.length).toBeGreaterThan(1);

    // A new device with pages of 3 rows whose third pull fails: what came is kept, the indexes are back.
    const db = sqliteExecutor();
    let pulls = 0;
    let failAt = 3;
    const inner = injectTransport(t.app, () => s.accessToken);
    const engine = new SyncEngine(db, {
      push: (body) => inner.push(body),
      pull: (query) => (++pulls === failAt ? Promise.reject(new Error('network down')) : inner.pull(query)),
    }, { pullLimit: 3 });
    await engine.init();
    const seen: (DownloadProgress | null | undefined)[] = [];
    engine.onStatus((st) => seen.push(st.download));
    let changes = 0;
    engine.onChange(() => changes++);
    await expect(engine.sync()).rejects.toThrow('network down');
    expect(await indexes(db)).toEqual(expected);
    expect(engine.getStatus().download ?? null).toBeNull();
    const [{ n: kept } = { n: 0 }] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM vehicles`);
    expect(kept).toBeGreaterThan(0);

    // Again from the start (a new device copy), to the end: every row, the progress moving up to the head.
    await db.run(`DELETE FROM vehicles`);
    await db.run(`UPDATE _sync_meta SET value = '0' WHERE key = 'cursor'`);
    seen.length = 0;
    changes = 0;
    pulls = 0;
    failAt = -1;
    await engine.sync();
    expect(await indexes(db)).toEqual(expected);
    expect(strip(await db.all(`SELECT * FROM vehicles ORDER BY id`))).toEqual(strip(await a.rows()));
    const steps = seen.filter((d): d is DownloadProgress => !!d);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.map((d) => d.cursor)).toEqual([...steps.map((d) => d.cursor)].sort((x, y) => x - y));
    expect(steps.every((d) => d.from === 0 && d.head !== null && d.cursor <= d.head)).toBe(true);
    expect(steps.at(-1)?.rows).toBeGreaterThanOrEqual(9);
    expect(seen.at(-1) ?? null).toBeNull();
    // The changes of all those pages announced once or twice (at most once a second, and at the end), not once per page.
    expect(changes).toBeGreaterThanOrEqual(1);
    expect(changes).toBeLessThan(steps.length);
    db.close();
  });

  it('rolls a rejected change back to the server copy and records why', async () => {
    const s = await registerCompany(t.app);
    const a = await device(s);
    const b = await device(s);
    const v = await a.engine.create('vehicles', { nr_inmatriculare: 'B 01 DEL' });
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.delete('vehicles', String(v.id));
    await a.engine.sync();
    await b.engine.update('vehicles', String(v.id), { client_nume: 'too late' });
    await b.engine.sync();
    expect(await b.rows()).toEqual([]);
    const rej = await b.engine.rejections();
    expect(rej).toEqual([expect.objectContaining({ table: 'vehicles', rowId: v.id, code: 'gone' })]);
    expect(b.engine.getStatus().rejections).toBe(1);
  });

  it('keeps pending local edits on top of what the server sends', async () => {
    const s = await registerCompany(t.app);
    const a = await device(s);
    const b = await device(s);
    const v = await a.engine.create('vehicles', { nr_inmatriculare: 'IS 01 PEN', client_nume: 'Vechi' });
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.update('vehicles', String(v.id), { client_nume: 'Server' });
    await a.engine.sync();
    // b edits the phone while offline, then pulls a's change without having pushed yet.
    await b.engine.update('vehicles', String(v.id), { client_telefon: '0700000000' });
    const offline = b.engine.setTransport.bind(b.engine);
    const pullOnly = injectTransport(t.app, () => s.accessToken);
    offline({ push: () => Promise.reject(new Error('offline')), pull: (query) => pullOnly.pull(query) });
    await expect(b.engine.sync()).rejects.toThrow('offline');
    offline(pullOnly);
    expect((await b.rows())[0]).toMatchObject({ client_telefon: '0700000000' });
    await b.engine.sync();
    await a.engine.sync();
    expect((await a.rows())[0]).toMatchObject({ client_nume: 'Server', client_telefon: '0700000000' });
  });

  it('survives a lost response: the retry is acknowledged as a duplicate and nothing is applied twice', async () => {
    const s = await registerCompany(t.app);
    let lose = true;
    const a = await device(s, (tr) => ({
      ...tr,
      push: async (body: PushRequest) => {
        const res = await tr.push(body);
        if (lose) {
          lose = false;
          throw new Error('connection reset');
        }
        return res;
      },
    }));
    await a.engine.create('vehicles', { nr_inmatriculare: 'SV 01 DUP' });
    await expect(a.engine.sync()).rejects.toThrow('connection reset');
    expect(a.engine.getStatus().state).toBe('offline');
    await a.engine.sync();
    expect(await a.rows()).toHaveLength(1);
    const server = await t.app.database.db.selectFrom('sync_clients').select('last_mutation_id').where('client_id', '=', await a.engine.clientId()).executeTakeFirstOrThrow();
    expect(server.last_mutation_id).toBe(1);
  });

  it('never runs two sync loops at once', async () => {
    const s = await registerCompany(t.app);
    let inFlight = 0;
    let maxInFlight = 0;
    const a = await device(s, (tr) => ({
      push: async (b) => { inFlight++; maxInFlight = Math.max(maxInFlight, inFlight); try { return await tr.push(b); } finally { inFlight--; } },
      pull: async (q) => { inFlight++; maxInFlight = Math.max(maxInFlight, inFlight); try { return await tr.pull(q); } finally { inFlight--; } },
    }));
    await a.engine.create('vehicles', { nr_inmatriculare: 'AB 01 ONE' });
    await Promise.all([a.engine.sync(), a.engine.sync(), a.engine.sync()]);
    expect(maxInFlight).toBe(1);
    expect(await a.engine.pendingCount()).toBe(0);
  });

  it('sends a queue of big rows in pushes the server takes, and refuses a row id that is not an id', async () => {
    const s = await registerCompany(t.app);
    const sizes: number[] = [];
    const a = await device(s, (tr) => ({ ...tr, push: (body) => (sizes.push(JSON.stringify(body).length), tr.push(body)) }));
    // A logo is up to 400,000 characters: 24 of them are more than the server takes in one request.
    const logo = `data:image/png;base64,${'A'.repeat(399_000)}`;
    for (let i = 0; i < 24; i++) await a.engine.create('company_profile', { nume: `Service ${i} SRL`, platitor_tva: 0, tva_la_incasare: 0, logo });
    await a.engine.sync();
    expect(await a.engine.pendingCount()).toBe(0);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThan(8 * 1024 * 1024);
    const b = await device(s);
    await b.engine.sync();
    expect(await b.rows('company_profile')).toHaveLength(24);

    await expect(a.engine.create('vehicles', { id: 'CT-01-ABC', nr_inmatriculare: 'CT 01 ABC' })).rejects.toThrow(/id/);
    expect(await a.engine.pendingCount()).toBe(0);
  });

  it('keeps its copy when the entitlements change but not the tables (a limit, the billing status), and downloads again when a module goes', async () => {
    const s = await registerCompany(t.app);
    const op = await login(t.app, superAdmin.email, superAdmin.password);
    const a = await device(s);
    await a.engine.create('vehicles', { nr_inmatriculare: 'GL 02 KEEP' });
    await a.engine.sync();
    const cursors: number[] = [];
    a.engine.setTransport({
      ...injectTransport(t.app, () => s.accessToken),
      pull: (q) => {
        cursors.push(q.cursor);
        return injectTransport(t.app, () => s.accessToken).pull(q);
      },
    });
    const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(op), payload });
    expect((await patch({ limits: { maxDocsPerMonth: 50 } })).statusCode).toBe(200);
    expect((await patch({ billingStatus: 'past_due' })).statusCode).toBe(200);
    await a.engine.sync();
    expect(cursors.length).toBeGreaterThan(0);
    expect(cursors).not.toContain(0);
    expect((await a.rows()).map((r) => r.nr_inmatriculare)).toEqual(['GL 02 KEEP']);

    cursors.length = 0;
    expect((await patch({ modules: { accounting: false } })).statusCode).toBe(200);
    await a.engine.sync();
    expect(cursors).toContain(0);
    expect((await a.rows()).map((r) => r.nr_inmatriculare)).toEqual(['GL 02 KEEP']);
  });

  it('re-bootstraps after 410 and when the plan changes the synced tables, keeping pending changes', async () => {
    const s = await registerCompany(t.app);
    const op = await login(t.app, superAdmin.email, superAdmin.password);
    const a = await device(s);
    await a.engine.create('vehicles', { nr_inmatriculare: 'GL 01 OLD' });
    await a.engine.sync();
    await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(op), payload: { plan: 'pro', billingStatus: 'active' } });
    await a.engine.create('clients', { tip: 'pj', nume: 'Pending SRL' });
    let pulls = 0;
    a.engine.setTransport({
      ...injectTransport(t.app, () => s.accessToken),
      pull: (q) => {
        pulls++;
        if (pulls === 1 && q.cursor > 0) return Promise.reject(new ApiError(410, 'gone', 'too old'));
        return injectTransport(t.app, () => s.accessToken).pull(q);
      },
    });
    await a.engine.sync();
    expect((await a.rows()).map((r) => r.nr_inmatriculare)).toEqual(['GL 01 OLD']);
    expect((await a.rows('clients')).map((r) => r.nume)).toEqual(['Pending SRL']);
  });
});
