import type { OrderStatus, WriteOp } from '@roaauto/shared';
import { extensionPoint, type ComponentSlot, type ExtensionPoint } from '@/app/module-kit';
import type { LocalDatabase } from '@/db/local-database';
import type { OrderRow } from './order-rows';

/**
 * Actions other modules add to an order's page, after its own (accounting's order_invoicing bridge:
 * "Issue the invoice", "View the invoice"). Workshop draws them without knowing who adds them.
 */
export const orderActions: ComponentSlot<{ order: OrderRow }> = extensionPoint('workshop:orderActions');

/**
 * Sections other modules (and workshop's own parts) add to an order's page, under its lines and totals
 * (the client portal's link and the customer's decisions, photos, the reception sheet, messages).
 */
export const orderSections: ComponentSlot<{ order: OrderRow }> = extensionPoint('workshop:orderSections');

/** A change of an order's status, as another module sees it before it is written. */
export type OrderStatusChange = { order: OrderRow; to: OrderStatus };
/**
 * Writes other modules add to an order's status change, written in the same local transaction as the
 * status itself (warehouse's `order_stock` bridge: validating issues the order's parts from stock,
 * reopening returns them). Each addition reads what it needs and answers its writes.
 */
export const orderStatusWrites: ExtensionPoint<(db: LocalDatabase, change: OrderStatusChange) => Promise<WriteOp[]>> =
  extensionPoint('workshop:orderStatusWrites');
