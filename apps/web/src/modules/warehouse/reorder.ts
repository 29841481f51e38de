import { fromMilli, milli } from '@roaauto/shared';

/** A product with a minimum, and its stock over every location (thousandths; null when it never moved). */
export type ReorderProduct = { id: string; cod: string; nume: string; um: string; stoc_minim: string; stoc_milli: number | null };
/** A supplier's code for a product (`product_supplier_codes`). */
export type SupplierCode = { product_id: string; furnizor_cui: string | null; furnizor_nume: string | null; cod: string; created_at: string };

export type ReorderLine = { product_id: string; cod: string; nume: string; um: string; stock: string; minimum: string; toOrder: string; supplierCode: string | null };
export type ReorderGroup = { supplier: string | null; cui: string | null; lines: ReorderLine[] };

/**
 * The products under their minimum (all locations together), with the quantity that brings each back to
 * it, grouped by supplier: a product's supplier is the one of its newest supplier code (the last one a
 * receipt matched); products with none come last, under no supplier. Suppliers by name, lines by code.
 */
export function reorderList(products: readonly ReorderProduct[], codes: readonly SupplierCode[]): ReorderGroup[] {
  const newest = new Map<string, SupplierCode>();
  for (const c of codes) {
    const had = newest.get(c.product_id);
    if (!had || c.created_at > had.created_at) newest.set(c.product_id, c);
  }
  const groups = new Map<string, ReorderGroup>();
  for (const p of products) {
    const stock = BigInt(p.stoc_milli ?? 0);
    const min = milli(p.stoc_minim);
    if (stock >= min) continue;
    const code = newest.get(p.id);
    const supplier = code ? (code.furnizor_nume?.trim() || code.furnizor_cui?.trim() || null) : null;
    const key = supplier === null ? '' : `${code?.furnizor_cui ?? ''}|${supplier}`;
    const group = groups.get(key) ?? groups.set(key, { supplier, cui: code?.furnizor_cui ?? null, lines: [] }).get(key);
    group?.lines.push({
      product_id: p.id, cod: p.cod, nume: p.nume, um: p.um, stock: fromMilli(stock), minimum: fromMilli(min), toOrder: fromMilli(min - stock),
      supplierCode: code?.cod ?? null,
    });
  }
  for (const g of groups.values()) g.lines.sort((a, b) => a.cod.localeCompare(b.cod));
  return [...groups.values()].sort((a, b) => (a.supplier === null ? 1 : b.supplier === null ? -1 : a.supplier.localeCompare(b.supplier, 'ro')));
}

/** How many products the reorder list holds (the home page's figure): those under their minimum. */
export function reorderCount(products: readonly ReorderProduct[]): number {
  return reorderList(products, []).reduce((n, g) => n + g.lines.length, 0);
}

/** The device's query of the products with a minimum and their stock. */
export const reorderProductsSql = `SELECT p.id, p.cod, p.nume, p.um, p.stoc_minim,
  (SELECT SUM(CAST(ROUND(CAST(m.cantitate AS REAL) * 1000) AS INTEGER)) FROM stock_movements m WHERE m.product_id = p.id) AS stoc_milli
  FROM products p WHERE p.activ = 1 AND p.stoc_minim IS NOT NULL`;

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
