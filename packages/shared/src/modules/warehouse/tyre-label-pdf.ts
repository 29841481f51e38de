import { pdfFontFamily } from '../../pdf/engine';
import { fixDiacriticsDeep } from '../../pdf/format';
import type { PdfContent, PdfDefinition, PdfText } from '../../pdf/pdfmake-types';
import { seasonLabel, type StorageSeason } from './tyre-hotel';

/** What a stored set's label prints. */
export type TyreLabel = {
  /** The set's page (`tyreSetUrl`): what the QR holds. */
  url: string;
  cod: string;
  client: string | null;
  nrAuto: string | null;
  sezon: StorageSeason;
  an: number;
  dimensiune: string | null;
  /** Rack, shelf, position (any of them missing). */
  raft: string | null;
  etaj: string | null;
  pozitie: string | null;
  /** How many wheels, and whether on rims. */
  roti: number;
  peJante: boolean;
};

/** Label printers' common sizes (mm), and an A4 sheet of them. */
export const tyreLabelSizes = ['50x30', '58x40'] as const;
export type TyreLabelSize = (typeof tyreLabelSizes)[number];

const mm = (n: number) => Math.round(n * 72 / 25.4 * 100) / 100;

/** "R3 / E2 / P14" from the parts of the place that are known. */
export function placeText(l: Pick<TyreLabel, 'raft' | 'etaj' | 'pozitie'>): string | null {
  const parts = [l.raft && `R ${l.raft}`, l.etaj && `E ${l.etaj}`, l.pozitie && `P ${l.pozitie}`].filter(Boolean);
  return parts.length ? parts.join(' / ') : null;
}

/** The set's label: the QR of its page on the left, who, which car, which season and where on the right. */
export function tyreLabelDefinition(input: TyreLabel, size: TyreLabelSize = '50x30'): PdfDefinition {
  const l = fixDiacriticsDeep(input);
  const [w, h] = size === '50x30' ? [50, 30] : [58, 40];
  const margin = mm(2);
  const qrSize = mm(h) - 2 * margin;
  const small = size === '50x30';
  const place = placeText(l);
  const strong = (text: string, fontSize: number): PdfText => ({ text, bold: true, fontSize });
  const lines: PdfContent[] = [
    { ...strong(l.cod, small ? 10 : 12), characterSpacing: 0.5 },
    ...(l.nrAuto ? [strong(l.nrAuto, small ? 8 : 10)] : []),
    ...(l.client ? [{ text: l.client, fontSize: small ? 5.5 : 7, noWrap: false }] : []),
    { text: `${seasonLabel(l.sezon, l.an)} · ${l.roti} ${l.peJante ? 'roți' : 'anvelope'}`, fontSize: small ? 5.5 : 7 },
    ...(l.dimensiune ? [{ text: l.dimensiune, fontSize: small ? 5.5 : 7 }] : []),
    ...(place ? [strong(place, small ? 6.5 : 8)] : []),
  ];
  return {
    pageSize: { width: mm(w), height: mm(h) },
    pageOrientation: 'landscape',
    pageMargins: margin,
    info: { title: `Etichetă set anvelope ${l.cod}`, subject: l.url, creator: 'ROA AUTO' },
    language: 'ro-RO',
    defaultStyle: { font: pdfFontFamily, fontSize: 6, lineHeight: 1.05, color: '#000000' },
    content: [{
      columns: [
        { qr: input.url, fit: qrSize, eccLevel: 'M', width: qrSize },
        { stack: lines, width: '*' },
      ],
      columnGap: mm(1.5),
    }],
  };
}
