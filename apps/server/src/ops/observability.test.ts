import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openDatabase } from '../core/db';
import { bearer, registerCompany } from '../test/sessions';
import { createTestApp, type TestApp } from '../test/test-app';
import { createTestDatabase, testEngine, type TestDatabase } from '../test/test-db';

const metricsToken = 'metrics-token-for-the-tests';

/** The value of one sample line of the Prometheus text (0 when the series is absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^(\w+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',');
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return 0;
}

describe(`metrics, readiness and request ids on ${testEngine()}`, () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        callback();
      },
    });
    t = await createTestApp({ metricsToken, logger: { level: 'info', stream } });
  });
  afterAll(async () => {
    await t.close();
  });

  const metrics = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.body;
  };

  it('counts requests by route pattern and status, never by the raw address', async () => {
    const session = await registerCompany(t.app);
    const before = await metrics();
    const route = '/api/sync/pull';
    const ok = { method: 'GET', route, status: '200' };
    const clientId = crypto.randomUUID();
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'GET', url: `${route}?clientId=${clientId}&cursor=0`, headers: bearer(session) });
      expect(res.statusCode).toBe(200);
    }
    const unknown = `/api/nothing-here/${crypto.randomUUID()}`;
    expect((await t.app.inject({ method: 'GET', url: unknown })).statusCode).toBe(404);
    const after = await metrics();
    expect(sample(after, 'roaauto_http_requests_total', ok) - sample(before, 'roaauto_http_requests_total', ok)).toBe(3);
    expect(sample(after, 'roaauto_http_request_duration_seconds_count', ok) - sample(before, 'roaauto_http_request_duration_seconds_count', ok)).toBe(3);
    expect(sample(after, 'roaauto_http_requests_total', { route: '(unmatched)', status: '404' })).toBeGreaterThan(0);
    expect(after).not.toContain(clientId);
    expect(after).not.toContain(unknown);
    // The default process metrics are there too.
    expect(after).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('counts sync pushes with their mutations and pulls with their bytes, and the open event streams', async () => {
    const session = await registerCompany(t.app);
    const before = await metrics();
    const clientId = crypto.randomUUID();
    const mutations = Array.from({ length: 4 }, (_, i) => ({
      id: i + 1, table: 'vehicles', op: 'upsert', rowId: crypto.randomUUID(), baseVersion: null,
      data: { nr_inmatriculare: `CT 0${i} OBS`, client_nume: 'Ana Pop' },
    }));
    const push = await t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(session), payload: { clientId, schemaVersion: 1, mutations } });
    expect(push.statusCode).toBe(200);
    const pull = await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${clientId}&cursor=0`, headers: bearer(session) });
    expect(pull.statusCode).toBe(200);
    const bad = await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${clientId}&cursor=999999`, headers: bearer(session) });
    expect(bad.statusCode).toBe(410);

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const stream = new AbortController();
    const events = await fetch(`http://127.0.0.1:${port}/api/sync/events`, { headers: bearer(session), signal: stream.signal });
    expect(events.status).toBe(200);
    expect(events.headers.get('x-request-id')).toBeTruthy();
    const during = await metrics();
    stream.abort();
    await events.body?.cancel().catch(() => undefined);
    let afterClose = await metrics();
    for (let i = 0; i < 100 && sample(afterClose, 'roaauto_sse_clients') !== sample(before, 'roaauto_sse_clients'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      afterClose = await metrics();
    }

    const diff = (name: string, labels: Record<string, string> = {}) => sample(afterClose, name, labels) - sample(before, name, labels);
    expect(diff('roaauto_sync_pushes_total', { outcome: 'ok' })).toBe(1);
    expect(diff('roaauto_sync_push_mutations_total')).toBe(4);
    expect(diff('roaauto_sync_push_duration_seconds_count')).toBe(1);
    expect(diff('roaauto_sync_pulls_total', { outcome: 'ok' })).toBe(1);
    expect(diff('roaauto_sync_pulls_total', { outcome: 'error' })).toBe(1);
    expect(diff('roaauto_sync_pull_bytes_total')).toBe(pull.rawPayload.length);
    expect(sample(during, 'roaauto_sse_clients') - sample(before, 'roaauto_sse_clients')).toBe(1);
    expect(diff('roaauto_sse_clients')).toBe(0);
    // Event streams are counted, but their hours-long duration is not a latency.
    const sse = { route: '/api/sync/events', status: '200' };
    expect(diff('roaauto_http_request_duration_seconds_count', sse)).toBe(0);
  });

  it('counts background job runs by outcome and the jobs table by state', async () => {
    // The jobs the earlier tests queued (their e-mails) finish first, so the differences below are this test's.
    for (let i = 0; i < 100; i += 1) {
      await t.app.jobs.runDue();
      const due = await t.app.database.db.selectFrom('jobs').select('id')
        .where('state', 'in', ['queued', 'running']).where('run_at', '<=', new Date().toISOString()).execute();
      if (!due.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const before = await metrics();
    const job = `metrics.check.${crypto.randomUUID().slice(0, 8)}`;
    t.app.jobs.define({ name: `${job}.ok`, run: async () => undefined });
    t.app.jobs.define({ name: `${job}.bad`, maxAttempts: 1, run: async () => {
      throw new Error('the provider said no');
    } });
    await t.app.jobs.enqueue(`${job}.ok`, {});
    await t.app.jobs.enqueue(`${job}.bad`, {});
    // This test runs them, or the app's own poll loop does (its counts are the same process's): both end.
    for (let i = 0; i < 200; i += 1) {
      await t.app.jobs.runDue();
      const open = await t.app.database.db.selectFrom('jobs').select('id')
        .where('name', 'in', [`${job}.ok`, `${job}.bad`]).where('state', 'in', ['queued', 'running']).execute();
      if (!open.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const after = await metrics();
    expect(sample(after, 'roaauto_job_runs_total', { job: `${job}.ok`, outcome: 'done' })).toBe(1);
    expect(sample(after, 'roaauto_job_runs_total', { job: `${job}.bad`, outcome: 'dead' })).toBe(1);
    expect(sample(after, 'roaauto_jobs', { state: 'dead' }) - sample(before, 'roaauto_jobs', { state: 'dead' })).toBe(1);
    expect(sample(after, 'roaauto_jobs', { state: 'done' }) - sample(before, 'roaauto_jobs', { state: 'done' })).toBe(1);
    expect(after).toMatch(/^roaauto_jobs\{state="queued"\} \d+$/m);
  });

  it('reports the PostgreSQL pool, and nothing of the kind on SQLite', async () => {
    const text = await metrics();
    if (testEngine() === 'postgres') {
      expect(sample(text, 'roaauto_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      expect(text).toMatch(/^roaauto_db_pool_connections\{state="waiting"\} \d+$/m);
    } else {
      expect(text).not.toMatch(/^roaauto_db_pool_connections\{/m);
    }
  });

  it('serves the metrics only with the token when one is set', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}x` } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('keeps a safe incoming X-Request-Id, replaces an unsafe one, and names it in the answer, the error body and every log line', async () => {
    const given = 'proxy-7f3a.42';
    const res = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': given } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe(given);
    expect(res.json()).toMatchObject({ error: { code: 'not_found', requestId: given } });
    const ofRequest = lines.filter((l) => l.reqId === given);
    expect(ofRequest.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));

    for (const unsafe of ['a b', 'x'.repeat(65), 'ok\u00e9', '']) {
      const other = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': unsafe } });
      const id = String(other.headers['x-request-id']);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.some((l) => l.reqId === unsafe)).toBe(false);
    }
    const a = await t.app.inject({ method: 'GET', url: '/api/health' });
    const b = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);

    // A validation failure and a malformed address carry it too.
    const invalid = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nope' }, headers: { 'x-request-id': 'req-1' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error: { code: 'validation_failed', requestId: 'req-1' } });
    const malformed = await t.app.inject({ method: 'GET', url: '/api/%E0%A4%A', headers: { 'x-request-id': 'req-2' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['x-request-id']).toBe('req-2');
    expect(malformed.json()).toMatchObject({ error: { requestId: 'req-2' } });
  });

  it('is ready while the database answers and is current; 503 with the reason when a migration is missing', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', db: testEngine() });

    const { db } = t.app.database;
    const last = (await sql<{ name: string }>`select max(name) as name from kysely_migration`.execute(db)).rows[0] ?? { name: '' };
    const row = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration where name = ${last.name}`.execute(db);
    await sql`delete from kysely_migration where name = ${last.name}`.execute(db);
    try {
      const behind = await t.app.inject({ method: 'GET', url: '/api/ready' });
      expect(behind.statusCode).toBe(503);
      expect(behind.json()).toMatchObject({ error: { code: 'service_unavailable', reason: 'migrations_pending', pending: [last.name] } });
      // Liveness does not care: a server waiting for `npm run migrate` must not be restarted.
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      const back = row.rows[0];
      if (back) await sql`insert into kysely_migration (name, timestamp) values (${back.name}, ${back.timestamp})`.execute(db);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });
});

describe(`metrics without a token on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers this machine directly, and refuses other addresses and anything relayed by a proxy', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(403);
    const relayed = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1', headers: { forwarded: 'for=203.0.113.9' } })).statusCode).toBe(403);
  });
});

describe(`readiness without a database on ${testEngine()}`, () => {
  it('answers 503 database_unreachable once the database is gone', async () => {
    const t = await createTestApp();
    try {
      await t.app.database.close();
      const res = await t.app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'service_unavailable', reason: 'database_unreachable' } });
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});

describe(`per-address limits across processes on ${testEngine()}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('two servers on one PostgreSQL database count one allowance; on SQLite each process counts its own', async () => {
    const a = await buildApp({ database: database.config, auth: { rateLimitPerMinute: 3 } });
    const b = await buildApp({ database: database.config, auth: { rateLimitPerMinute: 3 } });
    try {
      const attempt = (app: typeof a) => app.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: '198.51.100.7' });
      const statuses = [await attempt(a), await attempt(b), await attempt(a), await attempt(b)].map((r) => r.statusCode);
      if (testEngine() === 'postgres') {
        expect(statuses).toEqual([400, 400, 400, 429]);
        const other = await b.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: '198.51.100.8' });
        expect(other.statusCode).toBe(400);
        // Another route keeps its own count for the same address.
        const register = await a.inject({ method: 'POST', url: '/api/auth/register', payload: {}, remoteAddress: '198.51.100.7' });
        expect(register.statusCode).toBe(400);
        // Counted in the database, atomically: 20 requests at once from both servers, 3 let through.
        const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).inject({ method: 'POST', url: '/api/auth/register', payload: {}, remoteAddress: '198.51.100.9' })));
        expect(burst.filter((r) => r.statusCode === 400).length).toBe(3);
        expect(burst.filter((r) => r.statusCode === 429).length).toBe(17);
        const opened = openDatabase(database.config);
        try {
          const rows = await opened.db.selectFrom('rate_limits').select(['key', 'hits']).execute();
          expect(rows.find((r) => r.key.includes('/api/auth/login') && r.key.endsWith('198.51.100.7'))?.hits).toBe(4);
        } finally {
          await opened.close();
        }
      } else {
        // Each process lets 3 through: a's third, then its fourth refused.
        expect(statuses).toEqual([400, 400, 400, 400]);
        expect((await attempt(a)).statusCode).toBe(400);
        expect((await attempt(a)).statusCode).toBe(429);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
