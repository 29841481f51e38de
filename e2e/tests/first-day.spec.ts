import { randomUUID } from 'node:crypto';
import type { Browser, Page, TestInfo } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { logIn } from '../support/app';
import { screenshot } from '../support/screens';

/**
 * A shop owner's first day, on a phone, in Romanian: the first run, the company's details, a car, an order,
 * the deviz, a customer, an invoice, a credit note, an account, and a second phone that invoices too. It
 * fails on a message key, on English, on a page wider than the screen, on an accessibility problem and on
 * an error in the console; its pictures are in the test's results for a person to look at.
 */
const phone = { width: 390, height: 844 };
// A Romanian phone: the browser's own controls (dates, files) speak Romanian too.
test.use({ viewport: phone, acceptDownloads: true, locale: 'ro-RO' });

/** English and message keys that must never reach a Romanian screen. */
const notRomanian = /\b(the|and|your|Save|Cancel|Delete|Invoice|Order|Customer|Vehicle|Settings|Error|invalid|required|must)\b|\b(shell|refusals|core|workshop|accounting)\.[a-z]\w*\.\w+/;

/** Collects what the page writes as an error on its console or throws: there must be none. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Checks the page as the owner sees it (Romanian only, not wider than the phone, accessible) and keeps its picture. */
async function look(page: Page, info: TestInfo, name: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text, `${name}: English or a message key on screen`).not.toMatch(notRomanian);
  const file = info.outputPath(`${name}.png`);
  await screenshot(page, file, { fullPage: true });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

async function newCar(page: Page, plate: string, owner: string, phoneNumber: string): Promise<void> {
  await page.getByTestId('order-new').first().click();
  await expect(page).toHaveURL(/\/orders\/new$/);
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill(plate);
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill(owner);
  await vehicle.getByTestId('vehicle-phone').fill(phoneNumber);
  await vehicle.getByTestId('vehicle-save').click();
}

async function addLine(page: Page, kind: 'manopera' | 'material', desc: string, qty: string, price: string): Promise<void> {
  await page.getByTestId(kind === 'manopera' ? 'order-add-labour' : 'order-add-material').click();
  const line = page.locator(`[data-section="${kind}"] [data-testid="order-line"]`).last();
  await line.getByTestId('line-desc').fill(desc);
  await line.getByTestId('line-qty').fill(qty);
  await line.getByTestId('line-price').fill(price);
}

async function validate(page: Page): Promise<void> {
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await page.getByTestId('order-validate').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
}

/** The invoice of the order on screen, to a person, with the address the law needs. */
async function invoiceOrder(page: Page, city: string): Promise<void> {
  await page.getByTestId('order-invoice').click();
  await expect(page).toHaveURL(/\/invoices\/new\?order=/);
  await expect(page.getByTestId('buyer-name')).not.toHaveValue('');
  await page.getByTestId('buyer-pf').check({ force: true });
  await page.getByTestId('buyer-address').fill('Str. Fabricii 5');
  await page.getByTestId('buyer-city').fill(city);
  await page.getByTestId('buyer-county').selectOption('CJ');
}

async function secondPhone(browser: Browser): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: phone, acceptDownloads: true, locale: 'ro-RO' });
  const page = await context.newPage();
  return { page, errors: consoleErrors(page), close: () => context.close() };
}

