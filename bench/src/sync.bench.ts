import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { newId } from '@roaauto/shared';
import { printTable, time, type BenchRow } from './table';
import { startServer, withPostgresDatabase } from './server-process';
import { json } from './http';

/**
 * Sync throughput against the real server process, on SQLite and then on PostgreSQL (BENCH_ENGINES to
 * choose): 50,000 `vehicles` rows pushed in batches of 500, then pulled from cursor 0, beside the raw
 * rate of the same rows on the same engine measured in this run (better-sqlite3 prepared inserts;
 * PostgreSQL multi-row inserts into a copy of the server's own table, with and without row-level
 * security); then 50 clients polling an up-to-date cursor at once.
 */
const rows = Number(process.env.BENCH_ROWS ?? 50_000);
const batch = 500;
const pollers = 50;
const pollsEach = Number(process.env.BENCH_POLLS ?? 40);
const pollEveryMs = Number(process.env.BENCH_POLL_EVERY_MS ?? 100);
const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim()).filter(Boolean);

function vehicle(i: number) {
  return {
    client_nume: `Client ${i} Ștefănescu`,
    client_telefon: `07${String(i).padStart(8, '0')}`,
    client_email: `c${i}@exemplu.ro`,
    client_cod_fiscal: null,
    client_adresa: `Str. Mare nr. ${i}, Constanța`,
    nr_inmatriculare: `CT ${i % 100} ${String.fromCharCode(65 + (i % 26))}BC`,
    marca_id: null,
    model_id: null,
    an_fabricatie: 1995 + (i % 30),
    serie_sasiu: null,
    tip_motor_id: null,
  };
}

