import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { screenshot } from '../support/screens';

const phoneShot = fileURLToPath(new URL('../test-results/catalog-phone.png', import.meta.url));

/** The row of a catalog list whose name is exactly `name`. */
function item(page: Page, section: Locator, name: string): Locator {
  return section.getByTestId('catalog-item').filter({ has: page.getByTestId('catalog-item-name').getByText(name, { exact: true }) });
}

/** Adds an item through the list's add form, one field after the other. */
async function add(section: Locator, fields: Record<string, string>): Promise<void> {
  if (!(await section.getByTestId('catalog-add-form').isVisible())) await section.getByTestId('catalog-add').click();
  const form = section.getByTestId('catalog-add-form');
  for (const [key, value] of Object.entries(fields)) {
    const field = form.getByTestId(`catalog-field-${key}`);
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption({ label: value });
    else await field.fill(value);
  }
  await form.getByTestId('catalog-add-save').click();
}

test('no account: the seeded catalog, adding, editing, deactivating, and an item in use that cannot be deleted', async ({ page }) => {
  await page.goto('/catalog');
  const makes = page.getByTestId('catalog-section-marci');
  const models = page.getByTestId('catalog-section-modele');

  // The starter catalog is there from the first start, and a reload does not add it again.
  await expect(item(page, makes, 'Dacia')).toBeVisible();
  await expect(item(page, makes, 'Citroën')).toBeVisible();
  await page.reload();
  await expect(item(page, makes, 'Dacia')).toHaveCount(1);
  await expect(makes.getByTestId('catalog-item')).toHaveCount(24);

  // A make shows its models.
  await item(page, makes, 'Dacia').getByRole('button', { name: /Dacia.*vedeți modelele/ }).click();
  await expect(models.getByRole('heading', { name: 'Modele Dacia' })).toBeVisible();
  for (const model of ['Logan', 'Sandero', 'Duster', 'Spring', 'Jogger']) await expect(item(page, models, model)).toBeVisible();

  // A model used nowhere is deleted, after a confirmation; it does not come back with a reload.
  await item(page, models, 'Solenza').getByTestId('catalog-item-edit').click();
  await models.getByTestId('catalog-delete').click();
  await models.getByTestId('catalog-delete-confirm').click();
  await expect(models.getByTestId('catalog-notice')).toContainText('„Solenza” a fost șters');
  await expect(item(page, models, 'Solenza')).toHaveCount(0);

  // A new make, refused first as a duplicate of an existing one (the message sits by the field).
  await add(makes, { denumire: 'dacia' });
  await expect(makes.getByTestId('catalog-add-form')).toContainText('Există deja „Dacia” în listă.');
  await add(makes, { denumire: 'Lada' });
  await expect(makes.getByTestId('catalog-notice')).toContainText('„Lada” a fost adăugat.');
  await expect(item(page, makes, 'Lada')).toBeVisible();
  await item(page, makes, 'Lada').getByRole('button', { name: /Lada.*vedeți modelele/ }).click();
  await expect(models.getByText('Niciun model pentru această marcă.')).toBeVisible();
  await add(models, { denumire: 'Niva' });
  await expect(item(page, models, 'Niva')).toBeVisible();
  await expect(item(page, makes, 'Lada')).toContainText('un model');
  await screenshot(page, test.info().outputPath('catalog-makes-desktop.png'));

  // The make now has a model: it cannot be deleted, and deactivation is offered instead.
  await item(page, makes, 'Lada').getByTestId('catalog-item-edit').click();
  await makes.getByTestId('catalog-delete').click();
  await expect(makes.getByTestId('catalog-in-use')).toContainText('Nu poate fi șters: este folosit la un model');

  await page.reload();
  await expect(item(page, models, 'Niva')).toBeVisible();
  await expect(item(page, models, 'Solenza')).toHaveCount(0);

  // Labour times: hours typed with a comma, the assembly chosen from the list; a wrong value is explained and kept.
  await page.getByTestId('catalog-tab-norme').click();
  await expect(page).toHaveURL(/tab=norme/);
  const norme = page.getByTestId('catalog-section-norme');
  await expect(item(page, norme, 'Schimb ulei și filtru ulei')).toContainText('0,5 h · Motor');
  await add(norme, { cod: 'E100', denumire: 'Înlocuire alternator', ore_normate: '1,5 h', ansamblu_id: 'Sistem electric' });
  const form = norme.getByTestId('catalog-add-form');
  await expect(form).toContainText('Scrieți orele ca număr');
  await expect(form.getByTestId('catalog-field-denumire')).toHaveValue('Înlocuire alternator');
  await form.getByTestId('catalog-field-ore_normate').fill('1,5');
  await form.getByTestId('catalog-add-save').click();
  await expect(item(page, norme, 'Înlocuire alternator')).toContainText('1,5 h · Sistem electric');
  await expect(item(page, norme, 'Înlocuire alternator')).toContainText('E100');

  // The search box narrows the list, without caring about diacritics.
  await norme.getByTestId('catalog-search').fill('inlocuire alternator');
  await expect(norme.getByTestId('catalog-item')).toHaveCount(1);
  await norme.getByTestId('catalog-search').fill('');

  // Editing: "2.25" with a dot is read too.
  await item(page, norme, 'Înlocuire alternator').getByTestId('catalog-item-edit').click();
  const editor = norme.getByTestId('catalog-editor');
  await expect(editor.getByTestId('catalog-field-ore_normate')).toHaveValue('1,5');
  await editor.getByTestId('catalog-field-ore_normate').fill('2.25');
  await editor.getByTestId('catalog-save').click();
  await expect(item(page, norme, 'Înlocuire alternator')).toContainText('2,25 h');

  // A new assembly with a labour time in it: it cannot be deleted, so it is deactivated instead.
  await page.getByTestId('catalog-tab-ansamble').click();
  const ansamble = page.getByTestId('catalog-section-ansamble');
  await add(ansamble, { denumire: 'Hidraulică' });
  await expect(item(page, ansamble, 'Hidraulică')).toContainText('0 norme');
  await page.getByTestId('catalog-tab-norme').click();
  await add(norme, { cod: 'H001', denumire: 'Verificare pompă hidraulică', ore_normate: '0,5', ansamblu_id: 'Hidraulică' });
  await expect(item(page, norme, 'Verificare pompă hidraulică')).toContainText('0,5 h · Hidraulică');

  await page.getByTestId('catalog-tab-ansamble').click();
  await expect(item(page, ansamble, 'Hidraulică')).toContainText('o normă');
  await item(page, ansamble, 'Hidraulică').getByTestId('catalog-item-edit').click();
  await ansamble.getByTestId('catalog-delete').click();
  const inUse = ansamble.getByTestId('catalog-in-use');
  await expect(inUse).toContainText('Nu poate fi șters: este folosit la o normă');
  await expect(ansamble.getByTestId('catalog-delete-confirm')).toHaveCount(0);
  await screenshot(page, test.info().outputPath('catalog-in-use.png'), { fullPage: true });
  await inUse.getByTestId('catalog-in-use-deactivate').click();
  await expect(ansamble.getByTestId('catalog-notice')).toContainText('„Hidraulică” a fost dezactivat');
  await expect(item(page, ansamble, 'Hidraulică')).toHaveCount(0);

  // Inactive items show on request, greyed with a badge, and can be reactivated.
  await ansamble.getByTestId('catalog-show-inactive').check();
  const hidraulica = item(page, ansamble, 'Hidraulică');
  await expect(hidraulica).toHaveAttribute('data-active', '0');
  await expect(hidraulica).toContainText('Inactiv');
  // The assembly is still there: the labour time keeps it.
  await page.getByTestId('catalog-tab-norme').click();
  await expect(item(page, norme, 'Verificare pompă hidraulică')).toContainText('Hidraulică');

  // Prices in lei, typed with a comma.
  await page.getByTestId('catalog-tab-preturi').click();
  const preturi = page.getByTestId('catalog-section-preturi');
  await expect(item(page, preturi, 'Oră manoperă')).toContainText('150,00 RON / oră');
  await add(preturi, { denumire: 'Schimb anvelope SUV', pret: '37,5', um: 'buc' });
  await expect(item(page, preturi, 'Schimb anvelope SUV')).toContainText('37,50 RON / buc');

  // Mechanics: last and first name.
  await page.getByTestId('catalog-tab-mecanici').click();
  const mecanici = page.getByTestId('catalog-section-mecanici');
  await expect(mecanici.getByText('Niciun mecanic încă.')).toBeVisible();
  await add(mecanici, { nume: 'Țurcanu', prenume: 'Ștefan' });
  await expect(item(page, mecanici, 'Țurcanu Ștefan')).toBeVisible();
});

