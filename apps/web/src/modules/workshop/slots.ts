import { extensionPoint, type ComponentSlot } from '@/app/module-kit';
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
