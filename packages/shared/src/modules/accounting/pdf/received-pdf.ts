import {
  baseDefinition, colors, field, gridLayout, headerBand, num, partyBlock, present, th, totalsTable,
} from '../../core/pdf-layout';
import type { Party } from '../../core/party';
import { fixDiacriticsDeep, formatDate, formatLei, formatPercent, formatQuantity } from '../../../pdf/format';
import type { PdfContent, PdfDefinition, PdfTable } from '../../../pdf/pdfmake-types';
import type { ReceivedAddress, ReceivedAllowance, ReceivedDocument } from '../received-invoices.table';

/**
 * A supplier's invoice received through e-Factura, printed by the app's own engine from what the reader
 * kept of its UBL (the `document` of a `received_invoices` row), with the issued invoice's layout. What
 * does not fit the shop's own invoices is shown as written: the document's currency on every amount
 * (amounts have at most two decimals in e-Factura, so they print like lei), unit prices with all their
 * decimals, UN/ECE unit codes as the Romanian unit when there is a usual one (H87 → buc) and as the code
 * otherwise, and VAT categories a shop never issues (K, G, L, M…) by their EN 16931 names.
 */

const units: Readonly<Record<string, string>> = {
  H87: 'buc', C62: 'buc', EA: 'buc', XPP: 'buc', HUR: 'ore', LTR: 'l', KGM: 'kg', MTR: 'm', MTK: 'm²', MTQ: 'm³', SET: 'set', KMT: 'km', DAY: 'zile', MON: 'luni', PR: 'perechi',
};

/** The unit as a Romanian reader knows it; the code itself when there is no usual name. */
export function receivedUnit(code: string | null): string {
  if (!code) return '';
  return units[code.toUpperCase()] ?? code;
}

/** A decimal amount ("1246.5", "-12.30") in hundredths; e-Factura amounts have at most two decimals. */
function hundredths(amount: string | null | undefined): number {
  const m = /^\s*([-+])?(\d*)(?:\.(\d*))?\s*$/.exec(amount ?? '');
  if (!m) return 0;
  const frac = (m[3] ?? '').padEnd(3, '0');
  const value = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] === '-' ? -value : value;
}

/** An amount as written, Romanian style, always with two decimals: "1246.5" → "1.246,50". */
const amount = (a: string | null | undefined) => formatLei(hundredths(a));

/** A unit price with every decimal it was given, at least two: "62.3" → "62,30", "1.23456" → "1,23456". */
function price(p: string): string {
  const text = formatQuantity(p);
  if (!/^-?[\d.]+(,\d+)?$/.test(text)) return p;
  const [whole, frac = ''] = text.split(',');
  return `${whole ?? ''},${frac.padEnd(2, '0')}`;
}

function vatTitle(category: string | null, percent: string | null): string {
  const c = (category ?? '').toUpperCase();
  const rate = percent != null && percent !== '' ? formatPercent(percent.replace(/\.0+$/, '')) : null;
  switch (c) {
    case 'S':
      return rate ? `TVA ${rate}` : 'TVA';
    case 'Z':
      return 'Cota zero (0%)';
    case 'E':
      return 'Scutit de TVA';
    case 'AE':
      return 'Taxare inversă';
    case 'K':
      return 'Livrare intracomunitară scutită';
    case 'G':
      return 'Export scutit';
    case 'O':
      return 'Neimpozabil / în afara sferei TVA';
    case 'L':
      return `IGIC (Insulele Canare)${rate ? ` ${rate}` : ''}`;
    case 'M':
      return `IPSI (Ceuta și Melilla)${rate ? ` ${rate}` : ''}`;
    default:
      return `Categoria ${c || '—'}${rate ? ` ${rate}` : ''}`;
  }
}

/** A short VAT column: the rate for S, else the category's name. */
function vatCell(category: string | null, percent: string | null): string {
  if ((category ?? '').toUpperCase() === 'S' && percent) return formatPercent(percent.replace(/\.0+$/, ''));
  return vatTitle(category, percent);
}

