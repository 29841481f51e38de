import { createRequire } from 'node:module';
import path from 'node:path';
import { launchChromium } from './browser/harness';
import { efacturaProblems, efacturaXml } from '@roaauto/shared/efactura';
import { invoiceDefinition, pdfFonts } from '@roaauto/shared/pdf';
import { sampleInvoice } from '@roaauto/shared/pdf/fixtures';
import { renderPdf } from '@roaauto/shared/pdf/node';

/**
 * Documents of a 40-line invoice: the PDF in Node (the server's path) and in headless Chromium (the
 * same pdfmake engine and the same definition, as the app renders offline), the e-Factura XML and
 * the e-Factura rules checked when it is issued.
 * First run (fonts and engine loading) and the median of warm runs. Baseline: JSON.stringify of the
 * document, the cheapest thing one can do with it.
 */
const runs = Number(process.env.BENCH_RUNS ?? 15);
const doc = sampleInvoice(40);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timed(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function series(fn: () => unknown, n: number): Promise<{ first: number; median: number }> {
  const first = await timed(fn);
  const rest: number[] = [];
  for (let i = 0; i < n; i++) rest.push(await timed(fn));
  return { first, median: median(rest) };
}

const baseline = await series(() => JSON.stringify(doc), runs * 10);
const xml = await series(() => efacturaXml(doc), runs * 10);
// The e-Factura rules, which the invoice rule runs on every invoice written on a device or pushed to the server.
const rules = await series(() => {
  if (efacturaProblems(doc).length) throw new Error('the sample invoice breaks an e-Factura rule');
}, runs * 10);
let bytes = 0;
const nodePdf = await series(async () => { bytes = (await renderPdf(invoiceDefinition(doc))).length; }, runs);

// The browser: pdfmake's browser bundle and fonts from node_modules on a blank page.
const pdfmakeDir = path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json'));
const browser = await launchChromium();
const page = await browser.newPage();
await page.route('http://bench.local/**', (route) => {
  const rel = new URL(route.request().url()).pathname;
  return rel === '/'
    ? route.fulfill({ contentType: 'text/html', body: '<!doctype html><script src="/build/pdfmake.js"></script><script src="/build/vfs_fonts.js"></script>' })
    : route.fulfill({ path: path.join(pdfmakeDir, rel), contentType: 'text/javascript' });
});
await page.goto('http://bench.local/');
const definition = JSON.parse(JSON.stringify(invoiceDefinition(doc))) as unknown;
// Sent as text: the bench runs through a transpiler whose helpers do not exist in the page.
await page.evaluate(`window.benchInput = ${JSON.stringify({ def: definition, n: runs, fonts: pdfFonts })}`);
const inBrowser = await page.evaluate<{ first: number; median: number }>(`(async () => {
  const { def, n, fonts } = window.benchInput;
  window.pdfMake.fonts = fonts;
  async function one() {
    const t0 = performance.now();
    await window.pdfMake.createPdf(structuredClone(def)).getBuffer();
    return performance.now() - t0;
  }
  const first = await one();
  const rest = [];
  for (let i = 0; i < n; i++) rest.push(await one());
  rest.sort((a, b) => a - b);
  return { first, median: rest[Math.floor(rest.length / 2)] };
})()`);
await browser.close();

const row = (name: string, r: { first: number; median: number }) =>
  `${name.padEnd(34)} ${r.first.toFixed(2).padStart(9)} ${r.median.toFixed(3).padStart(11)} ${(r.median / baseline.median).toFixed(0).padStart(12)}×`;
console.log(`\nDocuments of a ${doc.linii.length}-line invoice (${runs} warm runs; PDF ${Math.round(bytes / 1024)} KB)`);
console.log(`${'case'.padEnd(34)} ${'first ms'.padStart(9)} ${'median ms'.padStart(11)} ${'vs baseline'.padStart(13)}`);
console.log(row('baseline: JSON.stringify(document)', baseline));
console.log(row('e-Factura XML (efacturaXml)', xml));
console.log(row('e-Factura rules (efacturaProblems)', rules));
console.log(row('PDF in Node (pdfmake, server)', nodePdf));
console.log(row('PDF in Chromium (pdfmake browser)', inBrowser));
