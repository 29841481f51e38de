import { pdfFontFamily } from '../../../pdf/engine';
import { fixDiacritics, formatLei } from '../../../pdf/format';
import type { PdfContent, PdfDefinition, PdfNode, PdfText } from '../../../pdf/pdfmake-types';
import { barcodeSvg, fitBarcodeSvg, humanReadable } from './barcode-svg';

/**
 * Product labels with a barcode, as a PDF: one label per page for label printers (the page is the
 * label), or a sheet of A4 self-adhesive labels. Each label: the product's name, the bars, the digits
 * under them, and a line with the shop's code and the sale price when asked for. The same definition
 * prints in the browser (offline) and on the server.
 */

export type ProductLabel = {
  name: string;
  /** What the bars encode: an EAN-13/EAN-8/UPC-A, or any printable ASCII for Code 128. */
  barcode: string;
  /** The shop's own code, printed under the digits when it is not the barcode itself. */
  code?: string | null;
  /** The sale price in bani, VAT included; printed when given. */
  priceBani?: number | null;
  /** How many of this label (default 1). */
  copies?: number;
};

/** Sizes in millimetres: a label printer's roll, or an A4 sheet's grid (its margins centre the grid). */
export type LabelLayout =
  | { kind: 'single'; width: number; height: number }
  | { kind: 'sheet'; width: number; height: number; columns: number; rows: number; gapX?: number; gapY?: number };

export const labelLayouts = {
  '50x30': { kind: 'single', width: 50, height: 30 },
  '58x40': { kind: 'single', width: 58, height: 40 },
  'a4-3x8': { kind: 'sheet', width: 70, height: 37, columns: 3, rows: 8 },
  'a4-4x10': { kind: 'sheet', width: 48.5, height: 25.4, columns: 4, rows: 10 },
} as const satisfies Record<string, LabelLayout>;

export type LabelLayoutId = keyof typeof labelLayouts;

export const labelLayoutIds = Object.keys(labelLayouts) as LabelLayoutId[];

const pt = (mm: number) => (mm * 72) / 25.4;
const a4 = { width: 210, height: 297 };
const maxLabels = 2000;

/** Cuts a text to as many characters as surely fit a width at a font size (Roboto Medium's widest are ~0.6 em). */
function fitText(text: string, widthPt: number, fontSize: number, lines: number): string {
  const max = Math.max(4, Math.floor(widthPt / (fontSize * 0.6)) * lines);
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** One label's content, for a box of the given size in points. */
function labelContent(label: ProductLabel, widthPt: number, heightPt: number, withPrice: boolean): PdfContent[] {
  const drawn = barcodeSvg(label.barcode);
  const pad = Math.min(pt(2), heightPt * 0.06);
  const inner = { width: widthPt - 2 * pad, height: heightPt - 2 * pad };
  // Type sizes grow with the label: 6.5 pt on a 25 mm label, 9 pt on a 40 mm one.
  const nameSize = Math.max(6, Math.min(9, heightPt / 12));
  const digitsSize = Math.max(6.5, Math.min(9, heightPt / 11));
  const name = fixDiacritics(label.name.trim());
  const nameLines = heightPt >= pt(36) ? 2 : 1;
  const code = label.code?.trim() && label.code.trim() !== drawn.text ? fixDiacritics(label.code.trim()) : null;
  const price = withPrice && label.priceBani !== null && label.priceBani !== undefined ? `${formatLei(label.priceBani)} lei` : null;
  const footer = code || price;
  // A line of Roboto is 1.17 em tall; what is left under the name, the digits and the footer is for the bars.
  const line = 1.17;
  const priceSize = nameSize * 1.3;
  const reserved = nameSize * 1.05 * line * nameLines + 2 + digitsSize * line + (footer ? Math.max(nameSize, priceSize) * line + 1 : 0) + 3;
  const barsHeight = Math.max(pt(6), inner.height - reserved);

  const content: PdfNode[] = [
    { text: fitText(name, inner.width, nameSize, nameLines), fontSize: nameSize, bold: true, lineHeight: 1.05, margin: [0, 0, 0, 2] },
    { svg: fitBarcodeSvg(drawn, inner.width, barsHeight), width: inner.width, height: barsHeight },
    { text: humanReadable(drawn.kind, drawn.text), fontSize: digitsSize, alignment: 'center', characterSpacing: drawn.kind === 'code128' ? 0 : 0.6 },
  ];
  if (footer) {
    const codeText: PdfText = { text: code ?? '', fontSize: nameSize, width: '*' };
    const priceText: PdfText = { text: price ?? '', fontSize: priceSize, bold: true, alignment: 'right', width: '*' };
    content.push({
      columns: [codeText, priceText],
      margin: [0, 1, 0, 0],
    });
  }
  return content;
}

function expand(labels: ProductLabel[]): ProductLabel[] {
  const out: ProductLabel[] = [];
  for (const label of labels) {
    const copies = label.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1) throw new Error(`Copies must be a whole number from 1: ${copies}`);
    for (let i = 0; i < copies; i++) out.push(label);
    if (out.length > maxLabels) throw new Error(`At most ${maxLabels} labels in one document`);
  }
  if (out.length === 0) throw new Error('No labels to print');
  return out;
}

