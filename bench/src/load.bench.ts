import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPullLimit, lineTotal, newId, type LineAmounts } from '@roaauto/shared';
import { Http, client, pageEnd, percentile, pick, plate, surnames, vehicle } from './load-client';
import { startServer, withPostgresDatabase, type BenchServer } from './server-process';

/**
 * The built server under many devices at once, on SQLite and then on PostgreSQL: a few companies with a
 * workshop's data, then BENCH_CLIENTS devices (50) for BENCH_LOAD_SECONDS (20) each doing, back to back,
 * cursor pulls (up to date, or with the few changes the company's other devices pushed), small pushes
 * (1–5 mutations) and full pages of a bootstrap (the engine's page, 1000 changes, gzip), as the sync engine does. The
 * baseline, measured in the same run on the same server: GET /api/health at the same concurrency.
 * BENCH_PROFILE=1 writes a CPU profile of the server during the load and prints where its time went.
 */
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const baselineSeconds = Number(process.env.BENCH_BASELINE_SECONDS ?? 5);
const companies = Number(process.env.BENCH_COMPANIES ?? 5);
const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim()).filter(Boolean);
const profile = process.env.BENCH_PROFILE === '1';
/** The page size devices ask for (the sync engine's default), BENCH_PAGE_LIMIT to try another. */
const pageLimit = Number(process.env.BENCH_PAGE_LIMIT ?? defaultPullLimit);
/** A small shop's books: clients, vehicles, orders with lines. */
const perCompany = { clients: 400, vehicles: 1200, orders: 800, linesPerOrder: 3 };
/**
 * The mix, by weight: mostly "anything new?", a third writes, and some devices bootstrapping.
 * BENCH_MIX=cursorPull=100 (or push=…, pagePull=…) isolates one operation to price it.
 */
const mix = { cursorPull: 55, push: 30, pagePull: 15 };
type Operation = keyof typeof mix;
if (process.env.BENCH_MIX) {
  const given = Object.fromEntries(process.env.BENCH_MIX.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k?.trim(), Number(v)]));
  for (const op of Object.keys(mix) as Operation[]) mix[op] = given[op] ?? 0;
}

type Company = { token: string; vehicles: string[]; orders: string[]; cursor: number };
type Device = { company: Company; clientId: string; nextMutation: number; cursor: number; bootstrapCursor: number };
type Sample = { op: Operation | 'health'; ms: number; ok: boolean };

const amounts: LineAmounts = { tip: 'manopera', ore: '1.5', pret_ora: 15000, cantitate: null, pret_unitar: null };

/** CPU seconds (user + system) the process has used: /proc/<pid>/stat fields 14 and 15, in clock ticks. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Registers a company and pushes its books through sync, as a device that was used offline would. */
async function seedCompany(http: Http, n: number): Promise<Company> {
  const reg = await http.json<{ accessToken: string }>('POST', '/api/auth/register', null, {
    email: `load-${n}-${Date.now()}@service${n}.ro`, password: 'Bench-Parola-2026', company: { name: `Service Auto ${n} SRL` }, seedCatalog: true,
  });
  const clientIds = Array.from({ length: perCompany.clients }, () => newId());
  const vehicles = Array.from({ length: perCompany.vehicles }, () => newId());
  const orders = Array.from({ length: perCompany.orders }, () => newId());
  const mutations: { table: string; op: 'upsert'; rowId: string; data: Record<string, unknown> }[] = [];
  clientIds.forEach((id, i) => mutations.push({ table: 'clients', op: 'upsert', rowId: id, data: client(i) }));
  vehicles.forEach((id, i) => mutations.push({ table: 'vehicles', op: 'upsert', rowId: id, data: vehicle(i, clientIds[i % clientIds.length] ?? null) }));
  orders.forEach((id, i) => {
    const total = lineTotal(amounts) * perCompany.linesPerOrder;
    mutations.push({
      table: 'orders', op: 'upsert', rowId: id, data: {
        data_comanda: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, status: 'DRAFT',
        vehicle_id: vehicles[i % vehicles.length] ?? null, nr_auto: plate(i), client_nume: `${pick(surnames)} ${i}`,
        total_manopera: total, total_materiale: 0, total_general: total, observatii: 'Revizie anuală, verificare frâne',
      },
    });
    for (let l = 0; l < perCompany.linesPerOrder; l++) {
      mutations.push({ table: 'order_lines', op: 'upsert', rowId: newId(), data: { order_id: id, descriere: `Operațiune ${l + 1}`, ordine: l, total: lineTotal(amounts), ...amounts } });
    }
  });
  const clientId = randomUUID();
  for (let i = 0; i < mutations.length; i += 500) {
    const batch = mutations.slice(i, i + 500).map((m, k) => ({ id: i + k + 1, ...m }));
    const res = await http.json<{ results: { status: string; message?: string }[] }>('POST', '/api/sync/push', reg.accessToken, { clientId, schemaVersion: 1, mutations: batch });
    const refused = res.results.find((r) => r.status !== 'applied');
    if (refused) throw new Error(`seeding: a row was refused: ${refused.message ?? refused.status}`);
  }
  let cursor = 0;
  for (;;) {
    const page = await http.call('GET', `/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=5000`, reg.accessToken, undefined, true);
    if (page.status !== 200) throw new Error(`seeding: pull answered ${page.status}`);
    const end = pageEnd(page.text);
    cursor = end.cursor;
    if (!end.hasMore) break;
  }
  return { token: reg.accessToken, vehicles, orders, cursor };
}

