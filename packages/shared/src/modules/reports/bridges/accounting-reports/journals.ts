import { vatRate, vatRatesOn } from '../../../../fiscal/vat';
import { percentOf } from '../../../../money/decimal';
import type { InvoiceDocument } from '../../../accounting/document';
import type { ReceivedDocument } from '../../../accounting/received-invoices.table';

/**
 * The VAT registers a Romanian VAT payer keeps for a month (Codul fiscal art. 321-322, OMFP 2634/2015):
 * the sales journal (jurnal de vânzări) from the issued invoices and credit notes, and the purchase journal
 * (jurnal de cumpărări) from the supplier invoices received through e-Factura. Pure functions over the rows
 * the device has; every amount comes from the accounting module's own document totals (each document's VAT
 * groups as issued or as the supplier wrote them), never recomputed, except the VAT a buyer self-assesses
 * on a reverse-charge purchase (art. 331), which no document carries.
 */

/** A month as "YYYY-MM". */
export type JournalMonth = string;

/** The first and last day of a month ("2025-08" → ["2025-08-01", "2025-08-31"]). */
export function monthRange(month: JournalMonth): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`Not a month: ${month}`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) throw new Error(`Not a month: ${month}`);
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** A base and its VAT, in bani. */
export type BaseAndVat = { baza: number; tva: number };

/** One document of a journal. Amounts in bani (credit notes negative); `cote` by VAT rate ("21", "19"...). */
export type JournalRow = {
  /** Nr. crt., from 1, in date then number order. */
  nr: number;
  tip: 'factura' | 'storno';
  /** Series and number as written ("ROA 12"; a supplier's number as text). */
  numar: string;
  /** Issue date, YYYY-MM-DD. */
  data: string;
  partener: string;
  /** The partner's CUI or CNP as written, null when there is none. */
  cui: string | null;
  /** The document's total with VAT. */
  total: number;
  /** Taxable at a rate: base and VAT per rate. */
  cote: Record<string, BaseAndVat>;
  /** Exempt with the right to deduct (art. 294, zero-rated): base. */
  scutitCuDrept: number;
  /** Exempt without the right to deduct (art. 292): base. */
  scutitFaraDrept: number;
  /** Reverse charge (art. 331): base, and the VAT the buyer self-assesses (0 in the sales journal). */
  taxareInversa: BaseAndVat;
  /** Not subject to VAT / outside its scope (category O and any other): base. */
  neimpozabil: number;
  /** VAT on receipt (TVA la încasare, art. 282): VAT is due or deductible only when paid. */
  tvaLaIncasare: boolean;
  /** The document's currency; the totals add only RON documents. */
  moneda: string;
};

export type JournalTotals = Omit<JournalRow, 'nr' | 'tip' | 'numar' | 'data' | 'partener' | 'cui' | 'tvaLaIncasare' | 'moneda'> & {
  /** Sum of the VAT of every rate and of the reverse charge. */
  tvaTotal: number;
};

export type Journal = {
  kind: 'sales' | 'purchases';
  month: JournalMonth;
  /** The rate columns, highest first: the rates in force during the month and any other a document has. */
  rates: string[];
  rows: JournalRow[];
  /** Totals of the RON documents. */
  totals: JournalTotals;
  /** Documents in another currency (listed with their own amounts, left out of the totals). */
  foreign: number;
};

/**
 * The row of `invoices` the sales journal reads (`salesJournalSql`): the columns it lists and, from the
 * issued document, only the figures it needs, taken out by the engine (`json_extract`) so the whole
 * document neither crosses to the page nor is parsed there.
 */
export type SalesJournalSource = {
  tip: 'factura' | 'storno';
  serie_factura: string;
  nr_factura: number;
  data_factura: string;
  client_nume: string;
  client_cod_fiscal: string | null;
  total_general: number;
  /** The document's VAT groups as issued (JSON of `InvoiceDocument.totals.grupe`). */
  grupe: string;
  /** The document's total with VAT (`InvoiceDocument.totals.total`). */
  total: number;
  /** The document's VAT-on-receipt mention (`InvoiceDocument.tvaLaIncasare`): 1 or 0, as the engine gives a JSON boolean. */
  tva_la_incasare: number;
};

