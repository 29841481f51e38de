import { fromMilli, milli } from '@roaauto/shared';

/** A product with a minimum (over all locations, or at some location), and its stock over every location (thousandths; null when it never moved). */
export type ReorderProduct = { id: string; cod: string; nume: string; um: string; stoc_minim: string | null; stoc_milli: number | null };
/** A product's minimum at one location (`stock_minimums`) and its stock there (thousandths; null when it never moved there). */
export type LocationMinimum = { product_id: string; location_id: string; location_name: string; minim: string; stoc_milli: number | null };
/** A supplier's code for a product (`product_supplier_codes`). */
export type SupplierCode = { product_id: string; furnizor_cui: string | null; furnizor_nume: string | null; cod: string; created_at: string };

/** A location where the product is under its minimum there. */
export type ReorderShortLocation = { location_id: string; name: string; stock: string; minimum: string };
export type ReorderLine = {
  product_id: string; cod: string; nume: string; um: string; stock: string; minimum: string; toOrder: string; supplierCode: string | null;
  /** Over all locations: the locations under their own minimum. */
  locations: ReorderShortLocation[];
};
export type ReorderGroup = { supplier: string | null; cui: string | null; lines: ReorderLine[] };

const positive = (v: bigint) => (v > 0n ? v : 0n);

type Need = { product: ReorderProduct; stock: bigint; minimum: bigint; toOrder: bigint; locations: ReorderShortLocation[] };

/**
 * What each product needs. Over all locations (`location` null): the product's own minimum against its
 * whole stock, and each location's minimum against its stock there; the quantity to order is the larger of
 * the two shortfalls (what brings the whole stock to its minimum, or every location to its own), and the
 * minimum shown is the product's, else the sum of its locations'. For one location: its minimum there
 * against its stock there, and nothing else (the product's own minimum is for all locations).
 */
function needs(products: readonly ReorderProduct[], minimums: readonly LocationMinimum[], location: string | null): Need[] {
  const byProduct = new Map<string, LocationMinimum[]>();
  for (const m of minimums) byProduct.set(m.product_id, [...(byProduct.get(m.product_id) ?? []), m]);
  const out: Need[] = [];
  for (const product of products) {
    const own = byProduct.get(product.id) ?? [];
    if (location !== null) {
      const at = own.find((m) => m.location_id === location);
      if (!at) continue;
      const stock = BigInt(at.stoc_milli ?? 0);
      const minimum = milli(at.minim);
      if (stock < minimum) out.push({ product, stock, minimum, toOrder: minimum - stock, locations: [] });
      continue;
    }
    const stock = BigInt(product.stoc_milli ?? 0);
    const short = own.filter((m) => BigInt(m.stoc_milli ?? 0) < milli(m.minim));
    const local = short.reduce((n, m) => n + positive(milli(m.minim) - BigInt(m.stoc_milli ?? 0)), 0n);
    const global = product.stoc_minim === null ? 0n : positive(milli(product.stoc_minim) - stock);
    const toOrder = local > global ? local : global;
    if (toOrder === 0n) continue;
    const minimum = product.stoc_minim === null ? own.reduce((n, m) => n + milli(m.minim), 0n) : milli(product.stoc_minim);
    const locations = short.map((m) => ({ location_id: m.location_id, name: m.location_name, stock: fromMilli(BigInt(m.stoc_milli ?? 0)), minimum: fromMilli(milli(m.minim)) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ro'));
    out.push({ product, stock, minimum, toOrder, locations });
  }
  return out;
}

/**
 * The products under their minimum, with the quantity that brings each back to it (`needs`), grouped by
 * supplier: a product's supplier is the one of its newest supplier code (the last one a receipt matched);
 * products with none come last, under no supplier. Suppliers by name, lines by code. `location` narrows
 * the list to one location's minimums.
 */
export function reorderList(
  products: readonly ReorderProduct[], codes: readonly SupplierCode[], minimums: readonly LocationMinimum[] = [], location: string | null = null,
): ReorderGroup[] {
  const newest = new Map<string, SupplierCode>();
  for (const c of codes) {
    const had = newest.get(c.product_id);
    if (!had || c.created_at > had.created_at) newest.set(c.product_id, c);
  }
  const groups = new Map<string, ReorderGroup>();
  for (const n of needs(products, minimums, location)) {
    const p = n.product;
    const code = newest.get(p.id);
    const supplier = code ? (code.furnizor_nume?.trim() || code.furnizor_cui?.trim() || null) : null;
    const key = supplier === null ? '' : `${code?.furnizor_cui ?? ''}|${supplier}`;
    const group = groups.get(key) ?? groups.set(key, { supplier, cui: code?.furnizor_cui ?? null, lines: [] }).get(key);
    group?.lines.push({
      product_id: p.id, cod: p.cod, nume: p.nume, um: p.um, stock: fromMilli(n.stock), minimum: fromMilli(n.minimum), toOrder: fromMilli(n.toOrder),
      supplierCode: code?.cod ?? null, locations: n.locations,
    });
  }
  for (const g of groups.values()) g.lines.sort((a, b) => a.cod.localeCompare(b.cod));
  return [...groups.values()].sort((a, b) => (a.supplier === null ? 1 : b.supplier === null ? -1 : a.supplier.localeCompare(b.supplier, 'ro')));
}

/** How many products are under a minimum (over all locations): the home card's number. */
export function reorderCount(products: readonly ReorderProduct[], minimums: readonly LocationMinimum[]): number {
  return needs(products, minimums, null).length;
}

const milliSum = (where: string) => `(SELECT SUM(CAST(ROUND(CAST(m.cantitate AS REAL) * 1000) AS INTEGER)) FROM stock_movements m WHERE ${where})`;

/** The device's query of the active products with a minimum (their own, or at a location) and their stock. */
export const reorderProductsSql = `SELECT p.id, p.cod, p.nume, p.um, p.stoc_minim, ${milliSum('m.product_id = p.id')} AS stoc_milli
  FROM products p WHERE p.activ = 1
  AND (p.stoc_minim IS NOT NULL OR EXISTS (SELECT 1 FROM stock_minimums sm WHERE sm.product_id = p.id AND sm.minim IS NOT NULL))`;

/** The device's query of the minimums per location (active products and locations) and the stock at each. */
export const locationMinimumsSql = `SELECT sm.product_id, sm.location_id, l.nume AS location_name, sm.minim,
  ${milliSum('m.product_id = sm.product_id AND m.location_id = sm.location_id')} AS stoc_milli
  FROM stock_minimums sm JOIN products p ON p.id = sm.product_id JOIN stock_locations l ON l.id = sm.location_id
  WHERE sm.minim IS NOT NULL AND p.activ = 1 AND l.activ = 1`;

/** A cell as CSV wants it; a text a spreadsheet would run as a formula is kept as text. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(';') || /["\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The list as CSV: UTF-8 with a byte order mark (Excel then reads "ș" and "ț"), columns separated by ";",
 * quantities with the language's decimal mark. `head` is the columns' titles: supplier, tax id, code,
 * supplier code, name, unit, stock, minimum, to order.
 */
export function reorderCsv(groups: readonly ReorderGroup[], head: readonly string[], noSupplier: string, locale: string): string {
  const q = (v: string) => (locale === 'ro' ? v.replace('.', ',') : v);
  const rows = groups.flatMap((g) => g.lines.map((l) => [g.supplier ?? noSupplier, g.cui ?? '', l.cod, l.supplierCode ?? '', l.nume, l.um, q(l.stock), q(l.minimum), q(l.toOrder)]));
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
