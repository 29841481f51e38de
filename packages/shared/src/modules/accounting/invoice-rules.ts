import { z } from 'zod';
import { vatRatesOn } from '../../fiscal/vat';
import { isValidCnp } from '../../validation/cnp';
import { isValidCui } from '../../validation/cui';
import { compactTaxId, isCountryCode } from '../core/countries';
import { isCountyCode } from '../core/counties';
import { efacturaProblems } from './efactura/br-ro';
import type { Refusal } from '../../schema/refusals';
import { isUnitPriceBani, percentOf } from '../../money/decimal';
import { invoiceTotals, lineGroups, lineGross, lineValue, paymentMethods, vatCategories, type InvoiceDocument } from './document';
import { accountingRefusals } from './refusals';
import { seriesNameRe, seriesRule, type SeriesRow } from '../../documents/series-rule';

const { refuse } = accountingRefusals;

const text = (max: number) => z.string().max(max);
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const bani = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

const partySchema = z.object({
  tip: z.enum(['pj', 'pf']),
  nume: text(200).refine((s) => s.trim() !== '', 'a name'),
  codFiscal: text(20).nullable(),
  cnp: text(13).nullable(),
  regCom: text(40).nullable(),
  adresa: text(400),
  localitate: text(100),
  judet: text(2),
  codPostal: text(10).nullable(),
  tara: z.string().regex(/^[A-Z]{2}$/),
  iban: text(34).nullable(),
  banca: text(100).nullable(),
  telefon: text(40).nullable(),
  email: text(254).nullable(),
  capitalSocial: text(40).nullable(),
  platitorTva: z.boolean(),
}).strict();

/** A discount percent: more than 0, at most 100, up to two decimals. */
const percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/).refine((p) => Number(p) > 0 && Number(p) <= 100, 'a percent above 0, at most 100');
const reason = text(100).refine((s) => s.trim() !== '', 'a reason');
const rate = z.string().regex(/^\d{1,2}(\.\d{1,2})?$/);

const lineDiscountSchema = z.object({ procent: percent.nullable(), suma: bani, motiv: reason }).strict();

const lineSchema = z.object({
  descriere: text(400).refine((s) => s.trim() !== '', 'a description'),
  um: text(10).refine((s) => s.trim() !== '', 'a unit'),
  cantitate: z.string().regex(/^-?\d{1,12}(\.\d{1,3})?$/),
  // Bani with up to two decimals of a ban (four decimals of a leu).
  pretUnitar: z.number().min(0).refine(isUnitPriceBani, 'a unit price in bani with at most two decimals'),
  categorie: z.enum(vatCategories),
  cota: rate,
  motivScutire: text(300).nullable(),
  reducere: lineDiscountSchema.nullable().optional(),
  valoare: bani,
}).strict();

const documentDiscountSchema = z.object({
  categorie: z.enum(vatCategories), cota: rate, motivScutire: text(300).nullable(), baza: bani, procent: percent.nullable(), suma: bani, motiv: reason,
}).strict();

const groupSchema = z.object({ categorie: z.enum(vatCategories), cota: z.string(), baza: bani, tva: bani, motivScutire: text(300).nullable() }).strict();

/** The shape of an issued document (document.ts), checked wherever one is written. */
export const invoiceDocumentSchema: z.ZodType<InvoiceDocument> = z.object({
  tip: z.enum(['factura', 'storno']),
  serie: text(20),
  numar: z.number().int().min(1),
  data: day,
  dataLivrare: day,
  dataScadenta: day.nullable(),
  modalitatePlata: z.enum(paymentMethods),
  moneda: z.literal('RON'),
  furnizor: partySchema,
  cumparator: partySchema,
  tvaLaIncasare: z.boolean(),
  linii: z.array(lineSchema).min(1).max(1000),
  reduceri: z.array(documentDiscountSchema).max(50).optional(),
  totals: z.object({ baza: bani, tva: bani, total: bani, grupe: z.array(groupSchema) }).strict(),
  stornoDe: z.object({ serie: text(20), numar: z.number().int().min(1), data: day }).strict().nullable(),
  comanda: z.object({ numar: z.number().int().nullable(), nrAuto: text(20).nullable() }).strict().nullable(),
  observatii: text(2000).nullable(),
  emitent: text(200).nullable(),
}).strict();

export { seriesNameRe };

/** A rule's view of a change (schema/table.ts RowChange, typed by the columns it reads). */
type Change<R> = { row: R; previous: R | null; parent: Record<string, unknown> | null; deleting: boolean; clientId: string };

