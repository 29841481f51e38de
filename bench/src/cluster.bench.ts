import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { newId } from '@roaauto/shared';
import { Http, pageEnd, percentile, vehicle } from './load-client';
import { startServer, withPostgresDatabase, type BenchServer } from './server-process';

/**
 * The built server on PostgreSQL as several processes behind a load balancer, against one process
 * behind the same balancer: BENCH_CLUSTER_PROCESSES (4) server processes, a round-robin proxy in front,
 * BENCH_CLIENTS devices (100) of BENCH_COMPANIES companies (10) for BENCH_LOAD_SECONDS (20) each pushing
 * new rows and pulling what the others pushed, while each keeps an event stream open for pokes. At the
 * end: every row pushed is on the server exactly once (none lost, none doubled), and every device's
 * stream told it the company's last version, whichever process served the write.
 */
const processes = Number(process.env.BENCH_CLUSTER_PROCESSES ?? 4);
const clients = Number(process.env.BENCH_CLIENTS ?? 100);
const companies = Number(process.env.BENCH_COMPANIES ?? 10);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 20);

type Operation = 'push' | 'pull';
type Sample = { op: Operation; ms: number };
type Company = { token: string; rows: Set<string> };
type Device = { company: Company; clientId: string; nextMutation: number; cursor: number; lastPoke: number; pokes: number };

