import { z } from 'zod';
import { vatRatesOn } from '../../fiscal/vat';
import { isValidCnp } from '../../validation/cnp';
import { isValidCui } from '../../validation/cui';
import { compactTaxId, isCountryCode } from '../core/countries';
import { isCountyCode } from '../core/counties';
import { efacturaProblems } from './efactura/br-ro';
import { invoiceTotals, lineValue, paymentMethods, vatCategories, type InvoiceDocument } from './document';

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

const lineSchema = z.object({
  descriere: text(400).refine((s) => s.trim() !== '', 'a description'),
  um: text(10).refine((s) => s.trim() !== '', 'a unit'),
  cantitate: z.string().regex(/^-?\d{1,12}(\.\d{1,3})?$/),
  pretUnitar: bani.min(0),
  categorie: z.enum(vatCategories),
  cota: z.string().regex(/^\d{1,2}(\.\d{1,2})?$/),
  motivScutire: text(300).nullable(),
  valoare: bani,
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
  totals: z.object({ baza: bani, tva: bani, total: bani, grupe: z.array(groupSchema) }).strict(),
  stornoDe: z.object({ serie: text(20), numar: z.number().int().min(1), data: day }).strict().nullable(),
  comanda: z.object({ numar: z.number().int().nullable(), nrAuto: text(20).nullable() }).strict().nullable(),
  observatii: text(2000).nullable(),
  emitent: text(200).nullable(),
}).strict();

/** A series name as printed before the number: letters, digits and dashes, starting with a letter. */
export const seriesNameRe = /^[A-Z][A-Z0-9-]{0,19}$/;

/** A rule's view of a change (schema/table.ts RowChange, typed by the columns it reads). */
type Change<R> = { row: R; previous: R | null; parent: Record<string, unknown> | null; deleting: boolean; clientId: string };

type SeriesRow = { serie: string; numar_start: number; ultimul_numar: number; client_id: string; activa: number };

/** The rules of an invoice series (its counter moves by one, only on the device that holds it). */
export function seriesProblem({ row, previous, deleting, clientId }: Change<SeriesRow>): string | null {
  const unused = (s: SeriesRow) => s.ultimul_numar === s.numar_start - 1;
  if (deleting) {
    // Only its holder: another device may be issuing in it offline right now.
    if (row.client_id !== clientId) return 'This invoice series is held by another device';
    return unused(row) ? null : 'A series with invoices cannot be deleted';
  }
  if (!seriesNameRe.test(row.serie)) return 'A series is 1 to 20 capital letters, digits or dashes, starting with a letter';
  if (!previous) {
    if (row.client_id !== clientId) return 'A device can only create a series for itself';
    return unused(row) ? null : 'A new series starts before its first number';
  }
  if (previous.client_id !== clientId) return 'This invoice series is held by another device';
  if (row.client_id !== previous.client_id) return 'A series moves to another device only through the server';
  const restart = row.serie !== previous.serie || row.numar_start !== previous.numar_start;
  // An unused series may take another name or first number; its counter then stays just before it.
  if (restart) return unused(previous) && unused(row) ? null : 'A series that has invoices keeps its name and first number';
  if (row.ultimul_numar !== previous.ultimul_numar && row.ultimul_numar !== previous.ultimul_numar + 1) return 'Invoice numbers of a series follow one another';
  return null;
}

type InvoiceRow = {
  serie_id: string; serie_factura: string; nr_factura: number; tip: 'factura' | 'storno'; data_factura: string; data_livrare: string;
  data_scadenta: string | null; modalitate_plata: string; storno_de_id: string | null; client_nume: string; client_cod_fiscal: string | null;
  nr_auto: string | null; total_fara_tva: number; tva: number; total_general: number; document: string;
};

/** Why a party cannot appear on an invoice, or null. */
export function partyProblem(p: InvoiceDocument['furnizor'], role: 'seller' | 'buyer'): string | null {
  const who = role === 'seller' ? 'The seller' : 'The buyer';
  if (!isCountryCode(p.tara)) return `${who}'s country is not a country code`;
  if (role === 'seller' && p.tara !== 'RO') return 'The seller is a company registered in Romania';
  if (p.tip === 'pj' || role === 'seller') {
    if (p.tara === 'RO') {
      if (!p.codFiscal || !isValidCui(p.codFiscal)) return `${who} needs a valid CUI`;
    } else if (!p.codFiscal || !/^[A-Z0-9]{2,20}$/.test(compactTaxId(p.codFiscal))) {
      // A company abroad: its VAT number (with its country's prefix) or its tax or registration number there.
      return `${who} needs its VAT or tax number`;
    }
  } else if (p.cnp && !isValidCnp(p.cnp)) return 'The buyer\'s CNP is not valid';
  if (!p.adresa.trim() || !p.localitate.trim()) return `${who} needs an address and a city`;
  if (p.tara === 'RO' && !isCountyCode(p.judet)) return `${who} needs a county`;
  return null;
}