/** The rules of an invoice series (its counter moves by one, only on the device that holds it): the kernel's series rule. */
export const seriesProblem = seriesRule(refuse);

type InvoiceRow = {
  serie_id: string; serie_factura: string; nr_factura: number; tip: 'factura' | 'storno'; data_factura: string; data_livrare: string;
  data_scadenta: string | null; modalitate_plata: string; storno_de_id: string | null; client_nume: string; client_cod_fiscal: string | null;
  nr_auto: string | null; total_fara_tva: number; tva: number; total_general: number; document: string;
};

/** Why a party cannot appear on an invoice, or null. */
export function partyProblem(p: InvoiceDocument['furnizor'], role: 'seller' | 'buyer'): Refusal | null {
  const seller = role === 'seller';
  if (!isCountryCode(p.tara)) return refuse(seller ? 'party.seller_country' : 'party.buyer_country');
  if (seller && p.tara !== 'RO') return refuse('party.seller_not_ro');
  if (p.tip === 'pj' || seller) {
    if (p.tara === 'RO') {
      if (!p.codFiscal || !isValidCui(p.codFiscal)) return refuse(seller ? 'party.seller_cui' : 'party.buyer_cui');
    } else if (!p.codFiscal || !/^[A-Z0-9]{2,20}$/.test(compactTaxId(p.codFiscal))) {
      // A company abroad: its VAT number (with its country's prefix) or its tax or registration number there.
      return refuse(seller ? 'party.seller_tax_number' : 'party.buyer_tax_number');
    }
  } else if (p.tara === 'RO' && p.cnp && !isValidCnp(p.cnp)) return refuse('party.buyer_cnp');
  if (!p.adresa.trim() || !p.localitate.trim()) return refuse(seller ? 'party.seller_address' : 'party.buyer_address');
  if (p.tara === 'RO' && !isCountyCode(p.judet)) return refuse(seller ? 'party.seller_county' : 'party.buyer_county');
  return null;
}

/** Why a document's VAT is wrong for its date and seller, or null (rates follow the supply date). */
export function vatProblem(doc: Pick<InvoiceDocument, 'furnizor' | 'dataLivrare' | 'linii'>): Refusal | null {
  const rates = vatRatesOn('RO', doc.dataLivrare);
  for (const [i, l] of doc.linii.entries()) {
    const line = i + 1;
    if (!doc.furnizor.platitorTva) {
      if (l.categorie !== 'O' || Number(l.cota) !== 0) return refuse('vat.not_payer_category', { line });
    } else if (l.categorie === 'S') {
      if (!rates.includes(Number(l.cota))) return refuse('vat.rate_on_date', { line, rate: `${l.cota}%`, date: doc.dataLivrare, rates: `${rates.join('%, ')}%` });
    } else {
      if (Number(l.cota) !== 0) return refuse('vat.category_no_vat', { line, category: l.categorie });
      if (l.categorie === 'O') return refuse('vat.category_o', { line });
    }
    if (['E', 'AE', 'O'].includes(l.categorie) && !l.motivScutire?.trim()) return refuse('vat.exemption_reason', { line, category: l.categorie });
  }
  return null;
}

/**
 * The rules of an issued invoice: it is written once, complete and consistent, with the next number
 * of a series this device holds; never changed or deleted afterwards.
 */
