import { baseDefinition, colors, field, gridLayout, num, present, th, totalsTable } from '../core/pdf-layout';
import { fixDiacriticsDeep, formatDate, formatLei, formatPercent, formatQuantity, formatUnitPrice } from '../../pdf/format';
import type { PdfContent, PdfDefinition } from '../../pdf/pdfmake-types';
import type { DeliveryNoteDocument, StockReceiptDocument } from './stock-documents';

const companyLines = (u: StockReceiptDocument['unitate']): PdfContent[] => present<PdfContent>([
  { text: 'UNITATEA', style: 'label', margin: [0, 0, 0, 2] },
  { text: u.nume, style: 'partyName' },
  u.cui ? { text: `CUI: ${u.cui}` } : null,
  field('Adresa', u.adresa),
]);

function header(u: StockReceiptDocument['unitate'], title: PdfContent[]): PdfContent {
  return { columns: [{ width: '*', stack: companyLines(u) }, { width: 230, stack: title, alignment: 'right' }], columnGap: 12, margin: [0, 0, 0, 10] };
}

/** A signature cell: the role, the name if known, and room to sign. */
const signature = (role: string, name?: string | null): PdfContent => ({
  stack: present<PdfContent>([
    { text: role, bold: true },
    name ? { text: name } : null,
    { text: 'Semnătura', style: ['small', 'muted'], margin: [0, 22, 0, 0] },
  ]),
});

/**
 * The goods-received note (Notă de recepție și constatare de diferențe, 14-3-1A): the company, the
 * location, the supplier and its invoice; per line nr. crt., denumire, UM, the quantity on the document and
 * the quantity received, the unit price, value and VAT; totals; the reception commission's signatures
 * and the storekeeper's.
 */
export function receiptNoteDefinition(input: StockReceiptDocument): PdfDefinition {
  const doc = fixDiacriticsDeep(input);
  const name = `NIR seria ${doc.serie} nr. ${doc.numar}`;
  const diff = doc.linii.some((l) => l.cantitate !== l.cantitateDocument);
  const body: PdfContent[] = [
    header(doc.unitate, [
      { text: 'NOTĂ DE RECEPȚIE', style: 'title' },
      { text: 'și constatare de diferențe', fontSize: 9 },
      { text: `Seria ${doc.serie} nr. ${doc.numar}`, style: 'docNumber', margin: [0, 2, 0, 2] },
      { text: `Data: ${formatDate(doc.data)}` },
    ]),
    {
      text: present<string>([
        `Subsemnații, membri ai comisiei de recepție, am procedat la recepționarea bunurilor furnizate de ${doc.furnizor.nume}`,
        doc.furnizor.cui ? ` (CUI ${doc.furnizor.cui})` : null,
        `, cu factura nr. ${doc.factura.numar} din ${formatDate(doc.factura.data)}, în gestiunea ${doc.gestiune.nume}`,
        diff ? ', constatând diferențele de mai jos.' : ', constatând că acestea corespund documentului.',
      ]).join(''),
      margin: [0, 0, 0, 8],
      lineHeight: 1.3,
    },
    {
      table: {
        headerRows: 1,
        widths: [18, '*', 22, 46, 56, 50, 52, 28, 44],
        body: [
          [th('Nr. crt.', 'center'), th('Denumire'), th('UM', 'center'), th('Cantitate\ndocument', 'right'), th('Cantitate\nrecepționată', 'right'),
            th('Preț unitar', 'right'), th('Valoare', 'right'), th('Cotă TVA', 'right'), th('TVA', 'right')],
          ...doc.linii.map((l, i): PdfContent[] => [
            { text: String(i + 1), alignment: 'center' },
            { stack: present<PdfContent>([{ text: l.denumire }, { text: present([l.cod, l.codFurnizor ? `cod furnizor ${l.codFurnizor}` : null]).join(' · '), style: ['small', 'muted'] }]) },
            { text: l.um, alignment: 'center' },
            num(formatQuantity(l.cantitateDocument)),
            num(formatQuantity(l.cantitate), l.cantitate === l.cantitateDocument ? {} : { bold: true }),
            num(formatUnitPrice(l.pretUnitar)),
            num(formatLei(l.valoare)),
            num(formatPercent(l.cotaTva)),
            num(formatLei(l.tva)),
          ]),
        ],
      },
      layout: gridLayout,
    },
    { columns: [{ width: '*', text: '' }, { width: 220, stack: [totalsTable([['Valoare fără TVA', doc.totals.baza], ['TVA', doc.totals.tva], ['Total', doc.totals.total]], 'lei', 'Total')] }], margin: [0, 8, 0, 8] },
    ...(doc.observatii ? [{ text: `Observații: ${doc.observatii}`, margin: [0, 0, 0, 8] } satisfies PdfContent] : []),
    { text: 'COMISIA DE RECEPȚIE', style: 'label', margin: [0, 6, 0, 4] },
    {
      columns: [0, 1, 2].map((i) => signature(`Membru ${i + 1}`, doc.comisie[i] ?? null)),
      columnGap: 12,
      unbreakable: true,
    },
    { columns: [signature('Primit în gestiune', doc.emitent), { text: '' }], margin: [0, 14, 0, 0], unbreakable: true },
  ];
  return baseDefinition(name, doc.unitate.nume, null, body, `${name} din ${formatDate(doc.data)}`);
}

