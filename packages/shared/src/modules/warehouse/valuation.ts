import type { MovementKind, ValuationMethod } from './warehouse.tables';
import { milli } from './quantity';

/** A movement as the valuation reads it: the ledger row and, for a movement into stock, its unit cost. */
export type ValuedMovement = {
  id: string;
  tip: MovementKind;
  product_id: string;
  cantitate: string;
  data: string;
  created_at: string;
  /** Bani per unit (movements into stock); null when none was recorded: the current average is used. */
  cost_unitar: number | null;
};

export type ProductValuation = {
  product_id: string;
  /** Quantity on hand, thousandths. */
  quantityMilli: bigint;
  /** Value on hand, bani. */
  value: number;
  /** Sum of the values that came in, bani. */
  valueIn: number;
  /** Sum of the costs of what went out, bani. */
  valueOut: number;
};

export type Valuation = {
  products: Map<string, ProductValuation>;
  /** The cost (bani, positive) of each movement out of stock, by movement id. */
  issueCosts: Map<string, number>;
};

/** Rounds n/d half away from zero (d > 0). */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  if ((r < 0n ? -r : r) * 2n >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * The order the valuation reads the ledger in: by day, then as recorded, then by id, compared as text
 * (code units, as SQLite's `ORDER BY` compares them, so a ledger read in that order is already sorted).
 */
export function ledgerOrder(a: ValuedMovement, b: ValuedMovement): number {
  return compareText(a.data, b.data) || compareText(a.created_at, b.created_at) || compareText(a.id, b.id);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Layer = { q: bigint; v: bigint };

/** One product's movements into or out of stock (transfers left out), in the ledger's order. */
export type ProductLedger = {
  product_id: string;
  movements: readonly { id: string | null; q: bigint; cost_unitar: number | null; data: string }[];
};

/** The ledger's movements (transfers left out), per product, each product's in the ledger's order. */
function byProduct(movements: readonly ValuedMovement[], until: string | undefined): ProductLedger[] {
  const sorted = movements.filter((m) => m.tip !== 'transfer' && (until === undefined || m.data <= until)).sort(ledgerOrder);
  const products = new Map<string, { id: string; q: bigint; cost_unitar: number | null; data: string }[]>();
  for (const m of sorted) {
    const list = products.get(m.product_id) ?? products.set(m.product_id, []).get(m.product_id);
    list?.push({ id: m.id, q: milli(m.cantitate), cost_unitar: m.cost_unitar, data: m.data });
  }
  return [...products].map(([product_id, list]) => ({ product_id, movements: list }));
}

/**
 * Values the stock of every product by weighted average cost (`cmp`: each issue at the average of what is
 * on hand) or `fifo` (each issue from the oldest receipts first), company-wide across locations
 * (transfers move no value). Movements dated after `until` are left out: the value at any date.
 *
 * Each issue's cost is taken out of what is on hand, so value in − value out = value on hand, exactly, to
 * the ban. When stock goes below zero (allowed, see docs/warehouse.md) the shortfall is costed at the last
 * known unit cost and sits as a negative layer; the next receipt settles it.
 */
export function valuate(movements: readonly ValuedMovement[], method: ValuationMethod, until?: string): Valuation {
  const products = new Map<string, ProductValuation>();
  const issueCosts = new Map<string, number>();
  for (const ledger of byProduct(movements, until)) {
    const p = valueProduct(ledger, method, issueCosts, [], () => undefined);
    products.set(ledger.product_id, { product_id: ledger.product_id, quantityMilli: p.quantityMilli, value: p.value, valueIn: p.valueIn, valueOut: p.valueOut });
  }
  return { products, issueCosts };
}

/** The stock's value at the end of each of several days, and every issue's cost, from one pass over the ledger. */
export type ValuationAt = {
  /** Value on hand (bani, all products) at the end of each day asked for. */
  valueAt: Map<string, number>;
  /** The cost (bani, positive) of each movement out of stock dated up to the last day asked for (those with an id). */
  issueCosts: Map<string, number>;
};

/**
 * `valuate` for several days at once: the ledger read once, each product's value on hand noted at each
 * day's end and added up. The same figures as `valuate(movements, method, day)` for each day (an issue's
 * cost depends only on the movements before it in the ledger's order, so it is the same for any later day).
 * `ledgers` are the products' movements dated up to the last day at most, as `ProductLedger` has them.
 */
export function valuateLedgersAt(ledgers: Iterable<ProductLedger>, method: ValuationMethod, days: readonly string[]): ValuationAt {
  const ends = [...new Set(days)].sort(compareText);
  const sums = ends.map(() => 0);
  const issueCosts = new Map<string, number>();
  for (const ledger of ledgers) valueProduct(ledger, method, issueCosts, ends, (k, value) => { sums[k] = (sums[k] ?? 0) + value; });
  return { valueAt: new Map(ends.map((d, k) => [d, sums[k] ?? 0])), issueCosts };
}

/** `valuateLedgersAt` from the ledger's rows. */
export function valuateAt(movements: readonly ValuedMovement[], method: ValuationMethod, days: readonly string[]): ValuationAt {
  const last = [...days].sort(compareText).at(-1);
  return valuateLedgersAt(last === undefined ? [] : byProduct(movements, last), method, days);
}

/**
 * One product's movements, in the ledger's order, through its layers: each issue's cost into `issueCosts`,
 * and its value on hand at the end of each of `ends` (ascending) told to `noteAt` (by the end's index).
 */
function valueProduct(ledger: ProductLedger, method: ValuationMethod, issueCosts: Map<string, number>, ends: readonly string[],
  noteAt: (k: number, value: number) => void) {
  const p = { quantityMilli: 0n, value: 0, valueIn: 0, valueOut: 0, layers: [] as Layer[], lastUnit: { q: 1000n, v: 0n } };
  let next = 0;
  for (const m of ledger.movements) {
    while (next < ends.length && m.data > (ends[next] ?? '')) noteAt(next++, p.value);
    const q = m.q;
    if (q > 0n) {
      // Value in: quantity × unit cost (or the current average / last cost when none was recorded).
      const unit = m.cost_unitar !== null ? { q: 1000n, v: BigInt(m.cost_unitar) }
        : p.quantityMilli > 0n ? { q: p.quantityMilli, v: BigInt(p.value) } : p.lastUnit;
      const v = divRound(q * unit.v, unit.q);
      p.valueIn += Number(v);
      p.value += Number(v);
      p.lastUnit = m.cost_unitar !== null ? unit : p.lastUnit;
      addLayer(p.layers, { q, v }, method);
    } else {
      const out = takeOut(p.layers, -q, method, p.lastUnit);
      if (m.id !== null) issueCosts.set(m.id, Number(out));
      p.valueOut += Number(out);
      p.value -= Number(out);
    }
    p.quantityMilli += q;
  }
  while (next < ends.length) noteAt(next++, p.value);
  return p;
}

/** A receipt: for CMP one pooled layer; for FIFO a new layer at the end. A negative layer is settled first. */
function addLayer(layers: Layer[], inc: Layer, method: ValuationMethod): void {
  const first = layers[0];
  if (first && (method === 'cmp' || first.q <= 0n)) {
    // CMP pools everything; a FIFO shortfall (the only layer, negative or a price difference left at
    // zero) is settled by the receipt, so what it was costed at and what came in differ in value only.
    first.q += inc.q;
    first.v += inc.v;
    if (first.q === 0n && first.v === 0n && method === 'fifo') layers.shift();
    return;
  }
  layers.push({ ...inc });
}

/** Takes `q` thousandths out of the layers (oldest first), returning their value (bani). */
function takeOut(layers: Layer[], q: bigint, method: ValuationMethod, lastUnit: { q: bigint; v: bigint }): bigint {
  let left = q;
  let cost = 0n;
  while (left > 0n) {
    const layer = layers[0];
    if (layer && layer.q === 0n && method === 'fifo') {
      // A price difference left by a settled shortfall goes out with the next issue.
      cost += layer.v;
      layers.shift();
      continue;
    }
    if (!layer || layer.q <= 0n) {
      // Short: the rest at the last known unit cost, as a negative layer (CMP: the pooled one).
      const v = divRound(left * lastUnit.v, lastUnit.q);
      if (layer) {
        layer.q -= left;
        layer.v -= v;
      } else layers.push({ q: -left, v: -v });
      cost += v;
      break;
    }
    if (layer.q <= left && method === 'fifo') {
      cost += layer.v;
      left -= layer.q;
      layers.shift();
      continue;
    }
    if (layer.q <= left) {
      // CMP: everything on hand goes, and the rest is short.
      cost += layer.v;
      left -= layer.q;
      layer.q = 0n;
      layer.v = 0n;
      continue;
    }
    const v = divRound(layer.v * left, layer.q);
    layer.q -= left;
    layer.v -= v;
    cost += v;
    left = 0n;
  }
  return cost;
}
