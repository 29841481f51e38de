import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '@roaauto/shared';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, registerCompany } from '../test/sessions';
import { purgeTombstones } from './purge';

describe(`tombstone purge on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => t.close());

  it('removes old tombstones and sends cursors older than them back to bootstrap (410)', async () => {
    const s = await registerCompany(t.app);
    const clientId = randomUUID();
    const push = (mutations: object[], first: number) =>
      t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: { clientId, schemaVersion: 1, mutations: mutations.map((m, i) => ({ id: first + i, ...m })) } });
    const pull = (cursor: number) => t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${clientId}&cursor=${cursor}`, headers: bearer(s) });
    const keep = randomUUID();
    const gone = randomUUID();
    await push([{ table: 'vehicles', op: 'upsert', rowId: keep, data: { nr_inmatriculare: 'K 1 EEP' } }, { table: 'vehicles', op: 'upsert', rowId: gone, data: { nr_inmatriculare: 'G 1 ONE' } }], 1);
    const early = (await pull(0)).json<PullResponse>().cursor;
    await push([{ table: 'vehicles', op: 'delete', rowId: gone }], 3);

    expect(await purgeTombstones(t.app.database, new Date(Date.now() - 60_000))).toBe(0);
    expect((await pull(early)).statusCode).toBe(200);
    expect(await purgeTombstones(t.app.database, new Date(Date.now() + 60_000))).toBe(1);
    const stale = await pull(early);
    expect(stale.statusCode).toBe(410);
    expect(stale.json()).toMatchObject({ error: { code: 'gone' } });
    const fresh = (await pull(0)).json<PullResponse>();
    expect(fresh.changes.map((c) => c.rowId)).toEqual([keep]);
    expect((await pull(fresh.cursor)).statusCode).toBe(200);
  });
});