function smallPush(d: Device): { clientId: string; schemaVersion: number; mutations: object[] } {
  const count = 1 + Math.floor(Math.random() * 5);
  const mutations = Array.from({ length: count }, (_, k) => {
    const id = d.nextMutation + k;
    const kind = Math.random();
    if (kind < 0.35) return { id, table: 'vehicles', op: 'upsert', rowId: newId(), data: vehicle(id, null) };
    if (kind < 0.65) return { id, table: 'vehicles', op: 'upsert', rowId: pick(d.company.vehicles), data: { client_telefon: `07${String(id % 1e8).padStart(8, '0')}` } };
    if (kind < 0.85) return { id, table: 'orders', op: 'upsert', rowId: pick(d.company.orders), data: { observatii: `Sunat clientul (${id})`, km_intrare: 100_000 + id } };
    return { id, table: 'clients', op: 'upsert', rowId: newId(), data: client(id) };
  });
  d.nextMutation += count;
  return { clientId: d.clientId, schemaVersion: 1, mutations };
}

async function operate(http: Http, d: Device, op: Operation): Promise<boolean> {
  const token = d.company.token;
  if (op === 'push') {
    const res = await http.call('POST', '/api/sync/push', token, smallPush(d));
    return res.status === 200;
  }
  const bootstrap = op === 'pagePull';
  const cursor = bootstrap ? d.bootstrapCursor : d.cursor;
  const res = await http.call('GET', `/api/sync/pull?clientId=${d.clientId}&cursor=${cursor}&limit=${pageLimit}`, token, undefined, true);
  if (res.status !== 200) return false;
  const end = pageEnd(res.text);
  if (bootstrap) d.bootstrapCursor = end.hasMore ? end.cursor : 0;
  else d.cursor = end.cursor;
  return true;
}

function chooseOperation(): Operation {
  const total = mix.cursorPull + mix.push + mix.pagePull;
  const r = Math.random() * total;
  return r < mix.cursorPull ? 'cursorPull' : r < mix.cursorPull + mix.push ? 'push' : 'pagePull';
}

/** The first few failures, to print beside the count. */
const failures: string[] = [];

async function timed(op: Sample['op'], fn: () => Promise<boolean>): Promise<Sample> {
  const t0 = performance.now();
  let ok = false;
  try {
    ok = await fn();
    if (!ok && failures.length < 5) failures.push(`${op}: answered with an error status`);
  } catch (err) {
    if (failures.length < 5) failures.push(`${op}: ${String(err)}`);
  }
  return { op, ms: performance.now() - t0, ok };
}

/** `clients` loops back to back until the deadline; samples begun before `countFrom` are the warm-up. */
async function drive(run: (worker: number) => Promise<Sample>, ms: number, countFrom: number): Promise<{ samples: Sample[]; wallMs: number; total: number }> {
  const samples: Sample[] = [];
  let total = 0;
  const start = performance.now();
  const deadline = start + ms;
  await Promise.all(Array.from({ length: clients }, async (_, worker) => {
    while (performance.now() < deadline) {
      const began = performance.now();
      const sample = await run(worker);
      total++;
      if (began - start >= countFrom) samples.push(sample);
    }
  }));
  return { samples, wallMs: performance.now() - start - countFrom, total };
}

function summary(label: string, samples: Sample[], wallMs: number, base?: number): string {
  const ms = samples.map((s) => s.ms).sort((x, y) => x - y);
  const rate = samples.length / (wallMs / 1000);
  const vs = base ? `  (${(rate / base).toFixed(2)}× the baseline's rate)` : '';
  return `  ${label.padEnd(34)} ${String(samples.length).padStart(6)} req ${rate.toFixed(0).padStart(6)} req/s   p50 ${percentile(ms, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(ms, 99).toFixed(1).padStart(7)} ms   max ${(ms.at(-1) ?? 0).toFixed(0).padStart(5)} ms${vs}`;
}

type CpuProfile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };

