import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { logIn, signUp } from '../support/app';
import { startServer } from '../support/server';
import { screenshot } from '../support/screens';

const password = 'Garaj-Constanta-7';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

/** Both sizes, each checked for width and accessibility by `screenshot`. */
async function bothSizes(page: Page, name: string): Promise<void> {
  await page.setViewportSize(phone);
  await screenshot(page, test.info().outputPath(`${name}-phone.png`), { fullPage: true });
  await page.setViewportSize(desktop);
  await screenshot(page, test.info().outputPath(`${name}-desktop.png`), { fullPage: true });
}

test('changing the password on one device signs the other out; the sessions list and sign-out work', async ({ browser }) => {
  test.setTimeout(240_000);
  const server = await startServer();
  const deviceA = await browser.newContext({ baseURL: server.baseURL, locale: 'ro-RO' });
  const deviceB = await browser.newContext({ baseURL: server.baseURL });
  try {
    const a = await deviceA.newPage();
    await a.goto('/');
    const email = `cont-${randomUUID().slice(0, 8)}@service.ro`;
    await signUp(a, email, password, 'Service Cont SRL');
    const b = await deviceB.newPage();
    await logIn(b, email, password);

    await a.goto('/settings');
    await a.getByTestId('open-account').click();
    await expect(a.getByTestId('account-page-email')).toHaveText(email);
    await expect(a.getByTestId('session')).toHaveCount(2);
    await expect(a.getByTestId('session-current')).toHaveCount(1);
    await bothSizes(a, 'account');

    // The rules turn green as the new password is typed.
    await a.getByTestId('current-password').fill(password);
    await a.getByTestId('new-password').fill('scurt');
    await expect(a.getByTestId('password-rules').locator('[data-ok="true"]')).not.toHaveCount(4);
    await a.getByTestId('new-password').fill('Parola-Noua-Atelier-5');
    await expect(a.getByTestId('password-rules').locator('[data-ok="true"]')).toHaveCount(4);
    await a.getByTestId('confirm-password').fill('Parola-Noua-Atelier-5');
    await expect(a.getByTestId('keep-session')).toBeChecked();
    await a.getByTestId('change-password-submit').click();
    await expect(a.getByTestId('change-password-done')).toBeVisible();
    await expect(a.getByTestId('session')).toHaveCount(1);

    // The other device is signed out: it is asked for the password again, its data kept.
    await b.goto('/account');
    await expect(b.getByTestId('account-sign-in-again')).toBeVisible({ timeout: 20_000 });
    await logIn(b, email, 'Parola-Noua-Atelier-5');

    // Signing out every other device from the first one.
    await a.reload();
    await expect(a.getByTestId('session')).toHaveCount(2);
    a.once('dialog', (d) => void d.accept());
    await a.getByTestId('sign-out-everywhere').click();
    await expect(a.getByTestId('sessions-notice')).toBeVisible();
    await expect(a.getByTestId('session')).toHaveCount(1);
    await b.goto('/account');
    await expect(b.getByTestId('account-sign-in-again')).toBeVisible({ timeout: 20_000 });
    // This device is still signed in.
    await a.reload();
    await expect(a.getByTestId('session-current')).toBeVisible();
  } finally {
    await deviceA.close();
    await deviceB.close();
    await server.stop();
  }
});

test('a forgotten password: the e-mail from the outbox, the reset, then signing in with the new password', async ({ browser }) => {
  test.setTimeout(240_000);
  const server = await startServer({ MAIL_OUTBOX_ROUTE: '1' });
  const setup = await browser.newContext({ baseURL: server.baseURL });
  const context = await browser.newContext({ baseURL: server.baseURL });
  try {
    const email = `uitat-${randomUUID().slice(0, 8)}@service.ro`;
    const first = await setup.newPage();
    await first.goto('/');
    await signUp(first, email, password, 'Service Uitat SRL');

    const page = await context.newPage();
    await page.goto('/account/login');
    await page.getByTestId('login-forgot').click();
    await expect(page).toHaveURL(/\/account\/forgot$/);
    await page.getByTestId('forgot-email').fill(email);
    await bothSizes(page, 'forgot');
    await page.getByTestId('forgot-submit').click();
    await expect(page.getByTestId('forgot-sent')).toContainText(email);
    await bothSizes(page, 'forgot-sent');

    // The message, as a developer reads it from the local outbox.
    let text = '';
    await expect.poll(async () => {
      const res = await context.request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`);
      const { messages } = (await res.json()) as { messages: { subject: string; text: string }[] };
      text = messages[0]?.text ?? '';
      return messages[0]?.subject ?? '';
    }, { timeout: 15_000 }).toBe('Resetarea parolei ROA AUTO');
    const link = /http\S+\/account\/reset#[\w-]+/.exec(text)?.[0] ?? '';
    expect(link).not.toBe('');
    const url = new URL(link);

    await page.goto(`${url.pathname}${url.hash}`);
    await page.getByTestId('reset-password').fill('Parola-Noua-Atelier-5');
    await page.getByTestId('reset-confirm').fill('Parola-Noua-Atelier-5');
    await bothSizes(page, 'reset');
    await page.getByTestId('reset-submit').click();
    await expect(page.getByTestId('reset-done')).toBeVisible();
    expect(new URL(page.url()).hash).toBe('');

    // The link works once (opened afresh, as from the e-mail again).
    await page.goto('/account/login');
    await page.goto(`${url.pathname}${url.hash}`);
    await page.reload();
    await page.getByTestId('reset-password').fill('Inca-O-Parola-Noua-6');
    await page.getByTestId('reset-confirm').fill('Inca-O-Parola-Noua-6');
    await page.getByTestId('reset-submit').click();
    await expect(page.getByTestId('reset-invalid')).toBeVisible();
    await bothSizes(page, 'reset-invalid');

    // The old sign-in of the first device ended; the new password works.
    await first.goto('/account');
    await expect(first.getByTestId('account-sign-in-again')).toBeVisible({ timeout: 20_000 });
    await logIn(page, email, 'Parola-Noua-Atelier-5');
  } finally {
    await setup.close();
    await context.close();
    await server.stop();
  }
});
