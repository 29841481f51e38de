import { partyAddress, partyTaxId } from '../party';
import type { DevizDocument, DevizLine, InvoiceDocument, InvoiceLine, Party, PaymentMethod, VatGroup } from '../document';
import { pdfFontFamily } from './engine';
import { fixDiacriticsDeep, formatDate, formatLei, formatPercent, formatQuantity } from './format';
import type { PdfContent, PdfDefinition, PdfMargins, PdfSpan, PdfStack, PdfTable, PdfTableLayout, PdfText } from './pdfmake-types';

/**
 * The invoice, credit note and deviz as pdfmake document definitions: pure data (plus the footer and
 * table-layout callbacks), no I/O, so the browser and the server print the very same document.
 */

export type PdfOptions = {
  /** The company's logo as a PNG or JPEG data URL; anything else is ignored (never fetched or read). */
  logo?: string | null;
};

const pageMargins: [number, number, number, number] = [36, 36, 36, 48];
const colors = { text: '#1f2937', muted: '#6b7280', line: '#d1d5db', rule: '#9ca3af', headFill: '#f3f4f6' };

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

const paymentLabels: Record<PaymentMethod, string> = {
  numerar: 'Numerar',
  card: 'Card',
  ordin_plata: 'Ordin de plată',
  altele: 'Altele',
};

const devizStatusLabels: Record<DevizDocument['status'], string> = {
  DRAFT: 'Ciornă',
  VALIDAT: 'Validat',
  FACTURAT: 'Facturat',
};

/** Horizontal rules only, a shaded header row; `headerRows` repeats that row on every page. */
const gridLayout: PdfTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.4),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? colors.rule : colors.line),
  fillColor: (row) => (row === 0 ? colors.headFill : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

const plainLayout: PdfTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

/** "Label: value" with the label muted; null when there is no value, so callers can filter. */
function field(label: string, value: string | null | undefined, bold = false): PdfText | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return { text: [{ text: `${label}: `, color: colors.muted }, bold ? ({ text: value, bold: true } satisfies PdfSpan) : value] };
}

function present<T>(items: (T | null | false | undefined)[]): T[] {
  return items.filter((x): x is T => x !== null && x !== false && x !== undefined);
}

function logoImage(logo: string | null | undefined): string | null {
  return logo && /^data:image\/(png|jpe?g);base64,[A-Za-z0-9+/=\s]+$/i.test(logo) ? logo : null;
}

/** "200" → "200 lei"; text as written otherwise ("200 RON", "1.000 lei"). */
function capital(value: string): string {
  const t = value.trim();
  return /^\d+(\.\d+)?$/.test(t) ? `${formatQuantity(t)} lei` : t;
}

function partyBlock(label: string, p: Party): PdfStack {
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
function headerBand(seller: Party, logo: string | null, titleBlock: PdfContent[]): PdfContent[] {
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

function rule(space: number): PdfContent {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 595.28 - pageMargins[0] - pageMargins[2], y2: 0, lineWidth: 0.8, lineColor: colors.rule }], margin: [0, space, 0, space] };
}

function th(text: string, alignment: 'left' | 'right' | 'center' = 'left'): PdfContent {
  return { text, style: 'th', alignment };
}

