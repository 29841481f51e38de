import { milli, normalizeDecimalInput, stockMinimumId, type WriteOp } from '@roaauto/shared';

/** A location as the product page lists it, with the product's stock there (thousandths; null when it never moved there). */
export type MinimumLocation = { id: string; nume: string; stoc_milli: number | null };
/** A product's minimum at a location as the device has it (`stock_minimums`). */
export type MinimumRow = { id: string; location_id: string; minim: string | null };
/** The typed minimum per location id ('' = none). */
export type MinimumsForm = Record<string, string>;

/** The form of the product's minimums: one field per location, filled from the rows. */
export function minimumsFormOf(locations: readonly MinimumLocation[], rows: readonly MinimumRow[]): MinimumsForm {
  const byLocation = new Map(rows.map((r) => [r.location_id, r.minim]));
  return Object.fromEntries(locations.map((l) => [l.id, byLocation.get(l.id) ?? '']));
}

/** A typed minimum as stored: null for an empty field, undefined for one that is not a quantity of zero or more. */
function parsed(text: string): string | null | undefined {
  if (!text.trim()) return null;
  const value = normalizeDecimalInput(text, 3);
  return value === null || milli(value) < 0n ? undefined : value;
}

/** The fields that are not a quantity of zero or more, by location id, as message keys. */
export function minimumsProblems(form: MinimumsForm): Record<string, 'warehouse.products.badNumber'> {
  return Object.fromEntries(Object.entries(form).filter(([, v]) => parsed(v) === undefined).map(([k]) => [k, 'warehouse.products.badNumber' as const]));
}

/**
 * The writes that save the form: per location whose minimum changed, the row of that product and location
 * (its id made from the two, so every device writes the same row) made or updated; an emptied field sets
 * the minimum to null. Fields with problems are left out (the page checks them first).
 */
export function minimumsWrites(productId: string, rows: readonly MinimumRow[], form: MinimumsForm): WriteOp[] {
  const byLocation = new Map(rows.map((r) => [r.location_id, r]));
  const ops: WriteOp[] = [];
  for (const [locationId, text] of Object.entries(form)) {
    const value = parsed(text);
    if (value === undefined) continue;
    const row = byLocation.get(locationId);
    if (row) {
      const same = row.minim === null ? value === null : value !== null && milli(row.minim) === milli(value);
      if (!same) ops.push({ op: 'update', table: 'stock_minimums', id: row.id, patch: { minim: value } });
    } else if (value !== null) {
      ops.push({ op: 'create', table: 'stock_minimums', data: { id: stockMinimumId(productId, locationId), product_id: productId, location_id: locationId, minim: value } });
    }
  }
  return ops;
}

/** The product page's query of the active locations with the product's stock at each. */
export const minimumLocationsSql = `SELECT l.id, l.nume,
  (SELECT SUM(CAST(ROUND(CAST(m.cantitate AS REAL) * 1000) AS INTEGER)) FROM stock_movements m WHERE m.product_id = ? AND m.location_id = l.id) AS stoc_milli
  FROM stock_locations l WHERE l.activ = 1 ORDER BY l.nume`;
