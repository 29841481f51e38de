import { pdfFontFamily } from '../../pdf/engine';
import { formatLei, formatQuantity } from '../../pdf/format';
import type { PdfContent, PdfDefinition, PdfMargins, PdfSpan, PdfStack, PdfTableLayout, PdfText } from '../../pdf/pdfmake-types';
import { partyAddress, partyTaxId, type Party } from './party';

/**
 * The look every printed document of the company shares (the invoice, the credit note, the deviz): page,
 * styles, the header band with the logo and the seller, tables and totals. Pure data, no I/O, so the
 * browser and the server print the very same document.
 */

export type PdfOptions = {
  /** The company's logo as a PNG or JPEG data URL; anything else is ignored (never fetched or read). */
  logo?: string | null;
};

const pageMargins: [number, number, number, number] = [36, 36, 36, 48];
export const colors = { text: '#1f2937', muted: '#6b7280', line: '#d1d5db', rule: '#9ca3af', headFill: '#f3f4f6' };

const styles = {
  title: { fontSize: 17, bold: true, characterSpacing: 0.4 },
  docNumber: { fontSize: 10.5, bold: true },
  label: { fontSize: 6.5, bold: true, color: colors.muted, characterSpacing: 0.6 },
  partyName: { fontSize: 10, bold: true },
  th: { fontSize: 7.5, bold: true },
  muted: { color: colors.muted },
  small: { fontSize: 7 },
  section: { fontSize: 9, bold: true, margin: [0, 10, 0, 4] as PdfMargins },
};

/** Horizontal rules only, a shaded header row; `headerRows` repeats that row on every page. */
export const gridLayout: PdfTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.4),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? colors.rule : colors.line),
  fillColor: (row) => (row === 0 ? colors.headFill : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export const plainLayout: PdfTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

/** "Label: value" with the label muted; null when there is no value, so callers can filter. */
export function field(label: string, value: string | null | undefined, bold = false): PdfText | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return { text: [{ text: `${label}: `, color: colors.muted }, bold ? ({ text: value, bold: true } satisfies PdfSpan) : value] };
}

export function present<T>(items: (T | null | false | undefined)[]): T[] {
  return items.filter((x): x is T => x !== null && x !== false && x !== undefined);
}

export function logoImage(logo: string | null | undefined): string | null {
  return logo && /^data:image\/(png|jpe?g);base64,[A-Za-z0-9+/=\s]+$/i.test(logo) ? logo : null;
}

/** "200" → "200 lei"; text as written otherwise ("200 RON", "1.000 lei"). */
function capital(value: string): string {
  const t = value.trim();
  return /^\d+(\.\d+)?$/.test(t) ? `${formatQuantity(t)} lei` : t;
}

export function partyBlock(label: string, p: Party): PdfStack {
  const ids = present([
    partyTaxId(p),
    p.regCom ? `Reg. Com.: ${p.regCom}` : null,
  ]);
  return {
    stack: present<PdfContent>([
      { text: label.toUpperCase(), style: 'label', margin: [0, 0, 0, 2] },
      { text: p.nume, style: 'partyName', margin: [0, 0, 0, 1] },
      ids.length ? { text: ids.join('    ') } : null,
      field('Capital social', p.capitalSocial ? capital(p.capitalSocial) : null),
      field('Adresa', partyAddress(p)),
      field('IBAN', p.iban),
      field('Banca', p.banca),
      field('Telefon', p.telefon),
      field('E-mail', p.email),
    ]),
  };
}

/** The top band: logo and seller on the left, the document's title and numbers on the right. */
export function headerBand(seller: Party, logo: string | null, titleBlock: PdfContent[]): PdfContent[] {
  return [
    {
      columns: present<PdfContent>([
        logo ? { image: 'logo', fit: [96, 56], width: 100 } : null,
        { ...partyBlock('Furnizor', seller), width: '*' },
        { width: 190, stack: titleBlock, alignment: 'right' },
      ]),
      columnGap: 12,
    },
    rule(8),
  ];
}

export function rule(space: number): PdfContent {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 595.28 - pageMargins[0] - pageMargins[2], y2: 0, lineWidth: 0.8, lineColor: colors.rule }], margin: [0, space, 0, space] };
}

export function th(text: string, alignment: 'left' | 'right' | 'center' = 'left'): PdfContent {
  return { text, style: 'th', alignment };
}

export function num(text: string, extra: Partial<PdfText> = {}): PdfContent {
  return { text, alignment: 'right', noWrap: true, ...extra };
}

function footer(caption: string): (currentPage: number, pageCount: number) => PdfContent {
  return (currentPage, pageCount) => ({
    columns: [
      { text: caption, width: '*' },
      { text: `Pagina ${currentPage} din ${pageCount}`, width: 'auto', alignment: 'right' },
    ],
    fontSize: 7,
    color: colors.muted,
    margin: [pageMargins[0], 16, pageMargins[2], 0],
  });
}

export function baseDefinition(title: string, author: string, logo: string | null, content: PdfContent[], footerCaption: string): PdfDefinition {
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins,
    info: { title, author, subject: title, creator: 'ROA AUTO' },
    language: 'ro-RO',
    defaultStyle: { font: pdfFontFamily, fontSize: 8.5, lineHeight: 1.15, color: colors.text },
    styles,
    ...(logo ? { images: { logo } } : {}),
    content,
    footer: footer(footerCaption),
  };
}

/** Label and amount rows; the `emphasis` row bold, over a rule. */
export function totalsTable(rows: [string, number][], currency: string, emphasis: string): PdfContent {
  return {
    table: {
      widths: ['*', 'auto'],
      body: rows.map(([label, value]) => {
        const strong = label === emphasis;
        const style: Partial<PdfText> = strong ? { bold: true, fontSize: 10.5, margin: [0, 3, 0, 0] } : {};
        return [{ text: label, ...style }, num(`${formatLei(value)} ${currency}`, style)];
      }),
    },
    layout: { ...plainLayout, hLineWidth: (i, node) => (i === node.table.body.length - 1 ? 0.8 : 0), hLineColor: () => colors.rule },
  };
}
