import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { superAdmin } from './server';

/** Adds a customer through the Customers page, the way a person would. */
export async function addClient(page: Page, name: string, phone = ''): Promise<void> {
  if (!page.url().endsWith('/clients')) await page.goto('/clients');
  await page.getByTestId('client-name').fill(name);
  if (phone) await page.getByTestId('client-phone').fill(phone);
  await page.getByTestId('client-add').click();
  await expect(page.getByTestId('client-list').getByText(name, { exact: true })).toBeVisible();
}

export async function clientNames(page: Page): Promise<string[]> {
  return (await page.getByTestId('client-list').locator('li p.font-medium').allTextContents()).sort();
}

/** Waits until the service worker controls the page, so the shell loads without the server. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  });
}

export async function signUp(page: Page, email: string, password: string, company: string): Promise<void> {
  await page.goto('/account/signup');
  await page.getByTestId('signup-company').fill(company);
  await page.getByTestId('signup-email').fill(email);
  await page.getByTestId('signup-password').fill(password);
  await page.getByTestId('signup-submit').click();
  await expect(page.getByTestId('signup-done')).toBeVisible({ timeout: 30_000 });
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/account/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
}

/** The company page's text fields, by the suffix of their test id ("company-nume"). */
export type CompanyFields = Partial<Record<'nume' | 'cui' | 'reg-com' | 'adresa' | 'localitate' | 'iban' | 'banca' | 'serie-implicita', string>> & { judet: string };

/** Fills the company's fiscal profile on its page and saves it; the page stays open. */
export async function fillCompanyProfile(page: Page, fields: CompanyFields): Promise<void> {
  await page.goto('/company');
  // Typing before the stored profile has filled the form would mix the two (the read lands mid-typing).
  await expect(page.getByTestId('company-form')).toHaveAttribute('aria-busy', 'false');
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'judet') await page.getByTestId('company-judet').selectOption(value);
    else await page.getByTestId(`company-${key}`).fill(value);
  }
  await page.getByTestId('company-save').click();
  await expect(page.getByTestId('company-saved')).toBeVisible();
}

/**
 * The platform operator changes the signed-in company's entitlements (a plan, modules) through the
 * operator API, as the console does; the app sees it at its next sync and takes new tokens for it. This
 * waits for those: a page that navigates while that refresh is in flight loses the rotated token.
 */
export async function setEntitlements(page: Page, request: APIRequestContext, data: Record<string, unknown>): Promise<void> {
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.request().method() === 'POST', { timeout: 30_000 });
  const operator = (await (await request.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const session = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { tenant: { id: string } };
  const patched = await request.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, { headers: { authorization: `Bearer ${operator.accessToken}` }, data });
  expect(patched.status()).toBe(200);
  expect((await refreshed).status()).toBe(200);
}

/** Adds a stock location (gestiune) on the warehouse's locations page, once the plan has reached the device. */
export async function addLocation(page: Page, name: string): Promise<void> {
  await page.goto('/warehouse/locations');
  await expect(page.getByTestId('module-unavailable')).toHaveCount(0, { timeout: 20_000 });
  const before = await page.getByTestId('location').count();
  await page.getByTestId('location-name').fill(name);
  await page.getByTestId('location-add').click();
  await expect(page.getByTestId('location')).toHaveCount(before + 1);
}
