import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '@roaauto/shared';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, registerCompany } from '../test/sessions';

/**
 * Two devices push to one company at the same time while a third keeps pulling. On PostgreSQL the
 * pushes really run in parallel transactions (a pool of connections); SQLite serialises them.
 */
describe(`concurrent pushes on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 100_000 } });
  });
  afterAll(async () => t.close());

  it('hands out strictly increasing versions and the puller misses nothing', async () => {
    const s = await registerCompany(t.app);
    const clients = [randomUUID(), randomUUID()];
    const reader = randomUUID();
    const pushed = new Set<string>();
    const rounds = 25;

    async function pushLoop(clientId: string) {
      for (let i = 1; i <= rounds; i++) {
        const rows = Array.from({ length: 3 }, () => randomUUID());
        rows.forEach((r) => pushed.add(r));
        const res = await t.app.inject({
          method: 'POST', url: '/api/sync/push', headers: bearer(s),
          payload: { clientId, schemaVersion: 1, mutations: rows.map((rowId, k) => ({ id: (i - 1) * 3 + k + 1, table: 'vehicles', op: 'upsert', rowId, data: { nr_inmatriculare: `C ${i} ${k}` } })) },
        });
        expect(res.statusCode).toBe(200);
        expect(res.json<PushResponse>().results.every((r) => r.status === 'applied')).toBe(true);
      }
    }

    const seen = new Map<string, number>();
    let cursor = 0;
    const state = { pushing: true };
    async function pullOnce() {
      for (;;) {
        const page = (await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${reader}&cursor=${cursor}&limit=4`, headers: bearer(s) })).json<PullResponse>();
        for (const c of page.changes) {
          expect(c.version).toBeGreaterThan(cursor);
          seen.set(c.rowId, c.version);
        }
        expect(page.cursor).toBeGreaterThanOrEqual(cursor);
        cursor = page.cursor;
        if (!page.hasMore) return;
      }
    }
    const puller = (async () => {
      while (state.pushing) {
        await pullOnce();
        // A device polls, it does not spin: let the pushes' I/O run between pulls (an injected request
        // can complete without leaving the microtask queue, which would starve everything else).
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(clients.map(pushLoop));
    state.pushing = false;
    await puller;
    await pullOnce();

    expect(seen.size).toBe(pushed.size);
    for (const id of pushed) expect(seen.has(id), id).toBe(true);
    // One version per push, none shared between two pushes.
    const versions = await t.app.database.db.selectFrom('vehicles').select(['version'])
      .where('tenant_id', '=', s.tenant?.id ?? '').execute();
    const perVersion = new Map<number, number>();
    for (const v of versions) perVersion.set(v.version, (perVersion.get(v.version) ?? 0) + 1);
    expect(perVersion.size).toBe(rounds * clients.length);
    expect([...perVersion.values()].every((n) => n === 3)).toBe(true);
  });
});
