// Decoding barcodes in Node, for the label tests only: ZXing (zxing-wasm) with its reader .wasm read from
// node_modules, and PDF pages rasterised by pdfjs. Plain JavaScript with a .d.ts beside it, so the shared
// package's program never loads @types/node or the DOM typings these libraries use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let prepared = false;

function prepare() {
  if (prepared) return;
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } });
  prepared = true;
}

export async function decodePixels(image) {
  prepare();
  const results = await readBarcodes(image, { formats: ['EAN13', 'EAN8', 'UPCA', 'Code128'], tryHarder: true, maxNumberOfSymbols: 255 });
  return results.filter((r) => r.isValid).map((r) => ({ text: r.text, format: r.format }));
}

export async function pdfPagePixels(bytes, pageNumber, scale) {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  try {
    const page = await pdf.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const { canvas, context } = pdf.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context, canvas, viewport }).promise;
    const data = context.getImageData(0, 0, canvas.width, canvas.height);
    return { data: new Uint8ClampedArray(data.data), width: data.width, height: data.height, pages: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}
