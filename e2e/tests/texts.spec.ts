import { expect, test } from '../support/fixtures';
import { signUp } from '../support/app';
import { screenshot } from '../support/screens';
import type { Page } from '@playwright/test';

/**
 * What a shop owner reads when something is wrong, on a phone: always Romanian, never a message key,
 * never the English of a validator or of the server, and said where it happened (under the field).
 */
test.use({ viewport: { width: 390, height: 844 } });

/** English or keys that must never reach the screen. */
const notForPeople = /Too big|Too small|expected string|must not be empty|is not valid|check digit|\b(shell|refusals|core|workshop|accounting)\.[a-z]\w*\.\w+/;

async function expectRomanianOnly(page: Page): Promise<void> {
  expect(await page.locator('body').innerText()).not.toMatch(notForPeople);
}

test('a too long name, a wrong IBAN, a bad sign-up and a wrong password are said in Romanian, where they happen', async ({ page, context, browser, baseURL }) => {
  test.setTimeout(120_000);
  // A customer's name over the table's 200 characters: the limit, in words, under the field.
  await page.goto('/clients');
  await page.getByTestId('client-name').fill('x'.repeat(500));
  await page.getByTestId('client-add').click();
  await expect(page.getByText('Cel mult 200 de caractere.')).toBeVisible();
  await expectRomanianOnly(page);
  await screenshot(page, test.info().outputPath('client-name-too-long.png'));

  // The same from a second tab, whose writes the first tab (the leader) makes: the error keeps its code.
  const second = await context.newPage();
  await second.goto('/clients');
  await second.getByTestId('client-name').fill('y'.repeat(300));
  await second.getByTestId('client-add').click();
  await expect(second.getByText('Cel mult 200 de caractere.')).toBeVisible();
  await expectRomanianOnly(second);
  await second.close();

  // The company page: what is missing or wrong under its field, the IBAN's form before anything is typed.
  await page.goto('/company');
  await expect(page.getByText('Ca în extrasul de cont: RO49 AAAA 1B31 0075 9384 0000')).toBeVisible();
  await page.getByTestId('company-iban').fill('RO12 3456 7890');
  await page.getByTestId('company-cui').fill('14399841');
  await page.getByTestId('company-save').click();
  await expect(page.getByTestId('company-error')).toHaveText('Datele nu au fost salvate: corectați câmpurile marcate.');
  await expect(page.getByText('Scrieți denumirea firmei.')).toBeVisible();
  await expect(page.getByText('IBAN-ul nu este valid: verificați-l în extrasul de cont (24 de caractere pentru România).')).toBeVisible();
  await expect(page.getByText('Cifra de control a CUI-ului nu se potrivește. Verificați-l.').first()).toBeVisible();
  await expectRomanianOnly(page);
  await screenshot(page, test.info().outputPath('company-fields.png'), { fullPage: true });
  // Corrected, with the IBAN written as the bank prints it: saved.
  await page.getByTestId('company-nume').fill('Service Auto Dealul Mare SRL');
  await page.getByTestId('company-cui').fill('RO14399840');
  await page.getByTestId('company-iban').fill('ro49 aaaa 1b31 0075 9384 0000');
  await page.getByTestId('company-save').click();
  await expect(page.getByTestId('company-saved')).toBeVisible();
  await expect(page.getByTestId('company-error')).toHaveCount(0);

  // Sign-up: the server's refusal of a 500-character company name, with the field it is about.
  await page.goto('/account/signup');
  await page.getByTestId('signup-company').fill('z'.repeat(500));
  await page.getByTestId('signup-email').fill('owner@dealulmare.ro');
  await page.getByTestId('signup-password').fill('Garaj-Constanta-7');
  await page.getByTestId('signup-submit').click();
  await expect(page.getByRole('alert')).toHaveText('Numele firmei: cel mult 200 de caractere.');
  await page.getByTestId('signup-cui').fill('123');
  await expect(page.getByText('CUI-ul nu este valid.')).toBeVisible();
  await expectRomanianOnly(page);
  await screenshot(page, test.info().outputPath('signup-name-too-long.png'));
  await signUp(page, 'owner@dealulmare.ro', 'Garaj-Constanta-7', 'Service Auto Dealul Mare SRL');

  // Another browser: a wrong password, then an e-mail that already has an account.
  const other = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const phone = await other.newPage();
  await phone.goto('/account/login');
  await phone.getByTestId('login-email').fill('owner@dealulmare.ro');
  await phone.getByTestId('login-password').fill('Parola-Gresita-1');
  await phone.getByTestId('login-submit').click();
  await expect(phone.getByRole('alert')).toHaveText('Email sau parolă greșită.');
  await expectRomanianOnly(phone);
  await phone.goto('/account/signup');
  await phone.getByTestId('signup-company').fill('Alt Service SRL');
  await phone.getByTestId('signup-email').fill('owner@dealulmare.ro');
  await phone.getByTestId('signup-password').fill('Garaj-Constanta-7');
  await phone.getByTestId('signup-submit').click();
  await expect(phone.getByRole('alert')).toHaveText('Există deja un cont cu acest email.');
  await expectRomanianOnly(phone);
  await other.close();
});
