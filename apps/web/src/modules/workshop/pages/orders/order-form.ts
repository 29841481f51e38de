import {
  clientAddressLine,
  type ClientDetails,
  decimalForInput,
  decimalInputProblem,
  lineAmountsError,
  lineContent,
  lineTotal,
  moneyForInput,
  normalizeDecimalInput,
  parseMoneyInput,
  searchKey,
  type DecimalInputProblem,
  type LineAmounts,
  type LineDecision,
  type LineKind,
} from '@roaauto/shared';
import type { OrderLineRow, OrderRow } from '../../order-rows';

/** An order line as the form holds it: the typed texts, turned into stored values only when saving. */
export type LineDraft = {
  id: string;
  tip: LineKind;
  descriere: string;
  norma_id: string | null;
  /** Hours (labour) or quantity (material), as typed. */
  qty: string;
  /** Hourly rate (labour) or unit price (material), in lei as typed. */
  price: string;
  um: string;
  mecanic_id: string | null;
  /** The customer's decision (client portal) and the line's content it was made on; it holds while the line says the same. */
  decizie?: { value: LineDecision; content: string } | null;
  /** A material line's product from stock (picked through `workshop:materialPicker`); absent when the form never read one. */
  product_id?: string | null;
};

/** Hours keep 2 decimals, quantities 3 (the columns' scales). */
export const qtyScale = (tip: LineKind): number => (tip === 'manopera' ? 2 : 3);

/** The line's figures as the shared rules read them (null where the text is not a number yet). */
export function toAmounts(line: LineDraft): LineAmounts {
  const qty = normalizeDecimalInput(line.qty, qtyScale(line.tip));
  const price = parseMoneyInput(line.price);
  return line.tip === 'manopera'
    ? { tip: 'manopera', ore: qty, pret_ora: price, cantitate: null, pret_unitar: null }
    : { tip: 'material', ore: null, pret_ora: null, cantitate: qty, pret_unitar: price };
}

/** What is wrong with each typed figure of a line, each field on its own (a bad quantity never marks a good price). */
export type FigureProblems = { qty: DecimalInputProblem | null; price: DecimalInputProblem | null };

export function figureProblems(line: LineDraft): FigureProblems {
  const price = decimalInputProblem(line.price, 2) ?? (parseMoneyInput(line.price) === null ? 'notNumber' : null);
  return { qty: decimalInputProblem(line.qty, qtyScale(line.tip)), price };
}

/** A message of the line editor: its key and values. */
export type LineMessage = { key: string; params?: Record<string, string | number> };

/**
 * The message of each figure that is not right, for that field alone: hours or quantity, rate or price
 * (`workshop.orders.line.figures.<field>.<problem>`); null for a field that is right.
 */
export function figureMessages(line: LineDraft): { qty: LineMessage | null; price: LineMessage | null } {
  const p = figureProblems(line);
  const labour = line.tip === 'manopera';
  return {
    qty: p.qty && { key: `workshop.orders.line.figures.${labour ? 'hours' : 'quantity'}.${p.qty}`, params: { n: qtyScale(line.tip) } },
    price: p.price && { key: `workshop.orders.line.figures.${labour ? 'rate' : 'price'}.${p.price}` },
  };
}

/** What keeps a line from being saved, or null: 'description' or 'amounts'. */
export function lineProblem(line: LineDraft): 'description' | 'amounts' | null {
  if (!line.descriere.trim()) return 'description';
  return lineAmountsError(toAmounts(line)) ? 'amounts' : null;
}

