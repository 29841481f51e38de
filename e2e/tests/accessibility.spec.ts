import { expect, test } from '../support/fixtures';
import { expectAccessible } from '../support/a11y';
import { fillCompanyProfile } from '../support/app';

/**
 * Every page of the app, on a phone and on a desktop, with data on it: zero serious or critical
 * accessibility findings (axe-core). Pages reached in other specs are checked there too, at each
 * screenshot.
 */
const sizes = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;

const listPages = [
  '/', '/clients', '/settings', '/sync', '/account/signup', '/account/login', '/account', '/account/forgot', '/account/reset', '/dashboard', '/orders', '/orders/new', '/vehicles', '/due',
  '/catalog', '/catalog?tab=ansamble', '/catalog?tab=norme', '/catalog?tab=preturi', '/catalog?tab=tipuriDeviz', '/catalog?tab=tipuriMotoare', '/catalog?tab=mecanici', '/company', '/invoices', '/invoices/new', '/plan',
];

for (const size of sizes) {
  test(`every page is accessible on a ${size.name}`, async ({ page }) => {
    // About twenty pages and a few forms, each analysed by axe: longer than one flow.
    test.setTimeout(300_000);
    await page.setViewportSize(size.viewport);
    await fillCompanyProfile(page, {
      nume: 'Vulcanizare Dealul Mare SRL', cui: 'RO14399840', 'reg-com': 'J12/1234/2015', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ',
    });
    for (const url of listPages) {
      await page.goto(url);
      await page.locator('main h2').first().waitFor();
      await expectAccessible(page, `${url} (${size.name})`);
    }

    // A mechanic's editor, with its user account field (read-only here: without an account there are no users).
    await page.goto('/catalog?tab=mecanici');
    const mechanics = page.getByTestId('catalog-section-mecanici');
    await mechanics.getByTestId('catalog-add').click();
    await mechanics.getByTestId('catalog-field-nume').fill('Pop');
    await mechanics.getByTestId('catalog-add-save').click();
    await mechanics.getByTestId('catalog-item-edit').click();
    await expect(mechanics.getByTestId('catalog-account-readonly')).toHaveCount(2);
    await expectAccessible(page, `mechanic editor (${size.name})`);

    // The detail pages, with a vehicle, a validated order and its invoice behind them.
    await page.goto('/orders/new');
    const vehicle = page.getByTestId('order-vehicle');
    await vehicle.getByTestId('vehicle-picker-input').fill('B 123 ABC');
    await vehicle.getByTestId('vehicle-picker-new').click();
    await vehicle.getByTestId('vehicle-owner').fill('Ana Pop');
    await vehicle.getByTestId('vehicle-save').click();
    await page.getByTestId('order-add-labour').click();
    const line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
    await line.getByTestId('line-desc').fill('Schimb anvelope');
    await line.getByTestId('line-qty').fill('1');
    await line.getByTestId('line-price').fill('120');
    await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
    await expectAccessible(page, `order edit (${size.name})`);
    await page.getByTestId('order-save').click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    await expectAccessible(page, `order (${size.name})`);
    await page.getByTestId('order-validate').click();
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
    await expectAccessible(page, `validated order (${size.name})`);

    await page.getByTestId('order-invoice').click();
    // The form is filled from the order first: a choice made before that would be undone by it.
    await expect(page.getByTestId('buyer-name')).toHaveValue('Ana Pop');
    await page.getByTestId('buyer-pf').check({ force: true });
    await page.getByTestId('buyer-address').fill('Str. Fabricii 5');
    await page.getByTestId('buyer-city').fill('Cluj-Napoca');
    await page.getByTestId('buyer-county').selectOption('CJ');
    await expectAccessible(page, `new invoice from an order (${size.name})`);
    await page.getByTestId('invoice-issue').click();
    await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
    await expectAccessible(page, `invoice (${size.name})`);

    await page.goto('/vehicles');
    await page.getByText(/B ?123 ?ABC/).first().click();
    await expect(page).toHaveURL(/\/vehicles\/[0-9a-f-]{36}$/);
    await expectAccessible(page, `vehicle (${size.name})`);
  });
}
