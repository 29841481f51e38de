// Renders the PWA icons from apps/web/public/favicon.svg with Debian's Chromium (run once after
// changing the logo; the PNGs are committed).
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const svg = fs.readFileSync(new URL('../apps/web/public/favicon.svg', import.meta.url), 'utf8');
const out = new URL('../apps/web/public/icons/', import.meta.url);
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage();
for (const [name, size, padding] of [
  ['icon-192.png', 192, 0],
  ['icon-512.png', 512, 0],
  // Maskable icons keep the logo inside the central safe zone on a full-bleed background.
  ['icon-maskable-512.png', 512, 0.12],
]) {
  await page.setViewportSize({ width: size, height: size });
  const inner = Math.round(size * (1 - 2 * padding));
  await page.setContent(
    `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${padding ? '#1e3a8a' : 'transparent'}">`
      + `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body>`,
  );
  await page.screenshot({ path: new URL(name, out).pathname, omitBackground: !padding });
}
await browser.close();
