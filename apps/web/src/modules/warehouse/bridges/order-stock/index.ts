import { defineAsyncComponent } from 'vue';
import { contribute, type WebBridge } from '@/app/module-kit';
import { useSession } from '@/app/session';
import { materialPicker, orderSections, orderStatusWrites } from '@/modules/workshop/slots';
import { readWarehouse, writeWarehouse } from '../../permissions';
import { orderStockWrites, stockAction } from './order-stock-db';

/**
 * `order_stock`: parts from stock on repair orders (docs/warehouse.md, "Parts on repair orders").
 * Validating an order issues its products, reopening returns them, in the status change's transaction;
 * the order page shows the stock at hand, a shortage and, to `warehouse.costs`, what the order consumed.
 */
export const orderStockBridge: WebBridge = {
  id: 'order_stock',
  with: ['workshop'],
  contributes: [
    contribute(orderStatusWrites, async (db, { order, to }) => {
      const action = stockAction(order.status, to);
      const session = useSession();
      // Without stock rights (a mechanic) the status changes alone; the order page then offers the issue
      // to someone who has them.
      if (!action || !session.allowed(writeWarehouse)) return [];
      return orderStockWrites(db, { orderId: order.id, action, userId: session.account?.user.id ?? null });
    }),
    contribute(materialPicker, { component: defineAsyncComponent(() => import('./MaterialProductPicker.vue')), permissions: [readWarehouse] }),
    contribute(orderSections, { component: defineAsyncComponent(() => import('./OrderStockSection.vue')), order: 5, permissions: [readWarehouse] }),
  ],
};
