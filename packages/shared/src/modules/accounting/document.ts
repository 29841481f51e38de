import { multiplyPrice, percentOf } from '../../money/decimal';
import type { Party } from '../core/party';
import { documentFileName } from '../core/documents';

/**
 * The fiscal documents as the PDF and e-Factura code read them: plain data, complete, in Romanian terms.
 * An issued invoice's row holds this (seller, buyer and lines as they were at issue), so a document
 * prints the same forever, whatever changes in the company profile or the catalog later.
 */

/** VAT categories of EN 16931 (UNCL5305) a shop uses. */
export const vatCategories = ['S', 'Z', 'E', 'AE', 'O'] as const;
export type VatCategory = (typeof vatCategories)[number];

export const paymentMethods = ['numerar', 'card', 'ordin_plata', 'altele'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** What a series numbers (invoice_series.tip_document): invoices (null on older rows) or receipts. */
export const seriesDocuments = ['factura', 'chitanta'] as const;
export type SeriesDocument = (typeof seriesDocuments)[number];

export type InvoiceLine = {
  descriere: string;
  /** Unit as the shop writes it: "buc", "ore", "l", "kg", "set", "m". */
  um: string;
  /** Exact decimal, negative on a credit note. */
  cantitate: string;
  /**
   * Net unit price (without VAT) in bani, with up to two decimals of a ban: parts are bought at four
   * decimals of a leu (12.3456 lei is 1234.56). Amounts (the line's value, totals) are whole bani.
   */
  pretUnitar: number;
  categorie: VatCategory;
  /** Percent as a decimal string: "21", "11", "0". */
  cota: string;
  /** Why no VAT is charged (categories E, AE, O; optional for Z). */
  motivScutire: string | null;
  /** The line's discount (absent or null: none). */
  reducere?: LineDiscount | null;
  /** The line's net amount in bani: quantity × unit price rounded once, less its discount. */
  valoare: number;
};

/**
 * A discount on one line, written to e-Factura as a line allowance (EN 16931 BG-27): a percent of the
 * line's gross amount (quantity × unit price) or an amount. Lines of a credit note or returned goods
 * have a negative gross amount and so a negative discount: the discount always has the gross's sign.
 */
export type LineDiscount = {
  /** Percent as a decimal string ("10", "12.5"), or null when the shop gave an amount. */
  procent: string | null;
  /** The discount in bani: percentOf(gross, procent) rounded once, or the amount given. */
  suma: number;
  /** Why (BT-139): "Discount" unless the shop wrote something else. */
  motiv: string;
};

/**
 * A discount on the whole document, written as a document-level allowance (EN 16931 BG-20). EN 16931
 * needs each one's VAT category and rate, so a discount over lines of several rates is one entry per
 * rate (`splitDocumentDiscount`).
 */
export type DocumentDiscount = {
  categorie: VatCategory;
  cota: string;
  motivScutire: string | null;
  /** The net sum of this category's and rate's lines the discount is taken from (BT-93). */
  baza: number;
  /** Percent as a decimal string, or null for an amount. */
  procent: string | null;
  /** The discount in bani (BT-92), with the sign of `baza`. */
  suma: number;
  motiv: string;
};

/** One row of the VAT breakdown: lines of one category and rate. */
export type VatGroup = { categorie: VatCategory; cota: string; baza: number; tva: number; motivScutire: string | null };

export type InvoiceTotals = { baza: number; tva: number; total: number; grupe: VatGroup[] };

export type InvoiceDocument = {
  tip: 'factura' | 'storno';
  serie: string;
  numar: number;
  /** Issue date and the date of the supply (VAT follows the supply), YYYY-MM-DD. */
  data: string;
  dataLivrare: string;
  dataScadenta: string | null;
  modalitatePlata: PaymentMethod;
  moneda: 'RON';
  furnizor: Party;
  cumparator: Party;
  /** The VAT-on-receipt mention ("TVA la încasare"), art. 319(20) lit. h). */
  tvaLaIncasare: boolean;
  linii: InvoiceLine[];
  /** Discounts on the whole document, one per VAT category and rate (absent or empty: none). */
  reduceri?: DocumentDiscount[];
  totals: InvoiceTotals;
  /** The invoice a credit note reverses. */
  stornoDe: { serie: string; numar: number; data: string } | null;
  /** The repair order and vehicle it invoices, when there is one. */
  comanda: { numar: number | null; nrAuto: string | null } | null;
  observatii: string | null;
  /** Who issued it (name), when known. */
  emitent: string | null;
};

/** The line's gross amount: quantity × unit price, rounded once to bani. */
export function lineGross(line: { cantitate: string; pretUnitar: number }): number {
  return multiplyPrice(line.cantitate, line.pretUnitar);
}

/** The line's net amount: its gross amount less its discount. */
export function lineValue(line: { cantitate: string; pretUnitar: number; reducere?: LineDiscount | null }): number {
  return lineGross(line) - (line.reducere?.suma ?? 0);
}

/** The reason a discount carries when the shop wrote none. */
export const defaultDiscountReason = 'Discount';

/** What a person asks for: a percent, or an amount in bani (positive; the sign follows the amount discounted). */
export type DiscountInput = { procent: string } | { suma: number };

/** A line's discount from what was asked, with the gross's sign; null for a zero discount. */
export function lineDiscount(line: { cantitate: string; pretUnitar: number }, input: DiscountInput, motiv = defaultDiscountReason): LineDiscount | null {
  const gross = lineGross(line);
  const sign = gross < 0 ? -1 : 1;
  const suma = 'procent' in input ? percentOf(gross, input.procent) : sign * Math.abs(input.suma);
  if (suma === 0) return null;
  return { procent: 'procent' in input ? input.procent : null, suma, motiv: motiv.trim() || defaultDiscountReason };
}

type Taxed = Pick<InvoiceLine, 'categorie' | 'cota' | 'motivScutire'>;
const groupKey = (t: Pick<InvoiceLine, 'categorie' | 'cota'>) => `${t.categorie}|${Number(t.cota)}`;

/** The lines' net sums per VAT category and rate, in the order each group's first line appears. */
export function lineGroups(lines: readonly (Taxed & { cantitate: string; pretUnitar: number; reducere?: LineDiscount | null })[]): (Taxed & { baza: number })[] {
  const groups = new Map<string, Taxed & { baza: number }>();
  for (const l of lines) {
    const key = groupKey(l);
    const g = groups.get(key) ?? groups.set(key, { categorie: l.categorie, cota: l.cota, motivScutire: l.motivScutire, baza: 0 }).get(key);
    if (g) {
      g.baza += lineValue(l);
      if (!g.motivScutire && l.motivScutire) g.motivScutire = l.motivScutire;
    }
  }
  return [...groups.values()];
}

/**
 * A discount on the whole document as EN 16931 wants it: one allowance per VAT category and rate. A
 * percent is taken from each group's net sum (rounded once per group); an amount is shared in proportion
 * to the groups' sums, the bani left by rounding going to the largest remainders, so the parts add up to
 * the amount exactly. Groups whose share is zero get no entry.
 */
export function splitDocumentDiscount(groups: readonly (Taxed & { baza: number })[], input: DiscountInput, motiv = defaultDiscountReason): DocumentDiscount[] {
  const reason = motiv.trim() || defaultDiscountReason;
  const total = groups.reduce((a, g) => a + g.baza, 0);
  let shares: number[];
  if ('procent' in input) {
    shares = groups.map((g) => percentOf(g.baza, input.procent));
  } else {
    const amount = (total < 0 ? -1 : 1) * Math.abs(input.suma);
    if (total === 0) return [];
    const exact = groups.map((g) => (BigInt(amount) * BigInt(g.baza)));
    const t = BigInt(total);
    shares = exact.map((e) => Number(e / t));
    let left = amount - shares.reduce((a, b) => a + b, 0);
    const step = left < 0 ? -1 : 1;
    const order = exact.map((e, i) => ({ i, r: Number((e % t) * 1000n / t) })).sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.i - b.i);
    for (let k = 0; left !== 0 && order.length > 0; k = (k + 1) % order.length) {
      const o = order[k];
      if (!o) break;
      shares[o.i] = (shares[o.i] ?? 0) + step;
      left -= step;
    }
  }
  return groups.flatMap((g, i) => {
    const suma = shares[i] ?? 0;
    if (suma === 0) return [];
    return [{ categorie: g.categorie, cota: g.cota, motivScutire: g.motivScutire, baza: g.baza, procent: 'procent' in input ? input.procent : null, suma, motiv: reason }];
  });
}

