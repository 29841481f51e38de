import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { addClient, clientNames, logIn, signUp, waitForServiceWorker } from '../support/app';
import { startServer, superAdmin } from '../support/server';
import { screenshot } from '../support/screens';

const password = 'Garaj-Constanta-7';

test('sign-up uploads local data; a second device sees it, live edits arrive, offline edits converge', async ({ browser }) => {
  test.setTimeout(150_000);
  let server = await startServer();
  const { dataDir, port } = server;
  const deviceA = await browser.newContext({ baseURL: server.baseURL });
  const deviceB = await browser.newContext({ baseURL: server.baseURL });
  try {
    const a = await deviceA.newPage();
    await a.goto('/clients');
    await addClient(a, 'Client făcut fără cont');
    await addClient(a, 'Al doilea client');
    const email = `owner-${randomUUID().slice(0, 8)}@service.ro`;
    await signUp(a, email, password, 'Service Ștefan SRL');
    await a.goto('/clients');
    await expect(a.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 20_000 });

    const b = await deviceB.newPage();
    await logIn(b, email, password);
    await b.goto('/clients');
    await expect.poll(() => clientNames(b), { timeout: 20_000 }).toEqual(['Al doilea client', 'Client făcut fără cont']);

    // A change on one device shows on the other without a reload (server-sent poke, then pull).
    await addClient(a, 'Adăugat pe A');
    await expect(b.getByTestId('client-list').getByText('Adăugat pe A')).toBeVisible({ timeout: 10_000 });

    // Both work while the server is down; when it is back they end up the same (the app's files cached first).
    await waitForServiceWorker(a);
    await waitForServiceWorker(b);
    expect(await server.stop('SIGTERM', { keepData: true })).toBe(0);
    // The signed-in device keeps its own copy: a reload with the server down shows everything.
    await b.reload();
    await expect.poll(() => clientNames(b), { timeout: 20_000 }).toEqual(['Adăugat pe A', 'Al doilea client', 'Client făcut fără cont']);
    await addClient(a, 'Offline pe A');
    await addClient(b, 'Offline pe B');
    server = await startServer({}, { dataDir, port });
    const all = ['Adăugat pe A', 'Al doilea client', 'Client făcut fără cont', 'Offline pe A', 'Offline pe B'];
    await expect.poll(() => clientNames(a), { timeout: 60_000 }).toEqual(all);
    await expect.poll(() => clientNames(b), { timeout: 60_000 }).toEqual(all);
    await screenshot(b, test.info().outputPath('device-b-converged.png'));
  } finally {
    await deviceA.close();
    await deviceB.close();
    await server.stop();
  }
});

test('a module switched off by the super-admin disappears from the UI and the server refuses its writes', async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  const email = `plan-${randomUUID().slice(0, 8)}@service.ro`;
  await signUp(page, email, password, 'Vulcanizare Plan SRL');
  await page.goto('/vehicles');
  await page.getByTestId('vehicle-add').click();
  await page.getByTestId('vehicle-plate').fill('CT 01 ABC');
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-list').getByText('CT 01 ABC')).toBeVisible();

  const api = context.request;
  const op = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const session = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { tenant: { id: string }; accessToken: string };
  const patched = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, {
    headers: { authorization: `Bearer ${op.accessToken}` },
    data: { modules: { workshop: false, client_portal: false } },
  });
  expect(patched.status()).toBe(200);

  // The next sync brings the new entitlements: the Vehicles page goes away.
  await page.goto('/clients');
  await addClient(page, 'Declanșează sincronizarea');
  await expect(page.getByRole('link', { name: /Vehicule|Vehicles/ })).toHaveCount(0, { timeout: 20_000 });
  await page.goto('/vehicles');
  await expect(page.getByTestId('module-unavailable')).toBeVisible();
  await screenshot(page, test.info().outputPath('module-unavailable.png'));

  const fresh = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { accessToken: string };
  const push = await api.post('/api/sync/push', {
    headers: { authorization: `Bearer ${fresh.accessToken}` },
    data: { clientId: randomUUID(), schemaVersion: 1, mutations: [{ id: 1, table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: { nr_inmatriculare: 'B 99 XYZ' } }] },
  });
  expect(((await push.json()) as { results: { code: string }[] }).results[0]?.code).toBe('module_not_entitled');
});

test('sign-out warns about unsynced changes, then removes the account data from this browser', async ({ page, server }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await signUp(page, `out-${randomUUID().slice(0, 8)}@service.ro`, password, 'Deconectare SRL');
  await addClient(page, 'Sincronizat înainte');
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 20_000 });

  // With the server down a change stays waiting: signing out says so, and "cancel" keeps everything.
  await waitForServiceWorker(page);
  expect(await server.stop('SIGTERM', { keepData: true })).toBe(0);
  await addClient(page, 'Încă nesincronizat');
  await page.goto('/settings');
  let warning = '';
  page.once('dialog', (d) => {
    warning = d.message();
    void d.dismiss();
  });
  await page.getByTestId('logout').click();
  // One change: said in the singular ("O modificare nu a ajuns pe server", not "1 modificări").
  await expect.poll(() => warning).toMatch(/^O modificare nu a ajuns pe server|^One change has not reached/);
  await expect(page.getByTestId('account-email')).toBeVisible();

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('no-account-notice')).toBeVisible();
  await page.goto('/clients');
  await expect(page.getByText(/Niciun client|No customers/)).toBeVisible();
});