/**
 * The delivery note (aviz de însoțire a mărfii, 14-3-6A): the company, series and number, date, from
 * which location to which location or customer, the lines (nr. crt., denumire, UM, cantitate), the
 * delegate and means of transport, the mentions, and the signatures of who hands over and who receives.
 */
export function deliveryNoteDefinition(input: DeliveryNoteDocument): PdfDefinition {
  const doc = fixDiacriticsDeep(input);
  const name = `Aviz de însoțire seria ${doc.serie} nr. ${doc.numar}`;
  const to = doc.catre;
  const body: PdfContent[] = [
    header(doc.unitate, [
      { text: 'AVIZ DE ÎNSOȚIRE A MĂRFII', style: 'title', fontSize: 14 },
      { text: `Seria ${doc.serie} nr. ${doc.numar}`, style: 'docNumber', margin: [0, 2, 0, 2] },
      { text: `Data: ${formatDate(doc.data)}` },
    ]),
    {
      columns: [
        { width: '*', stack: [{ text: 'DIN GESTIUNEA', style: 'label' }, { text: doc.din.nume, style: 'partyName' }] },
        {
          width: '*',
          stack: to.tip === 'gestiune'
            ? [{ text: 'ÎN GESTIUNEA', style: 'label' }, { text: to.nume, style: 'partyName' }]
            : present<PdfContent>([{ text: 'DESTINATAR', style: 'label' }, { text: to.nume, style: 'partyName' }, to.cui ? { text: `CUI: ${to.cui}` } : null, field('Adresa', to.adresa)]),
        },
      ],
      columnGap: 12,
      margin: [0, 0, 0, 10],
    },
    {
      table: {
        headerRows: 1,
        widths: [24, 70, '*', 30, 70],
        body: [
          [th('Nr. crt.', 'center'), th('Cod'), th('Denumire'), th('UM', 'center'), th('Cantitate', 'right')],
          ...doc.linii.map((l, i): PdfContent[] => [
            { text: String(i + 1), alignment: 'center' }, { text: l.cod }, { text: l.denumire }, { text: l.um, alignment: 'center' }, num(formatQuantity(l.cantitate)),
          ]),
        ],
      },
      layout: gridLayout,
    },
    {
      stack: present<PdfContent>([
        field('Delegat', doc.delegat),
        field('Mijloc de transport', doc.mijlocTransport),
        field('Mențiuni', doc.mentiuni),
        { text: to.tip === 'gestiune' ? 'Transfer între gestiuni, fără factură.' : 'Marfă care circulă fără factură; factura se emite ulterior.', color: colors.muted },
      ]),
      margin: [0, 10, 0, 10],
    },
    { columns: [signature('Expediat (predat)', doc.emitent), signature('Delegat', doc.delegat), signature('Primit')], columnGap: 12, unbreakable: true },
  ];
  return baseDefinition(name, doc.unitate.nume, null, body, `${name} din ${formatDate(doc.data)}`);
}