test('a shop owner\'s first day, on a phone, in Romanian', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const info = test.info();
  const errors = consoleErrors(page);

  // 1. The first run: the home page is where work starts, with a short guide; the company's details first.
  await page.goto('/');
  await expect(page.getByTestId('first-run')).toBeVisible();
  await expect(page.getByTestId('first-run-company')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('home-new-client')).toBeVisible();
  await look(page, info, '01-home-first-run');

  // 2. The owner skips the guide and checks in a car at once.
  await newCar(page, 'cj 12 ana', 'Ana Pop', '0722 123 456');
  await expect(page.getByTestId('order-number')).toHaveText('Comanda nr. 1');
  await addLine(page, 'manopera', 'Înlocuire plăcuțe frână față', '1,5', '150');
  await addLine(page, 'material', 'Plăcuțe frână față (set)', '1', '289,90');
  await expect(page.getByTestId('order-total')).toContainText('514,90');
  await look(page, info, '02-order');
  await validate(page);
  const orderUrl = page.url();

  // 3. The deviz would have an empty header: the app asks for the company's name and CUI first,
  //    and comes back to the order after saving them.
  await page.getByTestId('order-deviz-pdf').click();
  await expect(page.getByTestId('company-header-needed')).toBeVisible();
  await look(page, info, '03-deviz-needs-company');
  await page.getByTestId('company-header-fill').click();
  await expect(page.getByTestId('company-next')).toBeVisible();
  await page.getByTestId('company-nume').fill('Service Auto Dealul Mare SRL');
  await page.getByTestId('company-cui').fill('RO14399840');
  await page.getByTestId('company-adresa').fill('Str. Oașului 12');
  await page.getByTestId('company-localitate').fill('Cluj-Napoca');
  await page.getByTestId('company-judet').selectOption('CJ');
  await look(page, info, '04-company');
  await page.getByTestId('company-save').click();
  await expect(page).toHaveURL(orderUrl);
  const [deviz] = await Promise.all([page.waitForEvent('download'), page.getByTestId('order-deviz-pdf').click()]);
  expect(deviz.suggestedFilename()).toBe('Deviz-1.pdf');
  await expect(page.getByTestId('company-header-needed')).toHaveCount(0);
  // The Free plan's tip after a deviz sent by hand (the print is in the documents' trail by then).
  await page.getByTestId('suggestion-dismiss').click();

  // 4. Home: the guide shows what is done and what comes next.
  await page.goto('/');
  await expect(page.getByTestId('first-run-company')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('first-run-order')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('first-run-deviz')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('first-run-invoice')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('dashboard-today').getByTestId('order-row')).toHaveCount(1);
  await look(page, info, '05-home-after-deviz');
  await page.goto('/orders');
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await look(page, info, '05b-orders');
  await page.getByRole('link', { name: 'Acasă' }).click();

  // 5. A customer, from the home page's shortcut: the name field is ready to type in.
  await page.getByTestId('home-new-client').click();
  await expect(page.getByTestId('client-name')).toBeFocused();
  await page.keyboard.type('Transport Someș SRL');
  await page.getByTestId('client-phone').fill('0744 111 222');
  await page.getByTestId('client-add').click();
  await expect(page.getByTestId('client-list')).toContainText('Transport Someș SRL');
  await look(page, info, '06-customers');

  // 6. The invoice of the order, then a credit note of its labour.
  await page.goto(orderUrl);
  await invoiceOrder(page, 'Cluj-Napoca');
  await expect(page.getByTestId('invoice-next-number')).toHaveText('Seria ROA, numărul 1');
  await look(page, info, '07-invoice-new');
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura ROA 1');
  await look(page, info, '08-invoice');
  await page.getByTestId('invoice-storno').click();
  await page.getByTestId('invoice-line-qty').nth(1).fill('0');
  await look(page, info, '09-credit-note-new');
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura storno ROA 2');

  // 7. Home: every step done, the guide is gone.
  await page.goto('/');
  await expect(page.getByTestId('order-new')).toBeVisible();
  await expect(page.getByTestId('first-run')).toHaveCount(0);

  // 8. An account: the sign-up page has no "create an account" banner of its own and starts from the
  //    company's name and CUI already entered.
  await page.getByTestId('no-account-notice').getByRole('link').click();
  await expect(page).toHaveURL(/\/account\/signup$/);
  await expect(page.getByTestId('no-account-notice')).toHaveCount(0);
  await expect(page.getByTestId('signup-company')).toHaveValue('Service Auto Dealul Mare SRL');
  await expect(page.getByTestId('signup-cui')).toHaveValue('RO14399840');
  const email = `prima-zi-${randomUUID().slice(0, 8)}@service.ro`;
  const password = 'Garaj-Dealul-Mare-7';
  await page.getByTestId('signup-email').fill(email);
  await page.getByTestId('signup-password').fill(password);
  await look(page, info, '10-sign-up');
  await page.getByTestId('signup-submit').click();
  await expect(page.getByTestId('signup-done')).toBeVisible({ timeout: 30_000 });

  // 9. A second phone signs in: it has the company, the order and the invoices; its own order gets the next
  //    number (no gap), and it invoices in its own series after one tap.
  const second = await secondPhone(browser);
  const b = second.page;
  await logIn(b, email, password);
  await expect(b.getByTestId('first-run')).toHaveCount(0);
  await newCar(b, 'cj 34 dan', 'Dan Mureșan', '0733 222 111');
  await expect(b.getByTestId('order-number')).toHaveText('Comanda nr. 2', { timeout: 15_000 });
  await addLine(b, 'manopera', 'Schimb ulei și filtre', '0,5', '150');
  await validate(b);
  await invoiceOrder(b, 'Dej');
  await secondDeviceSeries(b, info);
  await b.getByTestId('invoice-issue').click();
  await expect(b.getByTestId('invoice-title')).toHaveText('Factura ROA2 1');
  await look(b, info, '12-second-phone-invoice');
  await b.goto('/settings');
  await expect(b.getByTestId('account-plan')).toContainText('(perioadă de probă)');
  await look(b, info, '13-second-phone-settings');
  expect(second.errors, 'console errors on the second phone').toEqual([]);
  await second.close();

  expect(errors, 'console errors').toEqual([]);
});

/** The second phone has no invoice series: it says so at the top of the form and makes one in one tap. */
async function secondDeviceSeries(page: Page, info: TestInfo): Promise<void> {
  const notice = page.getByTestId('invoice-series-prompt');
  await expect(notice).toBeVisible();
  await expect(page.getByTestId('invoice-issue')).toBeDisabled();
  const box = await notice.boundingBox();
  expect(box && box.y + box.height, 'the notice is on the first screen').toBeLessThanOrEqual(phone.height);
  await look(page, info, '11-second-phone-no-series');
  await page.getByTestId('invoice-create-series').click();
  await expect(page.getByTestId('invoice-next-number')).toHaveText('Seria ROA2, numărul 1', { timeout: 15_000 });
  await expect(page.getByTestId('invoice-issue')).toBeEnabled();
}
