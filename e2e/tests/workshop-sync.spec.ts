import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { logIn, signUp, waitForServiceWorker } from '../support/app';
import { startServer } from '../support/server';
import { screenshot } from '../support/screens';

const password = 'Garaj-Constanta-7';

const lei = (amount: string) => new RegExp(`^\\s*${amount.replace(/\./g, '\\.')}\\s+RON\\s*$`);

async function addLine(page: Page, kind: 'labour' | 'material', desc: string, qty: string, price: string): Promise<Locator> {
  await page.getByTestId(kind === 'labour' ? 'order-add-labour' : 'order-add-material').click();
  const line = page.locator(`[data-section="${kind === 'labour' ? 'manopera' : 'material'}"] [data-testid="order-line"]`).last();
  await line.getByTestId('line-desc').fill(desc);
  await line.getByTestId('line-qty').fill(qty);
  await line.getByTestId('line-price').fill(price);
  return line;
}

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

test('an order made with the server down syncs when it is back; a second device opens it; its edit of a validated order is refused and rolled back', async ({ browser }) => {
  test.setTimeout(180_000);
  let server = await startServer();
  const { dataDir, port } = server;
  const deviceA = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 390, height: 844 } });
  const deviceB = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 390, height: 844 } });
  try {
    const a = await deviceA.newPage();
    await a.goto('/');
    const email = `atelier-${randomUUID().slice(0, 8)}@service.ro`;
    await signUp(a, email, password, 'Service Țăranu SRL');
    await a.goto('/orders');
    await synced(a);
    // The app's files are all cached before the server goes: the new order's page is a chunk of its own.
    await waitForServiceWorker(a);

    // The server goes down; the shop keeps working on device A.
    expect(await server.stop('SIGTERM', { keepData: true })).toBe(0);
    await a.getByTestId('order-new').click();
    const vehicle = a.getByTestId('order-vehicle');
    await vehicle.getByTestId('vehicle-picker-input').fill('b 77 ofl');
    await vehicle.getByTestId('vehicle-picker-new').click();
    await vehicle.getByTestId('vehicle-owner').fill('Ștefan Offline');
    await vehicle.getByTestId('vehicle-save').click();
    await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText('B 77 OFL');
    await addLine(a, 'labour', 'Schimb ulei', '0,5', '150');
    await addLine(a, 'labour', 'Plăcuțe frână față', '1', '150');
    await addLine(a, 'labour', 'Geometrie', '1.25', '120');
    await addLine(a, 'material', 'Ulei 5W30', '4,5', '42.50');
    await addLine(a, 'material', 'Filtru ulei', '1', '39.99');
    await addLine(a, 'material', 'Plăcuțe frână', '1', '189');
    // Labour 75 + 150 + 150 = 375.00; materials 191.25 + 39.99 + 189 = 420.24; total 795.24.
    await expect(a.getByTestId('order-total-labour')).toHaveText(lei('375,00'));
    await expect(a.getByTestId('order-total-materials')).toHaveText(lei('420,24'));
    await expect(a.getByTestId('order-total')).toHaveText(lei('795,24'));
    await expect(a.getByTestId('order-save-state')).toHaveText('Salvat');
    await a.getByTestId('order-save').click();
    await a.getByTestId('order-validate').click();
    await expect(a.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
    const orderPath = new URL(a.url()).pathname;
    // Offline the order has no number yet, and the page says why (numbers follow one another at sync).
    await expect(a.getByTestId('order-number')).toHaveText('Comandă');
    await expect(a.getByTestId('order-number-why')).toContainText('fără goluri');
    await expect(a.getByTestId('sync-status')).not.toContainText(/Sincronizat|Synced/);

    // The server is back: A's work reaches it, and the order gets the company's next number.
    server = await startServer({}, { dataDir, port });
    await synced(a);
    await expect(a.getByTestId('order-number')).toHaveText('Comanda nr. 1'); // the company's first order: no gap
    await expect(a.getByTestId('order-number-why')).toHaveCount(0);
    const number = (await a.getByTestId('order-number').innerText()).trim();

    // Device B signs in and opens the same order.
    const b = await deviceB.newPage();
    await logIn(b, email, password);
    // B will go offline: its app must be all on the device first (the order's edit page is a chunk of its own).
    await waitForServiceWorker(b);
    await b.goto('/orders');
    await synced(b);
    await b.getByTestId('order-row').filter({ hasText: 'B 77 OFL' }).click();
    await expect(b).toHaveURL(new RegExp(`${orderPath}$`));
    await expect(b.getByTestId('order-number')).toHaveText(number);
    await expect(b.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
    await expect(b.getByTestId('order-total')).toHaveText(lei('795,24'));

    // A reopens it; B sees a draft. B loses its connection; meanwhile A validates it again.
    await a.getByTestId('order-reopen').click();
    await expect(b.getByTestId('order-status')).toHaveAttribute('data-status', 'DRAFT', { timeout: 15_000 });
    await deviceB.setOffline(true);
    await a.getByTestId('order-validate').click();
    await expect(a.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
    await synced(a);

    // B, offline and still seeing a draft, changes the oil quantity.
    await b.getByTestId('order-edit').click();
    const oil = b.locator('[data-section="material"] [data-testid="order-line"]').first();
    await oil.getByTestId('line-open').click();
    await oil.getByTestId('line-qty').fill('9');
    await expect(b.getByTestId('order-total-materials')).toHaveText(lei('611,49'));
    await expect(b.getByTestId('order-save-state')).toHaveText('Salvat');

    // Back online: the server refuses the change, B shows the server's order and says why.
    await deviceB.setOffline(false);
    await b.goto(orderPath);
    await expect(b.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT', { timeout: 30_000 });
    await expect(b.getByTestId('order-total')).toHaveText(lei('795,24'));
    await expect(b.locator('[data-testid="material-lines"] [data-testid="line-total"]').first()).toHaveText(lei('191,25'));
    await b.goto('/sync');
    await expect(b.getByText(/Liniile unei comenzi validate sau facturate nu se mai pot modifica; redeschideți comanda întâi/)).toBeVisible({ timeout: 15_000 });
    await screenshot(b, test.info().outputPath('device-b-rejection.png'));

    // And A never saw B's change.
    await a.reload();
    await expect(a.getByTestId('order-total')).toHaveText(lei('795,24'));
  } finally {
    await deviceA.close();
    await deviceB.close();
    await server.stop();
  }
});
