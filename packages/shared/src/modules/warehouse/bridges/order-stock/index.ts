import { defineBridge } from '../../../../module-kit';

/**
 * Parts from stock on repair orders: a material line names a product (`order_lines.product_id`),
 * validating the order issues its products from the default location and reopening returns them, in the
 * status change's own transaction; the order page shows the stock at hand and what the order consumed.
 * Only when both warehouse and workshop are on (docs/warehouse.md, "Parts on repair orders").
 */
export const orderStockBridge = defineBridge({
  id: 'order_stock',
  owner: 'warehouse',
  with: 'workshop',
  description: 'Parts on repair orders issued from stock when the order is validated, returned when it is reopened',
});

export * from './order-stock';
