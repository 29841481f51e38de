import { vatRate } from '../../fiscal/vat';
import { newId } from '../../ids';
import type { RowOf } from '../../schema/table';
import type { WriteOp } from '../../sync/client';
import type { CompanyProfile } from '../core/company';
import { needsSector } from '../core/counties';
import type { Party } from '../core/party';
import { percentOf, proportionOf } from '../../money/decimal';
import {
  invoiceTitle, invoiceTotals, lineGroups, lineGross, lineValue, type DocumentDiscount, type InvoiceDocument, type InvoiceLine, type LineDiscount, type PaymentMethod,
} from './document';
import type { invoiceSeriesTable, invoicesTable } from './invoices.tables';

export type InvoiceSeries = RowOf<typeof invoiceSeriesTable.columns>;
export type Invoice = RowOf<typeof invoicesTable.columns>;

/** The reason printed and exported for lines of a company not registered for VAT (category O). */
export const notVatRegisteredReason = 'Furnizor neînregistrat în scopuri de TVA';
/** Reverse charge (taxare inversă, art. 331 Codul fiscal): the buyer accounts for the VAT. */
export const reverseChargeReason = 'Taxare inversă (art. 331 Codul fiscal)';
/**
 * A service to a company registered for VAT in another EU state is supplied where the buyer is
 * (art. 278 alin. (2) Codul fiscal): no Romanian VAT, the buyer reverse-charges it.
 */
export const euServiceReverseChargeReason = 'Taxare inversă, art. 278 alin. (2) Codul fiscal, art. 196 Directiva 2006/112/CE';

/** What the profile still lacks before the company can issue an invoice (field names), empty when complete. */
export function missingForInvoicing(p: CompanyProfile | null): string[] {
  if (!p) return ['nume', 'cui', 'adresa', 'localitate', 'judet'];
  // In Bucharest the locality is the sector: "București" alone is as good as missing (BR-RO-100).
  return (['nume', 'cui', 'adresa', 'localitate', 'judet'] as const)
    .filter((k) => !p[k]?.trim() || (k === 'localitate' && needsSector(p.judet ?? '', p.localitate ?? '')));
}

/** A line's VAT for a seller on a date: the standard rate (S), or category O when not VAT-registered. */
export function defaultVat(seller: Pick<Party, 'platitorTva'>, supplyDate: string): Pick<InvoiceLine, 'categorie' | 'cota' | 'motivScutire'> {
  if (!seller.platitorTva) return { categorie: 'O', cota: '0', motivScutire: notVatRegisteredReason };
  return { categorie: 'S', cota: String(vatRate('RO', supplyDate) ?? 0), motivScutire: null };
}

/**
 * The lines of a credit note reversing `quantities` (by line index, positive) of an invoice's lines. A
 * line's discount is reversed with it: a percent is the same percent of the negative gross amount, an
 * amount is the share of the reversed quantity, rounded once (the whole line reverses the whole amount).
 */
export function stornoLines(original: InvoiceDocument, quantities: ReadonlyMap<number, string>): InvoiceLine[] {
  const out: InvoiceLine[] = [];
  original.linii.forEach((l, i) => {
    const q = quantities.get(i);
    if (!q || Number(q) === 0) return;
    const cantitate = q.startsWith('-') ? q : `-${q}`;
    const d = l.reducere;
    let reducere: LineDiscount | null = null;
    if (d) {
      const gross = lineGross({ cantitate, pretUnitar: l.pretUnitar });
      const suma = d.procent !== null ? percentOf(gross, d.procent) : proportionOf(d.suma, cantitate, l.cantitate);
      reducere = suma === 0 ? null : { procent: d.procent, suma, motiv: d.motiv };
    }
    const line: InvoiceLine = { ...l, cantitate, valoare: 0 };
    if (reducere) line.reducere = reducere;
    else delete line.reducere;
    out.push({ ...line, valoare: lineValue(line) });
  });
  return out;
}

/**
 * The document discounts of a credit note reversing `lines` of an invoice: each of the invoice's is
 * reversed in proportion to what is reversed of its VAT group (a percent stays that percent of the
 * reversed group's sum; an amount takes the reversed share of the group's sum, rounded once).
 */
export function stornoDiscounts(original: Pick<InvoiceDocument, 'reduceri'>, lines: readonly InvoiceLine[]): DocumentDiscount[] {
  const groups = lineGroups(lines);
  return (original.reduceri ?? []).flatMap((d) => {
    const g = groups.find((x) => x.categorie === d.categorie && Number(x.cota) === Number(d.cota));
    if (!g || g.baza === 0 || d.baza === 0) return [];
    const suma = d.procent !== null ? percentOf(g.baza, d.procent) : proportionOf(d.suma, g.baza, d.baza);
    return suma === 0 ? [] : [{ ...d, baza: g.baza, suma }];
  });
}

const thousandths = (q: string) => Math.round(Number(q) * 1000);
// A discounted line is another kind of line than the same part sold at full price: its percent (or that
// it had an amount off) and reason are part of what matches it.
const lineKey = (l: InvoiceLine) => JSON.stringify([
  l.descriere, l.um, l.pretUnitar, l.categorie, Number(l.cota), l.reducere ? [l.reducere.procent ?? 'suma', l.reducere.motiv] : null,
]);

/**
 * How much of each of an invoice's lines its credit notes reversed: a line is matched by what it sells,
 * its unit, price and VAT, and lines of the same kind share what was reversed in the order they appear.
 * `left` is what is left of each line (by index, thousandths); `excess` what the notes reversed beyond
 * the invoice (two devices reversing the same invoice offline can together reverse more than it had).
 */
