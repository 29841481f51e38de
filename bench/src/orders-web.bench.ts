import { randomUUID } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import { lineTotal, newId, orderTotals, type LineAmounts } from '@roaauto/shared';
import { startServer } from './server-process';

/**
 * The workshop pages in headless Chromium with a big local database: 20,000 orders with 100,000 lines
 * (synced down from the real server), then the order list (time to first rows, search per keystroke)
 * and a new order with 30 lines (main-thread work per line added, from Chromium's own task counter).
 * Needs `npm run build` first. Targets: a search keystroke < 50 ms, a line added < 16 ms of main thread.
 */
const orderCount = Number(process.env.BENCH_ORDERS ?? 20_000);
const linesPerOrder = 5;
const vehicleCount = 2_000;
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

const plate = (i: number) => `CT ${String(i).padStart(4, '0')} RBX`;
const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);

async function seed(url: string, email: string, password: string): Promise<void> {
  const reg = await json<{ accessToken: string }>(await fetch(`${url}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, company: { name: 'Bench Comenzi SRL' } }),
  }));
  const clientId = randomUUID();
  let id = 0;
  const mutations: object[] = [];
  const flush = async () => {
    while (mutations.length) {
      const batch = mutations.splice(0, 500);
      await json(await fetch(`${url}/api/sync/push`, {
        method: 'POST', headers: { authorization: `Bearer ${reg.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, schemaVersion: 1, mutations: batch }),
      }));
    }
  };
  const upsert = (table: string, rowId: string, data: object) => mutations.push({ id: ++id, table, op: 'upsert', rowId, data });
  const vehicles = Array.from({ length: vehicleCount }, (_, i) => {
    const v = { id: newId(), nr_inmatriculare: plate(i), client_nume: `Client ${i} Ștefănescu`, client_telefon: `07${String(i).padStart(8, '0')}` };
    upsert('vehicles', v.id, { ...v, id: undefined });
    return v;
  });
  await flush();
  for (let i = 0; i < orderCount; i++) {
    const v = vehicles[i % vehicleCount] ?? vehicles[0];
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
      nr_comanda: i + 1, data_comanda: day(i), vehicle_id: v.id, status: 'DRAFT', km_intrare: 100_000 + i, nr_auto: v.nr_inmatriculare,
      client_nume: v.client_nume, client_telefon: v.client_telefon, ...orderTotals(lines),
    });
    for (const l of lines) upsert('order_lines', newId(), { ...l, order_id: orderId, um: l.tip === 'material' ? 'buc' : null });
    if (i % 3 === 0) upsert('orders', orderId, { status: 'VALIDAT' });
    if (mutations.length >= 5000) await flush();
  }
  await flush();
}

/** Milliseconds of main-thread task time Chromium counted so far (CDP Performance.getMetrics). */
async function taskClock(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const max = (xs: number[]) => Math.max(...xs);

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const email = `orders-${Date.now()}@roaauto.test`;
    const password = 'Bench-Parola-2026';
    const s0 = performance.now();
    await seed(server.url, email, password);
    const seedMs = performance.now() - s0;

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/account/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    const b0 = performance.now();
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname === '/', { timeout: 600_000 });
    await page.getByTestId('sync-status').filter({ hasText: /Sincronizat|Synced/ }).waitFor({ timeout: 600_000 });
    const bootstrapMs = performance.now() - b0;

    // The order list: from the click on its link to the first rows on screen.
    await page.goto(`${server.url}/`);
    await page.getByTestId('sync-status').filter({ hasText: /Sincronizat|Synced/ }).waitFor({ timeout: 60_000 });
    const l0 = performance.now();
    await page.goto(`${server.url}/orders`);
    await page.getByTestId('order-row').first().waitFor({ timeout: 60_000 });
    const listMs = performance.now() - l0;

    // Search: one input event each (what a keystroke costs), for terms that match one order or a few
    // (the whole table is scanned: the worst case), waiting until the matching row is on screen.
    const search = page.getByTestId('order-search');
    const terms: [string, string][] = [
      [String(orderCount - 3), String(orderCount - 3)],
      ['ct 1234', 'CT 1234 RBX'],
      ['stefanescu 1777', '1777'],
      ['0700001888', '1888'],
      ['client 42 ', 'Client 42 '],
    ];
    const keystrokes: number[] = [];
    for (const [term, expected] of terms) {
      await search.fill('');
      await page.waitForTimeout(200);
      const k0 = performance.now();
      await search.fill(term);
      await page.getByTestId('order-row').first().filter({ hasText: expected }).waitFor({ timeout: 30_000 });
      keystrokes.push(performance.now() - k0);
    }

    // A new order with 30 lines: main-thread work per line added (click → line on screen, totals
    // updated, saved), measured by Chromium's task clock around each click.
    await page.goto(`${server.url}/orders/new`);
    const picker = page.getByTestId('vehicle-picker-input');
    await picker.fill('ct 0007');
    await page.getByTestId('vehicle-picker-option').first().click();
    const clock = await taskClock(page);
    const perLine: number[] = [];
    for (let i = 0; i < 30; i++) {
      await page.waitForTimeout(150);
      const before = await clock();
      await page.getByTestId(i % 2 ? 'order-add-material' : 'order-add-labour').click();
      await page.getByTestId('line-desc').nth(i).waitFor();
      await page.waitForTimeout(150);
      perLine.push((await clock()) - before);
    }
    const lineCount = await page.getByTestId('line-desc').count();

    console.log(`\nWorkshop pages in headless Chromium (390×844), ${orderCount.toLocaleString('en-US')} orders, ${(orderCount * linesPerOrder).toLocaleString('en-US')} lines, ${vehicleCount.toLocaleString('en-US')} vehicles`);
    console.log(`  seeding through the sync API: ${(seedMs / 1000).toFixed(1)} s; bootstrap into OPFS (sign-in → synced): ${(bootstrapMs / 1000).toFixed(1)} s`);
    console.log(`  order list, navigation → first rows shown: ${listMs.toFixed(0)} ms`);
    console.log(`  search, one input event → matching row shown (target < 50 ms): ${keystrokes.map((k) => `${k.toFixed(0)} ms`).join(', ')}; median ${median(keystrokes).toFixed(0)} ms`);
    console.log(`  new order, main-thread task time per line added (target < 16 ms), ${perLine.length} lines (${lineCount} on screen): median ${median(perLine).toFixed(1)} ms, max ${max(perLine).toFixed(1)} ms, last 5: ${perLine.slice(-5).map((x) => x.toFixed(1)).join(', ')}`);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
