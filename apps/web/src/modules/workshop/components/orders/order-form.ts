import {
  baniToInput,
  lineAmountsError,
  lineTotal,
  normalizeDecimalInput,
  type ordersTable,
  parseMoneyInput,
  searchKey,
  type LineAmounts,
  type LineKind,
  type RowOf,
} from '@roaauto/shared';

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
};

/** A stored order line (the columns the form reads and writes). */
export type OrderLineRow = {
  id: string;
  order_id: string;
  tip: LineKind;
  descriere: string;
  norma_id: string | null;
  ore: string | null;
  pret_ora: number | null;
  um: string | null;
  cantitate: string | null;
  pret_unitar: number | null;
  total: number;
  mecanic_id: string | null;
  ordine: number;
};

/** An order as stored locally: the shared declaration's row. */
export type OrderRow = RowOf<typeof ordersTable.columns>;

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
  };
}

/** The form's copy of a stored line. */
export function fromLineRow(row: OrderLineRow): LineDraft {
  const labour = row.tip === 'manopera';
  const price = labour ? row.pret_ora : row.pret_unitar;
  return {
    id: row.id,
    tip: row.tip,
    descriere: row.descriere,
    norma_id: row.norma_id,
    qty: (labour ? row.ore : row.cantitate) ?? '',
    price: price === null ? '' : baniToInput(price),
    um: row.um ?? '',
    mecanic_id: row.mecanic_id,
  };
}

/** A catalog standard labour time, with its search key made once. */
export type Norm = { id: string; cod: string | null; denumire: string; ore_normate: string; key: string };

export function normKey(n: { cod: string | null; denumire: string }): string {
  return searchKey(`${n.cod ?? ''} ${n.denumire}`);
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

/** Hours and quantities as people read them ("0,5"), from the stored "0.5". */
export function formatDecimal(value: string | null, locale: string): string {
  if (value === null) return '';
  return locale.startsWith('ro') ? value.replace('.', ',') : value;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A stored date (YYYY-MM-DD) as people read it, in the app's language (one formatter per language). */
export function formatDate(date: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const tag = locale.startsWith('ro') ? 'ro-RO' : 'en-GB';
  let f = dateFormats.get(tag);
  if (!f) {
    f = new Intl.DateTimeFormat(tag);
    dateFormats.set(tag, f);
  }
  return f.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
