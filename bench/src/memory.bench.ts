import { randomUUID } from 'node:crypto';
import { newId } from '@roaauto/shared';
import { startServer, withPostgresDatabase, type BenchServer } from './server-process';
import { json } from './http';

/**
 * The server's memory (resident set of the real server process):
 * - per company that has been active and is now idle (each signed up, pushed and pulled once);
 * - per connected event stream (SSE), with the streams of one company held open;
 * - over a soak of pushes and pulls by several devices: sampled every 30 s, with the growth from the
 *   end of the first minute to the end (a leak grows steadily; a healthy process levels off).
 *
 * BENCH_MEMORY_COMPANIES (200; the figure is given per 1,000), BENCH_MEMORY_STREAMS (1000),
 * BENCH_SOAK_MINUTES (10; 0 skips the soak), BENCH_ENGINES (sqlite; postgres too with "sqlite,postgres").
 */
const companyCount = Number(process.env.BENCH_MEMORY_COMPANIES ?? 200);
const streamCount = Number(process.env.BENCH_MEMORY_STREAMS ?? 1000);
const soakMinutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const soakDevices = 20;
const engines = (process.env.BENCH_ENGINES ?? 'sqlite').split(',').map((e) => e.trim()).filter(Boolean);

type Device = { headers: Record<string, string>; clientId: string; mutation: number; cursor: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function register(server: BenchServer, n: number): Promise<Device> {
  const reg = await json<{ accessToken: string }>(await fetch(`${server.url}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `mem-${n}-${Date.now()}@roaauto.test`, password: 'Bench-Parola-2026', company: { name: `Memorie ${n} SRL` }, seedCatalog: false }),
  }));
  return { headers: { authorization: `Bearer ${reg.accessToken}`, 'content-type': 'application/json' }, clientId: randomUUID(), mutation: 0, cursor: 0 };
}

async function push(server: BenchServer, d: Device, count: number): Promise<void> {
  const mutations = Array.from({ length: count }, () => ({
    id: ++d.mutation, table: 'vehicles', op: 'upsert', rowId: newId(), data: { nr_inmatriculare: `CT ${d.mutation % 100} MEM`, client_nume: `Client ${d.mutation}` },
  }));
  await json(await fetch(`${server.url}/api/sync/push`, { method: 'POST', headers: d.headers, body: JSON.stringify({ clientId: d.clientId, schemaVersion: 1, mutations }) }));
}

async function pull(server: BenchServer, d: Device): Promise<void> {
  for (;;) {
    const page = await json<{ cursor: number; hasMore: boolean }>(await fetch(
      `${server.url}/api/sync/pull?clientId=${d.clientId}&cursor=${d.cursor}&limit=1000`, { headers: { ...d.headers, 'accept-encoding': 'gzip' } }));
    d.cursor = page.cursor;
    if (!page.hasMore) return;
  }
}

/** The server's resident memory once it has settled (a moment for its collector to run). */
async function settledRss(server: BenchServer): Promise<number> {
  await sleep(2000);
  return server.rssMb();
}

async function run(engine: 'sqlite' | 'postgres', databaseUrl?: string): Promise<void> {
  console.log(`\n=== ${engine === 'sqlite' ? 'SQLite (embedded)' : 'PostgreSQL'} ===`);
  const server = await startServer(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  try {
    const first = await register(server, 0);
    await push(server, first, 100);
    await pull(server, first);
    const start = await settledRss(server);
    console.log(`  server after start and one company's first sync: ${start.toFixed(0)} MB`);

    // Companies that each signed up, pushed and pulled once, then went quiet.
    const companyStart = performance.now();
    for (let n = 1; n <= companyCount; n++) {
      const d = await register(server, n);
      await push(server, d, 20);
      await pull(server, d);
    }
    const companiesRss = await settledRss(server);
    const perThousand = ((companiesRss - start) / companyCount) * 1000;
    console.log(`  ${companyCount} more companies, each active once, then idle: ${companiesRss.toFixed(0)} MB (+${(companiesRss - start).toFixed(1)} MB; ${perThousand.toFixed(1)} MB per 1,000; made in ${((performance.now() - companyStart) / 1000).toFixed(0)} s)`);

    // Event streams held open by one company's devices.
    const controllers: AbortController[] = [];
    const readers: Promise<void>[] = [];
    for (let i = 0; i < streamCount; i++) {
      const controller = new AbortController();
      controllers.push(controller);
      const res = await fetch(`${server.url}/api/sync/events`, { headers: first.headers, signal: controller.signal });
      if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
      const reader = res.body.getReader();
      readers.push((async () => {
        try {
          for (;;) if ((await reader.read()).done) return;
        } catch {
          // Aborted at the end.
        }
      })());
    }
    const streamsRss = await settledRss(server);
    console.log(`  ${streamCount} open event streams: ${streamsRss.toFixed(0)} MB (+${(streamsRss - companiesRss).toFixed(1)} MB; ${(((streamsRss - companiesRss) * 1024) / streamCount).toFixed(1)} kB per stream)`);
    // A change pokes every stream: the streams are alive, not just open sockets.
    const pokeStart = performance.now();
    await push(server, first, 1);
    console.log(`  a push poked ${streamCount} streams; the push answered in ${(performance.now() - pokeStart).toFixed(0)} ms`);
    for (const c of controllers) c.abort();
    await Promise.all(readers);
    const closedRss = await settledRss(server);
    console.log(`  streams closed: ${closedRss.toFixed(0)} MB`);

    if (soakMinutes > 0) {
      const devices = await Promise.all(Array.from({ length: soakDevices }, (_, n) => register(server, 10_000 + n)));
      const end = Date.now() + soakMinutes * 60_000;
      const samples: { minute: number; mb: number }[] = [];
      const t0 = Date.now();
      const sampler = setInterval(() => samples.push({ minute: (Date.now() - t0) / 60_000, mb: server.rssMb() }), 30_000);
      let operations = 0;
      await Promise.all(devices.map(async (d) => {
        while (Date.now() < end) {
          await push(server, d, 20);
          await pull(server, d);
          operations += 2;
          await sleep(250);
        }
      }));
      clearInterval(sampler);
      samples.push({ minute: (Date.now() - t0) / 60_000, mb: await settledRss(server) });
      const afterFirst = samples.find((s) => s.minute >= 1) ?? samples[0];
      const last = samples.at(-1);
      console.log(`\n  soak: ${soakDevices} devices pushing 20 rows and pulling, every 250 ms, for ${soakMinutes} min (${operations.toLocaleString('en-US')} requests)`);
      console.log(`  RSS every 30 s (MB): ${samples.map((s) => s.mb.toFixed(0)).join(' ')}`);
      if (afterFirst && last) console.log(`  from minute ${afterFirst.minute.toFixed(1)} to the end: ${(last.mb - afterFirst.mb >= 0 ? '+' : '')}${(last.mb - afterFirst.mb).toFixed(1)} MB`);
    }
  } finally {
    await server.stop();
  }
}

for (const engine of engines) {
  if (engine === 'sqlite') await run('sqlite');
  else if (engine === 'postgres') await withPostgresDatabase((url) => run('postgres', url));
  else throw new Error(`BENCH_ENGINES: unknown engine ${engine}`);
}
