import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { downloadOf, pdfPagePng } from '../support/pdf';
import { expectAccessible } from '../support/a11y';
import { setEntitlements, signUp, waitForServiceWorker } from '../support/app';
import { screenshot } from '../support/screens';

// A phone, used with one hand.
test.use({ viewport: { width: 390, height: 844 }, acceptDownloads: true });

const shots = path.join(import.meta.dirname, '..', 'test-results');

/**
 * The tyre hotel on a phone: a customer's four wheels checked in (one typed, "copy to all", tread per
 * wheel), the set's QR label downloaded (page 1 as PNG), the label's link opened and the set returned there.
 */
test('a tyre set checked in with a QR label PDF and checked out by opening its label\'s link', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await signUp(page, `anvelope-${randomUUID().slice(0, 8)}@service.ro`, 'Vulcanizare-Iarna-2026', 'Vulcanizare Someș SRL');
  await waitForServiceWorker(page);
  // The tyre hotel comes with the warehouse, on the Full plan, which the platform operator gives.
  await setEntitlements(page, context.request, { plan: 'full' });
  await page.goto('/tyres');
  await expect(page.getByTestId('module-unavailable')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('main h2').first()).toHaveText('Hotel anvelope');

  await page.getByTestId('tyre-new').click();
  await expect(page).toHaveURL(/\/tyres\/new$/);
  await page.getByTestId('vehicle-picker-input').fill('CJ 12 ANV');
  await page.getByTestId('vehicle-picker-new').click();
  await page.getByTestId('vehicle-owner').fill('Ștefan Țăranu');
  await page.getByTestId('vehicle-phone').fill('0722 123 456');
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-picker-chosen')).toContainText('CJ 12 ANV');
  await expect(page.getByTestId('tyre-plate')).toHaveValue('CJ 12 ANV');
  await expect(page.getByTestId('tyre-client-name')).toHaveValue('Ștefan Țăranu');
  await page.getByTestId('tyre-season').selectOption('iarna');
  await page.getByTestId('tyre-year').fill('2026');
  await page.getByTestId('tyre-rack').fill('3');
  await page.getByTestId('tyre-shelf').fill('2');
  await page.getByTestId('tyre-slot').fill('14');
  const first = page.getByTestId('tyre-wheel-FS');
  await first.getByTestId('wheel-brand').fill('Nokian');
  await first.getByTestId('wheel-size').fill('205/55r16 91h');
  await first.getByTestId('wheel-dot').fill('4122');
  await first.getByTestId('wheel-rim').check();
  await page.getByTestId('tyre-copy-all').click();
  await expect(page.getByTestId('tyre-wheel-SD').getByTestId('wheel-size')).toHaveValue('205/55r16 91h');
  for (const [pos, mm] of [['FS', '6,5'], ['FD', '6,2'], ['SS', '2,4'], ['SD', '1,4']] as const) {
    await page.getByTestId(`tyre-wheel-${pos}`).getByTestId('wheel-tread').fill(mm);
  }
  await screenshot(page, path.join(shots, 'tyre-checkin-phone.png'), { fullPage: true });
  await expectAccessible(page, 'tyre check-in (phone)');
  await page.getByTestId('tyre-save').click();

  await expect(page).toHaveURL(/\/tyres\/[0-9a-f-]{36}$/);
  const setUrl = new URL(page.url());
  await expect(page.getByTestId('tyre-set-status')).toHaveText('Depozitat');
  await expect(page.getByTestId('tyre-set-wheel')).toHaveCount(4);
  await expect(page.getByTestId('tyre-set-place')).toContainText('3 / 2 / 14');
  await expect(page.getByText('Sub minimul legal (1,6 mm)')).toBeVisible();

  // Photos: one of the set, one of the front-left wheel (its damage), kept on the phone, then uploaded.
  const photos = page.getByTestId('tyre-set-photos');
  const jpeg = Buffer.from(await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(800, 600);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.fillStyle = '#111827';
    ctx.fillRect(0, 0, 800, 600);
    ctx.fillStyle = '#9ca3af';
    ctx.beginPath();
    ctx.arc(400, 300, 250, 0, Math.PI * 2);
    ctx.fill();
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })).arrayBuffer());
    return Array.from(bytes);
  }));
  const inputs = photos.getByTestId('photo-input');
  await expect(inputs).toHaveCount(5);
  await inputs.nth(0).setInputFiles({ name: 'set.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await inputs.nth(1).setInputFiles({ name: 'roata.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  const thumbs = photos.getByTestId('photo-thumb');
  await expect(thumbs).toHaveCount(2);
  await expect(thumbs.nth(0)).toHaveAttribute('data-state', 'uploaded', { timeout: 45_000 });
  await expect(thumbs.nth(1)).toHaveAttribute('data-state', 'uploaded', { timeout: 45_000 });
  await expectAccessible(page, 'tyre set with photos');
  await photos.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, path.join(shots, 'tyre-set-photos-phone.png'));
  const title = (await page.getByTestId('tyre-set-title').textContent()) ?? '';
  const code = /Set ([A-Z2-9]{6})/.exec(title)?.[1] ?? '';
  expect(code).toMatch(/^[A-Z2-9]{6}$/);

  const label = await downloadOf(page, () => page.getByTestId('tyre-label').click());
  expect(label.name).toBe(`Eticheta-${code}-50x30.pdf`);
  expect(label.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const pdf = await pdfPagePng(page, label.bytes, path.join(shots, 'tyre-label-page1.png'), 4);
  for (const part of [code, 'CJ 12 ANV', 'Ștefan Țăranu', 'iarnă 2026/2027', '4 roți', '205/55 R16 91H', 'R 3 / E 2 / P 14']) expect(pdf.text).toContain(part);
  // The QR holds the set's page; the document's subject carries the same link for reading it back.
  expect(pdf.subject).toBe(`${setUrl.origin}${setUrl.pathname}`);

  // The list finds it by the plate typed without spaces, and the tread list shows it.
  await page.goto('/tyres');
  await page.getByTestId('tyre-search').fill('cj12anv');
  await expect(page.getByTestId('tyre-row')).toHaveCount(1);
  await screenshot(page, path.join(shots, 'tyre-list-phone.png'), { fullPage: true });
  await expectAccessible(page, 'tyre list (phone)');
  await page.goto('/tyres/tread');
  await expect(page.getByTestId('tyre-tread-list').getByTestId('tyre-row')).toContainText('CJ 12 ANV');
  await expectAccessible(page, 'low tread list (phone)');

  // Scanning the label opens the set: check it out there.
  await page.goto(pdf.subject);
  await expect(page.getByTestId('tyre-set-title')).toHaveText(`Set ${code}`);
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('tyre-checkout').click();
  await expect(page.getByTestId('tyre-set-status')).toHaveText('Predat');
  await expect(page.getByTestId('tyre-set-returned')).toContainText('Predat');
  await expect(page.getByTestId('tyre-checkout')).toHaveCount(0);
  await screenshot(page, path.join(shots, 'tyre-set-returned-phone.png'), { fullPage: true });
  await expectAccessible(page, 'tyre set returned (phone)');
});
