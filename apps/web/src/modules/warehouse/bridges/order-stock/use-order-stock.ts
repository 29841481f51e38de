import { computed, ref, type Ref } from 'vue';
import { consumedCost, fromMilli, issuedByProduct, milli, shortages, type OrderMovement, type SqlRow } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { useLiveQuery } from '@/app/live-query';
import { useSession } from '@/app/session';
import type { OrderRow } from '@/modules/workshop/order-rows';
import { seeCosts, writeWarehouse } from '../../permissions';
import { useValuation } from '../../use-valuation';
import { useWarehouseSettings } from '../../use-warehouse-settings';
import { defaultLocationSql, orderMovementsSql, orderStockWrites } from './order-stock-db';

type LineRow = SqlRow & { id: string; descriere: string; cantitate: string; product_id: string; cod: string | null; um: string | null };

/** The stock side of one order: its product lines with the stock at hand, what it took out, and its cost. */
export function useOrderStock(order: Ref<OrderRow>) {
  const session = useSession();
  const database = useDatabase();
  const id = () => [order.value.id];
  const lines = useLiveQuery<LineRow>(
    ['order_lines', 'products'],
    `SELECT l.id, l.descriere, l.cantitate, l.product_id, p.cod, p.um FROM order_lines l LEFT JOIN products p ON p.id = l.product_id
     WHERE l.order_id = ? AND l.tip = 'material' AND l.product_id IS NOT NULL AND l.cantitate IS NOT NULL ORDER BY l.ordine, l.created_at`,
    id,
  );
  const stock = useLiveQuery<{ product_id: string; q: number }>(
    ['stock_movements', 'order_lines'],
    `SELECT product_id, SUM(CAST(ROUND(CAST(cantitate AS REAL) * 1000) AS INTEGER)) AS q FROM stock_movements
     WHERE product_id IN (SELECT product_id FROM order_lines WHERE order_id = ? AND product_id IS NOT NULL) GROUP BY product_id`,
    id,
  );
  const ledger = useLiveQuery<OrderMovement & { data: string; created_at: string }>(['stock_movements'], orderMovementsSql, id);
  const location = useLiveQuery<{ id: string; nume: string }>(['stock_locations'], defaultLocationSql);
  const { settings } = useWarehouseSettings();
  const canCosts = computed(() => session.allowed(seeCosts));
  const valuation = useValuation(canCosts, computed(() => settings.value.evaluare));

  const atHand = computed(() => new Map(stock.rows.value.map((r) => [r.product_id, BigInt(r.q)])));
  const issued = computed(() => issuedByProduct(ledger.rows.value));
  const productLines = computed(() => lines.rows.value.map((l) => ({ product_id: l.product_id, cantitate: l.cantitate })));
  const short = computed(() => (order.value.status === 'DRAFT' ? shortages(productLines.value, atHand.value) : new Map<string, { need: bigint; have: bigint }>()));
  /** Validated, but the ledger does not hold what its lines need (validated by someone without stock rights, or before a location existed). */
  const needsIssue = computed(() => {
    if (order.value.status === 'DRAFT' || lines.rows.value.length === 0) return false;
    const need = new Map<string, bigint>();
    for (const l of productLines.value) need.set(l.product_id, (need.get(l.product_id) ?? 0n) + milli(l.cantitate));
    return [...need].some(([p, q]) => (issued.value.get(p) ?? 0n) !== q);
  });
  const cost = computed(() => (valuation.value ? consumedCost(ledger.rows.value, valuation.value.issueCosts) : null));
  const rows = computed(() => lines.rows.value.map((l) => ({
    ...l, atHand: fromMilli(atHand.value.get(l.product_id) ?? 0n), short: short.value.has(l.product_id),
  })));

  const busy = ref(false);
  /** Brings the ledger to what the order's status asks (the same writes a validation makes). */
  async function issueNow(): Promise<void> {
    busy.value = true;
    try {
      const db = await database.ready();
      const ops = await orderStockWrites(db, { orderId: order.value.id, action: 'issue', userId: session.account?.user.id ?? null });
      if (ops.length) await db.write(ops);
    } finally {
      busy.value = false;
    }
  }

  return {
    rows, policy: computed(() => settings.value.stoc_negativ), anyShort: computed(() => short.value.size > 0), needsIssue, cost, canCosts,
    canWrite: computed(() => session.allowed(writeWarehouse)), noLocation: computed(() => location.rows.value.length === 0), location, busy, issueNow,
  };
}