/** A load balancer in a few lines: each new request goes to the next server, streams included. */
async function roundRobinProxy(targets: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length] as string);
    const upstream = http.request({
      host: target.hostname, port: target.port, method: req.method, path: req.url, agent,
      headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
    }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

/** Follows a device's event stream, noting the highest version poked, until `signal` aborts. */
async function listen(url: string, d: Device, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${url}/api/sync/events`, { headers: { authorization: `Bearer ${d.company.token}` }, signal });
  if (!res.ok || !res.body) throw new Error(`events answered ${res.status}`);
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const version = /^data: \{"version":(\d+)\}$/m.exec(event)?.[1];
        if (version !== undefined) {
          d.pokes++;
          d.lastPoke = Math.max(d.lastPoke, Number(version));
        }
      }
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  }
}

/** Every row of `table` in the company, from a fresh device's full download (count per id). */
async function download(client: Http, token: string): Promise<{ vehicles: Map<string, number>; version: number }> {
  const vehicles = new Map<string, number>();
  const clientId = randomUUID();
  let cursor = 0;
  for (;;) {
    const page = await client.json<{ changes: { table: string; rowId: string }[]; cursor: number; hasMore: boolean }>(
      'GET', `/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=5000`, token);
    for (const c of page.changes) if (c.table === 'vehicles') vehicles.set(c.rowId, (vehicles.get(c.rowId) ?? 0) + 1);
    cursor = page.cursor;
    if (!page.hasMore) return { vehicles, version: cursor };
  }
}

type Result = { label: string; samples: Sample[]; wallMs: number; pushed: number; lost: number; doubled: number; unpoked: number; behind: number; errors: string[] };

async function measure(label: string, servers: readonly BenchServer[]): Promise<Result> {
  const proxy = await roundRobinProxy(servers.map((s) => s.url));
  const client = new Http(proxy.url, clients + 10);
  const errors: string[] = [];
  try {
    const stamp = Date.now();
    const seeded: Company[] = [];
    for (let n = 0; n < companies; n++) {
      const reg = await client.json<{ accessToken: string }>('POST', '/api/auth/register', null, {
        email: `cluster-${n}-${stamp}@service${n}.ro`, password: 'Bench-Parola-2026', company: { name: `Service Cluster ${n} SRL` }, seedCatalog: false,
      });
      seeded.push({ token: reg.accessToken, rows: new Set() });
    }
    const devices: Device[] = Array.from({ length: clients }, (_, i) => ({
      company: seeded[i % seeded.length] as Company, clientId: randomUUID(), nextMutation: 1, cursor: 0, lastPoke: 0, pokes: 0,
    }));
    const stop = new AbortController();
    const streams = devices.map((d) => listen(proxy.url, d, stop.signal).catch((err: unknown) => {
      if (errors.length < 5) errors.push(`events: ${String(err)}`);
    }));

    const samples: Sample[] = [];
    const start = performance.now();
    const deadline = start + seconds * 1000;
    await Promise.all(devices.map(async (d) => {
      while (performance.now() < deadline) {
        const op: Operation = Math.random() < 0.4 ? 'push' : 'pull';
        const t0 = performance.now();
        try {
          if (op === 'push') {
            const count = 1 + Math.floor(Math.random() * 5);
            const mutations = Array.from({ length: count }, (_, k) => ({ id: d.nextMutation + k, table: 'vehicles', op: 'upsert', rowId: newId(), data: vehicle(d.nextMutation + k, null) }));
            const body = { clientId: d.clientId, schemaVersion: 1, mutations };
            // A push whose answer is lost is sent again as it was: the server applies it once.
            let res = await client.call('POST', '/api/sync/push', d.company.token, body);
            for (let retry = 0; res.status !== 200 && retry < 3; retry++) res = await client.call('POST', '/api/sync/push', d.company.token, body);
            if (res.status !== 200) throw new Error(`push answered ${res.status}: ${res.text.slice(0, 200)}`);
            const results = (JSON.parse(res.text) as { results: { status: string }[] }).results;
            if (results.some((r) => r.status !== 'applied')) throw new Error(`a pushed row was not applied: ${res.text.slice(0, 200)}`);
            d.nextMutation += count;
            for (const m of mutations) d.company.rows.add(m.rowId);
          } else {
            const res = await client.call('GET', `/api/sync/pull?clientId=${d.clientId}&cursor=${d.cursor}&limit=1000`, d.company.token, undefined, true);
            if (res.status !== 200) throw new Error(`pull answered ${res.status}`);
            d.cursor = pageEnd(res.text).cursor;
          }
          samples.push({ op, ms: performance.now() - t0 });
        } catch (err) {
          if (errors.length < 5) errors.push(`${op}: ${String(err)}`);
        }
      }
    }));
    const wallMs = performance.now() - start;

    // The last pokes are on their way (a NOTIFY to every process, then the streams): give them a moment.
    let lost = 0;
    let doubled = 0;
    let pushed = 0;
    const finals = new Map<Company, number>();
    for (const company of seeded) {
      const { vehicles, version } = await download(client, company.token);
      finals.set(company, version);
      pushed += company.rows.size;
      for (const id of company.rows) if (!vehicles.has(id)) lost++;
      for (const [id, n] of vehicles) if (n > 1 || !company.rows.has(id)) doubled++;
    }
    const settle = performance.now() + 5000;
    const behindNow = () => devices.filter((d) => d.lastPoke < (finals.get(d.company) ?? 0)).length;
    while (behindNow() > 0 && performance.now() < settle) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    await Promise.all(streams);
    return {
      label, samples, wallMs, pushed, lost, doubled,
      unpoked: devices.filter((d) => d.pokes < 2).length,
      behind: behindNow(),
      errors,
    };
  } finally {
    await client.pool.close();
    await proxy.close();
  }
}

function line(r: Result, op: Operation): string {
  const ms = r.samples.filter((s) => s.op === op).map((s) => s.ms).sort((x, y) => x - y);
  const rate = ms.length / (r.wallMs / 1000);
  return `${`${r.label}, ${op}`.padEnd(26)} ${String(ms.length).padStart(7)} req ${rate.toFixed(0).padStart(6)} req/s   p50 ${percentile(ms, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(ms, 99).toFixed(1).padStart(7)} ms`;
}

await withPostgresDatabase(async (databaseUrl) => {
  const env = { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  // The first process migrates the new database; the others start together and find it current.
  const first = await startServer(env);
  const rest = await Promise.all(Array.from({ length: processes - 1 }, () => startServer(env)));
  const results: Result[] = [];
  try {
    results.push(await measure('1 process', [first]));
    results.push(await measure(`${processes} processes`, [first, ...rest]));
  } finally {
    await Promise.all([first, ...rest].map((s) => s.stop()));
  }
  console.log(`\nPostgreSQL, ${clients} devices of ${companies} companies for ${seconds} s (40% pushes of 1–5 new rows, 60% cursor pulls),`);
  console.log(`each with an event stream open; a round-robin proxy in front; ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1) ?? '?'}`);
  for (const op of ['push', 'pull'] as const) for (const r of results) console.log(`  ${line(r, op)}`);
  let failed = false;
  for (const r of results) {
    const ok = r.lost === 0 && r.doubled === 0 && r.unpoked === 0 && r.behind === 0 && r.errors.length === 0;
    failed ||= !ok;
    console.log(`  ${r.label}: ${r.pushed} rows pushed, ${r.lost} lost, ${r.doubled} doubled or unknown; devices without a poke: ${r.unpoked}, `
      + `not poked up to their company's last version: ${r.behind} → ${ok ? 'OK' : 'FAILED'}${r.errors.map((e) => `\n    ${e}`).join('')}`);
  }
  if (failed) process.exitCode = 1;
});
