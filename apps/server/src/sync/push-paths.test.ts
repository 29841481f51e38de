import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, pushRequestSchema, rowSchemas, syncTables, type ColumnDef, type PullResponse, type PushResponse } from '@roaauto/shared';
import type { Session } from '../core/auth/auth.service';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, registerCompany } from '../test/sessions';
import { compiledRowSchemas } from './sync.service';

type ErrorBody = { error: { code: string; message: string; issues: { path: string; message: string }[] } };

/** A value each column kind accepts, and values it refuses. */
function sample(c: ColumnDef): { ok: unknown; bad: unknown[] } {
  switch (c.kind) {
    case 'id':
      return { ok: randomUUID(), bad: ['not-an-id', 7] };
    case 'text':
      return { ok: ' Ștefan '.slice(0, c.max), bad: ['x'.repeat(c.max + 1), 12, true, 'a\u0000b', 'a\uD83Db'] };
    case 'integer':
      return { ok: Math.max(c.min, Math.min(c.max, 2000)), bad: [c.min - 1, c.max + 1, 1.5, '2000', Number.NaN] };
    case 'money':
      return { ok: 12_345, bad: [1.5, '100', Number.MAX_SAFE_INTEGER + 2] };
    case 'decimal':
      return { ok: '-12.5', bad: ['1e3', 12.5, '1.'] };
    case 'boolean':
      return { ok: 1, bad: [2, true, '1'] };
    case 'date':
      return { ok: '2026-02-28', bad: ['2026-13-01', '28.02.2026', 20260228, '2026-02-30', '1900-02-29'] };
    case 'timestamp':
      return { ok: '2026-02-28T10:00:00.000Z', bad: ['2026-02-28', 'yesterday'] };
    case 'enum':
      return { ok: c.values[0], bad: ['no-such-value', 0] };
  }
}

describe('compiled row validators', () => {
  it('accept, refuse and explain exactly like the tables\' own schemas', () => {
    for (const def of syncTables) {
      const regular = rowSchemas(def);
      const compiled = compiledRowSchemas(def);
      const columns = Object.entries(def.columns);
      const valid = Object.fromEntries(columns.map(([k, c]) => [k, sample(c).ok]));
      const inputs: unknown[] = [{}, valid, { ...valid, unknown_column: 1 }, JSON.parse(JSON.stringify(valid).replace('{', '{"__proto__":{"x":1},')) as unknown, Object.fromEntries(columns.filter(([, c]) => !c.nullable).map(([k]) => [k, valid[k]]))];
      for (const [k, c] of columns) {
        inputs.push({ ...valid, [k]: null }, { [k]: sample(c).ok });
        for (const bad of sample(c).bad) inputs.push({ ...valid, [k]: bad }, { [k]: bad });
      }
      for (const input of inputs) {
        for (const kind of ['full', 'patch'] as const) {
          const a = regular[kind].safeParse(input);
          const b = compiled[kind].safeParse(input);
          expect(b.success, `${def.name} ${kind} ${JSON.stringify(input)}`).toBe(a.success);
          if (a.success && b.success) expect(b.data).toStrictEqual(a.data);
          else expect(b.error?.issues).toStrictEqual(a.error?.issues);
        }
      }
    }
  });
});