/** Why a document's VAT is wrong for its date and seller, or null (rates follow the supply date). */
export function vatProblem(doc: Pick<InvoiceDocument, 'furnizor' | 'dataLivrare' | 'linii'>): string | null {
  const rates = vatRatesOn('RO', doc.dataLivrare);
  for (const [i, l] of doc.linii.entries()) {
    const at = `Line ${i + 1}`;
    if (!doc.furnizor.platitorTva) {
      if (l.categorie !== 'O' || Number(l.cota) !== 0) return `${at}: a company not registered for VAT invoices without VAT (category O)`;
    } else if (l.categorie === 'S') {
      if (!rates.includes(Number(l.cota))) return `${at}: ${l.cota}% is not a VAT rate on ${doc.dataLivrare} (${rates.join('%, ')}%)`;
    } else {
      if (Number(l.cota) !== 0) return `${at}: category ${l.categorie} has no VAT`;
      if (l.categorie === 'O') return `${at}: a VAT-registered company uses category O only for supplies outside VAT; use E with the reason`;
    }
    if (['E', 'AE', 'O'].includes(l.categorie) && !l.motivScutire?.trim()) return `${at}: category ${l.categorie} needs the reason no VAT is charged`;
  }
  return null;
}

/**
 * The rules of an issued invoice: it is written once, complete and consistent, with the next number
 * of a series this device holds; never changed or deleted afterwards.
 */
export function invoiceProblem({ row, previous, parent, deleting, clientId }: Change<InvoiceRow>): string | null {
  if (deleting) return 'An issued invoice cannot be deleted; issue a credit note (storno) instead';
  if (previous) return 'An issued invoice cannot be changed; issue a credit note (storno) instead';
  const series = parent as (SeriesRow & { deleted_at?: unknown }) | null;
  if (!series || series.deleted_at) return 'The invoice series does not exist';
  if (series.client_id !== clientId) return 'This invoice series is held by another device';
  if (series.serie !== row.serie_factura) return 'The invoice does not carry its series\' name';
  if (row.nr_factura !== series.ultimul_numar) return `The next number of series ${series.serie} is ${series.ultimul_numar + 1}`;

  let doc: InvoiceDocument;
  try {
    const parsed = invoiceDocumentSchema.safeParse(JSON.parse(row.document));
    if (!parsed.success) return `The invoice document is incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
    doc = parsed.data;
  } catch {
    return 'The invoice document is not valid JSON';
  }
  const same: [unknown, unknown][] = [
    [doc.serie, row.serie_factura], [doc.numar, row.nr_factura], [doc.tip, row.tip], [doc.data, row.data_factura],
    [doc.dataLivrare, row.data_livrare], [doc.dataScadenta, row.data_scadenta], [doc.modalitatePlata, row.modalitate_plata],
    [doc.cumparator.nume, row.client_nume], [doc.cumparator.codFiscal, row.client_cod_fiscal], [doc.comanda?.nrAuto ?? null, row.nr_auto],
  ];
  if (same.some(([a, b]) => a !== b)) return 'The invoice\'s columns do not match its document';
  if (row.data_scadenta && row.data_scadenta < row.data_factura) return 'The due date cannot be before the invoice date';

  const seller = partyProblem(doc.furnizor, 'seller');
  if (seller) return seller;
  const buyer = partyProblem(doc.cumparator, 'buyer');
  if (buyer) return buyer;
  if (doc.tvaLaIncasare && !doc.furnizor.platitorTva) return 'Only a VAT-registered company applies VAT on receipt';
  const vat = vatProblem(doc);
  if (vat) return vat;

  for (const [i, l] of doc.linii.entries()) {
    if (l.valoare !== lineValue(l)) return `Line ${i + 1}: the value does not match quantity × price`;
    if (row.tip === 'storno' ? !l.cantitate.startsWith('-') : l.cantitate.startsWith('-') || Number(l.cantitate) === 0) {
      return row.tip === 'storno' ? `Line ${i + 1}: a credit note reverses amounts (negative quantities)` : `Line ${i + 1}: quantities of an invoice are positive`;
    }
  }
  const totals = invoiceTotals(doc.linii);
  if (JSON.stringify(totals) !== JSON.stringify(doc.totals)) return 'The invoice totals do not match its lines';
  if (totals.baza !== row.total_fara_tva || totals.tva !== row.tva || totals.total !== row.total_general) return 'The invoice totals do not match its lines';

  if (row.tip === 'storno') {
    if (!row.storno_de_id || !doc.stornoDe) return 'A credit note names the invoice it reverses';
  } else if (row.storno_de_id || doc.stornoDe) return 'Only a credit note reverses an invoice';

  // Every invoice goes to e-Factura (B2B and B2C): one that ANAF would refuse is not issued.
  const efactura = efacturaProblems(doc);
  if (efactura.length > 0) return `The invoice would fail e-Factura validation: ${efactura.map((p) => `${p.rule} ${p.message}`).join('; ')}`;
  return null;
}
