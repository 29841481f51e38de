import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { lineTotal, localTableDdl, newId, orderTotals, syncTables, type LineAmounts, type PullResponse } from '@roaauto/shared';
import { bundleForBrowser, js, launchChromium, serveBench } from './browser/harness';
import { startServer } from './server-process';
import { json } from './http';

/**
 * A new device signing in to a shop with five years of history (BENCH_ROWS, 100,000 by default: customers,
 * vehicles, orders and their lines), in headless Chromium against the real server. Printed: the time from
 * the sign-in click to a usable app (home page with its figures, then the order list's first rows, while the
 * rest still downloads), to every row in OPFS, the progress bar's values on the way, and, measured in the
 * same run, the two parts of the work on their own: the server's pages read over HTTP in Node (no browser),
 * and the engine's raw insert of the same rows (wa-sqlite over OPFS in a worker, JSON arrays, one
 * transaction, indexes built after). Needs `npm run build` first. Target (issue 25): under 5 s.
 */
const total = Number(process.env.BENCH_ROWS ?? 100_000);
const orderCount = Math.round(total * 0.145);
const linesPerOrder = 5;
const vehicleCount = Math.round(total * 0.075);
const clientCount = total - orderCount * (1 + linesPerOrder) - vehicleCount;

/** Five years of days, oldest first (the order of the shop's history). */
const day = (i: number, n: number) => new Date(Date.UTC(2021, 11, 1) + Math.floor((i / n) * 1826) * 86_400_000).toISOString().slice(0, 10);

async function seed(url: string, email: string, password: string): Promise<string> {
  const reg = await json<{ accessToken: string }>(await fetch(`${url}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, company: { name: 'Bench Istoric SRL' } }),
  }));
  const clientId = randomUUID();
  let id = 0;
  const mutations: object[] = [];
  const flush = async () => {
    while (mutations.length) {
      const answer = await json<{ results: { status: string; code?: string; message?: string }[] }>(await fetch(`${url}/api/sync/push`, {
        method: 'POST', headers: { authorization: `Bearer ${reg.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, schemaVersion: 1, mutations: mutations.splice(0, 500) }),
      }));
      const refused = answer.results.find((r) => r.status === 'rejected');
      if (refused) throw new Error(`seed refused: ${refused.code ?? ''} ${refused.message ?? ''}`);
    }
  };
  const upsert = (table: string, rowId: string, data: object) => mutations.push({ id: ++id, table, op: 'upsert', rowId, data });
  const clients = Array.from({ length: clientCount }, (_, i) => {
    const c = { id: newId(), nume: `Client ${i} Ștefănescu`, telefon: `07${String(i).padStart(8, '0')}` };
    upsert('clients', c.id, { tip: 'pf', nume: c.nume, telefon: c.telefon });
    return c;
  });
  const vehicles = Array.from({ length: vehicleCount }, (_, i) => {
    const c = clients[i % clients.length];
    const v = { id: newId(), nr: `CT ${String(i).padStart(5, '0')} RBX`, client: c };
    upsert('vehicles', v.id, { nr_inmatriculare: v.nr, client_id: c?.id ?? null, client_nume: c?.nume ?? null, client_telefon: c?.telefon ?? null, marca: 'Dacia', model: 'Logan' });
    return v;
  });
  await flush();
  for (let i = 0; i < orderCount; i++) {
    const v = vehicles[i % vehicles.length];
    if (!v) throw new Error('no vehicles');
    const orderId = newId();
    const lines: (LineAmounts & { total: number; descriere: string; ordine: number })[] = [];
    for (let k = 0; k < linesPerOrder; k++) {
      const amounts: LineAmounts = k < 2
        ? { tip: 'manopera', ore: k ? '0.5' : '1.25', pret_ora: 15000, cantitate: null, pret_unitar: null }
        : { tip: 'material', ore: null, pret_ora: null, cantitate: String(k - 1), pret_unitar: 2999 + k };
      lines.push({ ...amounts, total: lineTotal(amounts), descriere: k < 2 ? 'Manoperă service' : `Piesă ${k}`, ordine: k });
    }
    upsert('orders', orderId, {
      nr_comanda: i + 1, data_comanda: day(i, orderCount), vehicle_id: v.id, client_id: v.client?.id ?? null, status: 'DRAFT',
      km_intrare: 10_000 + i, nr_auto: v.nr, client_nume: v.client?.nume ?? null, client_telefon: v.client?.telefon ?? null, ...orderTotals(lines),
    });
    for (const l of lines) upsert('order_lines', newId(), { ...l, order_id: orderId, um: l.tip === 'material' ? 'buc' : null });
    // The history is validated work; the last orders are still open.
    if (i < orderCount - 200) upsert('orders', orderId, { status: 'VALIDAT' });
    if (mutations.length >= 5000) await flush();
  }
  await flush();
  return reg.accessToken;
}

