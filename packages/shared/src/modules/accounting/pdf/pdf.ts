/**
 * Printing fiscal documents: the definitions and their types. The renderers are separate modules,
 * render-browser.ts and render-node.ts, so neither environment loads the other's pdfmake build.
 */
export { devizDefinition, invoiceDefinition, invoiceMentions, type PdfOptions } from './document-definitions';
export { cloneDefinition, pdfFontFamily, pdfFonts } from './engine';
export { fixDiacritics, fixDiacriticsDeep, formatDate, formatLei, formatPercent, formatQuantity } from './format';
export type { PdfContent, PdfDefinition } from './pdfmake-types';
