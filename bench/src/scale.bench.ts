import { randomUUID } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { newId } from '@roaauto/shared';
import { startServer, withPostgresDatabase, type BenchServer } from './server-process';
import { json } from './http';

/**
 * A company's sync on a database that holds many others (a host's scale), beside the same company alone.
 * One company of 10,000 vehicles is measured (bootstrap from cursor 0, a pull from an up-to-date
 * cursor, a push of 100 new rows); then the database gets 999 more companies of 10,000 rows and one
 * company of 1,000,000 rows, and the same operations are measured again for the first company and for
 * the big one. Target: within 1.5× of the company alone. The filler rows are written by SQL straight into
 * the database (as a long history would have left them), then the tables are analysed, as autovacuum would.
 *
 * BENCH_SCALE_COMPANIES (1000), BENCH_SCALE_ROWS (10000), BENCH_SCALE_BIG (1000000), BENCH_ENGINES
 * (postgres,sqlite).
 */
const companies = Number(process.env.BENCH_SCALE_COMPANIES ?? 1000);
const rowsEach = Number(process.env.BENCH_SCALE_ROWS ?? 10_000);
const bigRows = Number(process.env.BENCH_SCALE_BIG ?? 1_000_000);
const engines = (process.env.BENCH_ENGINES ?? 'postgres,sqlite').split(',').map((e) => e.trim()).filter(Boolean);
const repeats = 7;

type Session = { email: string; headers: Record<string, string>; clientId: string; mutation: number; cursor: number; tenantId: string };

const password = 'Bench-Parola-2026';

const vehicle = (i: number) => ({ nr_inmatriculare: `CT ${i % 100} ${String.fromCharCode(65 + (i % 26))}SC`, client_nume: `Client ${i} Ștefănescu`, client_telefon: `07${String(i).padStart(8, '0')}` });