/** Every page of a first download, read over HTTP as a device would (gzip), parsed in Node. */
async function pullAll(url: string, token: string): Promise<{ changes: PullResponse['changes']; ms: number; pages: number; bytes: number }> {
  const clientId = randomUUID();
  const changes: PullResponse['changes'] = [];
  let cursor = 0;
  let pages = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (;;) {
    const res = await fetch(`${url}/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } });
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    // (fetch inflates the gzip answer on its own.)
    const text = await res.text();
    bytes += text.length;
    const page = JSON.parse(text) as PullResponse;
    for (const c of page.changes) changes.push(c);
    pages++;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { changes, ms: performance.now() - t0, pages, bytes };
}

/** The same rows as the app stores them (its local columns, the search text made as the app makes it), as insert batches. */
function insertBatches(changes: PullResponse['changes']): { sql: string; rows: (string | number | null)[][] }[] {
  const byTable = new Map<string, (string | number | null)[][]>();
  for (const c of changes) {
    const def = syncTables.find((t) => t.name === c.table);
    if (!def || c.op !== 'upsert') continue;
    const row = { ...c.data, id: c.rowId } as Record<string, unknown>;
    const cols = ['id', 'created_at', 'updated_at', ...Object.keys(def.columns)];
    const values = cols.map((k) => (row[k] ?? null) as string | number | null);
    values.push(c.version);
    if (def.search) values.push(def.search(row as never));
    (byTable.get(def.name) ?? byTable.set(def.name, []).get(def.name))?.push(values);
  }
  return [...byTable].map(([name, rows]) => {
    const def = syncTables.find((t) => t.name === name);
    const cols = ['id', 'created_at', 'updated_at', ...Object.keys(def?.columns ?? {}), '_version', ...(def?.search ? ['_search'] : [])];
    return { sql: `INSERT INTO "${name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, rows };
  });
}

