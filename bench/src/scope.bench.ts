import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '@roaauto/shared';
import { startServer, withPostgresDatabase } from './server-process';

/**
 * What reads scoped by role cost, against the real server process on each engine: two companies with
 * the same orders and lines, one with only its owner (the baseline) and one with three mechanics among
 * whom the orders are shared. Printed: the latency of an owner's one-change push on an order (what
 * every autosave sends, and what makes the server work out the mechanics' rows again), and a
 * mechanic's pulls (bootstrap and up to date) beside the owner's.
 */
const orders = Number(process.env.BENCH_ORDERS ?? 5_000);
const linesPerOrder = 4;
const pushes = Number(process.env.BENCH_PUSHES ?? 200);
const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim()).filter(Boolean);
const superAdmin = { email: 'bench-admin@roaauto.test', password: 'Operator-Parola-2026' };

type Session = { accessToken: string; user: { id: string }; tenant?: { id: string } };

async function call<T>(url: string, method: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

async function company(base: string, admin: Session, mechanics: number) {
  const owner = await call<Session>(`${base}/api/auth/register`, 'POST', {
    email: `owner-${randomUUID()}@bench.ro`, password: 'Garaj-Constanta-7', company: { name: 'Bench Service SRL' }, seedCatalog: false,
  });
  const tenantId = owner.tenant?.id ?? '';
  await call(`${base}/api/admin/tenants/${tenantId}/entitlements`, 'PATCH', { limits: { maxUsers: mechanics + 1 } }, admin.accessToken);
  const people: Session[] = [];
  for (let i = 0; i < mechanics; i++) {
    const inv = await call<{ token: string }>(`${base}/api/users/invitations`, 'POST', { email: `m${i}-${randomUUID()}@bench.ro`, role: 'mechanic' }, owner.accessToken);
    people.push(await call<Session>(`${base}/api/auth/accept-invitation`, 'POST', { token: inv.token, password: 'Cheie-Franceza-12' }));
  }
  const clientId = newId();
  let mutation = 0;
  const push = async (muts: { table: string; rowId: string; data: Record<string, unknown> }[]) => {
    const body = { clientId, schemaVersion: 2, mutations: muts.map((m) => ({ id: ++mutation, op: 'upsert', ...m })) };
    await call(`${base}/api/sync/push`, 'POST', body, owner.accessToken);
  };
  // Three mechanics linked to accounts and one without: orders go round the four.
  const mecanici = Array.from({ length: 4 }, (_, i) => ({ id: newId(), user: people[i]?.user.id ?? null }));
  await push(mecanici.map((m, i) => ({ table: 'mecanici', rowId: m.id, data: { nume: `Mecanic ${i}`, user_id: m.user, activ: 1 } })));
  const orderIds: string[] = [];
  let pending: { table: string; rowId: string; data: Record<string, unknown> }[] = [];
  for (let o = 0; o < orders; o++) {
    const id = newId();
    orderIds.push(id);
    pending.push({ table: 'orders', rowId: id, data: {
      data_comanda: '2026-11-23', status: 'DRAFT', nr_auto: `CT ${o % 100} ABC`, client_nume: `Client ${o}`, total_manopera: 0, total_materiale: 0, total_general: 0,
      mecanic_id: mecanici[o % 4]?.id ?? null,
    } });
    for (let l = 0; l < linesPerOrder; l++) {
      pending.push({ table: 'order_lines', rowId: newId(), data: { order_id: id, tip: 'manopera', descriere: `Lucrare ${l}`, ore: '1', pret_ora: 10000, total: 10000, ordine: l } });
    }
    if (pending.length >= 500) {
      await push(pending);
      pending = [];
    }
  }
  if (pending.length) await push(pending);
  return { owner, mechanics: people, orderIds, mecanici, push };
}

async function pullAll(base: string, s: Session): Promise<{ ms: number; rows: number; cursor: number; clientId: string }> {
  const clientId = newId();
  let cursor = 0;
  let rows = 0;
  const start = performance.now();
  for (;;) {
    const page = await call<{ changes: unknown[]; cursor: number; hasMore: boolean }>(`${base}/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=1000`, 'GET', undefined, s.accessToken);
    rows += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { ms: performance.now() - start, rows, cursor, clientId };
}

async function runEngine(engine: string): Promise<void> {
  const run = async (databaseUrl: string | null) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-bench-scope-'));
    const server = await startServer({
      DATA_DIR: dataDir, ROAAUTO_SUPERADMIN_EMAIL: superAdmin.email, ROAAUTO_SUPERADMIN_PASSWORD: superAdmin.password,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    try {
      const base = server.url;
      const admin = await call<Session>(`${base}/api/auth/login`, 'POST', superAdmin);
      const seedStart = performance.now();
      const plain = await company(base, admin, 0);
      const shop = await company(base, admin, 3);
      console.log(`\n${engine}: two companies of ${orders.toLocaleString('en-US')} orders and ${(orders * linesPerOrder).toLocaleString('en-US')} lines each, seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

      const autosave = async (c: typeof plain) => {
        const times: number[] = [];
        for (let i = 0; i < pushes; i++) {
          const id = c.orderIds[(i * 7919) % c.orderIds.length] ?? '';
          const t0 = performance.now();
          await c.push([{ table: 'orders', rowId: id, data: { observatii: `Notă ${i}` } }]);
          times.push(performance.now() - t0);
        }
        return times;
      };
      const base0 = await autosave(plain);
      const scoped = await autosave(shop);
      const reassign: number[] = [];
      for (let i = 0; i < pushes / 4; i++) {
        const id = shop.orderIds[(i * 104729) % shop.orderIds.length] ?? '';
        const t0 = performance.now();
        await shop.push([{ table: 'orders', rowId: id, data: { mecanic_id: shop.mecanici[(i + 1) % 4]?.id ?? null } }]);
        reassign.push(performance.now() - t0);
      }
      const lines: number[] = [];
      for (let i = 0; i < pushes / 4; i++) {
        const id = shop.orderIds[(i * 7919) % shop.orderIds.length] ?? '';
        const t0 = performance.now();
        await shop.push([{ table: 'order_lines', rowId: newId(), data: { order_id: id, tip: 'manopera', descriere: 'Încă o lucrare', ore: '1', pret_ora: 10000, total: 10000, ordine: 9 } }]);
        lines.push(performance.now() - t0);
      }
      const row = (name: string, xs: number[], baseline: number[]) =>
        console.log(`  ${name.padEnd(58)} p50 ${quantile(xs, 0.5).toFixed(1).padStart(6)} ms  p99 ${quantile(xs, 0.99).toFixed(1).padStart(6)} ms  (${(quantile(xs, 0.5) / quantile(baseline, 0.5)).toFixed(2)}× baseline p50)`);
      console.log(`  one-change push on an order (${pushes} in a row):`);
      row('owner alone (baseline)', base0, base0);
      row('owner edits an order (notes), with 3 mechanics', scoped, base0);
      row('owner adds a line to an order (with 3 mechanics)', lines, base0);
      row('owner reassigns an order (its lines move between phones)', reassign, base0);

      const ownerPull = await pullAll(base, shop.owner);
      const mechanic = shop.mechanics[0] as Session;
      const mechanicPull = await pullAll(base, mechanic);
      console.log('  bootstrap (pull from cursor 0, pages of 1000):');
      console.log(`  ${'owner (baseline)'.padEnd(58)} ${ownerPull.ms.toFixed(0).padStart(6)} ms  ${ownerPull.rows.toLocaleString('en-US')} changes`);
      console.log(`  ${'mechanic (their quarter of the orders)'.padEnd(58)} ${mechanicPull.ms.toFixed(0).padStart(6)} ms  ${mechanicPull.rows.toLocaleString('en-US')} changes`);
      const upToDate = async (s: Session, p: { cursor: number; clientId: string }) => {
        const times: number[] = [];
        for (let i = 0; i < 100; i++) {
          const t0 = performance.now();
          await call(`${base}/api/sync/pull?clientId=${p.clientId}&cursor=${p.cursor}&limit=1000`, 'GET', undefined, s.accessToken);
          times.push(performance.now() - t0);
        }
        return times;
      };
      const ownerPoll = await upToDate(shop.owner, ownerPull);
      const mechanicPoll = await upToDate(mechanic, mechanicPull);
      console.log('  up-to-date pull (100 in a row):');
      row('owner (baseline)', ownerPoll, ownerPoll);
      row('mechanic', mechanicPoll, ownerPoll);
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
  if (engine === 'postgres') await withPostgresDatabase(run);
  else await run(null);
}

for (const engine of engines) await runEngine(engine);