/**
 * A month's rows of the sales journal (parameters: the month's first and last day), by the index on
 * `data_factura`. The document is the one source of its figures; the engine reads only their paths.
 */
export const salesJournalSql = `SELECT tip, serie_factura, nr_factura, data_factura, client_nume, client_cod_fiscal, total_general,
    json_extract(document, '$.totals.grupe') AS grupe, json_extract(document, '$.totals.total') AS total,
    json_extract(document, '$.tvaLaIncasare') AS tva_la_incasare
  FROM invoices WHERE data_factura BETWEEN ? AND ?`;

/** The sales journal's row of an issued document as `salesJournalSql` reads it (tests and benches build rows with it). */
export function salesJournalSource(
  row: Omit<SalesJournalSource, 'grupe' | 'total' | 'tva_la_incasare'>, doc: Pick<InvoiceDocument, 'totals' | 'tvaLaIncasare'>,
): SalesJournalSource {
  return { ...row, grupe: JSON.stringify(doc.totals.grupe), total: doc.totals.total, tva_la_incasare: doc.tvaLaIncasare ? 1 : 0 };
}

/** The row of `received_invoices` the purchase journal reads. */
export type PurchaseJournalSource = {
  tip: 'factura' | 'storno';
  furnizor_nume: string;
  furnizor_cui: string | null;
  numar: string;
  data_emitere: string;
  moneda: string;
  total: number;
  duplicat: number | boolean;
  /** The supplier's document as read (JSON of `ReceivedDocument`). */
  document: string;
};

const rateKey = (percent: string | number): string => String(Number(percent));

function emptyRow(): Omit<JournalRow, 'nr' | 'tip' | 'numar' | 'data' | 'partener' | 'cui' | 'total' | 'tvaLaIncasare' | 'moneda'> {
  return { cote: {}, scutitCuDrept: 0, scutitFaraDrept: 0, taxareInversa: { baza: 0, tva: 0 }, neimpozabil: 0 };
}

type Group = { category: string; percent: string; base: number; vat: number };

/**
 * Where a VAT group goes. `selfAssess` is the rate a reverse-charge purchase is taxed at (null in the
 * sales journal, where the buyer does it).
 */
function place(row: ReturnType<typeof emptyRow>, g: Group, selfAssess: string | null): void {
  const rate = Number(g.percent);
  switch (g.category) {
    case 'S':
      if (rate > 0) {
        const c = (row.cote[rateKey(rate)] ??= { baza: 0, tva: 0 });
        c.baza += g.base;
        c.tva += g.vat;
      } else row.scutitCuDrept += g.base;
      return;
    case 'Z': case 'K': case 'G':
      row.scutitCuDrept += g.base;
      return;
    case 'E':
      row.scutitFaraDrept += g.base;
      return;
    case 'AE':
      row.taxareInversa.baza += g.base;
      row.taxareInversa.tva += selfAssess === null ? 0 : g.vat !== 0 ? g.vat : percentOf(g.base, selfAssess);
      return;
    default:
      row.neimpozabil += g.base;
  }
}

// One collator for every comparison: localeCompare with options builds one per call (ten times slower on a year).
const byNumber = new Intl.Collator('ro', { numeric: true });

function sortRows<T extends { data: string; numar: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.data < b.data ? -1 : a.data > b.data ? 1 : byNumber.compare(a.numar, b.numar)));
}