function num(text: string, extra: Partial<PdfText> = {}): PdfContent {
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

function baseDefinition(title: string, author: string, logo: string | null, content: PdfContent[], footerCaption: string): PdfDefinition {
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

// ---------------------------------------------------------------- invoice

/** The VAT column and breakdown label of a category: a rate, or why there is none. */
function vatLabel(line: Pick<InvoiceLine, 'categorie' | 'cota'>): string {
  switch (line.categorie) {
    case 'S':
    case 'Z':
      return formatPercent(line.cota);
    case 'E':
      return 'scutit';
    case 'AE':
      return 'taxare inversă';
    case 'O':
      return 'neimpozabil';
  }
}

function groupTitle(g: VatGroup): string {
  switch (g.categorie) {
    case 'S':
      return `TVA ${formatPercent(g.cota)}`;
    case 'Z':
      return 'Cota zero (0%)';
    case 'E':
      return 'Scutit de TVA';
    case 'AE':
      return 'Taxare inversă';
    case 'O':
      return 'Neimpozabil / în afara sferei TVA';
  }
}

/**
 * The mentions art. 319 alin. (20) Codul fiscal asks for beyond the numbers: the supply date when it
 * differs, "TVA la încasare", "taxare inversă", the legal basis of each exemption, the reversed invoice.
 */
export function invoiceMentions(doc: InvoiceDocument): string[] {
  const out: string[] = [];
  if (doc.tip === 'storno' && doc.stornoDe) out.push(stornoReference(doc.stornoDe));
  if (doc.dataLivrare && doc.dataLivrare !== doc.data) out.push(`Data livrării bunurilor / prestării serviciilor: ${formatDate(doc.dataLivrare)}`);
  if (doc.tvaLaIncasare) out.push('TVA la încasare');
  for (const g of doc.totals.grupe) {
    const reason = g.motivScutire?.trim();
    if (g.categorie === 'AE') {
      // The law's words once: a reason that starts with them ("Taxare inversă, art. …") keeps only its basis.
      const basis = reason?.replace(/^taxare inversă[\s,:;.–—-]*/i, '');
      out.push(`taxare inversă${basis ? ` — ${basis}` : ''}`);
    } else if (g.categorie === 'E') out.push(`Scutit de TVA${reason ? ` — ${reason}` : ''}`);
    else if (g.categorie === 'O') out.push(`Operațiune neimpozabilă / în afara sferei TVA${reason ? ` — ${reason}` : ''}`);
    else if (g.categorie === 'Z' && reason) out.push(`Cota zero — ${reason}`);
  }
  return out;
}

function stornoReference(ref: NonNullable<InvoiceDocument['stornoDe']>): string {
  return `Stornează factura seria ${ref.serie} nr. ${ref.numar} din ${formatDate(ref.data)}`;
}

function invoiceTitleBlock(doc: InvoiceDocument): PdfContent[] {
  const storno = doc.tip === 'storno';
  return present<PdfContent>([
    { text: storno ? 'FACTURĂ STORNO' : 'FACTURĂ', style: 'title' },
    { text: `Seria ${doc.serie} nr. ${doc.numar}`, style: 'docNumber', margin: [0, 2, 0, 4] },
    storno && doc.stornoDe ? { text: stornoReference(doc.stornoDe), bold: true, margin: [0, 0, 0, 4] } : null,
    field('Data emiterii', formatDate(doc.data)),
    doc.dataLivrare && doc.dataLivrare !== doc.data ? field('Data livrării', formatDate(doc.dataLivrare)) : null,
    doc.dataScadenta ? field('Data scadenței', formatDate(doc.dataScadenta)) : null,
    field('Modalitate de plată', paymentLabels[doc.modalitatePlata]),
    field('Moneda', doc.moneda),
    doc.tvaLaIncasare ? { text: 'TVA la încasare', bold: true, margin: [0, 3, 0, 0] } : null,
  ]);
}

function invoiceLinesTable(doc: InvoiceDocument): PdfTable {
  const body: PdfContent[][] = [
    [th('Nr. crt.'), th('Denumire'), th('U.M.', 'center'), th('Cantitate', 'right'), th('Preț unitar\n(fără TVA)', 'right'), th('Valoare', 'right'), th('Cota TVA', 'right')],
  ];
  doc.linii.forEach((l, i) => {
    body.push([
      { text: String(i + 1), color: colors.muted },
      l.descriere,
      { text: l.um, alignment: 'center' },
      num(formatQuantity(l.cantitate)),
      num(formatLei(l.pretUnitar)),
      num(formatLei(l.valoare)),
      { text: vatLabel(l), alignment: 'right' },
    ]);
  });
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: [24, '*', 30, 48, 64, 66, 50], body },
    layout: gridLayout,
  };
}

function vatBreakdown(doc: InvoiceDocument): PdfContent {
  const body: PdfContent[][] = [[th('Cota TVA'), th('Bază impozabilă', 'right'), th('Valoare TVA', 'right')]];
  for (const g of doc.totals.grupe) {
    const reason = g.motivScutire?.trim();
    body.push([
      { stack: present<PdfContent>([{ text: groupTitle(g) }, g.categorie !== 'S' && reason ? { text: reason, style: ['small', 'muted'] } : null]) },
      num(formatLei(g.baza)),
      num(formatLei(g.tva)),
    ]);
  }
  return { table: { headerRows: 1, dontBreakRows: true, widths: ['*', 70, 62], body }, layout: gridLayout };
}

