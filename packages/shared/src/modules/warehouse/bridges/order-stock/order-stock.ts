import type { WriteOp } from '../../../../sync/client';
import { fromMilli, milli } from '../../quantity';

/** What a movement made by an order names as its document. */
export const orderDocKind = 'comanda';

/** A product line of an order: the product and its quantity (decimal text). */
export type ProductLine = { product_id: string; cantitate: string };
/** A movement the order already made (`doc_tip = 'comanda'`, `doc_id` = the order). */
export type OrderMovement = { id: string; tip: string; product_id: string; location_id: string; cantitate: string };

export type OrderStockPlan = {
  orderId: string;
  /** `issue`: the order is being validated; `return`: it is being reopened (or deleted). */
  action: 'issue' | 'return';
  lines: readonly ProductLine[];
  ledger: readonly OrderMovement[];
  /** Where an issue is taken from: the company's default location (null when it has none). */
  locationId: string | null;
  date: string;
  userId: string | null;
};

/** One movement to write: its kind, product, location and signed quantity, and the key its id is made from. */
export type PlannedMovement = { key: string; tip: 'iesire' | 'retur'; product_id: string; location_id: string; cantitate: string };

/**
 * The movements that bring the ledger of an order to what its status asks: validated, each product out of
 * stock by the sum of its lines; reopened, nothing out. The plan compares with what the ledger already
 * holds for the order, so doing it twice writes nothing the second time, and a validation after a
 * reopen issues again once. Each movement's key names the order, the product, the location, the kind and
 * how many of that kind came before it: two devices that validate the same order from the same state
 * make the same key, hence the same row id, and the server keeps the first (the ledger is insert-only).
 */
export function planOrderStock(p: Omit<OrderStockPlan, 'date' | 'userId'>): PlannedMovement[] {
  const want = new Map<string, bigint>();
  if (p.action === 'issue') {
    for (const l of p.lines) want.set(l.product_id, (want.get(l.product_id) ?? 0n) - milli(l.cantitate));
  }
  const held = new Map<string, Map<string, bigint>>();
  const counts = new Map<string, number>();
  for (const m of p.ledger) {
    const byLocation = held.get(m.product_id) ?? held.set(m.product_id, new Map()).get(m.product_id) ?? new Map<string, bigint>();
    byLocation.set(m.location_id, (byLocation.get(m.location_id) ?? 0n) + milli(m.cantitate));
    const ck = `${m.product_id}|${m.location_id}|${m.tip}`;
    counts.set(ck, (counts.get(ck) ?? 0) + 1);
  }
  const planned: PlannedMovement[] = [];
  const add = (tip: 'iesire' | 'retur', productId: string, locationId: string, q: bigint) => {
    const ck = `${productId}|${locationId}|${tip}`;
    const n = (counts.get(ck) ?? 0) + 1;
    counts.set(ck, n);
    planned.push({ key: `${p.orderId}|${ck}|${n}`, tip, product_id: productId, location_id: locationId, cantitate: fromMilli(q) });
  };
  const products = [...new Set([...want.keys(), ...held.keys()])].sort();
  for (const productId of products) {
    const locations = held.get(productId) ?? new Map<string, bigint>();
    const now = [...locations.values()].reduce((a, b) => a + b, 0n);
    let diff = (want.get(productId) ?? 0n) - now;
    if (diff < 0n) {
      if (p.locationId) add('iesire', productId, p.locationId, diff);
      continue;
    }
    // Give back to the locations it was taken from, the most taken first.
    const out = [...locations.entries()].filter(([, q]) => q < 0n).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0].localeCompare(b[0])));
    for (const [locationId, q] of out) {
      if (diff <= 0n) break;
      const back = -q < diff ? -q : diff;
      add('retur', productId, locationId, back);
      diff -= back;
    }
    if (diff > 0n && p.locationId) add('retur', productId, p.locationId, diff);
  }
  return planned;
}

/**
 * A UUID made from a key (SHA-256, shaped as an RFC 9562 version 8 UUID): the same key gives the same id
 * on every device.
 */
export async function idFromKey(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`roaauto:order-stock:${key}`)));
  const b = digest.slice(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The plan as writes to the ledger (creates only), each row's id made from its key. */
export async function orderStockOps(p: OrderStockPlan): Promise<WriteOp[]> {
  const planned = planOrderStock(p);
  return Promise.all(
    planned.map(async (m): Promise<WriteOp> => ({
      op: 'create',
      table: 'stock_movements',
      data: {
        id: await idFromKey(m.key), tip: m.tip, product_id: m.product_id, location_id: m.location_id, cantitate: m.cantitate, data: p.date,
        transfer_id: null, doc_tip: orderDocKind, doc_id: p.orderId, user_id: p.userId, nota: null,
      },
    })),
  );
}

/** Quantity needed per product by an order's lines, against the stock at hand: the products short. */
export function shortages(lines: readonly ProductLine[], stock: ReadonlyMap<string, bigint>): Map<string, { need: bigint; have: bigint }> {
  const need = new Map<string, bigint>();
  for (const l of lines) need.set(l.product_id, (need.get(l.product_id) ?? 0n) + milli(l.cantitate));
  const short = new Map<string, { need: bigint; have: bigint }>();
  for (const [id, q] of need) {
    const have = stock.get(id) ?? 0n;
    if (have < q) short.set(id, { need: q, have });
  }
  return short;
}

/** Net quantity an order's movements took out of stock per product (thousandths, positive = out). */
export function issuedByProduct(ledger: readonly OrderMovement[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const m of ledger) out.set(m.product_id, (out.get(m.product_id) ?? 0n) - milli(m.cantitate));
  return out;
}

/**
 * The cost of what an order consumed (bani): per product, the costs of its issues made since its last
 * return (a reopened order gave back what it took; its next validation is what it consumed).
 */
export function consumedCost(
  ledger: readonly (OrderMovement & { data: string; created_at: string })[], issueCosts: ReadonlyMap<string, number>,
): number {
  const byProduct = new Map<string, (OrderMovement & { data: string; created_at: string })[]>();
  for (const m of ledger) (byProduct.get(m.product_id) ?? byProduct.set(m.product_id, []).get(m.product_id))?.push(m);
  let total = 0;
  for (const rows of byProduct.values()) {
    rows.sort((a, b) => a.data.localeCompare(b.data) || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    const lastReturn = rows.map((r) => r.tip).lastIndexOf('retur');
    for (const r of rows.slice(lastReturn + 1)) if (r.tip === 'iesire') total += issueCosts.get(r.id) ?? 0;
  }
  return total;
}