async function register(server: BenchServer, name: string): Promise<Session> {
  const email = `${name}-${Date.now()}@roaauto.test`;
  const reg = await json<{ accessToken: string; tenant?: { id: string } }>(await fetch(`${server.url}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, company: { name: `${name} SRL` }, seedCatalog: false }),
  }));
  if (!reg.tenant?.id) throw new Error('register answered no company');
  return { email, headers: { authorization: `Bearer ${reg.accessToken}`, 'content-type': 'application/json' }, clientId: randomUUID(), mutation: 0, cursor: 0, tenantId: reg.tenant.id };
}

/** Signs in again: a long fill outlives an access token. */
async function signIn(server: BenchServer, s: Session): Promise<void> {
  const res = await json<{ accessToken: string }>(await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: s.email, password }),
  }));
  s.headers = { ...s.headers, authorization: `Bearer ${res.accessToken}` };
}

async function push(server: BenchServer, s: Session, count: number): Promise<void> {
  const mutations = Array.from({ length: count }, (_, k) => ({ id: ++s.mutation, table: 'vehicles', op: 'upsert', rowId: newId(), data: vehicle(s.mutation + k) }));
  const res = await json<{ lastMutationId: number }>(await fetch(`${server.url}/api/sync/push`, {
    method: 'POST', headers: s.headers, body: JSON.stringify({ clientId: s.clientId, schemaVersion: 1, mutations }),
  }));
  if (res.lastMutationId !== s.mutation) throw new Error('push did not apply everything');
}

/** Pulls from `cursor` to the end; returns the rows and the new cursor. */
async function pullAll(server: BenchServer, s: Session, from: number): Promise<{ rows: number; cursor: number }> {
  let cursor = from;
  let rows = 0;
  const device = randomUUID();
  for (;;) {
    const page = await json<{ changes: unknown[]; cursor: number; hasMore: boolean }>(await fetch(
      `${server.url}/api/sync/pull?clientId=${device}&cursor=${cursor}&limit=5000`, { headers: { ...s.headers, 'accept-encoding': 'gzip' } }));
    rows += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) return { rows, cursor };
  }
}

async function median(fn: () => Promise<void>, n = repeats): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

type Figures = { bootstrap: number; recentPull: number; push100: number };

/** `bootstrapRows`: the rows a bootstrap must bring at least (none: no bootstrap is measured). */
async function measure(server: BenchServer, s: Session, bootstrapRows?: number): Promise<Figures> {
  let bootstrap = 0;
  if (bootstrapRows !== undefined) {
    bootstrap = await median(async () => {
      const { rows, cursor } = await pullAll(server, s, 0);
      if (rows < bootstrapRows) throw new Error(`bootstrap brought ${rows} rows`);
      s.cursor = cursor;
    }, 3);
  }
  const recentPull = await median(async () => {
    const { rows } = await pullAll(server, s, s.cursor);
    if (rows !== 0) throw new Error('an up-to-date pull brought rows');
  }, repeats * 3);
  const push100 = await median(() => push(server, s, 100));
  s.cursor = (await pullAll(server, s, s.cursor)).cursor;
  return { bootstrap, recentPull, push100 };
}

/** The filler: `count` companies copied from `template`, each with `rows` vehicles; then one company's rows. */
const upsertState = 'insert into sync_tenant_state (tenant_id, version, purged_before) values ($1, $2, 0) on conflict (tenant_id) do update set version = excluded.version';

type Filler = {
  companies(template: string, count: number, rows: number): Promise<void>;
  /** Returns the company's version after them: an up-to-date cursor. */
  rows(tenantId: string, rows: number): Promise<number>;
  analyse(): Promise<void>;
  close(): Promise<void>;
};

function postgresFiller(url: string): Filler {
  const client = new pg.Client({ connectionString: url });
  const ready = client.connect();
  const columns = async (table: string) =>
    (await client.query<{ column_name: string }>('select column_name from information_schema.columns where table_name = $1 and table_schema = current_schema() order by ordinal_position', [table])).rows.map((r) => r.column_name);
  const id = (tenant: string, n: string) => `lpad(to_hex(${tenant}), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(${n}), 12, '0')`;
  const vehiclesFrom = (tenantExpr: string, tenantNo: string, versionExpr: string) =>
    `insert into vehicles (id, tenant_id, created_at, updated_at, version, last_client_id, nr_inmatriculare, client_nume, client_telefon)
     select ${id(tenantNo, 'g')}, ${tenantExpr}, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', ${versionExpr}, 'bulk', 'CT ' || (g % 100) || ' BLK', 'Client ' || g, '07' || lpad(g::text, 8, '0')`;
  return {
    async companies(template, count, rows) {
      await ready;
      const cols = (await columns('tenants')).filter((c) => c !== 'id' && c !== 'name');
      await client.query('begin');
      await client.query(`create temp table bulk_tenants as select n, 'b' || lpad(to_hex(n), 8, '0') || '-0000-7000-8000-000000000000' as id from generate_series(1, $1::int) n`, [count]);
      await client.query(`insert into tenants (id, name, ${cols.join(', ')}) select b.id, 'Firma ' || b.n, ${cols.map((c) => `t.${c}`).join(', ')} from bulk_tenants b cross join tenants t where t.id = $1`, [template]);
      await client.query(`insert into sync_tenant_state (tenant_id, version, purged_before) select id, $1::bigint, 0 from bulk_tenants`, [rows]);
      await client.query('commit');
      // One statement per company: the rows of a company arrive together, as its devices pushed them.
      for (let n = 1; n <= count; n++) {
        await client.query(`${vehiclesFrom('b.id', 'b.n', 'g')} from bulk_tenants b cross join generate_series(1, $2::int) g where b.n = $1`, [n, rows]);
      }
    },
    async rows(tenantId, rows) {
      await ready;
      const from = Number((await client.query<{ version: string }>('select version from sync_tenant_state where tenant_id = $1', [tenantId])).rows[0]?.version ?? 0);
      for (let start = 1; start <= rows; start += 100_000) {
        const end = Math.min(rows, start + 99_999);
        await client.query(`${vehiclesFrom('$1', '0', '$2::bigint + g')} from generate_series($3::int, $4::int) g`, [tenantId, from, start, end]);
      }
      await client.query(upsertState, [tenantId, from + rows]);
      return from + rows;
    },
    async analyse() {
      await client.query('analyze');
    },
    async close() {
      await client.end();
    },
  };
}

function sqliteFiller(file: string): Filler {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 10000');
  const columns = (table: string) => (db.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]).map((r) => r.name);
  const id = (tenant: string, n: string) => `printf('%08x-0000-7000-8000-%012x', ${tenant}, ${n})`;
  // better-sqlite3's build has no generate_series: the numbers come from a recursive CTE.
  const vehicles = (tenantExpr: string, tenantNo: string, versionExpr: string) =>
    `with recursive g(value) as (select ? union all select value + 1 from g where value < ?)
     insert into vehicles (id, tenant_id, created_at, updated_at, version, last_client_id, nr_inmatriculare, client_nume, client_telefon)
     select ${id(tenantNo, 'g.value')}, ${tenantExpr}, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', ${versionExpr}, 'bulk', 'CT ' || (g.value % 100) || ' BLK', 'Client ' || g.value, '07' || printf('%08d', g.value)`;
  return {
    async companies(template, count, rows) {
      const cols = columns('tenants').filter((c) => c !== 'id' && c !== 'name');
      const bulkId = (n: number) => `b${n.toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`;
      db.transaction(() => {
        const tenant = db.prepare(`insert into tenants (id, name, ${cols.join(', ')}) select ?, ?, ${cols.join(', ')} from tenants where id = ?`);
        const state = db.prepare('insert into sync_tenant_state (tenant_id, version, purged_before) values (?, ?, 0)');
        for (let n = 1; n <= count; n++) {
          tenant.run(bulkId(n), `Firma ${n}`, template);
          state.run(bulkId(n), rows);
        }
      })();
      const insert = db.prepare(`${vehicles('?', '?', 'g.value')} from g`);
      for (let n = 1; n <= count; n++) insert.run(1, rows, n, bulkId(n));
      await Promise.resolve();
    },
    async rows(tenantId, rows) {
      const from = (db.prepare('select version from sync_tenant_state where tenant_id = ?').get(tenantId) as { version: number } | undefined)?.version ?? 0;
      const insert = db.prepare(`${vehicles('?', '0', '? + g.value')} from g`);
      for (let start = 1; start <= rows; start += 100_000) insert.run(start, Math.min(rows, start + 99_999), tenantId, from);
      db.prepare(upsertState.replace(/\$\d/g, '?')).run(tenantId, from + rows);
      return Promise.resolve(from + rows);
    },
    async analyse() {
      db.exec('analyze');
      await Promise.resolve();
    },
    async close() {
      db.close();
      await Promise.resolve();
    },
  };
}

async function run(engine: 'sqlite' | 'postgres', databaseUrl?: string): Promise<void> {
  console.log(`\n=== ${engine === 'sqlite' ? 'SQLite (embedded)' : 'PostgreSQL'}: ${companies.toLocaleString('en-US')} companies of ${rowsEach.toLocaleString('en-US')} rows and one of ${bigRows.toLocaleString('en-US')} ===`);
  const server = await startServer(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  try {
    // A first company warms the server up (JIT, caches, prepared statements) before anything is measured.
    const warm = await register(server, 'cald');
    for (let i = 0; i < 2000; i += 500) await push(server, warm, 500);
    await measure(server, warm, 2000);

    const small = await register(server, 'mic');
    for (let i = 0; i < rowsEach; i += 500) await push(server, small, Math.min(500, rowsEach - i));
    const alone = await measure(server, small, rowsEach);

    const big = await register(server, 'mare');
    const filler = engine === 'postgres' && databaseUrl ? postgresFiller(databaseUrl) : sqliteFiller(path.join(server.dataDir, 'roaauto.sqlite'));
    const fillStart = performance.now();
    await filler.companies(small.tenantId, companies - 1, rowsEach);
    big.cursor = await filler.rows(big.tenantId, bigRows);
    await filler.analyse();
    await filler.close();
    const fillMs = performance.now() - fillStart;
    const total = companies * rowsEach + bigRows;
    console.log(`  filled ${total.toLocaleString('en-US')} rows in ${(fillMs / 1000).toFixed(0)} s`);

    await signIn(server, small);
    await signIn(server, big);
    const crowded = await measure(server, small, rowsEach);
    const bigFigures = await measure(server, big);

    const line = (name: string, a: number, b: number, c?: number) => {
      const cells = [name.padEnd(34), a.toFixed(1).padStart(10), b.toFixed(1).padStart(12), `${(b / a).toFixed(2)}×`.padStart(7)];
      if (c !== undefined) cells.push(c.toFixed(1).padStart(14), `${(c / a).toFixed(2)}×`.padStart(7));
      console.log(cells.join('  '));
    };
    console.log(`\n${'median ms'.padEnd(34)}  ${'alone'.padStart(10)}  ${'among many'.padStart(12)}  ${'ratio'.padStart(7)}  ${`${(bigRows / 1000).toLocaleString('en-US')}k-row company`.padStart(14)}  ${'ratio'.padStart(7)}`);
    line(`bootstrap of ${rowsEach.toLocaleString('en-US')} rows`, alone.bootstrap, crowded.bootstrap);
    line('pull from an up-to-date cursor', alone.recentPull, crowded.recentPull, bigFigures.recentPull);
    line('push of 100 new rows', alone.push100, crowded.push100, bigFigures.push100);
    console.log('  target: every ratio ≤ 1.5×');
  } finally {
    await server.stop();
  }
}

for (const engine of engines) {
  if (engine === 'sqlite') await run('sqlite');
  else if (engine === 'postgres') await withPostgresDatabase((url) => run('postgres', url));
  else throw new Error(`BENCH_ENGINES: unknown engine ${engine}`);
}
