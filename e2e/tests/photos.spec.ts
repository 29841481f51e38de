import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { expectAccessible } from '../support/a11y';
import { logIn, signUp } from '../support/app';
import { screenshot } from '../support/screens';

const shots = path.join(import.meta.dirname, '..', 'test-results');

const password = 'Garaj-Constanta-7';

/** A real JPEG (a 1200 × 900 picture), made by the browser's own encoder. */
async function makeJpeg(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(1200, 900);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.fillStyle = '#1d4ed8';
    ctx.fillRect(0, 0, 1200, 900);
    ctx.fillStyle = '#facc15';
    ctx.fillRect(300, 200, 600, 500);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(base64, 'base64');
}

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

test('a photo taken offline is kept, uploaded once online and shown as uploaded, and from the server on another device; a reception sheet is filled, signed and printed', async ({ page, context, browser, baseURL }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const email = `foto-${randomUUID().slice(0, 8)}@service.ro`;
  await signUp(page, email, password, 'Service Foto SRL');

  // An order with one line.
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('ms 12 fot');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ștefan Țăranu');
  await vehicle.getByTestId('vehicle-save').click();
  await page.getByTestId('order-add-labour').click();
  const line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Plăcuțe frână față');
  await line.getByTestId('line-qty').fill('1');
  await line.getByTestId('line-price').fill('150');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await synced(page);
  const jpeg = await makeJpeg(page);

  // Offline: the photo is taken, kept on the phone and shown at once, waiting to upload.
  await context.setOffline(true);
  const photos = page.getByTestId('order-photos');
  await photos.getByTestId('photo-input').setInputFiles({ name: 'frana.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  const thumb = photos.getByTestId('photo-thumb');
  await expect(thumb).toHaveCount(1);
  await expect(thumb).toHaveAttribute('data-state', 'local');
  await expect(thumb.getByTestId('photo-status')).toHaveText('Se așteaptă încărcarea');
  await expect(thumb.locator('img')).toBeVisible();
  // A photo of the line too, from its camera button.
  await page.locator('[data-testid="labour-lines"] [data-testid="line-photos"] [data-testid="photo-input"]').setInputFiles({ name: 'linie.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await expect(thumb).toHaveCount(2);
  await expect(page.locator('[data-testid="labour-lines"] [data-testid="line-photos"]')).toContainText('o fotografie');

  // Online again: the rows sync, the files go up, and the server's flag comes back.
  await context.setOffline(false);
  await expect(thumb.nth(0)).toHaveAttribute('data-state', 'uploaded', { timeout: 45_000 });
  await expect(thumb.nth(1)).toHaveAttribute('data-state', 'uploaded', { timeout: 45_000 });
  await expect(thumb.nth(0).getByTestId('photo-status')).toHaveText('Încărcată');
  await expectAccessible(page, 'order page with photos');
  await photos.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, path.join(shots, 'order-photos-phone.png'));

  // The viewer at full size: the server has the file, resized on the phone (1200 × 900 fits within 1600).
  await thumb.nth(0).click();
  const viewer = page.getByTestId('photo-viewer');
  await expect(viewer.getByTestId('photo-full')).toBeVisible();
  expect(await viewer.getByTestId('photo-full').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([1200, 900]);
  await viewer.getByTestId('photo-close').click();

  // Another device of the company shows them from the server.
  const other = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  try {
    const second = await other.newPage();
    await logIn(second, email, password);
    await second.goto(new URL(page.url()).pathname);
    const remote = second.getByTestId('order-photos').getByTestId('photo-thumb');
    await expect(remote).toHaveCount(2, { timeout: 30_000 });
    await expect(remote.nth(0)).toHaveAttribute('data-state', 'uploaded');
    await expect(remote.nth(0).locator('img')).toBeVisible();
    expect(await remote.nth(0).locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  } finally {
    await other.close();
  }

  // The reception sheet.
  await page.getByTestId('reception-open').click();
  await page.getByTestId('reception-start').click();
  await page.getByTestId('intake-km').fill('123456');
  await page.getByTestId('intake-fuel-3').click();
  await page.getByTestId('mark-kind-dent').click();
  const outline = page.getByTestId('car-outline');
  // In the middle of the screen, clear of the bottom navigation bar (a tap there would hit the bar).
  await outline.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await outline.boundingBox();
  if (!box) throw new Error('no outline');
  // The left side's middle: the drawing is 452 units wide from -6, the view 215 × 100 from 0.
  await page.mouse.click(box.x + ((6 + 107) / 452) * box.width, box.y + ((6 + 50) / 222) * box.height);
  await expect(page.getByTestId('damage-mark')).toHaveCount(1);
  await expect(page.getByTestId('mark-list')).toContainText('Lateral stânga · Lovitură');
  await page.getByTestId('reception-requests').fill('Verificați frânele și zgomotul din față');
  await page.getByTestId('intake-save').click();
  await expect(page.getByText('Fișa a fost salvată.')).toBeVisible();

  const pad = page.getByTestId('signature-pad');
  // In the middle of the screen, clear of the bottom navigation bar.
  await pad.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const p = await pad.boundingBox();
  if (!p) throw new Error('no pad');
  await page.mouse.move(p.x + 20, p.y + p.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(p.x + 20 + i * 20, p.y + p.height * (0.7 - (i % 3) * 0.15));
  await page.mouse.up();
  await expect(page.getByTestId('intake-signer')).toHaveValue('Ștefan Țăranu');
  await page.getByTestId('intake-sign').click();
  await expect(page.getByTestId('intake-signature').getByTestId('signed-by')).toContainText('Semnat de Ștefan Țăranu');
  // Signed: the intake is read-only, the hand-back part opens.
  await expect(page.getByTestId('intake-km')).toBeDisabled();
  await expect(page.getByTestId('reception-handback')).toBeVisible();
  await screenshot(page, path.join(shots, 'reception-phone.png'), { fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reception-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/^Receptie(-\d+)?\.pdf$/);
  const file = await download.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, path.join(shots, 'reception-desktop.png'), { fullPage: true });

  // Back on the order, its section says where the sheet is.
  await page.goBack();
  await expect(page.getByTestId('reception-status')).toHaveText('Recepție semnată; urmează predarea');

  // The customer's page shows the photos and the sheet.
  const links = page.getByTestId('portal-links');
  await links.getByTestId('portal-link-create').click();
  await expect(links.getByTestId('portal-link')).toHaveAttribute('data-state', 'active', { timeout: 30_000 });
  const url = (await links.getByTestId('portal-link-url').innerText()).trim();
  const customer = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const phone = await customer.newPage();
    expect((await phone.goto(new URL(url).pathname))?.status()).toBe(200);
    const images = phone.locator('img[src*="/photos/"]');
    await expect(images).toHaveCount(2);
    for (const img of await images.all()) {
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1200);
    }
    await expect(phone.getByRole('heading', { name: 'Fișa de recepție' })).toBeVisible();
    await expect(phone.getByText('Lovitură (lateral stânga)')).toBeVisible();
    await screenshot(phone, path.join(shots, 'portal-photos-phone.png'), { fullPage: true });
    const sheet = await phone.request.get(new URL(url).pathname + '/receptie.pdf');
    expect(sheet.status()).toBe(200);
    expect((await sheet.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  } finally {
    await customer.close();
  }
});