/** A county as the layout knows it: ANAF writes Romanian ones as "RO-CJ". */
function county(a: ReceivedAddress | null | undefined): string {
  const c = a?.county?.trim() ?? '';
  return /^RO-[A-Z]{1,2}$/i.test(c) ? c.slice(3).toUpperCase() : c;
}

function asParty(p: { name: string; cui: string | null; vatId?: string | null; regCom?: string | null; address?: ReceivedAddress | null; iban?: string | null }): Party {
  const a = p.address ?? null;
  const tara = (a?.country ?? 'RO').toUpperCase();
  return {
    tip: 'pj', nume: p.name || '—', codFiscal: p.vatId ?? p.cui, cnp: null, regCom: p.regCom ?? null,
    adresa: a?.street ?? '', localitate: a?.city ?? '', judet: county(a), codPostal: a?.postalCode ?? null, tara,
    iban: p.iban ?? null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: Boolean(p.vatId),
  };
}

/** "Reducere 10% din 100,00: -10,00" — a charge reads "Majorare". */
function allowanceText(a: ReceivedAllowance, currency: string): string {
  const kind = a.charge ? 'Majorare' : 'Reducere';
  const how = a.percent ? ` ${formatPercent(a.percent)}${a.base ? ` din ${amount(a.base)}` : ''}` : '';
  const why = a.reason ? ` (${a.reason})` : '';
  return `${kind}${how}${why}: ${a.charge ? '' : '-'}${amount(a.amount)} ${currency}`;
}

function linesTable(doc: ReceivedDocument): PdfTable {
  const body: PdfContent[][] = [
    [th('Nr. crt.'), th('Denumire'), th('U.M.', 'center'), th('Cantitate', 'right'), th('Preț unitar\n(fără TVA)', 'right'), th('Valoare', 'right'), th('Cota TVA', 'right')],
  ];
  doc.lines.forEach((l, i) => {
    const extra = present<string>([l.note ?? null, ...(l.allowances ?? []).map((a) => allowanceText(a, doc.currency))]);
    body.push([
      { text: String(i + 1), color: colors.muted },
      extra.length ? { stack: [{ text: l.description }, ...extra.map((e) => ({ text: e, style: ['small', 'muted'] }))] } : l.description,
      { text: receivedUnit(l.unit), alignment: 'center' },
      num(formatQuantity(l.quantity)),
      num(price(l.unitPrice)),
      num(amount(l.net)),
      { text: vatCell(l.vatCategory, l.vatPercent), alignment: 'right' },
    ]);
  });
  return { table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: [24, '*', 30, 48, 64, 66, 50], body }, layout: gridLayout };
}

function documentAllowances(doc: ReceivedDocument): PdfContent | null {
  const list = doc.allowances ?? [];
  if (!list.length) return null;
  const body: PdfContent[][] = [[th('Reduceri și majorări pe document'), th('Cota TVA', 'right'), th('Valoare', 'right')]];
  for (const a of list) {
    body.push([
      `${a.charge ? 'Majorare' : 'Reducere'}${a.percent ? ` ${formatPercent(a.percent)}` : ''}${a.reason ? ` — ${a.reason}` : ''}`,
      { text: vatCell(a.vatCategory, a.vatPercent), alignment: 'right' },
      num(`${a.charge ? '' : '-'}${amount(a.amount)}`),
    ]);
  }
  return { table: { headerRows: 1, dontBreakRows: true, widths: ['*', 70, 70], body }, layout: gridLayout, margin: [0, 8, 0, 0] };
}

function vatBreakdown(doc: ReceivedDocument): PdfContent {
  const body: PdfContent[][] = [[th('Cota TVA'), th('Bază impozabilă', 'right'), th('Valoare TVA', 'right')]];
  for (const v of doc.vat) {
    body.push([
      { stack: present<PdfContent>([{ text: vatTitle(v.category, v.percent) }, v.exemption ? { text: v.exemption, style: ['small', 'muted'] } : null]) },
      num(amount(v.base)),
      num(amount(v.amount)),
    ]);
  }
  return { table: { headerRows: 1, dontBreakRows: true, widths: ['*', 70, 62], body }, layout: gridLayout };
}