/** The stored row of a complete line (call only when `lineProblem` is null). */
export function toLineRow(line: LineDraft, orderId: string, ordine: number): OrderLineRow {
  const a = toAmounts(line);
  return {
    id: line.id,
    order_id: orderId,
    tip: line.tip,
    descriere: line.descriere.trim().slice(0, 400),
    norma_id: line.tip === 'manopera' ? line.norma_id : null,
    ore: a.ore,
    pret_ora: a.pret_ora,
    um: line.tip === 'material' ? line.um.trim().slice(0, 10) || null : null,
    cantitate: a.cantitate,
    pret_unitar: a.pret_unitar,
    total: lineTotal(a),
    mecanic_id: line.mecanic_id,
    ordine,
    ...(line.product_id !== undefined ? { product_id: line.tip === 'material' ? line.product_id : null } : {}),
  };
}

/** The form's copy of a stored line, its figures written the language's way ("1,5", "150,00" in Romanian). */
export function fromLineRow(row: OrderLineRow, locale: string): LineDraft {
  const labour = row.tip === 'manopera';
  const price = labour ? row.pret_ora : row.pret_unitar;
  return {
    id: row.id,
    tip: row.tip,
    descriere: row.descriere,
    norma_id: row.norma_id,
    qty: decimalForInput((labour ? row.ore : row.cantitate) ?? '', locale),
    price: price === null ? '' : moneyForInput(price, locale),
    um: row.um ?? '',
    mecanic_id: row.mecanic_id,
    ...(row.product_id !== undefined ? { product_id: row.product_id } : {}),
    ...(row.decizie_client ? { decizie: { value: row.decizie_client, content: lineContent(row) } } : {}),
  };
}

/**
 * The line's figures as the order's totals count them: with the customer's decision while the line
 * still says what they decided on (a declined line leaves the totals), without it once it changed.
 */
export function countedAmounts(line: LineDraft): LineAmounts & { decizie_client: LineDecision | null } {
  const amounts = toAmounts(line);
  const same = line.decizie && !lineProblem(line) && lineContent(toLineRow(line, '', 0)) === line.decizie.content;
  return { ...amounts, decizie_client: same && line.decizie ? line.decizie.value : null };
}

/** A catalog standard labour time, with its search key made once. */
export type Norm = { id: string; cod: string | null; denumire: string; ore_normate: string; key: string };

export function normKey(n: { cod: string | null; denumire: string }): string {
  return searchKey(`${n.cod ?? ''} ${n.denumire}`);
}

/** What choosing a standard labour time puts in a line: its name, its id and its hours, written the language's way. */
export function normPatch(n: Norm, locale: string): Pick<LineDraft, 'descriere' | 'norma_id' | 'qty'> {
  return { descriere: n.denumire, norma_id: n.id, qty: decimalForInput(n.ore_normate, locale) };
}

/** The first norms whose code or name contains every typed word (no diacritics, any case). */
export function matchNorms(norms: readonly Norm[], typed: string, limit = 8): Norm[] {
  const words = searchKey(typed).split(' ').filter(Boolean);
  if (!words.length) return [];
  const out: Norm[] = [];
  for (const n of norms) {
    if (words.every((w) => n.key.includes(w))) {
      out.push(n);
      if (out.length >= limit) break;
    }
  }
  return out;
}

export type Mechanic = { id: string; name: string; activ: number };

// ---------- the order's header: vehicle and customer, date, km, type, notes ----------

/** The order columns the form writes (status, number and totals aside). */
export type OrderHeader = Pick<
  OrderRow,
  | 'data_comanda' | 'vehicle_id' | 'tip_deviz_id' | 'km_intrare' | 'observatii' | 'client_nume' | 'client_telefon' | 'client_email'
  | 'client_cod_fiscal' | 'client_adresa' | 'nr_auto' | 'serie_sasiu' | 'marca_denumire' | 'model_denumire' | 'mecanic_id' | 'client_id'
>;

/** The vehicle and its customer as the order keeps them (a copy: later changes of the vehicle do not change the order). */
export type VehicleSnapshot = Pick<
  OrderHeader,
  | 'vehicle_id' | 'client_id' | 'client_nume' | 'client_telefon' | 'client_email' | 'client_cod_fiscal' | 'client_adresa' | 'nr_auto' | 'serie_sasiu'
  | 'marca_denumire' | 'model_denumire'
