import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { fillCompanyProfile, signUp, waitForServiceWorker } from '../support/app';
import { screenshot } from '../support/screens';

test.use({ serverEnv: { MAIL_OUTBOX_ROUTE: '1' } });

const phone = { width: 390, height: 844 };

/** The shop's day as the app counts it (Bucharest). */
function shopToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

test('a vehicle with its ITP due this month is on the due list with a WhatsApp reminder; an order\'s deviz goes out by e-mail with its PDF', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(phone);
  await signUp(page, `patron-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Constanta-7', 'Service Scadențe SRL');

  // A new order for a new vehicle, with the customer's phone and e-mail.
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('CJ 07 DUE');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ana Pop');
  await vehicle.getByTestId('vehicle-phone').fill('0722 123 456');
  await vehicle.getByTestId('vehicle-email').fill('ana.pop@exemplu.ro');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText('CJ 07 DUE');
  await page.getByTestId('order-add-labour').click();
  const line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Schimb ulei');
  await line.getByTestId('line-qty').fill('1');
  await line.getByTestId('line-price').fill('120');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderUrl = page.url();

  // The order page's WhatsApp link goes to the customer's number in international form.
  await expect(page.getByTestId('order-whatsapp')).toHaveAttribute('href', /^https:\/\/wa\.me\/40722123456\?text=/);

  // The vehicle's ITP expires today: typed on its page.
  await page.getByTestId('order-vehicle').getByRole('link', { name: 'CJ 07 DUE' }).click();
  await page.getByTestId('vehicle-due-edit').click();
  const today = shopToday();
  await page.getByTestId('vehicle-due-itp').fill(today);
  await page.getByTestId('vehicle-due-save').click();
  await expect(page.getByTestId('vehicle-due-itp-value')).not.toHaveText('—');
  await screenshot(page, test.info().outputPath('vehicle-due-phone.png'), { fullPage: true });

  // The due list has it, with the call and WhatsApp links, and keeps the "reminded" mark.
  await page.goto('/due');
  const row = page.getByTestId('due-row').filter({ hasText: 'CJ 07 DUE' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('due-kind')).toHaveText('ITP');
  await expect(row.getByTestId('due-call')).toHaveAttribute('href', 'tel:0722123456');
  const link = await row.getByTestId('due-whatsapp').getAttribute('href');
  expect(link).toMatch(/^https:\/\/wa\.me\/40722123456\?text=/);
  expect(decodeURIComponent(link?.split('?text=')[1] ?? '')).toContain('ITP-ul mașinii CJ 07 DUE expiră pe');
  await screenshot(page, test.info().outputPath('due-list-phone.png'), { fullPage: true });
  await row.getByTestId('due-reminded').check();
  // Stored on the device (the list reads it back), then still there after a reload.
  await expect(row).toHaveAttribute('data-reminded', 'yes');
  await page.reload();
  await expect(page.getByTestId('due-row').filter({ hasText: 'CJ 07 DUE' }).getByTestId('due-reminded')).toBeChecked();
  await page.getByTestId('due-kind-rca').click();
  await expect(page.getByTestId('due-empty')).toBeVisible();
  await page.getByTestId('due-kind-all').click();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByTestId('due-row')).toHaveCount(1);
  await screenshot(page, test.info().outputPath('due-list-desktop.png'));
  await page.setViewportSize(phone);

  // The home page counts it.
  await page.goto('/');
  await expect(page.getByTestId('count-due')).toHaveText('1');

  // The deviz by e-mail: the form is filled with the customer's address and a Romanian text; the server attaches the PDF.
  await synced(page);
  await page.goto(orderUrl);
  await page.getByTestId('order-email').click();
  const dialog = page.getByTestId('order-email-dialog');
  await expect(dialog.getByTestId('order-email-to')).toHaveValue('ana.pop@exemplu.ro');
  await expect(dialog.getByTestId('order-email-subject')).toHaveValue(/^Devizul/);
  await screenshot(page, test.info().outputPath('deviz-email-phone.png'));
  await dialog.getByTestId('order-email-send').click();
  await expect(page.getByTestId('order-email-sent')).toContainText('ana.pop@exemplu.ro');
  const outbox = (await (await page.request.get('/api/dev/outbox?to=ana.pop%40exemplu.ro')).json()) as {
    messages: { subject: string; attachments: { filename: string; contentType: string; size: number }[] }[];
  };
  expect(outbox.messages).toHaveLength(1);
  expect(outbox.messages[0]?.subject).toMatch(/^Devizul/);
  expect(outbox.messages[0]?.attachments).toEqual([expect.objectContaining({ contentType: 'application/pdf', filename: expect.stringMatching(/^Deviz.*\.pdf$/) })]);

  // Offline, the button says it needs a connection (the app's files are cached first: pages load offline below).
  await waitForServiceWorker(page);
  await page.context().setOffline(true);
  await expect(page.getByTestId('order-email')).toBeDisabled();
  await expect(page.getByTestId('order-email')).toHaveText('E-mail: necesită conexiune');
  await page.context().setOffline(false);
});

/** The same day `months` later, on the month's last day when it lacks the day. */
function plusMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

test('an order type with a service interval sets the next service of a vehicle from its validated order', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(phone);

  // The catalog's "Revizie" gets an interval of 12 months and 15,000 km.
  await page.goto('/catalog?tab=tipuriDeviz');
  const revizie = page.getByTestId('catalog-item').filter({ has: page.getByTestId('catalog-item-name').getByText('Revizie', { exact: true }) });
  await revizie.getByTestId('catalog-item-edit').click();
  await revizie.getByTestId('catalog-field-interval_luni').fill('0');
  await revizie.getByTestId('catalog-save').click();
  await expect(revizie.getByText('Un număr întreg de la 1 la 120')).toBeVisible();
  await revizie.getByTestId('catalog-field-interval_luni').fill('12');
  await revizie.getByTestId('catalog-field-interval_km').fill('15000');
  await revizie.getByTestId('catalog-save').click();
  await expect(revizie.getByTestId('catalog-item-details')).toHaveText('la 12 luni · la 15.000 km');

  // A service order at 100,000 km, validated.
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('B 12 REV');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Dan Ionescu');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText('B 12 REV');
  await page.getByTestId('order-km').fill('100000');
  await page.getByTestId('order-type').selectOption({ label: 'Revizie' });
  await page.getByTestId('order-add-labour').click();
  const line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Revizie completă');
  await line.getByTestId('line-qty').fill('2');
  await line.getByTestId('line-price').fill('150');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await page.getByTestId('order-validate').click();
  await expect(page.getByTestId('order-validate')).toHaveCount(0);

  // The vehicle's page computes the next service; the due list of that month lists it.
  const next = plusMonths(shopToday(), 12);
  const [y, m, d] = next.split('-');
  await page.getByTestId('order-vehicle').getByRole('link', { name: 'B 12 REV' }).click();
  await expect(page.getByTestId('vehicle-due-service-value')).toContainText(`${d}.${m}.${y}`);
  await expect(page.getByTestId('vehicle-due-service-value')).toContainText('115.000 km');
  await page.goto('/due');
  await page.getByTestId('due-month').fill(`${y}-${m}`);
  const row = page.getByTestId('due-row').filter({ hasText: 'B 12 REV' });
  await expect(row.getByTestId('due-kind')).toHaveText('Revizie');
  await expect(row).toContainText('calculat din ultima comandă');
});

test('an issued invoice goes out by e-mail with its PDF', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(phone);
  await signUp(page, `facturi-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Constanta-7', 'Service Facturi SRL');
  await fillCompanyProfile(page, { nume: 'Service Facturi SRL', cui: 'RO14399840', adresa: 'Str. Fabricii 5', localitate: 'Sector 6', judet: 'B', 'serie-implicita': 'FAC' });
  await page.getByTestId('series-create').click();
  await expect(page.getByTestId('series-row')).toContainText('FAC');
  await page.goto('/invoices/new');
  await page.getByTestId('buyer-name').fill('Transport Rapid SRL');
  await page.getByTestId('buyer-cui').fill('RO18547290');
  await page.getByTestId('buyer-address').fill('Bd. Unirii 10');
  await page.getByTestId('buyer-city').fill('Sector 3');
  await page.getByTestId('buyer-county').selectOption('B');
  await page.getByTestId('invoice-line-desc').fill('Înlocuire plăcuțe frână');
  await page.getByTestId('invoice-line-price').fill('250');
  await page.getByTestId('invoice-issue').click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  await synced(page);

  await page.getByTestId('invoice-email').click();
  const dialog = page.getByTestId('invoice-email-dialog');
  await expect(dialog.getByTestId('invoice-email-subject')).toHaveValue('Factura FAC 1 de la Service Facturi SRL');
  // The address is checked before anything is sent.
  await dialog.getByTestId('invoice-email-to').fill('contabilitate@transport');
  await dialog.getByTestId('invoice-email-send').click();
  await expect(dialog.getByText('Scrieți o adresă de e-mail validă.')).toBeVisible();
  await dialog.getByTestId('invoice-email-to').fill('contabilitate@transport-rapid.ro');
  await dialog.getByTestId('invoice-email-send').click();
  await expect(page.getByTestId('invoice-email-sent')).toContainText('contabilitate@transport-rapid.ro');
  const outbox = (await (await page.request.get('/api/dev/outbox?to=contabilitate%40transport-rapid.ro')).json()) as {
    messages: { subject: string; attachments: { filename: string; contentType: string }[] }[];
  };
  expect(outbox.messages.map((m) => [m.subject, m.attachments.map((a) => [a.filename, a.contentType])])).toEqual([
    ['Factura FAC 1 de la Service Facturi SRL', [['Factura-FAC-1.pdf', 'application/pdf']]],
  ]);
});