function finish(kind: Journal['kind'], month: JournalMonth, rows: Omit<JournalRow, 'nr'>[]): Journal {
  const { from, to } = monthRange(month);
  const rates = new Set<string>([...vatRatesOn('RO', from), ...vatRatesOn('RO', to)].map(rateKey));
  const numbered = sortRows(rows).map((r, i) => ({ nr: i + 1, ...r }));
  const totals: JournalTotals = { total: 0, tvaTotal: 0, ...emptyRow() };
  let foreign = 0;
  for (const r of numbered) {
    for (const k of Object.keys(r.cote)) rates.add(k);
    if (r.moneda !== 'RON') {
      foreign += 1;
      continue;
    }
    totals.total += r.total;
    for (const [k, v] of Object.entries(r.cote)) {
      const c = (totals.cote[k] ??= { baza: 0, tva: 0 });
      c.baza += v.baza;
      c.tva += v.tva;
      totals.tvaTotal += v.tva;
    }
    totals.scutitCuDrept += r.scutitCuDrept;
    totals.scutitFaraDrept += r.scutitFaraDrept;
    totals.taxareInversa.baza += r.taxareInversa.baza;
    totals.taxareInversa.tva += r.taxareInversa.tva;
    totals.tvaTotal += r.taxareInversa.tva;
    totals.neimpozabil += r.neimpozabil;
  }
  return { kind, month, rates: [...rates].sort((a, b) => Number(b) - Number(a)), rows: numbered, totals, foreign };
}

/**
 * The sales journal of a month: every invoice and credit note issued in it (by issue date), a credit note
 * with its own negative amounts in the month it was issued (the invoice it reverses stays where it was).
 * An issued document is never cancelled or changed (a correction is a credit note), so each one is listed.
 */
export function salesJournal(month: JournalMonth, sources: readonly SalesJournalSource[]): Journal {
  const { from, to } = monthRange(month);
  const rows = sources
    .filter((s) => s.data_factura >= from && s.data_factura <= to)
    .map((s) => {
      const grupe = JSON.parse(s.grupe) as InvoiceDocument['totals']['grupe'];
      const row = emptyRow();
      for (const g of grupe) place(row, { category: g.categorie, percent: g.cota, base: g.baza, vat: g.tva }, null);
      return {
        tip: s.tip, numar: `${s.serie_factura} ${s.nr_factura}`, data: s.data_factura, partener: s.client_nume, cui: s.client_cod_fiscal,
        total: s.total, tvaLaIncasare: s.tva_la_incasare === 1, moneda: 'RON', ...row,
      };
    });
  return finish('sales', month, rows);
}

/** A decimal amount as written in a supplier's document ("1234.5", "-3.10") in bani, half away from zero. */
export function amountToBani(amount: string | null | undefined): number {
  const m = /^\s*(-)?(\d*)(?:\.(\d*))?\s*$/.exec(amount ?? '');
  if (!m || (!m[2] && !m[3])) return 0;
  const frac = (m[3] ?? '').padEnd(3, '0');
  const bani = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] ? -bani : bani;
}

/**
 * The purchase journal of a month: the supplier invoices and credit notes received through e-Factura and
 * issued in it, by the supplier's VAT breakdown. A credit note (a UBL CreditNote, whose amounts are
 * positive) is listed negative. A document ANAF delivered twice (`duplicat`) is listed once. A reverse-charge
 * purchase (category AE) carries the VAT the company self-assesses: the document's rate when it gives one,
 * else the standard rate in force on its date.
 */
export function purchaseJournal(month: JournalMonth, sources: readonly PurchaseJournalSource[]): Journal {
  const { from, to } = monthRange(month);
  const rows = sources
    .filter((s) => s.data_emitere >= from && s.data_emitere <= to && !s.duplicat)
    .map((s) => {
      const doc = JSON.parse(s.document) as Pick<ReceivedDocument, 'vat' | 'totals' | 'kind' | 'notes'>;
      const sign = s.tip === 'storno' && amountToBani(doc.totals.total) > 0 ? -1 : 1;
      const standard = String(vatRate('RO', s.data_emitere) ?? 0);
      const row = emptyRow();
      for (const v of doc.vat) {
        const percent = v.percent ?? '0';
        place(row, { category: v.category, percent, base: sign * amountToBani(v.base), vat: sign * amountToBani(v.amount) }, Number(percent) > 0 ? percent : standard);
      }
      const vatOnReceipt = (doc.notes ?? []).some((n) => /tva\s+la\s+[îi]ncasare/i.test(n));
      return {
        tip: s.tip, numar: s.numar, data: s.data_emitere, partener: s.furnizor_nume, cui: s.furnizor_cui,
        total: sign * amountToBani(doc.totals.total), tvaLaIncasare: vatOnReceipt, moneda: s.moneda, ...row,
      };
    });
  return finish('purchases', month, rows);
}