>;

export const emptySnapshot = (): VehicleSnapshot => ({
  vehicle_id: null, client_id: null, client_nume: null, client_telefon: null, client_email: null, client_cod_fiscal: null,
  client_adresa: null, nr_auto: null, serie_sasiu: null, marca_denumire: null, model_denumire: null,
});

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/**
 * A vehicle row (and the catalog's names of its make and model) as the order's copy: the make and model
 * as the vehicle shows them (`marca_denumire` of a joined row), else the catalog's names, else the text.
 * The customer is the vehicle's customer row when it has one (`customer`: their details as they are now,
 * copied onto the order), else the details written on the vehicle.
 */
export function snapshotOf(v: Record<string, unknown>, make: string | null, model: string | null, customer: ClientDetails & { id: string } | null = null): VehicleSnapshot {
  const c = customer && customer.id === v.client_id ? customer : null;
  return {
    vehicle_id: typeof v.id === 'string' ? v.id : null,
    client_id: c?.id ?? (typeof v.client_id === 'string' ? v.client_id : null),
    client_nume: c ? text(c.nume) : text(v.client_nume),
    client_telefon: c ? text(c.telefon) : text(v.client_telefon),
    client_email: c ? text(c.email) : text(v.client_email),
    client_cod_fiscal: c ? text(c.cod_fiscal ?? c.cnp) : text(v.client_cod_fiscal),
    client_adresa: c ? clientAddressLine(c) : text(v.client_adresa),
    nr_auto: text(v.nr_inmatriculare),
    serie_sasiu: text(v.serie_sasiu),
    marca_denumire: text(v.marca_denumire) ?? make ?? text(v.marca),
    model_denumire: text(v.model_denumire) ?? model ?? text(v.model),
  };
}

/** The stored order's copy of its vehicle. */
export function snapshotOfOrder(o: OrderRow): VehicleSnapshot {
  return {
    vehicle_id: o.vehicle_id, client_id: o.client_id, client_nume: o.client_nume, client_telefon: o.client_telefon, client_email: o.client_email,
    client_cod_fiscal: o.client_cod_fiscal, client_adresa: o.client_adresa, nr_auto: o.nr_auto, serie_sasiu: o.serie_sasiu,
    marca_denumire: o.marca_denumire, model_denumire: o.model_denumire,
  };
}

/** The header fields as typed; `mecanic_id` is '' for an order assigned to nobody. */
export type HeaderFields = { data_comanda: string; km: string; tip_deviz_id: string; observatii: string; mecanic_id: string };

export const emptyFields = (today: string, mecanicId = ''): HeaderFields => ({ data_comanda: today, km: '', tip_deviz_id: '', observatii: '', mecanic_id: mecanicId });

export function fieldsOfOrder(o: OrderRow): HeaderFields {
  return {
    data_comanda: o.data_comanda, km: o.km_intrare === null ? '' : String(o.km_intrare), tip_deviz_id: o.tip_deviz_id ?? '', observatii: o.observatii ?? '',
    mecanic_id: o.mecanic_id ?? '',
  };
}

/** The km typed (spaces and dots between thousands allowed): null when empty, 'invalid' when not a whole number up to 7 digits. */
export function parseKm(typed: string): number | null | 'invalid' {
  const v = typed.replace(/[\s.]/g, '');
  if (!v) return null;
  if (!/^\d{1,7}$/.test(v)) return 'invalid';
  return Number(v);
}

/**
 * The header to store. A date that is not a date becomes today; km that cannot be read keep the stored
 * value (`kmFallback`) until they can; notes are trimmed to 4,000 characters.
 */
