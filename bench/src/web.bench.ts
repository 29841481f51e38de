import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { launchChromium } from './browser/harness';
import { newId } from '@roaauto/shared';
import { startServer } from './server-process';
import { json } from './http';

/**
 * The PWA in headless Chromium against the real server: bootstrap of 50,000 rows into OPFS (with the
 * progress text sampled while it runs, to see that the UI stays responsive), a local search over the
 * vehicles, and cold and warm starts. Needs `npm run build` first.
 */
const rows = Number(process.env.BENCH_ROWS ?? 50_000);

async function seed(url: string, email: string, password: string): Promise<void> {
  const reg = await json<{ accessToken: string }>(await fetch(`${url}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, company: { name: 'Bench Web SRL' } }),
  }));
  const clientId = randomUUID();
  for (let i = 0; i < rows; i += 500) {
    const mutations = Array.from({ length: Math.min(500, rows - i) }, (_, k) => ({
      id: i + k + 1, table: 'vehicles', op: 'upsert', rowId: newId(),
      data: { nr_inmatriculare: `B ${String(i + k).padStart(5, '0')} RO`, client_nume: `Client ${i + k} Ștefănescu`, client_telefon: `07${String(i + k).padStart(8, '0')}` },
    }));
    await json(await fetch(`${url}/api/sync/push`, {
      method: 'POST', headers: { authorization: `Bearer ${reg.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, schemaVersion: 1, mutations }),
    }));
  }
}

async function timeToHome(page: Page, url: string): Promise<number> {
  const t0 = performance.now();
  await page.goto(`${url}/`);
  await page.getByTestId('count-vehicles').filter({ hasText: String(rows) }).waitFor({ timeout: 120_000 });
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const email = `web-${Date.now()}@roaauto.test`;
    const password = 'Bench-Parola-2026';
    await seed(server.url, email, password);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/account/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);

    // Bootstrap: from the click to every row in OPFS, sampling the progress text on the way.
    const samples: number[] = [];
    const t0 = performance.now();
    await page.getByTestId('login-submit').click();
    const sampler = setInterval(() => {
      void page.locator('main').innerText({ timeout: 1000 }).then((text) => {
        const n = /(\d+) (înregistrări|records)/.exec(text)?.[1];
        if (n) samples.push(Number(n));
      }, () => undefined);
    }, 250);
    await page.waitForURL((u) => u.pathname === '/', { timeout: 300_000 });
    const atHome = await page.getByTestId('count-vehicles').innerText().catch(() => '?');
    await page.getByTestId('count-vehicles').filter({ hasText: String(rows) }).waitFor({ timeout: 300_000 });
    const bootstrapMs = performance.now() - t0;
    console.log(`  (rows local when the sign-in page handed over: ${atHome})`);
    clearInterval(sampler);
    const distinct = new Set(samples).size;

    // Local search over the vehicles (the query runs in the worker; the list re-renders).
    await page.getByRole('link', { name: /Vehicule|Vehicles/ }).first().click();
    await page.getByTestId('vehicle-list').locator('li').first().waitFor();
    const searches: number[] = [];
    const half = Math.floor(rows / 2);
    for (const term of [String(rows - 7).padStart(5, '0'), `Client ${half} `, `07${String(half + 3).padStart(8, '0')}`, 'B 0', 'Ștefănescu']) {
      const s0 = performance.now();
      await page.getByLabel(/Caută|Search/).fill(term);
      await page.waitForFunction((t) => {
        const first = document.querySelector('[data-testid="vehicle-list"] li');
        return first?.textContent.includes(t) ?? false;
      }, term, { timeout: 30_000 });
      searches.push(performance.now() - s0);
    }

    // Cold start: a new profile's first visit (nothing cached, no service worker yet) until the
    // app shell answers. Warm start: a reload of the signed-in app, served by the service worker,
    // until the counts from the local database are on screen.
    const cold = await browser.newContext();
    const coldPage = await cold.newPage();
    const c0 = performance.now();
    await coldPage.goto(`${server.url}/`);
    await coldPage.getByTestId('no-account-notice').waitFor();
    const coldMs = performance.now() - c0;
    if (process.env.BENCH_DEBUG) {
      void page.goto(`${server.url}/`);
      for (let i = 0; i < 24; i++) {
        await page.waitForTimeout(500);
        const c = await page.getByTestId('count-vehicles').innerText().catch(() => '-');
        const st = await page.getByTestId('sync-status').innerText().catch(() => '-');
        console.log(`  t=${(i + 1) * 500}ms count=${c} status=${st}`);
      }
    }
    const warmMs = await timeToHome(page, server.url);
    const warmAgainMs = await timeToHome(page, server.url);

    console.log(`\nPWA in headless Chromium, ${rows.toLocaleString('en-US')} vehicles`);
    console.log(`  bootstrap into OPFS (sign-in click → all rows local): ${(bootstrapMs / 1000).toFixed(1)} s, ${Math.round(rows / (bootstrapMs / 1000)).toLocaleString('en-US')} rows/s`);
    console.log(`  progress text sampled every 250 ms: ${samples.length} samples, ${distinct} different values (${samples.slice(0, 8).join(', ')}${samples.length > 8 ? ', …' : ''})`);
    console.log(`  local search (type → first match shown), ${searches.length} searches: ${searches.map((s) => `${s.toFixed(0)} ms`).join(', ')}`);
    console.log(`  cold start (first visit, nothing cached → app usable): ${coldMs.toFixed(0)} ms`);
    console.log(`  warm start (reload via service worker → counts of ${rows.toLocaleString('en-US')} local rows shown): ${warmMs.toFixed(0)} ms, again ${warmAgainMs.toFixed(0)} ms`);
    await cold.close();
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