function reversal(original: InvoiceDocument, creditNotes: readonly InvoiceDocument[]): { left: number[]; excess: number } {
  const reversed = new Map<string, number>();
  for (const note of creditNotes) {
    for (const l of note.linii) reversed.set(lineKey(l), (reversed.get(lineKey(l)) ?? 0) + Math.abs(thousandths(l.cantitate)));
  }
  const left = original.linii.map((l) => {
    const key = lineKey(l);
    // A returned part (negative quantity) is not sold, so a credit note has nothing of it to reverse.
    const had = Math.max(0, thousandths(l.cantitate));
    const taken = Math.min(reversed.get(key) ?? 0, had);
    reversed.set(key, (reversed.get(key) ?? 0) - taken);
    return had - taken;
  });
  return { left, excess: [...reversed.values()].reduce((a, b) => a + b, 0) };
}

/** What is left to reverse of each of an invoice's lines (by index, as a positive decimal string). */
export function remainingToReverse(original: InvoiceDocument, creditNotes: readonly InvoiceDocument[]): string[] {
  return reversal(original, creditNotes).left.map((left) => (left / 1000).toFixed(3).replace(/\.?0+$/, ''));
}

/** True when an invoice's credit notes together reverse more than the invoice had. */
export function overReversed(original: InvoiceDocument, creditNotes: readonly InvoiceDocument[]): boolean {
  return reversal(original, creditNotes).excess > 0;
}

export type IssueInput = {
  series: InvoiceSeries;
  seller: Party;
  tvaLaIncasare: boolean;
  buyer: Party;
  lines: InvoiceLine[];
  /** Discounts on the whole document (splitDocumentDiscount), or for a credit note stornoDiscounts. */
  reduceri?: DocumentDiscount[];
  data: string;
  dataLivrare: string;
  dataScadenta: string | null;
  modalitatePlata: PaymentMethod;
  order: { id: string; nr_comanda: number | null; nr_auto: string | null } | null;
  storno: { invoice: Invoice; document: InvoiceDocument } | null;
  observatii: string | null;
  emitent: { userId: string | null; name: string | null };
  /** Whether this device writes the order's FACTURAT itself (a user allowed to change orders). */
  updateOrder: boolean;
};

/**
 * The local writes that issue an invoice, for one transaction: the series moves to its next number,
 * the invoice is written with that number, the order becomes FACTURAT, the audit trail records it.
 * The tables' rules check all of it again, on this device and on the server.
 */
export function issueOps(input: IssueInput, clientId: string): { invoiceId: string; document: InvoiceDocument; ops: WriteOp[] } {
  const numar = input.series.ultimul_numar + 1;
  const tip = input.storno ? 'storno' : 'factura';
  const linii = input.lines.map((l) => ({ ...l, valoare: lineValue(l) }));
  const reduceri = input.reduceri ?? [];
  const document: InvoiceDocument = {
    tip, serie: input.series.serie, numar, data: input.data, dataLivrare: input.dataLivrare, dataScadenta: input.dataScadenta,
    modalitatePlata: input.modalitatePlata, moneda: 'RON', furnizor: input.seller, cumparator: input.buyer,
    tvaLaIncasare: input.tvaLaIncasare, linii, ...(reduceri.length > 0 ? { reduceri } : {}), totals: invoiceTotals(linii, reduceri),
    stornoDe: input.storno ? { serie: input.storno.document.serie, numar: input.storno.document.numar, data: input.storno.document.data } : null,
    comanda: input.order ? { numar: input.order.nr_comanda, nrAuto: input.order.nr_auto } : (input.storno?.document.comanda ?? null),
    observatii: input.observatii, emitent: input.emitent.name,
  };
  const invoiceId = newId();
  const ops: WriteOp[] = [
    { op: 'update', table: 'invoice_series', id: input.series.id, patch: { ultimul_numar: numar } },
    {
      op: 'create', table: 'invoices', data: {
        id: invoiceId, serie_id: input.series.id, serie_factura: document.serie, nr_factura: numar, tip, data_factura: document.data,
        data_livrare: document.dataLivrare, data_scadenta: document.dataScadenta, modalitate_plata: document.modalitatePlata,
        order_id: input.order?.id ?? input.storno?.invoice.order_id ?? null, storno_de_id: input.storno?.invoice.id ?? null,
        client_nume: document.cumparator.nume, client_cod_fiscal: document.cumparator.codFiscal, nr_auto: document.comanda?.nrAuto ?? null,
        total_fara_tva: document.totals.baza, tva: document.totals.tva, total_general: document.totals.total,
        document: JSON.stringify(document), emis_de: input.emitent.userId,
      },
    },
  ];
  if (input.order && input.updateOrder) ops.push({ op: 'update', table: 'orders', id: input.order.id, patch: { status: 'FACTURAT', factura_id: invoiceId } });
  ops.push({
    op: 'create', table: 'document_events', data: {
      document: 'factura', document_id: invoiceId, actiune: tip === 'storno' ? 'storno' : 'emitere',
      descriere: invoiceTitle(document), user_id: input.emitent.userId, client_id: clientId,
    },
  });
  return { invoiceId, document, ops };
}

/** The issued document of an invoice row. */
export function invoiceDocument(invoice: Pick<Invoice, 'document'>): InvoiceDocument {
  return JSON.parse(invoice.document) as InvoiceDocument;
}
