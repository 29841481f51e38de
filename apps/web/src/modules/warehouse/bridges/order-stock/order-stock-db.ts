import { localToday } from '@/modules/core/pages/customers/customer-form';
import { orderDocKind, orderStockOps, type OrderMovement, type OrderStatus, type ProductLine, type SqlRow, type SqlValue, type WriteOp } from '@roaauto/shared';

/** What the order-stock queries need of the device's database. */
export type Reader = { query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> };

/** The company's default location: its oldest active one (issues from an order are taken from there). */
export const defaultLocationSql = `SELECT id, nume FROM stock_locations WHERE activ = 1 ORDER BY created_at, id LIMIT 1`;

/** An order's product lines (material lines that name a product). */
export const productLinesSql = `SELECT product_id, cantitate FROM order_lines
  WHERE order_id = ? AND tip = 'material' AND product_id IS NOT NULL AND cantitate IS NOT NULL ORDER BY ordine, created_at`;

/** The movements an order made. */
export const orderMovementsSql = `SELECT id, tip, product_id, location_id, cantitate, data, created_at FROM stock_movements
  WHERE doc_id = ? AND doc_tip = '${orderDocKind}'`;

/** What a status change does to the stock: validating issues, reopening returns, anything else nothing. */
export function stockAction(from: OrderStatus, to: OrderStatus): 'issue' | 'return' | null {
  if (from === 'DRAFT' && to === 'VALIDAT') return 'issue';
  if (from === 'VALIDAT' && to === 'DRAFT') return 'return';
  return null;
}

/** The ledger's writes for an order whose stock should be `action` (reads the device's current copy). */
export async function orderStockWrites(
  db: Reader, o: { orderId: string; action: 'issue' | 'return'; userId: string | null; date?: string },
): Promise<WriteOp[]> {
  const [lines, ledger, locations] = await Promise.all([
    db.query<ProductLine>(productLinesSql, [o.orderId]),
    db.query<OrderMovement>(orderMovementsSql, [o.orderId]),
    db.query<{ id: string }>(defaultLocationSql),
  ]);
  return orderStockOps({
    orderId: o.orderId, action: o.action, lines, ledger, locationId: locations[0]?.id ?? null, date: o.date ?? localToday(), userId: o.userId,
  });
}