/**
 * Totals the way EN 16931 checks them: line nets are rounded to bani (after their own discounts), each
 * category-and-rate group's base is its lines' sum less the document discounts of that group, its VAT is
 * that base × rate rounded once (BR-CO-17), and the invoice's VAT is the sum of the groups'. Groups keep
 * the order in which their first line appears.
 */
export function invoiceTotals(
  lines: readonly (Taxed & { cantitate: string; pretUnitar: number; reducere?: LineDiscount | null })[],
  discounts: readonly DocumentDiscount[] = [],
): InvoiceTotals {
  const groups: VatGroup[] = lineGroups(lines).map((g) => ({ categorie: g.categorie, cota: g.cota, baza: g.baza, tva: 0, motivScutire: g.motivScutire }));
  for (const d of discounts) {
    const g = groups.find((x) => groupKey(x) === groupKey(d));
    if (g) g.baza -= d.suma;
  }
  let baza = 0;
  let tva = 0;
  for (const g of groups) {
    g.tva = percentOf(g.baza, g.cota);
    baza += g.baza;
    tva += g.tva;
  }
  return { baza, tva, total: baza + tva, grupe: groups };
}

/** The sum of the lines' net amounts (EN 16931 BT-106) and of the document discounts (BT-107). */
export function documentSums(doc: Pick<InvoiceDocument, 'linii' | 'reduceri'>): { linii: number; reduceri: number } {
  return { linii: doc.linii.reduce((a, l) => a + l.valoare, 0), reduceri: (doc.reduceri ?? []).reduce((a, d) => a + d.suma, 0) };
}

/** How the audit trail names an issued document: "Factura ROA 12", "Storno ROA 13". */
export function invoiceTitle(doc: Pick<InvoiceDocument, 'tip' | 'serie' | 'numar'>): string {
  return `${doc.tip === 'storno' ? 'Storno' : 'Factura'} ${doc.serie} ${doc.numar}`;
}

/** An issued document's file: "Factura-ROA-12.pdf", "Storno-ROA-13.xml". */
export function invoiceFileName(doc: Pick<InvoiceDocument, 'tip' | 'serie' | 'numar'>, ext: 'pdf' | 'xml'): string {
  return documentFileName(doc.tip === 'storno' ? 'Storno' : 'Factura', doc.serie, doc.numar, ext);
}
