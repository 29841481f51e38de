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

/** What a material line takes from a product picked for it: the product, its name, unit and sale price (bani, net). */
export type PickedMaterial = { product_id: string; descriere: string; um: string; pret_unitar: number };
/**
 * Beside a material line being edited, a way to pick what it is (warehouse's `order_stock` bridge: a
 * product from stock, by search or scan). `pick(null)` unlinks the line from its product.
 */
export const materialPicker: ComponentSlot<{ productId: string | null; pick: (p: PickedMaterial | null) => void }> = extensionPoint('workshop:materialPicker');

/** A change of an order's status, as another module sees it before it is written. */
export type OrderStatusChange = { order: OrderRow; to: OrderStatus };
/**
 * Writes other modules add to an order's status change, written in the same local transaction as the
 * status itself (warehouse's `order_stock` bridge: validating issues the order's parts from stock,
 * reopening returns them). Each addition reads what it needs and answers its writes.
 */
export const orderStatusWrites: ExtensionPoint<(db: LocalDatabase, change: OrderStatusChange) => Promise<WriteOp[]>> =
  extensionPoint('workshop:orderStatusWrites');
