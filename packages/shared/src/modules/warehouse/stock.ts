import { fromMilli, milli } from './quantity';

export type LedgerRow = { product_id: string; location_id: string; cantitate: string };
export type StockLine = { product_id: string; location_id: string; cantitate: string };

/**
 * Stock per product and location: the sum of the movements, nothing else. Lines whose sum is zero are
 * kept (a product that was there), sorted by product then location.
 */
export function stockFromMovements(rows: readonly LedgerRow[]): StockLine[] {
  const sums = new Map<string, { product_id: string; location_id: string; q: bigint }>();
  for (const r of rows) {
    const key = `${r.product_id}|${r.location_id}`;
    const s = sums.get(key) ?? sums.set(key, { product_id: r.product_id, location_id: r.location_id, q: 0n }).get(key);
    if (s) s.q += milli(r.cantitate);
  }
  return [...sums.values()]
    .sort((a, b) => a.product_id.localeCompare(b.product_id) || a.location_id.localeCompare(b.location_id))
    .map((s) => ({ product_id: s.product_id, location_id: s.location_id, cantitate: fromMilli(s.q) }));
}

/** The lines whose stock is below zero: the "stoc negativ" list (two devices that each took the last one). */
export function negativeStock(lines: readonly StockLine[]): StockLine[] {
  return lines.filter((l) => milli(l.cantitate) < 0n);
}

/**
 * The SQL (SQLite, the device's database) of stock per product and location, summed exactly in
 * thousandths through the (product_id, location_id, data, cantitate) index, which covers it: with
 * `productId` only that product's entries are read; with `until` (YYYY-MM-DD, up to that day) the whole index
 * is read in order and no table row at all. `cantitate_milli` is an integer.
 */
export function stockSql(o: { productId?: boolean; until?: boolean } = {}): string {
  const where = [o.productId ? 'product_id = ?' : null, o.until ? 'data <= ?' : null].filter(Boolean);
  return `SELECT product_id, location_id, SUM(CAST(ROUND(CAST(cantitate AS REAL) * 1000) AS INTEGER)) AS cantitate_milli
    FROM stock_movements${where.length ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY product_id, location_id`;
}

/** A sum of `stockSql` back to a quantity's text. */
export function milliText(v: number | bigint): string {
  return fromMilli(BigInt(v));
}
