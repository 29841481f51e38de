import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '../support/fixtures';
import { signUp } from '../support/app';
import { screenshot } from '../support/screens';

test.use({ acceptDownloads: true });

test('the owner reads the company\'s trail, filters it and exports it as CSV', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await signUp(page, `jurnal-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Constanta-7', 'Service Jurnal SRL');
  await page.goto('/audit');
  await expect(page.getByTestId('audit-line').first()).toBeVisible();
  await expect(page.getByTestId('audit-lines')).toContainText(/(Firmă înregistrată|Company registered)/);

  await page.getByTestId('audit-category').selectOption('documents');
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-empty')).toBeVisible();
  await page.getByTestId('audit-category').selectOption('plan');
  await page.getByTestId('audit-from').fill('2030-01-02');
  await page.getByTestId('audit-to').fill('2030-01-01');
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByTestId('audit-from').fill('');
  await page.getByTestId('audit-to').fill('');
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-line')).toHaveCount(1);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^(jurnal|audit-trail)-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = csv.slice(1).trim().split('\r\n');
  expect(rows[0]).toMatch(/^(Când;Cine;Ce;Despre;Detalii;IP|When,Who,What,About,Details,IP)$/);
  expect(rows).toHaveLength(2);
  expect(rows[1]).toMatch(/(Firmă înregistrată|Company registered)/);
  await expect(page.getByTestId('audit-notice')).toBeVisible();

  await screenshot(page, test.info().outputPath('audit-desktop.png'), { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, test.info().outputPath('audit-phone.png'), { fullPage: true });
});
