import { multiplyMoney, percentOf } from '../../money/decimal';
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
  /** Net unit price (without VAT) in bani. */
  pretUnitar: number;
  categorie: VatCategory;
  /** Percent as a decimal string: "21", "11", "0". */
  cota: string;
  /** Why no VAT is charged (categories E, AE, O; optional for Z). */
  motivScutire: string | null;
  /** quantity × unit price in bani, rounded once (the line's net amount). */
  valoare: number;
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
  totals: InvoiceTotals;
  /** The invoice a credit note reverses. */
  stornoDe: { serie: string; numar: number; data: string } | null;
  /** The repair order and vehicle it invoices, when there is one. */
  comanda: { numar: number | null; nrAuto: string | null } | null;
  observatii: string | null;
  /** Who issued it (name), when known. */
  emitent: string | null;
};

/** The line's net amount: quantity × unit price, rounded once. */
export function lineValue(line: { cantitate: string; pretUnitar: number }): number {
  return multiplyMoney(line.cantitate, line.pretUnitar);
}

/**
 * Totals the way EN 16931 checks them: line nets are rounded to bani, each category-and-rate group's VAT
 * is its summed base × rate rounded once (BR-CO-17), and the invoice's VAT is the sum of the groups'.
 * Groups keep the order in which their first line appears.
 */
export function invoiceTotals(lines: readonly Pick<InvoiceLine, 'cantitate' | 'pretUnitar' | 'categorie' | 'cota' | 'motivScutire'>[]): InvoiceTotals {
  const groups = new Map<string, VatGroup>();
  for (const l of lines) {
    const key = `${l.categorie}|${Number(l.cota)}`;
    const g = groups.get(key) ?? groups.set(key, { categorie: l.categorie, cota: l.cota, baza: 0, tva: 0, motivScutire: l.motivScutire }).get(key);
    if (g) {
      g.baza += lineValue(l);
      if (!g.motivScutire && l.motivScutire) g.motivScutire = l.motivScutire;
    }
  }
  let baza = 0;
  let tva = 0;
  for (const g of groups.values()) {
    g.tva = percentOf(g.baza, g.cota);
    baza += g.baza;
    tva += g.tva;
  }
  return { baza, tva, total: baza + tva, grupe: [...groups.values()] };
}

/** How the audit trail names an issued document: "Factura ROA 12", "Storno ROA 13". */
export function invoiceTitle(doc: Pick<InvoiceDocument, 'tip' | 'serie' | 'numar'>): string {
  return `${doc.tip === 'storno' ? 'Storno' : 'Factura'} ${doc.serie} ${doc.numar}`;
}

/** An issued document's file: "Factura-ROA-12.pdf", "Storno-ROA-13.xml". */
export function invoiceFileName(doc: Pick<InvoiceDocument, 'tip' | 'serie' | 'numar'>, ext: 'pdf' | 'xml'): string {
  return documentFileName(doc.tip === 'storno' ? 'Storno' : 'Factura', doc.serie, doc.numar, ext);
}