const require = createRequire(import.meta.url);

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launchChromium();
  let baseline: { close: () => void } | null = null;
  try {
    const email = `boot-${Date.now()}@roaauto.test`;
    const password = 'Bench-Parola-2026';
    const s0 = performance.now();
    const token = await seed(server.url, email, password);
    const seedMs = performance.now() - s0;

    // The server's side alone: every page read over HTTP and parsed, in Node.
    const pulled = await pullAll(server.url, token);

    // The engine's side alone: the same rows inserted raw into the app's tables in a worker over OPFS.
    const wasm = await readFile(require.resolve('@journeyapps/wa-sqlite/dist/wa-sqlite.wasm'));
    const served = await serveBench({
      '/runner.js': js(await bundleForBrowser('browser/sql-runner.worker.ts')),
      '/wa-sqlite.wasm': { type: 'application/wasm', body: wasm },
      '/data.json': { type: 'application/json', body: JSON.stringify(insertBatches(pulled.changes)) },
    });
    baseline = served;
    const raw = await browser.newPage();
    await raw.goto(served.url);
    const engine = await raw.evaluate((ddl) => new Promise<{ ok: boolean; rows?: number; insertMs?: number; error?: string }>((resolve) => {
      const worker = new Worker('/runner.js', { type: 'module' });
      worker.onmessage = (e: MessageEvent<{ ok: boolean; rows?: number; insertMs?: number; error?: string }>) => resolve(e.data);
      worker.postMessage({ id: 1, type: 'load', ddl, dataUrl: '/data.json' });
    }), syncTables.flatMap((t) => localTableDdl(t)));
    if (!engine.ok) throw new Error(`baseline: ${engine.error}`);
    await raw.close();

    // The app: sign in on a new device.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(`${server.url}/account/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    // The progress shown: the sign-in page's bar (rows so far, share of the history), then the bar under the app's header.
    const samples: string[] = [];
    const sampler = setInterval(() => {
      void page.evaluate(() => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid="download-progress"]');
        if (bar) return bar.hasAttribute('value') ? `bar ${Math.round((bar.value / bar.max) * 100)}%` : 'bar (no value yet)';
        const shell = document.querySelector<HTMLProgressElement>('[data-testid="history-progress"]');
        return shell ? `shell ${Math.round((shell.value / shell.max) * 100)}%` : null;
      }).then((v) => v && samples.push(v), () => undefined);
    }, 200);
    // Each pull as the browser sees it: asked at, answered (body read) at; what lies between two pulls is the
    // device's own work on a page (parse, rows, local transaction), unless the next was asked for ahead.
    const pulls: { start: number; end: number }[] = [];
    const asked = new Map<object, number>();
    page.on('request', (r) => {
      if (r.url().includes('/api/sync/pull')) asked.set(r, performance.now());
    });
    page.on('requestfinished', (r) => {
      const start = asked.get(r);
      if (start !== undefined) pulls.push({ start, end: performance.now() });
    });
    const t0 = performance.now();
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname === '/', { timeout: 300_000 });
    await page.getByTestId('count-vehicles').waitFor({ timeout: 300_000 });
    const homeMs = performance.now() - t0;
    const homeText = await page.getByTestId('sync-status').innerText();
    await page.getByRole('link', { name: /^Comenzi$|^Orders$/ }).first().click();
    await page.getByTestId('order-row').first().waitFor({ timeout: 300_000 });
    const listMs = performance.now() - t0;
    const listRows = await page.getByTestId('order-row').count();
    await page.getByTestId('sync-status').filter({ hasText: /Sincronizat|Synced/ }).waitFor({ timeout: 600_000 });
    const fullMs = performance.now() - t0;
    clearInterval(sampler);
    const local = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      let bytes = 0;
      for await (const handle of (root as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
        if (handle.kind === 'file') bytes += (await (handle as FileSystemFileHandle).getFile()).size;
      }
      return bytes;
    });
    const distinct = [...new Set(samples)];
    pulls.sort((a, b) => a.start - b.start);
    const netMs = pulls.reduce((sum, p) => sum + p.end - p.start, 0);
    // Time with no pull in flight, from the first pull asked to the end: the device working alone.
    let idleMs = 0;
    let reach = pulls[0]?.start ?? t0;
    for (const p of pulls) {
      if (p.start > reach) idleMs += p.start - reach;
      reach = Math.max(reach, p.end);
    }
    idleMs += Math.max(0, t0 + fullMs - reach);

    const n = pulled.changes.length;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`\nSign-in on a new device, headless Chromium (390×844): ${n.toLocaleString('en-US')} rows (${clientCount.toLocaleString('en-US')} customers, ${vehicleCount.toLocaleString('en-US')} vehicles, ${orderCount.toLocaleString('en-US')} orders, ${(orderCount * linesPerOrder).toLocaleString('en-US')} lines, the starter catalog)`);
    console.log(`  seeding through the sync API: ${s(seedMs)}`);
    console.log(`  baseline, server side: ${pulled.pages} pages of 5,000 read over HTTP (gzip; ${(pulled.bytes / 1e6).toFixed(1)} MB of JSON) and parsed in Node: ${s(pulled.ms)}`);
    console.log(`  baseline, engine side: raw insert of the same ${(engine.rows ?? 0).toLocaleString('en-US')} rows (wa-sqlite, OPFS, worker, one transaction, indexes after): ${s(engine.insertMs ?? 0)}`);
    console.log(`  usable: sign-in click → home with its figures ${s(homeMs)} (sync badge then: "${homeText}"), → order list's first rows ${s(listMs)} (${listRows} rows shown)`);
    console.log(`  full: sign-in click → every row in OPFS (synced) ${s(fullMs)}, ${Math.round(n / (fullMs / 1000)).toLocaleString('en-US')} rows/s; ${(fullMs / ((engine.insertMs ?? 1) + pulled.ms)).toFixed(2)}× server + engine baselines; database file ${(local / 1e6).toFixed(0)} MB`);
    console.log(`  in the browser: ${pulls.length} pulls, first asked ${s((pulls[0]?.start ?? t0) - t0)} after the click (sign-in, database open); pulls in flight ${s(netMs)} in all; no pull in flight (the device writing alone) ${s(idleMs)}`);
    console.log(`  progress sampled every 200 ms: ${samples.length} samples, ${distinct.length} different values (${distinct.slice(0, 10).join(', ')}${distinct.length > 10 ? ', …' : ''})`);
    const ok = listMs < 5000;
    console.log(`${ok ? 'OK  ' : 'SLOW'} usable (home and order list) < 5 s; ${fullMs < 5000 ? 'OK  ' : 'SLOW'} every row < 5 s`);
    await context.close();
  } finally {
    baseline?.close();
    await browser.close();
    await server.stop();
  }
}

await main();
