import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { request } from 'undici';
import { lineTotal, newId, orderTotals, type LineAmounts } from '@roaauto/shared';
import { startServer } from './server-process';
import { json } from './http';

/**
 * The client portal's page for an order of 50 lines, as a customer's phone gets it: its weight in
 * bytes (plain and gzip) and the time to its first byte, against the server's health check (the
 * cheapest answer it gives) measured in the same run, with 50 photos on the order (the page links
 * them; their files are fetched by the phone as it scrolls, not part of the page's weight).
 */
const runs = Number(process.env.BENCH_RUNS ?? 30);
const lineCount = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Time to the first byte of the body and the body's size, over a fresh connection each time. */
async function fetchTimed(url: string, gzip: boolean): Promise<{ ttfb: number; bytes: number; status: number }> {
  const start = performance.now();
  const res = await request(url, { headers: { accept: 'text/html', ...(gzip ? { 'accept-encoding': 'gzip' } : {}) }, reset: true });
  let ttfb = 0;
  let bytes = 0;
  for await (const chunk of res.body) {
    if (!ttfb) ttfb = performance.now() - start;
    bytes += (chunk as Buffer).length;
  }
  return { ttfb: ttfb || performance.now() - start, bytes, status: res.statusCode };
}

/**
 * The order's photos: 50, every other one of a line, each a 180 KB JPEG (a phone photo as the device
 * resizes it), their rows pushed like a device's and their files uploaded. Returns how many the server has.
 */
async function photos(server: { url: string; headers: Record<string, string> }, orderId: string, lineIds: string[]): Promise<number> {
  const count = 50;
  const bytes = 180_000;
  const file = Buffer.alloc(bytes, 0x55);
  file.set([0xff, 0xd8, 0xff, 0xe0]);
  file.set([0xff, 0xd9], bytes - 2);
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    data: {
      order_id: orderId, line_id: i % 2 ? (lineIds[i] ?? null) : null, reception_id: null, reception_side: null,
      caption: i % 2 ? null : `Fotografie ${i + 1}: uzură plăcuțe`, content_type: 'image/jpeg', width: 1600, height: 1200, bytes, uploaded: 0,
    },
  }));
  const mutations = rows.map((r, i) => ({ id: i + 1, op: 'upsert', table: 'order_photos', rowId: r.id, data: r.data }));
  const pushed = await json<{ lastMutationId: number; rejected?: unknown[] }>(await fetch(`${server.url}/api/sync/push`, {
    method: 'POST', headers: server.headers, body: JSON.stringify({ clientId: randomUUID(), schemaVersion: 1, mutations }),
  }));
  if (pushed.lastMutationId !== mutations.length || pushed.rejected?.length) throw new Error(`photo rows refused: ${JSON.stringify(pushed)}`);
  for (const r of rows) {
    const res = await fetch(`${server.url}/api/workshop/photos/${r.id}`, { method: 'PUT', headers: { ...server.headers, 'content-type': 'image/jpeg' }, body: file });
    if (!res.ok) throw new Error(`photo upload answered ${res.status} ${await res.text()}`);
  }
  return count;
}

const server = await startServer();
try {
  const reg = await json<{ accessToken: string }>(await fetch(`${server.url}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${Date.now()}@roaauto.test`, password: 'Bench-Parola-2026', company: { name: 'Service Auto Bench SRL' }, seedCatalog: false }),
  }));
  const headers = { authorization: `Bearer ${reg.accessToken}`, 'content-type': 'application/json' };
  const orderId = newId();
  const lines = Array.from({ length: lineCount }, (_, i) => {
    const amounts: LineAmounts = i % 2
      ? { tip: 'material', ore: null, pret_ora: null, cantitate: String(1 + (i % 4)), pret_unitar: 4_590 + i * 100 }
      : { tip: 'manopera', ore: '1.5', pret_ora: 15_000, cantitate: null, pret_unitar: null };
    return { id: newId(), order_id: orderId, descriere: `${amounts.tip === 'manopera' ? 'Manoperă' : 'Piesă'} ${i + 1}: înlocuire componentă sistem frânare`, um: amounts.tip === 'material' ? 'buc' : null, ordine: i, total: lineTotal(amounts), ...amounts };
  });
  const token = randomBytes(32).toString('base64url');
  const order = {
    data_comanda: new Date().toISOString().slice(0, 10), status: 'DRAFT', nr_auto: 'CT 10 ABC', client_nume: 'Ion Ionescu', marca_denumire: 'Dacia', model_denumire: 'Logan',
    km_intrare: 123_456, ...orderTotals(lines),
  };
  const mutations = [
    { table: 'orders', rowId: orderId, data: order },
    ...lines.map(({ id, ...data }) => ({ table: 'order_lines', rowId: id, data })),
    { table: 'portal_links', rowId: newId(), data: { order_id: orderId, token_hash: createHash('sha256').update(token).digest('hex'), expira_la: new Date(Date.now() + 30 * 86_400_000).toISOString(), revocat_la: null } },
  ].map((m, i) => ({ id: i + 1, op: 'upsert', ...m }));
  const pushed = await json<{ lastMutationId: number; rejected?: unknown[] }>(await fetch(`${server.url}/api/sync/push`, {
    method: 'POST', headers, body: JSON.stringify({ clientId: randomUUID(), schemaVersion: 1, mutations }),
  }));
  if (pushed.lastMutationId !== mutations.length || pushed.rejected?.length) throw new Error(`push refused: ${JSON.stringify(pushed)}`);
  const photoCount = await photos({ url: server.url, headers }, orderId, lines.map((l) => l.id));

  const page = `${server.url}/p/${token}`;
  const first = await fetchTimed(page, false);
  if (first.status !== 200) throw new Error(`the portal page answered ${first.status}`);
  const gz = await fetchTimed(page, true);
  const health: number[] = [];
  const portal: number[] = [];
  for (let i = 0; i < runs; i++) {
    health.push((await fetchTimed(`${server.url}/api/health`, false)).ttfb);
    portal.push((await fetchTimed(page, true)).ttfb);
  }
  const base = median(health);
  console.log(`\nClient portal page: an order of ${lineCount} lines, ${photoCount} photos (${runs} runs, a new connection each)`);
  console.log(`${'case'.padEnd(36)} ${'bytes'.padStart(8)} ${'TTFB ms'.padStart(9)} ${'vs baseline'.padStart(12)}`);
  console.log(`${'baseline: GET /api/health'.padEnd(36)} ${''.padStart(8)} ${base.toFixed(2).padStart(9)} ${'1.00×'.padStart(12)}`);
  console.log(`${'GET /p/:token (first, cold)'.padEnd(36)} ${String(first.bytes).padStart(8)} ${first.ttfb.toFixed(2).padStart(9)} ${`${(first.ttfb / base).toFixed(2)}×`.padStart(12)}`);
  console.log(`${'GET /p/:token (gzip, median)'.padEnd(36)} ${String(gz.bytes).padStart(8)} ${median(portal).toFixed(2).padStart(9)} ${`${(median(portal) / base).toFixed(2)}×`.padStart(12)}`);
  console.log(`page weight: ${first.bytes} bytes plain, ${gz.bytes} bytes gzip (budget 51200)`);
} finally {
  await server.stop();
}
