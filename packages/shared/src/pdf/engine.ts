import type { PdfDefinition, PdfEngine } from './pdfmake-types';

/**
 * The one pdfmake setup both renderers apply, so a document comes out the same in the browser and on
 * the server. Roboto as pdfmake bundles it (build/vfs_fonts.js) has ș ț Ș Ț ă â î; it has no Bold
 * face, so bold is Roboto-Medium. The names are keys of that virtual file system, not paths.
 */
export const pdfFontFamily = 'Roboto';

export const pdfFonts = {
  [pdfFontFamily]: {
    normal: 'Roboto-Regular.ttf',
    bold: 'Roboto-Medium.ttf',
    italics: 'Roboto-Italic.ttf',
    bolditalics: 'Roboto-MediumItalic.ttf',
  },
};

/** Fonts, and no network: a definition's images are data URLs, never something to fetch. */
export function configureEngine(engine: PdfEngine): void {
  engine.setFonts(pdfFonts);
  engine.setUrlAccessPolicy(() => false);
}

/**
 * pdfmake writes layout state into the definition it renders; a copy keeps the caller's definition
 * reusable. Plain objects and arrays are copied, functions (footer, table layouts) kept.
 */
export function cloneDefinition(definition: PdfDefinition): PdfDefinition {
  return copy(definition) as PdfDefinition;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copy(v);
    return out;
  }
  return value;
}
