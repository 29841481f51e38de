import { z } from 'zod';
import { seriesRule, type SeriesRow } from '../../documents/series-rule';
import { isUnitPriceBani, multiplyPrice, percentOf } from '../../money/decimal';
import type { Refusal } from '../../schema/refusals';
import { milli } from './quantity';
import { warehouseRefusals } from './refusals';

const { refuse } = warehouseRefusals;

/** What a warehouse series numbers: goods-received notes (NIR) or delivery notes (aviz de însoțire). */
export const stockDocumentKinds = ['nir', 'aviz'] as const;
export type StockDocumentKind = (typeof stockDocumentKinds)[number];

/** Series names each kind starts from: NIR, AV; then NIR2, AV2… for the next device. */
const seriesStems: Readonly<Record<StockDocumentKind, string>> = { nir: 'NIR', aviz: 'AV' };

/** The first series name of `kind` not yet taken in the company: what the server gives a device. */
export function warehouseSeriesName(kind: StockDocumentKind, taken: ReadonlySet<string>): string {
  const stem = seriesStems[kind];
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}${i}`)) return `${stem}${i}`;
}

/**
 * The name a device gives a series it makes for itself offline (no server to ask): the stem and the
 * last six characters of its sync client id ("NIR-3F9A1C"; the end of a UUID is random, its start is a
 * time in v7), so two devices offline do not pick the same name and neither series is refused for it.
 */
export function offlineWarehouseSeriesName(kind: StockDocumentKind, clientId: string): string {
  return `${seriesStems[kind]}-${clientId.replace(/[^0-9a-z]/gi, '').slice(-6).toUpperCase()}`;
}

/** The kernel's series rule with the warehouse's refusal codes (`warehouse_series.*`). */
export const warehouseSeriesProblem = seriesRule((code) => refuse(`warehouse_${code}`), 'nir');

const text = (max: number) => z.string().max(max);
const required = (max: number) => text(max).refine((s) => s.trim() !== '', 'required');
const day = z.iso.date();
const bani = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const quantity = z.string().regex(/^\d{1,12}(\.\d{1,3})?$/).refine((q) => milli(q) > 0n, 'a quantity above 0');
const rate = z.string().regex(/^\d{1,2}(\.\d{1,2})?$/);

/** The company that issues the document (unitatea). */
const companySchema = z.object({ nume: required(200), cui: text(20).nullable(), adresa: text(400).nullable() }).strict();

const receiptLineSchema = z.object({
  productId: z.uuid(),
  cod: text(60),
  codFurnizor: text(60).nullable(),
  denumire: required(400),
  um: required(10),
  /** The quantity on the supplier's invoice. */
  cantitateDocument: quantity,
  /** The quantity received (what enters the stock). */
  cantitate: quantity,
  /** Bani per unit, net of VAT, with up to two decimals of a ban (as invoices carry). */
  pretUnitar: z.number().min(0).refine(isUnitPriceBani, 'a unit price in bani with at most two decimals'),
  cotaTva: rate,
  valoare: bani,
  tva: bani,
}).strict();

/** A goods-received note (NIR) as issued: what its PDF prints and its row repeats. */
export const stockReceiptDocumentSchema = z.object({
  serie: text(20),
  numar: z.number().int().min(1),
  data: day,
  unitate: companySchema,
  gestiune: z.object({ id: z.uuid(), nume: required(80) }).strict(),
  furnizor: z.object({ nume: required(200), cui: text(20).nullable() }).strict(),
  factura: z.object({ numar: required(40), data: day }).strict(),
  /** The received e-Factura invoice it was made from, if any. */
  facturaPrimitaId: z.uuid().nullable(),
  linii: z.array(receiptLineSchema).min(1).max(1000),
  totals: z.object({ baza: bani, tva: bani, total: bani }).strict(),
  /** The reception commission's members (signature lines). */
  comisie: z.array(required(100)).max(5),
  observatii: text(2000).nullable(),
  emitent: text(200).nullable(),
}).strict();
export type StockReceiptDocument = z.infer<typeof stockReceiptDocumentSchema>;
export type StockReceiptLine = StockReceiptDocument['linii'][number];

/** A line's net value (received quantity × unit price, rounded once) and its VAT. */
export function stockReceiptLineAmounts(line: Pick<StockReceiptLine, 'cantitate' | 'pretUnitar' | 'cotaTva'>): { valoare: number; tva: number } {
  const valoare = multiplyPrice(line.cantitate, line.pretUnitar);
  return { valoare, tva: Number(line.cotaTva) === 0 ? 0 : percentOf(valoare, line.cotaTva) };
}

/** The totals of a NIR's lines. */
export function stockReceiptTotals(lines: readonly Pick<StockReceiptLine, 'valoare' | 'tva'>[]): StockReceiptDocument['totals'] {
  const baza = lines.reduce((s, l) => s + l.valoare, 0);
  const tva = lines.reduce((s, l) => s + l.tva, 0);
  return { baza, tva, total: baza + tva };
}

/** The movement's unit cost (whole bani, as `stock_movement_costs` keeps) of a NIR line. */
export function stockReceiptLineUnitCost(line: Pick<StockReceiptLine, 'pretUnitar'>): number {
  return Math.round(line.pretUnitar);
}

const noteLineSchema = z.object({
  productId: z.uuid(),
  cod: text(60),
  denumire: required(400),
  um: required(10),
  cantitate: quantity,
}).strict();

/** A delivery note (aviz de însoțire a mărfii) as issued. */
export const deliveryNoteDocumentSchema = z.object({
  serie: text(20),
  numar: z.number().int().min(1),
  data: day,
  unitate: companySchema,
  din: z.object({ id: z.uuid(), nume: required(80) }).strict(),
  /** Another location of the company (a transfer), or a customer and address (an issue). */
  catre: z.union([
    z.object({ tip: z.literal('gestiune'), id: z.uuid(), nume: required(80) }).strict(),
    z.object({ tip: z.literal('destinatar'), nume: required(200), cui: text(20).nullable(), adresa: required(400) }).strict(),
  ]),
  linii: z.array(noteLineSchema).min(1).max(1000),
  delegat: text(100).nullable(),
  mijlocTransport: text(40).nullable(),
  mentiuni: text(2000).nullable(),
  emitent: text(200).nullable(),
}).strict();
export type DeliveryNoteDocument = z.infer<typeof deliveryNoteDocumentSchema>;

type Change<R> = { row: R; previous: R | null; parent: Record<string, unknown> | null; deleting: boolean; clientId: string };
type NumberedRow = { serie_id: string; serie: string; numar: number; document: string };

/** A numbered document's place in its series: held by this device, the right kind, the series' next number. */
function numberProblem({ row, parent, clientId }: Change<NumberedRow>, kind: StockDocumentKind): Refusal | null {
  const series = parent as (SeriesRow & { deleted_at?: unknown }) | null;
  if (!series || series.deleted_at) return refuse('warehouse.doc_series_missing');
  if (series.client_id !== clientId) return refuse('warehouse_series.held_by_other');
  if ((series.tip_document ?? 'nir') !== kind) return refuse('warehouse.doc_series_kind');
  if (series.serie !== row.serie) return refuse('warehouse.doc_series_name');
  if (row.numar !== series.ultimul_numar) return refuse('warehouse.doc_next_number', { series: series.serie, next: series.ultimul_numar + 1 });
  return null;
}

function parseDocument<T>(schema: z.ZodType<T>, json: string): T | Refusal {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
    return refuse('warehouse.doc_incomplete', { detail: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') });
  } catch {
    return refuse('warehouse.doc_incomplete', { detail: 'not JSON' });
  }
}

const isRefusal = (v: unknown): v is Refusal => typeof v === 'object' && v !== null && 'code' in v && 'message' in v;

type ReceiptRow = NumberedRow & {
  data: string; location_id: string; furnizor_nume: string; furnizor_cui: string | null; factura_numar: string; factura_data: string;
  received_invoice_id: string | null; total_fara_tva: number; tva: number; total: number;
};

/** A NIR is written once, complete, with its series' next number; never changed or deleted afterwards. */
export function stockReceiptProblem(change: Change<ReceiptRow>): Refusal | null {
  const { row, previous, deleting } = change;
  if (deleting || previous) return refuse('warehouse.doc_immutable');
  const numbering = numberProblem(change, 'nir');
  if (numbering) return numbering;
  const doc = parseDocument(stockReceiptDocumentSchema, row.document);
  if (isRefusal(doc)) return doc;
  const same: [unknown, unknown][] = [
    [doc.serie, row.serie], [doc.numar, row.numar], [doc.data, row.data], [doc.gestiune.id, row.location_id], [doc.furnizor.nume, row.furnizor_nume],
    [doc.furnizor.cui, row.furnizor_cui], [doc.factura.numar, row.factura_numar], [doc.factura.data, row.factura_data], [doc.facturaPrimitaId, row.received_invoice_id],
  ];
  if (same.some(([a, b]) => a !== b)) return refuse('warehouse.doc_columns_mismatch');
  for (const [i, l] of doc.linii.entries()) {
    const amounts = stockReceiptLineAmounts(l);
    if (amounts.valoare !== l.valoare || amounts.tva !== l.tva) return refuse('warehouse.doc_line_value', { line: i + 1 });
  }
  const totals = stockReceiptTotals(doc.linii);
  if (totals.baza !== doc.totals.baza || totals.tva !== doc.totals.tva || totals.total !== doc.totals.total) return refuse('warehouse.doc_totals');
  if (totals.baza !== row.total_fara_tva || totals.tva !== row.tva || totals.total !== row.total) return refuse('warehouse.doc_totals');
  return null;
}

type DeliveryNoteRow = NumberedRow & { data: string; location_id: string; to_location_id: string | null; destinatar_nume: string };

/** A delivery note is written once, complete, with its series' next number; never changed or deleted afterwards. */
export function deliveryNoteProblem(change: Change<DeliveryNoteRow>): Refusal | null {
  const { row, previous, deleting } = change;
  if (deleting || previous) return refuse('warehouse.doc_immutable');
  const numbering = numberProblem(change, 'aviz');
  if (numbering) return numbering;
  const doc = parseDocument(deliveryNoteDocumentSchema, row.document);
  if (isRefusal(doc)) return doc;
  const to = doc.catre.tip === 'gestiune' ? doc.catre.id : null;
  const same: [unknown, unknown][] = [
    [doc.serie, row.serie], [doc.numar, row.numar], [doc.data, row.data], [doc.din.id, row.location_id], [to, row.to_location_id], [doc.catre.nume, row.destinatar_nume],
  ];
  if (same.some(([a, b]) => a !== b)) return refuse('warehouse.doc_columns_mismatch');
  if (to === doc.din.id) return refuse('warehouse.doc_same_location');
  return null;
}