/**
 * The document: labels in the order given, each repeated `copies` times. A single-label layout has one
 * page per label, of the label's size and with no margins (a label printer's driver prints a page on a
 * label); a sheet layout fills A4 pages row by row, each label placed at its cell of the grid.
 */
export function labelsDefinition(labels: ProductLabel[], layout: LabelLayout, options: { withPrice?: boolean; title?: string } = {}): PdfDefinition {
  const all = expand(labels);
  const withPrice = options.withPrice ?? true;
  const base = {
    pageOrientation: 'portrait' as const,
    defaultStyle: { font: pdfFontFamily, fontSize: 8 },
    info: { title: options.title ?? 'Etichete', creator: 'ROA AUTO' },
    language: 'ro-RO',
  };
  if (layout.kind === 'single') {
    const width = pt(layout.width);
    const height = pt(layout.height);
    const pad = Math.min(pt(2), height * 0.06);
    const content: PdfContent[] = all.map((label, i): PdfNode => ({
      stack: labelContent(label, width, height, withPrice),
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
    }));
    // pdfmake turns a page wider than tall when told so: a 50 × 30 mm label is a landscape page.
    return { ...base, pageSize: { width, height }, pageOrientation: width > height ? 'landscape' : 'portrait', pageMargins: [pad, pad, pad, pad], content };
  }

  const gapX = layout.gapX ?? 0;
  const gapY = layout.gapY ?? 0;
  const gridWidth = layout.columns * layout.width + (layout.columns - 1) * gapX;
  const gridHeight = layout.rows * layout.height + (layout.rows - 1) * gapY;
  if (gridWidth > a4.width || gridHeight > a4.height) throw new Error('The label grid does not fit an A4 page');
  const left = (a4.width - gridWidth) / 2;
  const top = (a4.height - gridHeight) / 2;
  const perPage = layout.columns * layout.rows;
  const width = pt(layout.width);
  const height = pt(layout.height);
  const pad = Math.min(pt(2), height * 0.06);
  const content: PdfContent[] = [];
  all.forEach((label, i) => {
    const cell = i % perPage;
    if (cell === 0 && i > 0) content.push({ text: '', pageBreak: 'before' });
    const column = cell % layout.columns;
    const row = Math.floor(cell / layout.columns);
    // A column of the inner width keeps the label's text and bars inside its cell.
    content.push({
      columns: [{ stack: labelContent(label, width, height, withPrice), width: width - 2 * pad }],
      absolutePosition: { x: pt(left + column * (layout.width + gapX)) + pad, y: pt(top + row * (layout.height + gapY)) + pad },
    });
  });
  return { ...base, pageSize: 'A4', pageMargins: [0, 0, 0, 0], content };
}
