import {
  baseDefinition, colors, field, gridLayout, headerBand, logoImage, num, plainLayout, present, th, totalsTable, type PdfOptions,
} from '../core/pdf-layout';
import { fixDiacriticsDeep, formatDate, formatLei, formatPercent, formatQuantity } from '../../pdf/format';
import type { PdfContent, PdfDefinition, PdfTable, PdfText, PdfWidth } from '../../pdf/pdfmake-types';
import type { DevizDocument, DevizLine } from './deviz';

/** The repair order's estimate (deviz) as a pdfmake document definition (the layout is core's, pdf-layout.ts). */

const devizStatusLabels: Record<DevizDocument['status'], string> = {
  DRAFT: 'Ciornă',
  VALIDAT: 'Validat',
  FACTURAT: 'Facturat',
};

/**
 * One table of the deviz. Labour has a "Mecanic" column only when some line names a mechanic: an empty column
 * reads as missing data.
 */
function devizTable(kind: DevizLine['tip'], lines: DevizLine[], total: number): PdfTable {
  const labour = kind === 'manopera';
  const withMechanic = labour && lines.some((l) => !!l.mecanic?.trim());
  const header: PdfContent[] = labour
    ? [th('Nr. crt.'), th('Operațiune'), ...(withMechanic ? [th('Mecanic')] : []), th('Ore', 'right'), th('Tarif orar', 'right'), th('Valoare', 'right')]
    : [th('Nr. crt.'), th('Denumire'), th('U.M.', 'center'), th('Cantitate', 'right'), th('Preț unitar', 'right'), th('Valoare', 'right')];
  const body: PdfContent[][] = [header];
  lines.forEach((l, i) => {
    const third: PdfContent[] = labour
      ? (withMechanic ? [{ text: l.mecanic?.trim() ?? '', color: colors.muted }] : [])
      : [{ text: l.um, alignment: 'center' }];
    body.push([
      { text: String(i + 1), color: colors.muted },
      l.descriere,
      ...third,
      num(formatQuantity(l.cantitate)),
      num(formatLei(l.pretUnitar)),
      num(formatLei(l.valoare)),
    ]);
  });
  const columns = header.length;
  body.push([
    { text: labour ? 'Total manoperă' : 'Total materiale', colSpan: columns - 1, alignment: 'right', bold: true } satisfies PdfText,
    ...Array.from({ length: columns - 2 }, () => ''),
    num(formatLei(total), { bold: true }),
  ]);
  const widths: PdfWidth[] = labour
    ? (withMechanic ? [24, '*', 80, 48, 64, 66] : [24, '*', 48, 64, 66])
    : [24, '*', 30, 48, 64, 66];
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths, body },
    layout: gridLayout,
  };
}

/** Two signature boxes side by side; a table, so both signature lines sit at the same height. */
function signatureArea(): PdfContent {
  const line = (): PdfContent => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.6, lineColor: colors.rule }], margin: [0, 34, 0, 2] });
  return {
    table: {
      widths: ['*', '*'],
      dontBreakRows: true,
      body: [
        [
          { text: 'ÎNTOCMIT (SERVICE)', style: 'label' },
          { text: 'CLIENT', style: 'label' },
        ],
        ['', { text: 'Am luat la cunoștință și sunt de acord cu lucrările și prețurile din acest deviz.', style: 'small' }],
        [line(), line()],
        [
          { text: 'Nume, semnătura', style: ['small', 'muted'] },
          { text: 'Nume, semnătura, data', style: ['small', 'muted'] },
        ],
      ],
    },
    layout: { ...plainLayout, paddingRight: (i) => (i === 0 ? 40 : 0) },
    margin: [0, 24, 0, 0],
    unbreakable: true,
  };
}

/** A repair order's estimate ("DEVIZ"): labour and materials, the vehicle, totals with VAT, signatures. */
export function devizDefinition(input: DevizDocument, opts: PdfOptions = {}): PdfDefinition {
  const doc = fixDiacriticsDeep(input);
  const logo = logoImage(opts.logo);
  const name = doc.numar != null ? `Deviz nr. ${doc.numar}` : 'Deviz';
  const labour = doc.linii.filter((l) => l.tip === 'manopera');
  const materials = doc.linii.filter((l) => l.tip === 'material');
  const v = doc.vehicul;
  const makeModel = [v.marca, v.model].filter((s): s is string => !!s?.trim()).join(' ');

  const titleBlock = present<PdfContent>([
    { text: 'DEVIZ', style: 'title' },
    { text: doc.numar != null ? `nr. ${doc.numar}` : 'fără număr', style: 'docNumber', margin: [0, 2, 0, 4] },
    field('Data', formatDate(doc.data)),
    field('Tip deviz', doc.tipDeviz),
    field('Stare', devizStatusLabels[doc.status]),
  ]);

  const clientLines = present<PdfContent>([
    { text: 'CLIENT', style: 'label', margin: [0, 0, 0, 2] },
    { text: doc.client.nume?.trim() || '—', style: 'partyName', margin: [0, 0, 0, 1] },
    field('CUI / CNP', doc.client.codFiscal),
    field('Telefon', doc.client.telefon),
    field('Adresa', doc.client.adresa),
  ]);
  const vehicleLines = present<PdfContent>([
    { text: 'VEHICUL', style: 'label', margin: [0, 0, 0, 2] },
    field('Nr. auto', v.nrAuto, true),
    field('Marcă / model', makeModel),
    field('VIN', v.vin),
    field('Km', v.km != null ? formatQuantity(String(v.km)) : null),
  ]);

  const vatRow: [string, number] = [`TVA (${formatPercent(doc.totals.cotaTva)})`, doc.totals.tva];
  const content: PdfContent[] = [
    ...headerBand(doc.furnizor, logo, titleBlock),
    { columns: [{ width: '*', stack: clientLines }, { width: '*', stack: vehicleLines }], columnGap: 20, margin: [0, 0, 0, 4] },
    ...present<PdfContent>([
      labour.length ? { text: 'Manoperă', style: 'section' } : null,
      labour.length ? devizTable('manopera', labour, doc.totals.manopera) : null,
      materials.length ? { text: 'Materiale', style: 'section' } : null,
      materials.length ? devizTable('material', materials, doc.totals.materiale) : null,
    ]),
    {
      columns: [
        { width: '*', stack: [{ text: 'Prețurile din tabele nu includ TVA.', style: ['small', 'muted'] }] },
        {
          width: 210,
          stack: [
            totalsTable(
              [
                ['Total manoperă', doc.totals.manopera],
                ['Total materiale', doc.totals.materiale],
                ['Total fără TVA', doc.totals.baza],
                vatRow,
                ['Total cu TVA', doc.totals.total],
              ],
              'RON',
              'Total cu TVA',
            ),
          ],
        },
      ],
      columnGap: 20,
      margin: [0, 12, 0, 0],
      unbreakable: true,
    },
    ...present<PdfContent>([
      doc.observatii?.trim() ? { stack: [{ text: 'OBSERVAȚII', style: 'label', margin: [0, 0, 0, 2] }, doc.observatii.trim()], margin: [0, 10, 0, 0] } : null,
    ]),
    signatureArea(),
  ];

  return baseDefinition(name, doc.furnizor.nume, logo, content, `${name} din ${formatDate(doc.data)}`);
}