function rawBaseline(data: { id: string; v: ReturnType<typeof vehicle> }[]): { insertMs: number; insertBatchedMs: number; selectMs: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-bench-raw-'));
  const db = new SQLite(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const cols = ['id', 'tenant_id', 'created_at', 'updated_at', 'deleted_at', 'version', 'last_client_id', ...Object.keys(vehicle(0))];
  db.exec(`create table vehicles (${cols.map((c) => `${c} ${c === 'version' || c === 'an_fabricatie' ? 'integer' : 'text'}`).join(', ')})`);
  db.exec('create index v_idx on vehicles (tenant_id, version)');
  const insert = db.prepare(`insert into vehicles (${cols.join(',')}) values (${cols.map((c) => `@${c}`).join(',')})`);
  const now = new Date().toISOString();
  const insertMs = performance.now();
  db.transaction(() => {
    for (const [i, r] of data.entries()) {
      insert.run({ id: r.id, tenant_id: 't', created_at: now, updated_at: now, deleted_at: null, version: Math.floor(i / batch) + 1, last_client_id: 'c', ...r.v });
    }
  })();
  const insertDone = performance.now() - insertMs;
  // The same rows again in a second table, one transaction per 500 rows: the commits a push must make.
  db.exec(`create table vehicles_b as select * from vehicles where 0`);
  db.exec('create index vb_idx on vehicles_b (tenant_id, version)');
  const insertB = db.prepare(`insert into vehicles_b (${cols.join(',')}) values (${cols.map((c) => `@${c}`).join(',')})`);
  const batchedStart = performance.now();
  for (let i = 0; i < data.length; i += batch) {
    db.transaction(() => {
      for (const [k, r] of data.slice(i, i + batch).entries()) {
        insertB.run({ id: r.id, tenant_id: 't', created_at: now, updated_at: now, deleted_at: null, version: Math.floor((i + k) / batch) + 1, last_client_id: 'c', ...r.v });
      }
    })();
  }
  const insertBatchedMs = performance.now() - batchedStart;
  const select = db.prepare('select * from vehicles where tenant_id = ? and version > ? order by version');
  const start = performance.now();
  JSON.stringify(select.all('t', 0));
  const selectMs = performance.now() - start;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { insertMs: insertDone, insertBatchedMs, selectMs };
}

type Baseline = { insertMs: number; insertBatchedMs: number; selectMs: number; rls?: { insertBatchedMs: number; selectMs: number } };

/**
 * PostgreSQL's own rate for the same rows, in the server's database: copies of its `vehicles` table
 * (same columns, types and indexes), filled by multi-row INSERTs of `batch` rows and read back by one
 * SELECT + JSON encoding. Once as the owner, once through row-level security as the app's role (the
 * way the server works), so that the cost of RLS is its own line.
 */
async function pgBaseline(url: string, tenantId: string, data: { id: string; v: ReturnType<typeof vehicle> }[]): Promise<Baseline> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cols = ['id', 'tenant_id', 'created_at', 'updated_at', 'deleted_at', 'version', 'last_client_id', ...Object.keys(vehicle(0))];
    const have = new Set((await client.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'vehicles'`)).rows.map((r) => r.column_name));
    const missing = cols.filter((c) => !have.has(c));
    if (missing.length) throw new Error(`the server's vehicles table has no ${missing.join(', ')}`);
    const now = new Date().toISOString();
    const values = (i: number, r: (typeof data)[number]) => [r.id, tenantId, now, now, null, Math.floor(i / batch) + 1, 'c', ...Object.values(r.v)];
    const insertSql = (table: string, n: number) =>
      `insert into ${table} (${cols.join(',')}) values ${Array.from({ length: n }, (_, k) => `(${cols.map((_, c) => `$${k * cols.length + c + 1}`).join(',')})`).join(',')}`;
    const fill = async (table: string, perBatch: boolean, rls: boolean) => {
      const start = performance.now();
      if (!perBatch) await client.query('begin');
      for (let i = 0; i < data.length; i += batch) {
        const slice = data.slice(i, i + batch);
        if (perBatch) await client.query('begin');
        if (rls && perBatch) await client.query(`select set_config('role', 'roaauto_app', true), set_config('app.tenant_id', $1, true)`, [tenantId]);
        await client.query({ text: insertSql(table, slice.length), values: slice.flatMap((r, k) => values(i + k, r)) });
        if (perBatch) await client.query('commit');
      }
      if (!perBatch) await client.query('commit');
      return performance.now() - start;
    };
    const read = async (table: string, rls: boolean) => {
      const start = performance.now();
      await client.query('begin');
      if (rls) await client.query(`select set_config('role', 'roaauto_app', true), set_config('app.tenant_id', $1, true)`, [tenantId]);
      const res = await client.query(`select * from ${table} where tenant_id = $1 and version > $2 order by version`, [tenantId, 0]);
      JSON.stringify(res.rows);
      await client.query('commit');
      if (res.rows.length !== data.length) throw new Error(`read ${res.rows.length} of ${data.length} rows from ${table}`);
      return performance.now() - start;
    };
    for (const t of ['raw_one', 'raw_batched', 'raw_rls']) {
      await client.query(`drop table if exists ${t}`);
      await client.query(`create table ${t} (like vehicles including defaults including indexes)`);
    }
    await client.query('alter table raw_rls enable row level security');
    await client.query('alter table raw_rls force row level security');
    await client.query(`create policy tenant_isolation on raw_rls to roaauto_app using (tenant_id = current_setting('app.tenant_id', true)) with check (tenant_id = current_setting('app.tenant_id', true))`);
    await client.query('grant select, insert on raw_rls to roaauto_app');
    const insertMs = await fill('raw_one', false, false);
    const insertBatchedMs = await fill('raw_batched', true, false);
    const rlsInsert = await fill('raw_rls', true, true);
    await client.query('vacuum analyze raw_batched');
    await client.query('vacuum analyze raw_rls');
    const selectMs = await read('raw_batched', false);
    const rlsSelect = await read('raw_rls', true);
    for (const t of ['raw_one', 'raw_batched', 'raw_rls']) await client.query(`drop table ${t}`);
    return { insertMs, insertBatchedMs, selectMs, rls: { insertBatchedMs: rlsInsert, selectMs: rlsSelect } };
  } finally {
    await client.end();
  }
}

async function run(engine: 'sqlite' | 'postgres', databaseUrl?: string): Promise<void> {
  console.log(`\n=== ${engine === 'sqlite' ? 'SQLite (embedded)' : 'PostgreSQL'} ===`);
  const server = await startServer(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  try {
    const reg = await json<{ accessToken: string }>(await fetch(`${server.url}/api/auth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${Date.now()}@roaauto.test`, password: 'Bench-Parola-2026', company: { name: 'Bench SRL' }, seedCatalog: false }),
    }));
    const headers = { authorization: `Bearer ${reg.accessToken}`, 'content-type': 'application/json' };
    // Row ids are UUIDv7, as devices make them (time-ordered: the primary-key index grows at its end).
    const data = Array.from({ length: rows }, (_, i) => ({ id: newId(), v: vehicle(i) }));
    const clientId = randomUUID();
    const rssBefore = server.rssMb();

    // Request bodies are made before the clock starts: a device builds one batch at a time, not 50,000 rows.
    const bodies: { body: string; last: number }[] = [];
    for (let i = 0; i < rows; i += batch) {
      const mutations = data.slice(i, i + batch).map((r, k) => ({ id: i + k + 1, table: 'vehicles', op: 'upsert', rowId: r.id, data: r.v }));
      bodies.push({ body: JSON.stringify({ clientId, schemaVersion: 1, mutations }), last: i + mutations.length });
    }
    const pushMs = await time(async () => {
      for (const { body, last } of bodies) {
        const res = await json<{ lastMutationId: number }>(await fetch(`${server.url}/api/sync/push`, { method: 'POST', headers, body }));
        if (res.lastMutationId !== last) throw new Error('push did not apply everything');
      }
    });
    const rssAfterPush = server.rssMb();

    let pulled = 0;
    let cursor = 0;
    const pullMs = await time(async () => {
      for (;;) {
        const page = await json<{ changes: unknown[]; cursor: number; hasMore: boolean }>(await fetch(
          `${server.url}/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=5000`, { headers: { ...headers, 'accept-encoding': 'gzip' } }));
        pulled += page.changes.length;
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
    });
    if (pulled !== rows) throw new Error(`pulled ${pulled} of ${rows}`);
    let plainCursor = 0;
    const pullPlainMs = await time(async () => {
      for (;;) {
        const page = await json<{ cursor: number; hasMore: boolean }>(await fetch(
          `${server.url}/api/sync/pull?clientId=${clientId}&cursor=${plainCursor}&limit=5000`, { headers: { ...headers, 'accept-encoding': 'identity' } }));
        plainCursor = page.cursor;
        if (!page.hasMore) break;
      }
    });
    const rssAfterPull = server.rssMb();

    let raw: Baseline;
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const tenantId = (await client.query<{ id: string }>('select id from tenants')).rows[0]?.id;
      await client.end();
      if (!tenantId) throw new Error('no company in the bench database');
      raw = await pgBaseline(databaseUrl, tenantId, data);
    } else {
      raw = rawBaseline(data);
    }
    const rawName = engine === 'sqlite' ? 'raw better-sqlite3 prepared INSERT' : `raw multi-row INSERT of ${batch}`;
    const pushRows: BenchRow[] = [
      { name: `${rawName}, one transaction (baseline)`, ms: raw.insertMs, ops: rows },
      { name: `${rawName}, one transaction per ${batch} rows`, ms: raw.insertBatchedMs, ops: rows },
    ];
    if (raw.rls) pushRows.push({ name: `${rawName}, one transaction per ${batch} rows, through RLS`, ms: raw.rls.insertBatchedMs, ops: rows });
    pushRows.push({ name: `push over HTTP, batches of ${batch}`, ms: pushMs, ops: rows });
    printTable(`Push: ${rows.toLocaleString('en-US')} vehicles`, pushRows);
    const rawSelect = engine === 'sqlite' ? 'raw better-sqlite3 SELECT + JSON' : 'raw SELECT + JSON';
    const pullRows: BenchRow[] = [{ name: `${rawSelect} (baseline)`, ms: raw.selectMs, ops: rows }];
    if (raw.rls) pullRows.push({ name: `${rawSelect}, through RLS`, ms: raw.rls.selectMs, ops: rows });
    pullRows.push(
      { name: 'pull over HTTP (gzip, pages of 5000)', ms: pullMs, ops: rows },
      { name: 'pull over HTTP (uncompressed, pages of 5000)', ms: pullPlainMs, ops: rows },
    );
    printTable(`Pull from cursor 0: ${rows.toLocaleString('en-US')} vehicles`, pullRows);

    // Many devices asking "anything new?" with an up-to-date cursor: each polls every `pollEveryMs`
    // (a device without its event stream), then all at once as fast as they can (the ceiling).
    async function poll(paced: boolean): Promise<{ latencies: number[]; wallMs: number }> {
      const latencies: number[] = [];
      const start = performance.now();
      await Promise.all(Array.from({ length: pollers }, async (_, n) => {
        const id = randomUUID();
        if (paced) await new Promise((r) => setTimeout(r, (n * pollEveryMs) / pollers));
        for (let i = 0; i < pollsEach; i++) {
          const t0 = performance.now();
          const res = await fetch(`${server.url}/api/sync/pull?clientId=${id}&cursor=${cursor}`, { headers });
          await res.arrayBuffer();
          const took = performance.now() - t0;
          latencies.push(took);
          if (paced) await new Promise((r) => setTimeout(r, Math.max(0, pollEveryMs - took)));
        }
      }));
      latencies.sort((a, b) => a - b);
      return { latencies, wallMs: performance.now() - start };
    }
    const pct = (l: number[], p: number) => l[Math.min(l.length - 1, Math.floor((p / 100) * l.length))] ?? 0;
    const line = (l: number[], wallMs: number) =>
      `${l.length} requests, ${(l.length / (wallMs / 1000)).toFixed(0)} req/s: p50 ${pct(l, 50).toFixed(1)} ms, p95 ${pct(l, 95).toFixed(1)} ms, p99 ${pct(l, 99).toFixed(1)} ms, max ${(l.at(-1) ?? 0).toFixed(1)} ms`;
    const paced = await poll(true);
    const flat = await poll(false);
    console.log(`\n${pollers} clients polling an up-to-date cursor (target p99 < 25 ms)`);
    console.log(`  each every ${pollEveryMs} ms:  ${line(paced.latencies, paced.wallMs)}`);
    console.log(`  all at once, back to back (saturation): ${line(flat.latencies, flat.wallMs)}`);
    console.log(`\nServer memory (RSS): ${rssBefore.toFixed(0)} MB at start, ${rssAfterPush.toFixed(0)} MB after push, ${rssAfterPull.toFixed(0)} MB after pull, ${server.rssMb().toFixed(0)} MB after polling`);
    const [pushTarget, pullTarget] = engine === 'sqlite' ? ['2', '1.3'] : ['2.5', '1.5'];
    console.log(`Ratios: push ${(pushMs / raw.insertMs).toFixed(2)}× raw insert in one transaction, ${(pushMs / raw.insertBatchedMs).toFixed(2)}× raw insert with the same commits as the push (target ≤ ${pushTarget}×), pull ${(pullMs / raw.selectMs).toFixed(2)}× raw select with gzip, ${(pullPlainMs / raw.selectMs).toFixed(2)}× without (target ≤ ${pullTarget}× with gzip)`);
    if (raw.rls) console.log(`Row-level security: raw insert ${(raw.rls.insertBatchedMs / raw.insertBatchedMs).toFixed(2)}×, raw select ${(raw.rls.selectMs / raw.selectMs).toFixed(2)}× the same without it`);
  } finally {
    await server.stop();
  }
}

for (const engine of engines) {
  if (engine === 'sqlite') await run('sqlite');
  else if (engine === 'postgres') await withPostgresDatabase((url) => run('postgres', url));
  else throw new Error(`BENCH_ENGINES: unknown engine ${engine}`);
}