/** Self time per function and per package or file of a V8 CPU profile. */
function printProfile(file: string): void {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    if (!frame) return;
    const where = frame.url.replace(/^file:\/\//, '');
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ?? (where ? path.basename(where) : frame.functionName || '(native)');
    const key = `${frame.functionName || '(anonymous)'}  ${where ? `${pkg}:${frame.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    byPlace.set(pkg, (byPlace.get(pkg) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) => [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, n)
    .map(([k, us]) => `    ${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`).join('\n');
  console.log(`\n  Server CPU profile (${(total / 1e6).toFixed(1)} s sampled, ${file})\n  by function (self time):\n${top(self, 25)}\n  by package or file:\n${top(byPlace, 15)}`);
}

async function runEngine(engine: string): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-load-'));
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-load-prof-'));
  const run = async (databaseUrl: string | null) => {
    const env: Record<string, string> = { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    // Seeded by one server process, measured on a fresh one: its memory and profile are the load's alone.
    let server: BenchServer = await startServer(env);
    let http = new Http(server.url, clients + 5);
    const seedStart = performance.now();
    const seeded: Company[] = [];
    for (let n = 0; n < companies; n++) seeded.push(await seedCompany(http, n));
    const rows = companies * (perCompany.clients + perCompany.vehicles + perCompany.orders * (1 + perCompany.linesPerOrder));
    console.log(`\n${engine}: ${companies} companies, ${rows.toLocaleString('en-US')} rows pushed (plus each one's starter catalog) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    await http.pool.close();
    await server.stop();

    const before = process.env.BENCH_NODE_ARGS;
    if (profile) process.env.BENCH_NODE_ARGS = `${before ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`.trim();
    server = await startServer(env);
    if (profile) process.env.BENCH_NODE_ARGS = before ?? '';
    http = new Http(server.url, clients + 5);
    try {
      const rssStart = server.rssMb();
      const health = await drive(() => timed('health', async () => (await http.call('GET', '/api/health', null)).status === 200), baselineSeconds * 1000, 1000);
      const healthRate = health.samples.length / (health.wallMs / 1000);

      const devices: Device[] = Array.from({ length: clients }, (_, i) => {
        const company = seeded[i % seeded.length] as Company;
        return { company, clientId: randomUUID(), nextMutation: 1, cursor: company.cursor, bootstrapCursor: 0 };
      });
      const rssBefore = server.rssMb();
      const serverCpuBefore = cpuSeconds(server.pid);
      const benchCpuBefore = process.cpuUsage();
      let rssPeak = rssBefore;
      const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, server.rssMb()); }, 500);
      const load = await drive(async (worker) => {
        const d = devices[worker] as Device;
        const op = chooseOperation();
        return timed(op, () => operate(http, d, op));
      }, (warmupSeconds + seconds) * 1000, warmupSeconds * 1000);
      clearInterval(sampler);
      const rssAfter = server.rssMb();
      // Warm-up included, requests and CPU alike.
      const serverCpu = cpuSeconds(server.pid) - serverCpuBefore;
      const benchCpu = process.cpuUsage(benchCpuBefore);
      const loadSeconds = warmupSeconds + seconds;

      const errors = load.samples.filter((s) => !s.ok).length + health.samples.filter((s) => !s.ok).length;
      console.log(`${clients} clients, ${seconds} s after a ${warmupSeconds} s warm-up (mix: ${mix.cursorPull}% cursor pulls, ${mix.push}% pushes of 1–5 mutations, ${mix.pagePull}% bootstrap pages of ${pageLimit})`);
      console.log(summary('GET /api/health (baseline)', health.samples, health.wallMs));
      console.log(summary('all sync requests', load.samples, load.wallMs, healthRate));
      for (const op of (['cursorPull', 'push', 'pagePull'] as const).filter((o) => mix[o] > 0)) {
        const label = { cursorPull: 'cursor pull (up to date or few)', push: 'push (1–5 mutations)', pagePull: `bootstrap page pull (${pageLimit})` }[op];
        console.log(summary(label, load.samples.filter((s) => s.op === op), load.wallMs));
      }
      const p99 = (op: Operation) => percentile(load.samples.filter((s) => s.op === op).map((s) => s.ms).sort((x, y) => x - y), 99);
      console.log(`  errors: ${errors}${failures.splice(0).map((e) => `\n    ${e}`).join('')}`);
      console.log(`  target p99 < 250 ms for pushes and cursor pulls: push ${p99('push').toFixed(0)} ms, cursor pull ${p99('cursorPull').toFixed(0)} ms → ${p99('push') < 250 && p99('cursorPull') < 250 && errors === 0 ? 'met' : 'NOT met'}`);
      console.log(`  server CPU: ${serverCpu.toFixed(1)} s in ${loadSeconds} s (${((serverCpu / loadSeconds) * 100).toFixed(0)}% of one core), ~${((serverCpu * 1000) / load.total).toFixed(1)} ms per request; this load generator: ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s on the same ${os.cpus().length} cores; load average ${os.loadavg()[0]?.toFixed(1) ?? '?'}`);
      console.log(`  server RSS: ${rssStart.toFixed(0)} MB at start, ${rssBefore.toFixed(0)} MB before the load, ${rssPeak.toFixed(0)} MB at peak, ${rssAfter.toFixed(0)} MB after`);
    } finally {
      await http.pool.close();
      await server.stop();
    }
    if (profile) {
      const file = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(profileDir, f)).at(-1);
      if (file) printProfile(file);
      else console.log('  (no CPU profile was written)');
    }
  };
  try {
    if (engine === 'postgres') await withPostgresDatabase(run);
    else await run(null);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!profile) fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

for (const engine of engines) await runEngine(engine);