test('on a phone the tabs scroll sideways, the page fits the screen and a make opens its models', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/catalog');
  const makes = page.getByTestId('catalog-section-marci');
  await expect(item(page, makes, 'Dacia')).toBeVisible();

  const tablist = page.getByRole('tablist');
  expect(await tablist.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Every tab and button is big enough to tap.
  for (const box of await page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(44);
  await screenshot(page, phoneShot);

  // The models take the makes' place; "All makes" goes back.
  await item(page, makes, 'Dacia').getByRole('button', { name: /Dacia.*vedeți modelele/ }).click();
  const models = page.getByTestId('catalog-section-modele');
  await expect(item(page, models, 'Logan')).toBeVisible();
  await expect(makes).toBeHidden();
  await item(page, models, 'Logan').getByTestId('catalog-item-edit').click();
  await screenshot(page, test.info().outputPath('catalog-phone-models.png'));
  await page.getByTestId('catalog-back-to-makes').click();
  await expect(item(page, makes, 'Dacia')).toBeVisible();

  // The last tab scrolls into view when chosen.
  await page.getByTestId('catalog-tab-norme').click();
  await page.getByTestId('catalog-section-norme').getByTestId('catalog-add').click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, test.info().outputPath('catalog-phone-norme.png'));
  await page.getByTestId('catalog-tab-mecanici').click();
  await expect(page.getByTestId('catalog-tab-mecanici')).toBeInViewport();
});

test('on a phone every page is reachable: the bar holds four places and "More" the rest', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/dashboard');
  const bar = page.getByRole('navigation', { name: /Navigare principală|Main navigation/ }).last();
  await bar.getByTestId('nav-more').click();
  await bar.getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(/\/catalog/);
  await expect(bar.getByRole('link', { name: 'Catalog' })).toHaveCount(0);
  await screenshot(page, test.info().outputPath('catalog-from-more.png'));
});