export function orderHeader(fields: HeaderFields, vehicle: VehicleSnapshot, kmFallback: number | null, today: string): OrderHeader {
  const km = parseKm(fields.km);
  return {
    data_comanda: /^\d{4}-\d{2}-\d{2}$/.test(fields.data_comanda) ? fields.data_comanda : today,
    km_intrare: km === 'invalid' ? kmFallback : km,
    tip_deviz_id: fields.tip_deviz_id || null,
    observatii: fields.observatii.trim().slice(0, 4000) || null,
    mecanic_id: fields.mecanic_id || null,
    ...vehicle,
  };
}

/**
 * The mechanic a save stores: the form's for a new order or for someone who assigns orders; otherwise
 * the stored one, so a mechanic's form never moves an order, nor undoes a reassignment made elsewhere.
 */
export function mechanicToStore(typed: string, canAssign: boolean, stored: { mecanic_id: string | null } | null): string | null {
  if (!stored || canAssign) return typed || null;
  return stored.mecanic_id;
}

/** Whether a new order is worth writing: a vehicle, km, notes or a complete line. */
export function hasContent(h: OrderHeader, lines: readonly LineDraft[]): boolean {
  return Boolean(h.vehicle_id || h.km_intrare !== null || h.observatii || lines.some((l) => !lineProblem(l)));
}

// ---------- lines ----------

/** The labour hour rate of the catalog's prices: the first price per hour, else the first labour price. */
export function defaultLabourRate(prices: readonly { denumire: string; pret: number; um: string }[]): number | null {
  const perHour = prices.find((p) => ['ora', 'ore', 'h'].includes(searchKey(p.um)));
  const labour = prices.find((p) => searchKey(p.denumire).includes('manopera'));
  return (perHour ?? labour)?.pret ?? null;
}

/**
 * A new line of a kind: labour at the catalog's rate (else at the last labour line's), a material as
 * 1 piece; with the mechanic of the last line. The rate is written the language's way.
 */
export function newLine(tip: LineKind, lines: readonly LineDraft[], rate: number | null, id: string, locale: string): LineDraft {
  const last = lines.at(-1);
  const sameKind = lines.findLast((l) => l.tip === tip);
  return {
    id,
    tip,
    descriere: '',
    norma_id: null,
    qty: tip === 'manopera' ? '' : '1',
    price: tip === 'manopera' ? (rate !== null ? moneyForInput(rate, locale) : (sameKind?.price ?? '')) : '',
    um: tip === 'manopera' ? '' : 'buc',
    mecanic_id: last?.mecanic_id ?? null,
  };
}

/** Swaps a line with the previous (-1) or next (+1) line of its kind, in place; false when there is none. */
export function moveLine(lines: LineDraft[], line: LineDraft, dir: -1 | 1): boolean {
  const from = lines.indexOf(line);
  let to = from + dir;
  while (to >= 0 && to < lines.length && lines[to]?.tip !== line.tip) to += dir;
  const other = lines[to];
  if (from < 0 || !other) return false;
  lines.splice(from, 1, other);
  lines.splice(to, 1, line);
  return true;
}

/** Lines that would be lost by leaving now: incomplete ones with something typed, or that were stored before. */
export function unsavedLineCount(lines: readonly LineDraft[], known: ReadonlySet<string>): number {
  return lines.filter((l) => lineProblem(l) && (l.descriere.trim() || known.has(l.id))).length;
}

/** What the form says about saving, most important first: a failed save, a save under way, incomplete lines, saved, or that it saves by itself. */
export function saveStateOf(s: { error: boolean; busy: boolean; incomplete: number; created: boolean }): { tone: 'error' | 'busy' | 'warn' | 'ok' | 'idle'; key: string; params?: { n: number } } {
  if (s.error) return { tone: 'error', key: 'workshop.orders.edit.notSaved' };
  if (s.busy) return { tone: 'busy', key: 'workshop.orders.edit.saving' };
  if (s.incomplete) return { tone: 'warn', key: 'workshop.orders.edit.incomplete', params: { n: s.incomplete } };
  if (s.created) return { tone: 'ok', key: 'workshop.orders.edit.saved' };
  return { tone: 'idle', key: 'workshop.orders.edit.autosave' };
}
