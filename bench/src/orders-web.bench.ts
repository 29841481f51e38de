import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { launchChromium } from './browser/harness';
import { lineTotal, newId, orderTotals, type LineAmounts } from '@roaauto/shared';
import { startServer } from './server-process';
import { json } from './http';

/**
 * The workshop pages in headless Chromium with a big local database: 20,000 orders with 100,000 lines
 * (synced down from the real server), then the order list (time to first rows, search per keystroke)
 * and a new order with 30 lines (main-thread work per line added, from Chromium's own task counter).
 * Needs `npm run build` first. Targets: a search keystroke < 50 ms, a line added < 16 ms of main thread.
 */
const orderCount = Number(process.env.BENCH_ORDERS ?? 20_000);
const linesPerOrder = 5;
const vehicleCount = 2_000;

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

type Clock = { task: number; script: number; layout: number; style: number };

/** Milliseconds of main-thread work Chromium counted so far (CDP Performance.getMetrics): all tasks, and script, layout and style among them. */
async function taskClock(page: Page): Promise<() => Promise<Clock>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { task: ms('TaskDuration'), script: ms('ScriptDuration'), layout: ms('LayoutDuration'), style: ms('RecalcStyleDuration') };
  };
}

const minus = (a: Clock, b: Clock): Clock => ({ task: a.task - b.task, script: a.script - b.script, layout: a.layout - b.layout, style: a.style - b.style });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const max = (xs: number[]) => Math.max(...xs);

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const email = `orders-${Date.now()}@roaauto.test`;
    const password = 'Bench-Parola-2026';
    const s0 = performance.now();
    await seed(server.url, email, password);
    const seedMs = performance.now() - s0;

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // tsx names the functions it compiles with a helper the page lacks: give the page a no-op one.
    await page.addInitScript('window.__name = (f) => f');
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
    await page.goto(`${server.url}/dashboard`);
    await page.getByTestId('dashboard-today-count').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    const l0 = performance.now();
    await page.getByRole('link', { name: /^Comenzi$|^Orders$/ }).first().click();
    await page.getByTestId('order-row').first().waitFor({ timeout: 60_000 });
    const listMs = performance.now() - l0;
    // Again, with the page's code already loaded.
    await page.getByRole('link', { name: /^Panou$|^Dashboard$/ }).first().click();
    await page.getByTestId('dashboard-today-count').waitFor();
    await page.waitForTimeout(500);
    const a0 = performance.now();
    await page.getByRole('link', { name: /^Comenzi$|^Orders$/ }).first().click();
    await page.getByTestId('order-row').first().waitFor({ timeout: 60_000 });
    const listAgainMs = performance.now() - a0;
    const r0 = performance.now();
    await page.reload();
    await page.getByTestId('order-row').first().waitFor({ timeout: 60_000 });
    const reloadMs = performance.now() - r0;

    // Search: one input event each (what a keystroke costs), for terms that match one order or a few
    // (the whole search index is read: the worst case), timed in the page from the input event to the
    // matching row in the DOM (no test-driver round trips in the figure).
    const terms: [string, string][] = [
      [String(orderCount - 3), String(orderCount - 3)],
      ['ct 1234', 'CT 1234 RBX'],
      ['stefanescu 1777', '1777'],
      ['0700001888', '1888'],
      ['client 42 ', 'Client 42 '],
    ];
    const keystrokes: number[] = [];
    for (const [term, expected] of terms) {
      await page.getByTestId('order-search').fill('');
      await page.waitForTimeout(300);
      keystrokes.push(await page.evaluate(({ typed, want }) => new Promise<number>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="order-search"]');
        const list = document.querySelector('[data-testid="order-list"]')?.parentElement;
        if (!input || !list) return reject(new Error('no order list'));
        const t0 = performance.now();
        // (No named helpers in here: the bench runner would wrap them in a function the page lacks.)
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="order-row"]')?.textContent.includes(want)) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(list, { childList: true, subtree: true, characterData: true });
        input.value = typed;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => reject(new Error(`no row with ${want}`)), 30_000);
      }), { typed: term, want: expected }));
    }

    // A new order with 30 lines: main-thread work per line added (click → line on screen, totals
    // updated, saved), measured by Chromium's task clock around each click.
    await page.goto(`${server.url}/orders/new`);
    const picker = page.getByTestId('vehicle-picker-input');
    await picker.fill('ct 0007');
    await page.getByTestId('vehicle-picker-option').first().click();
    const clock = await taskClock(page);
    const perLine: Clock[] = [];
    // Each sample: the click, dispatched in the page (a driver click adds its own input handling), and
    // two animation frames (the new line rendered and painted), then 100 ms for anything that follows.
    // The idle samples run the same without the click: what the page and the measuring cost anyway.
    const sample = async (click: boolean) => {
      const add = page.getByTestId(click && perLine.length % 2 ? 'order-add-material' : 'order-add-labour');
      await page.waitForTimeout(200);
      const before = await clock();
      await add.evaluate((el, doClick) => new Promise<void>((resolve) => {
        if (doClick) (el as HTMLElement).click();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }), click);
      await page.waitForTimeout(100);
      return minus(await clock(), before);
    };
    for (let i = 0; i < 30; i++) perLine.push(await sample(true));
    const idle: Clock[] = [];
    for (let i = 0; i < 10; i++) idle.push(await sample(false));
    const lineCount = await page.getByTestId('order-line').count();
    // The app's own work per added line, timed inside the page: Vue's render with style and layout,
    // then the focus of the new line (a task of its own).
    const inPage = await page.evaluate(async () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="order-add-material"]');
      if (!button) throw new Error('no add button');
      // The focus of the new line's description comes in a task of its own: time it too (with its layout).
      const focus: (this: HTMLElement, options?: FocusOptions) => void = Reflect.get(HTMLElement.prototype, 'focus');
      let focusMs: number;
      HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
        const t = performance.now();
        focus.call(this, options);
        document.body.getBoundingClientRect();
        focusMs = performance.now() - t;
      };
      // After a click, Vue renders in a microtask; a message runs after it, then style and layout are forced.
      const afterMicrotasks = () => new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(0);
      });
      const out: { add: number; focus: number }[] = [];
      for (let i = 0; i < 15; i++) {
        // A tap first moves the focus to the button (the description being typed in loses it), then clicks.
        button.focus();
        await new Promise((r) => setTimeout(r, 20));
        focusMs = -1;
        const t0 = performance.now();
        button.click();
        await afterMicrotasks();
        document.body.getBoundingClientRect();
        const add = performance.now() - t0;
        while (focusMs < 0) await new Promise((r) => setTimeout(r, 10));
        out.push({ add, focus: focusMs });
        await new Promise((r) => setTimeout(r, 150));
      }
      HTMLElement.prototype.focus = focus;
      return out;
    });

    console.log(`\nWorkshop pages in headless Chromium (390×844), ${orderCount.toLocaleString('en-US')} orders, ${(orderCount * linesPerOrder).toLocaleString('en-US')} lines, ${vehicleCount.toLocaleString('en-US')} vehicles`);
    console.log(`  seeding through the sync API: ${(seedMs / 1000).toFixed(1)} s; bootstrap into OPFS (sign-in → synced): ${(bootstrapMs / 1000).toFixed(1)} s`);
    console.log(`  order list, tap on its link → first rows shown: ${listMs.toFixed(0)} ms, again ${listAgainMs.toFixed(0)} ms; page reload (app start, database open) → first rows: ${reloadMs.toFixed(0)} ms`);
    console.log(`  search, one input event → matching row shown (target < 50 ms): ${keystrokes.map((k) => `${k.toFixed(0)} ms`).join(', ')}; median ${median(keystrokes).toFixed(0)} ms`);
    const tasks = perLine.map((c) => c.task);
    const part = (list: Clock[], k: keyof Clock) => median(list.map((c) => c[k])).toFixed(1);
    console.log(`  new order, main-thread task time per line added (target < 16 ms), ${perLine.length} lines (${lineCount} on screen): median ${median(tasks).toFixed(1)} ms, max ${max(tasks).toFixed(1)} ms, last 5: ${tasks.slice(-5).map((x) => x.toFixed(1)).join(', ')}`);
    console.log(`    of which (medians) script ${part(perLine, 'script')} ms, layout ${part(perLine, 'layout')} ms, style ${part(perLine, 'style')} ms`);
    console.log(`    in the page: render ${median(inPage.map((x) => x.add)).toFixed(1)} ms + focus ${median(inPage.map((x) => x.focus)).toFixed(1)} ms (medians of ${inPage.length}; max ${max(inPage.map((x) => x.add)).toFixed(1)} + ${max(inPage.map((x) => x.focus)).toFixed(1)})`);
    console.log(`    the same window with no click (idle page + driver): task ${part(idle, 'task')} ms, script ${part(idle, 'script')} ms → the line itself ≈ ${(median(tasks) - median(idle.map((c) => c.task))).toFixed(1)} ms`);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