describe(`push hot paths on ${testEngine()}`, () => {
  let t: TestApp;
  let a: Session;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
    a = await registerCompany(t.app);
  });
  afterAll(async () => t.close());

  const push = (body: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...bearer(a), ...headers }, payload: body });

  it('stores every row of a push bigger than one insert statement, each value in its own column', async () => {
    const clientId = randomUUID();
    const rows = Array.from({ length: 130 }, (_, i) => ({
      rowId: newId(),
      data: {
        nr_inmatriculare: `CT ${i} ABC`,
        client_nume: `Client ${i} Ștefănescu`,
        client_telefon: `07${String(i).padStart(8, '0')}`,
        client_email: i % 2 ? `c${i}@exemplu.ro` : null,
        an_fabricatie: 1990 + (i % 30),
        oracle_id: i,
      },
    }));
    // Row 60 is refused: the rows after it must still line up with their own values.
    const mutations = rows.map((r, i) => ({ id: i + 1, table: 'vehicles', op: 'upsert', rowId: r.rowId, data: i === 60 ? { ...r.data, an_fabricatie: 1800 } : r.data }));
    const res = await push({ clientId, schemaVersion: 1, mutations });
    expect(res.statusCode).toBe(200);
    const answer = res.json<PushResponse>();
    expect(answer.lastMutationId).toBe(130);
    expect(answer.results.filter((r) => r.status !== 'applied')).toEqual([expect.objectContaining({ id: 61, status: 'rejected', code: 'validation_failed', row: null })]);

    const page = (await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${clientId}&cursor=0&limit=5000`, headers: bearer(a) })).json<PullResponse>();
    const pulled = new Map(page.changes.map((c) => [c.rowId, c.data]));
    expect(pulled.size).toBe(129);
    for (const [i, r] of rows.entries()) {
      if (i === 60) expect(pulled.has(r.rowId)).toBe(false);
      else {
        // Every column the push did not name comes back empty.
        const empty = Object.fromEntries(Object.keys(syncTables.find((d) => d.name === 'vehicles')?.columns ?? {}).map((k) => [k, null]));
        expect(pulled.get(r.rowId)).toEqual({
          ...empty, ...r.data, id: r.rowId,
          created_at: expect.any(String), updated_at: expect.any(String),
        });
      }
    }
  });

  it('answers a malformed body with the request schema\'s own 400 (a mutation\'s own fields are its rejection instead)', async () => {
    const good = { id: 1, table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: { nr_inmatriculare: 'B 1 ABC' } };
    const bodies = [
      { schemaVersion: 1, mutations: [good] },
      { clientId: randomUUID(), schemaVersion: 1, mutations: [{ ...good, id: 'one' }] },
      { clientId: randomUUID(), schemaVersion: 1, mutations: [{ ...good, id: 0 }, { ...good, op: 'merge' }] },
      { clientId: randomUUID(), schemaVersion: 1, mutations: [null] },
      { clientId: randomUUID(), schemaVersion: 1.5, mutations: [{ ...good, baseVersion: -1 }] },
      { clientId: randomUUID(), schemaVersion: 1, mutations: Array.from({ length: 1001 }, (_, i) => ({ ...good, id: i + 1 })) },
    ];
    for (const body of bodies) {
      const res = await push(body);
      expect(res.statusCode).toBe(400);
      const expected = pushRequestSchema.safeParse(body).error?.issues.map((i) => i.message);
      expect(expected?.length).toBeGreaterThan(0);
      expect(res.json<ErrorBody>().error.issues.map((i) => i.message)).toEqual(expected);
    }
  });

  it('sends the usual push answer uncompressed and gzips only a big one', async () => {
    const clientId = randomUUID();
    const small = await push({ clientId, schemaVersion: 1, mutations: Array.from({ length: 200 }, (_, i) => ({ id: i + 1, table: 'vehicles', op: 'upsert', rowId: newId(), data: { nr_inmatriculare: `B ${i} XYZ` } })) }, { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json<PushResponse>().lastMutationId).toBe(200);

    // A thousand refusals, each with its reason: well over the threshold.
    const big = await push({ clientId, schemaVersion: 1, mutations: Array.from({ length: 1000 }, (_, i) => ({ id: 201 + i, table: 'vehicles', op: 'upsert', rowId: newId(), data: { an_fabricatie: 1800 } })) }, { 'accept-encoding': 'gzip' });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('gzip');
    const answer = JSON.parse(gunzipSync(big.rawPayload).toString('utf8')) as PushResponse;
    expect(answer.lastMutationId).toBe(1200);
    expect(answer.results.every((r) => r.status === 'rejected' && r.code === 'validation_failed')).toBe(true);
  });
});