function totalsTable(rows: [string, number][], currency: string, emphasis: string): PdfContent {
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

function mentionsBlock(mentions: string[]): PdfContent | null {
  if (!mentions.length) return null;
  return {
    stack: [{ text: 'MENȚIUNI', style: 'label', margin: [0, 0, 0, 2] }, { ul: mentions, margin: [0, 0, 0, 0] }],
    margin: [0, 10, 0, 0],
  };
}

/** An invoice ("FACTURĂ") or credit note ("FACTURĂ STORNO") as a pdfmake document definition. */
export function invoiceDefinition(input: InvoiceDocument, opts: PdfOptions = {}): PdfDefinition {
  const doc = fixDiacriticsDeep(input);
  const logo = logoImage(opts.logo);
  const name = `${doc.tip === 'storno' ? 'Factură storno' : 'Factură'} seria ${doc.serie} nr. ${doc.numar}`;

  const orderInfo = present<PdfContent>([
    doc.comanda?.numar != null ? field('Comanda nr.', String(doc.comanda.numar)) : null,
    field('Nr. auto', doc.comanda?.nrAuto),
  ]);

  const content: PdfContent[] = [
    ...headerBand(doc.furnizor, logo, invoiceTitleBlock(doc)),
    {
      columns: [
        { ...partyBlock('Cumpărător', doc.cumparator), width: '*' },
        { width: 190, stack: orderInfo, alignment: 'right', margin: [0, 10, 0, 0] },
      ],
      columnGap: 12,
      margin: [0, 0, 0, 12],
    },
    invoiceLinesTable(doc),
    {
      columns: [
        { width: '*', stack: [vatBreakdown(doc)] },
        {
          width: 200,
          stack: [
            totalsTable(
              [
                ['Total fără TVA', doc.totals.baza],
                ['TVA', doc.totals.tva],
                ['Total de plată', doc.totals.total],
              ],
              doc.moneda,
              'Total de plată',
            ),
          ],
        },
      ],
      columnGap: 20,
      margin: [0, 12, 0, 0],
      unbreakable: true,
    },
    ...present<PdfContent>([
      mentionsBlock(invoiceMentions(doc)),
      doc.observatii?.trim() ? { stack: [{ text: 'OBSERVAȚII', style: 'label', margin: [0, 0, 0, 2] }, doc.observatii.trim()], margin: [0, 10, 0, 0] } : null,
      {
        stack: present<PdfContent>([
          field('Întocmit de', doc.emitent),
          { text: 'Semnarea și ștampilarea facturii nu sunt obligatorii (art. 319 alin. (29) din Codul fiscal).', style: ['small', 'muted'] },
        ]),
        margin: [0, 14, 0, 0],
        unbreakable: true,
      },
    ]),
  ];

  return baseDefinition(name, doc.furnizor.nume, logo, content, `${name} din ${formatDate(doc.data)}`);
}

// ---------------------------------------------------------------- deviz

function devizTable(kind: DevizLine['tip'], lines: DevizLine[], total: number): PdfTable {
  const labour = kind === 'manopera';
  const header: PdfContent[] = labour
    ? [th('Nr. crt.'), th('Operațiune'), th('Mecanic'), th('Ore', 'right'), th('Tarif orar', 'right'), th('Valoare', 'right')]
    : [th('Nr. crt.'), th('Denumire'), th('U.M.', 'center'), th('Cantitate', 'right'), th('Preț unitar', 'right'), th('Valoare', 'right')];
  const body: PdfContent[][] = [header];
  lines.forEach((l, i) => {
    body.push([
      { text: String(i + 1), color: colors.muted },
      l.descriere,
      labour ? { text: l.mecanic ?? '', color: colors.muted } : { text: l.um, alignment: 'center' },
      num(formatQuantity(l.cantitate)),
      num(formatLei(l.pretUnitar)),
      num(formatLei(l.valoare)),
    ]);
  });
  body.push([
    { text: labour ? 'Total manoperă' : 'Total materiale', colSpan: 5, alignment: 'right', bold: true } satisfies PdfText,
    '',
    '',
    '',
    '',
    num(formatLei(total), { bold: true }),
  ]);
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: [24, '*', labour ? 80 : 30, 48, 64, 66], body },
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
