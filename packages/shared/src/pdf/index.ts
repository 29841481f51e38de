/**
 * Printing documents: the engine's setup, formatting, and every module's document definitions (from
 * the list file). The renderers are separate modules, render-browser.ts and render-node.ts, so neither
 * environment loads the other's pdfmake build.
 */
export { devizDefinition, invoiceDefinition, receiptDefinition, receivedInvoiceDefinition, receptionDefinition, invoiceMentions, tyreLabelDefinition, receiptNoteDefinition, deliveryNoteDefinition, type PdfOptions } from '../modules';
export { cloneDefinition, pdfFontFamily, pdfFonts } from './engine';
export { fixDiacritics, fixDiacriticsDeep, formatDate, formatLei, formatPercent, formatQuantity } from './format';
export type { PdfContent, PdfDefinition } from './pdfmake-types';