export function invoiceProblem({ row, previous, parent, deleting, clientId }: Change<InvoiceRow>): Refusal | null {
  if (deleting) return refuse('invoice.no_delete');
  if (previous) return refuse('invoice.no_change');
  const series = parent as (SeriesRow & { deleted_at?: unknown }) | null;
  if (!series || series.deleted_at) return refuse('invoice.series_missing');
  if (series.client_id !== clientId) return refuse('series.held_by_other');
  if (series.tip_document === 'chitanta') return refuse('invoice.receipt_series');
  if (series.serie !== row.serie_factura) return refuse('invoice.series_name');
  if (row.nr_factura !== series.ultimul_numar) return refuse('invoice.next_number', { series: series.serie, next: series.ultimul_numar + 1 });

  let doc: InvoiceDocument;
  try {
    const parsed = invoiceDocumentSchema.safeParse(JSON.parse(row.document));
    if (!parsed.success) return refuse('invoice.document_incomplete', { detail: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') });
    doc = parsed.data;
  } catch {
    return refuse('invoice.document_json');
  }
  const same: [unknown, unknown][] = [
    [doc.serie, row.serie_factura], [doc.numar, row.nr_factura], [doc.tip, row.tip], [doc.data, row.data_factura],
    [doc.dataLivrare, row.data_livrare], [doc.dataScadenta, row.data_scadenta], [doc.modalitatePlata, row.modalitate_plata],
    [doc.cumparator.nume, row.client_nume], [doc.cumparator.codFiscal, row.client_cod_fiscal], [doc.comanda?.nrAuto ?? null, row.nr_auto],
  ];
  if (same.some(([a, b]) => a !== b)) return refuse('invoice.columns_mismatch');
  if (row.data_scadenta && row.data_scadenta < row.data_factura) return refuse('invoice.due_before_date');

  const seller = partyProblem(doc.furnizor, 'seller');
  if (seller) return seller;
  const buyer = partyProblem(doc.cumparator, 'buyer');
  if (buyer) return buyer;
  if (doc.tvaLaIncasare && !doc.furnizor.platitorTva) return refuse('invoice.vat_on_receipt');
  const vat = vatProblem(doc);
  if (vat) return vat;

  const lines = linesProblem(doc);
  if (lines) return lines;
  const totals = invoiceTotals(doc.linii, doc.reduceri ?? []);
  if (JSON.stringify(totals) !== JSON.stringify(doc.totals)) return refuse('invoice.totals_mismatch');
  if (totals.baza !== row.total_fara_tva || totals.tva !== row.tva || totals.total !== row.total_general) return refuse('invoice.totals_mismatch');
  // Returned parts may be on an invoice, but one that gives back more than it sells is a credit note.
  if (row.tip === 'factura' && (totals.baza <= 0 || totals.total <= 0)) return refuse('invoice.return_total');

  if (row.tip === 'storno') {
    if (!row.storno_de_id || !doc.stornoDe) return refuse('invoice.credit_names_original');
  } else if (row.storno_de_id || doc.stornoDe) return refuse('invoice.only_credit_reverses');

  // Every invoice goes to e-Factura (B2B and B2C): one that ANAF would refuse is not issued.
  const efactura = efacturaProblems(doc);
  if (efactura.length > 0) return refuse('invoice.efactura', { detail: efactura.map((p) => `${p.rule} ${p.message}`).join('; ') });
  return null;
}

/** |discount| ≤ |amount|, with the amount's sign, and not zero. */
const fits = (discount: number, amount: number) => discount !== 0 && Math.sign(discount) === Math.sign(amount) && Math.abs(discount) <= Math.abs(amount);

/**
 * The lines and discounts of a document: quantities (an invoice sells, and may take parts back on
 * lines with a negative quantity as long as one line sells; a credit note only reverses), each line's
 * value and discount, and the document discounts, one per VAT group that exists, from that group's sum.
 */
export function linesProblem(doc: Pick<InvoiceDocument, 'tip' | 'linii' | 'reduceri'>): Refusal | null {
  for (const [i, l] of doc.linii.entries()) {
    const line = i + 1;
    if (Number(l.cantitate) === 0) return refuse('invoice.quantity_zero', { line });
    if (doc.tip === 'storno' && !l.cantitate.startsWith('-')) return refuse('invoice.credit_negative', { line });
    const d = l.reducere;
    if (d) {
      const gross = lineGross(l);
      if (!fits(d.suma, gross) || (d.procent !== null && d.suma !== percentOf(gross, d.procent))) return refuse('invoice.line_discount', { line });
    }
    if (l.valoare !== lineValue(l)) return refuse('invoice.line_value', { line });
  }
  if (doc.tip === 'factura' && !doc.linii.some((l) => !l.cantitate.startsWith('-'))) return refuse('invoice.quantity_positive');
  const discounts = doc.reduceri ?? [];
  if (discounts.length === 0) return null;
  const groups = lineGroups(doc.linii);
  const taken = new Map<string, number>();
  for (const [i, d] of discounts.entries()) {
    const n = i + 1;
    const key = `${d.categorie}|${Number(d.cota)}`;
    const g = groups.find((x) => `${x.categorie}|${Number(x.cota)}` === key);
    if (!g || g.baza !== d.baza) return refuse('invoice.document_discount_base', { n });
    if (!fits(d.suma, d.baza) || (d.procent !== null && d.suma !== percentOf(d.baza, d.procent))) return refuse('invoice.document_discount', { n });
    const sum = (taken.get(key) ?? 0) + d.suma;
    if (Math.abs(sum) > Math.abs(g.baza)) return refuse('invoice.document_discount', { n });
    taken.set(key, sum);
  }
  return null;
}
