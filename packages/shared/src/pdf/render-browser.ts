import { cloneDefinition, configureEngine } from './engine';
import pdfMake, { vfs } from './pdfmake-browser.js';
import type { PdfDefinition } from './pdfmake-types';

/**
 * Renders a definition to PDF bytes in the browser, offline: pdfmake's browser bundle with the Roboto
 * files bundled in. Import this module lazily (`await import(...)`): with the fonts its chunk is about
 * 2.2 MB (850 kB gzipped), which the app shell should not load before someone prints. A Blob for
 * sharing or download is `new Blob([bytes], { type: 'application/pdf' })`.
 */

let ready = false;

function engine(): typeof pdfMake {
  if (!ready) {
    pdfMake.addVirtualFileSystem(vfs);
    configureEngine(pdfMake);
    ready = true;
  }
  return pdfMake;
}

export async function renderPdf(definition: PdfDefinition): Promise<Uint8Array> {
  const buffer = await engine().createPdf(cloneDefinition(definition)).getBuffer();
  // A plain Uint8Array of its own (pdfmake hands back its bundled Buffer polyfill).
  return new Uint8Array(buffer);
}
