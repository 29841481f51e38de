import {
  baseDefinition, colors, field, gridLayout, headerBand, logoImage, num, partyBlock, present, th, totalsTable, type PdfOptions,
} from '../../core/pdf-layout';
import { fixDiacriticsDeep, formatDate, formatLei, formatPercent, formatQuantity, formatUnitPrice } from '../../../pdf/format';
import type { PdfContent, PdfDefinition, PdfTable } from '../../../pdf/pdfmake-types';
import { defaultDiscountReason, documentSums, lineGross, type DocumentDiscount, type InvoiceDocument, type InvoiceLine, type PaymentMethod } from '../document';

/** The invoice and the credit note as pdfmake document definitions (the layout is core's, pdf-layout.ts). */

const paymentLabels: Record<PaymentMethod, string> = {
  numerar: 'Numerar',
  card: 'Card',
  ordin_plata: 'Ordin de plată',
  altele: 'Altele',
};

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

function groupTitle(g: Pick<InvoiceLine, 'categorie' | 'cota'>): string {
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
      l.reducere ? { stack: [l.descriere, { text: lineDiscountText(l), style: ['small', 'muted'] }] } : l.descriere,
      { text: l.um, alignment: 'center' },
      num(formatQuantity(l.cantitate)),
      num(formatUnitPrice(l.pretUnitar)),
      num(formatLei(l.valoare)),
      { text: vatLabel(l), alignment: 'right' },
    ]);
  });
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: [24, '*', 30, 48, 64, 66, 50], body },
    layout: gridLayout,
  };
}

/** Minus an amount, with the minus sign (a discount shown as what it takes off): −12,34; a negative one shows +. */
function minus(bani: number): string {
  return bani < 0 ? `+${formatLei(-bani)}` : `\u2212${formatLei(bani)}`;
}

/** Under a discounted line: "Reducere 10% din 123,40 — Discount fidelitate: −12,34". */
export function lineDiscountText(l: InvoiceLine): string {
  const d = l.reducere;
  if (!d) return '';
  const what = d.procent !== null ? `Reducere ${formatPercent(d.procent)} din ${formatLei(lineGross(l))}` : 'Reducere';
  return `${what} — ${d.motiv}: ${minus(d.suma)}`;
}

/** A document discount's row in the totals: "Reducere 5% (TVA 21%)", with its reason when the shop gave one. */
export function documentDiscountLabel(d: DocumentDiscount): string {
  const reason = d.motiv.trim() && d.motiv.trim() !== defaultDiscountReason ? ` — ${d.motiv.trim()}` : '';
  return `Reducere${d.procent !== null ? ` ${formatPercent(d.procent)}` : ''}${reason} (${groupTitle(d)})`;
}

/** The totals' rows: the lines' sum and each document discount when there are any, then base, VAT, total. */
export function totalsRows(doc: InvoiceDocument): [string, number][] {
  const discounts = doc.reduceri ?? [];
  const rows: [string, number][] = [];
  if (discounts.length > 0) {
    rows.push(['Total linii', documentSums(doc).linii]);
    for (const d of discounts) rows.push([documentDiscountLabel(d), -d.suma]);
  }
  rows.push(['Total fără TVA', doc.totals.baza], ['TVA', doc.totals.tva], ['Total de plată', doc.totals.total]);
  return rows;
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
              totalsRows(doc),
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
