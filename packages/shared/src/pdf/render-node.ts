import { cloneDefinition, configureEngine } from './engine';
import pdfmake, { vfs } from './pdfmake-node.js';
import type { PdfDefinition } from './pdfmake-types';

/**
 * Renders a definition to PDF bytes on the server. Fonts come from pdfmake's bundled vfs_fonts.js,
 * loaded into its in-memory file system once, so nothing depends on the working directory; the
 * definition may not name local files or URLs at all.
 */

let ready = false;

function engine(): typeof pdfmake {
  if (!ready) {
    for (const [name, base64] of Object.entries(vfs)) pdfmake.virtualfs.writeFileSync(name, base64, 'base64');
    configureEngine(pdfmake);
    pdfmake.setLocalAccessPolicy(() => false);
    ready = true;
  }
  return pdfmake;
}

export async function renderPdf(definition: PdfDefinition): Promise<Uint8Array> {
  const buffer = await engine().createPdf(cloneDefinition(definition)).getBuffer();
  // A plain Uint8Array of its own (pdfmake hands back a Node Buffer).
  return new Uint8Array(buffer);
}
