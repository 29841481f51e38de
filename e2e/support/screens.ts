import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';

/**
 * A picture of the page for people to look at, taken after checking that nothing on it is wider than
 * the screen (on a phone, a page that scrolls sideways is broken) and that it has no serious or
 * critical accessibility problem.
 */
export async function screenshot(page: Page, file: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${path.basename(file)}: the page is wider than the screen`).toBeLessThanOrEqual(width);
  await expectAccessible(page, path.basename(file));
  await page.screenshot({ path: file, ...options });
}
