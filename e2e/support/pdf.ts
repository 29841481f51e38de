import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type * as PdfJs from 'pdfjs-dist';

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Saves what a click downloads and returns its name and bytes. */
export async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/**
 * Page 1 of a PDF drawn by pdf.js in the browser and saved as a PNG (pdf.js is served from node_modules
 * for this page only), with the page's text (spaces collapsed) and the document's subject.
 */
export async function pdfPagePng(page: Page, pdf: Buffer, file: string, scale = 1.5): Promise<{ text: string; subject: string }> {
  const viewer = await page.context().newPage();
  await viewer.route('http://pdf.local/**', async (route) => {
    const rel = new URL(route.request().url()).pathname;
    if (rel === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><canvas id="c"></canvas>' });
    return route.fulfill({ path: path.join(pdfjsDir, rel), contentType: 'text/javascript' });
  });
  await viewer.goto('http://pdf.local/');
  const out = await viewer.evaluate(async ({ base64, scale: s }) => {
    const url: string = 'http://pdf.local/legacy/build/pdf.mjs';
    const pdfjs = (await import(url)) as typeof PdfJs;
    pdfjs.GlobalWorkerOptions.workerSrc = 'http://pdf.local/legacy/build/pdf.worker.mjs';
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const doc = await pdfjs.getDocument({ data }).promise;
    const p = await doc.getPage(1);
    const viewport = p.getViewport({ scale: s });
    const canvas = document.getElementById('c') as HTMLCanvasElement;
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    await p.render({ canvas, viewport }).promise;
    const content = await p.getTextContent();
    const meta = await doc.getMetadata();
    return { text: content.items.map((i) => ('str' in i ? i.str : '')).join(' '), subject: (meta.info as { Subject?: string }).Subject ?? '' };
  }, { base64: pdf.toString('base64'), scale });
  await viewer.locator('#c').screenshot({ path: file });
  await viewer.close();
  return { text: out.text.replace(/\s+/g, ' '), subject: out.subject };
}