function totals(doc: ReceivedDocument): PdfContent {
  const t = doc.totals;
  const adjusted = Boolean(t.allowances && hundredths(t.allowances) !== 0) || Boolean(t.charges && hundredths(t.charges) !== 0);
  const rows: [string, number][] = [];
  if (adjusted && t.lineNet) rows.push(['Total linii', hundredths(t.lineNet)]);
  if (t.allowances && hundredths(t.allowances) !== 0) rows.push(['Reduceri', -hundredths(t.allowances)]);
  if (t.charges && hundredths(t.charges) !== 0) rows.push(['Majorări', hundredths(t.charges)]);
  rows.push(['Total fără TVA', hundredths(t.net)], ['TVA', hundredths(t.vat)]);
  const prepaid = t.prepaid ? hundredths(t.prepaid) : 0;
  const rounding = t.rounding ? hundredths(t.rounding) : 0;
  if (prepaid !== 0 || rounding !== 0 || hundredths(t.payable) !== hundredths(t.total)) {
    rows.push(['Total cu TVA', hundredths(t.total)]);
    if (prepaid !== 0) rows.push(['Plătit în avans', -prepaid]);
    if (rounding !== 0) rows.push(['Rotunjire', rounding]);
  }
  rows.push(['Total de plată', hundredths(t.payable)]);
  return totalsTable(rows, doc.currency, 'Total de plată');
}

/** A supplier's invoice ("FACTURĂ PRIMITĂ") or credit note received through e-Factura, as a pdfmake definition. */
export function receivedInvoiceDefinition(input: ReceivedDocument): PdfDefinition {
  const doc = fixDiacriticsDeep(input);
  const credit = doc.kind === 'credit_note';
  const title = credit ? 'FACTURĂ STORNO PRIMITĂ' : 'FACTURĂ PRIMITĂ';
  const name = `${credit ? 'Factură storno primită' : 'Factură primită'} nr. ${doc.number}`;
  const seller = asParty(doc.supplier);
  const titleBlock = present<PdfContent>([
    { text: title, style: 'title' },
    { text: `Nr. ${doc.number}`, style: 'docNumber', margin: [0, 2, 0, 4] },
    field('Data emiterii', formatDate(doc.issueDate)),
    doc.dueDate ? field('Data scadenței', formatDate(doc.dueDate)) : null,
    field('Moneda', doc.currency),
    doc.precedingInvoice ? field(credit ? 'Corectează factura' : 'Factura anterioară', doc.precedingInvoice) : null,
    { text: 'Primită prin e-Factura (SPV)', style: ['small', 'muted'], margin: [0, 3, 0, 0] },
  ]);
  const mentions = present<string>([
    doc.taxCurrencyVat ? `TVA în ${doc.taxCurrencyVat.currency}: ${amount(doc.taxCurrencyVat.amount)} ${doc.taxCurrencyVat.currency}` : null,
    doc.paymentTerms ? `Condiții de plată: ${doc.paymentTerms}` : null,
    ...(doc.notes ?? []),
  ]);

  const content: PdfContent[] = [
    ...headerBand(seller, null, titleBlock),
    { ...partyBlock('Cumpărător', asParty(doc.buyer)), margin: [0, 0, 0, 12] },
    linesTable(doc),
    ...present<PdfContent>([documentAllowances(doc)]),
    {
      columns: [
        { width: '*', stack: [vatBreakdown(doc)] },
        { width: 200, stack: [totals(doc)] },
      ],
      columnGap: 20,
      margin: [0, 12, 0, 0],
      unbreakable: true,
    },
    ...present<PdfContent>([
      mentions.length ? { stack: [{ text: 'NOTE', style: 'label', margin: [0, 0, 0, 2] }, { ul: mentions }], margin: [0, 10, 0, 0] } : null,
    ]),
    {
      text: 'Vizualizare a facturii primite prin e-Factura, făcută de ROA AUTO din fișierul XML; documentul original este fișierul XML semnat de ANAF.',
      style: ['small', 'muted'],
      margin: [0, 14, 0, 0],
    },
  ];
  return baseDefinition(name, seller.nume, null, content, `${name} din ${formatDate(doc.issueDate)}`);
}
