import { computed, type Ref } from 'vue';
import { valuate, type ValuationMethod, type ValuedMovement } from '@roaauto/shared';
import { useLiveQuery } from '@/app/live-query';

/**
 * The value of each product's stock by the company's method, for those who read costs (`enabled`);
 * company-wide per product (transfers move no value). Without costs nothing is read.
 */
export function useValuation(enabled: Ref<boolean>, method: Ref<ValuationMethod>) {
  const q = useLiveQuery<ValuedMovement>(
    ['stock_movements', 'stock_movement_costs'],
    () => (enabled.value
      ? `SELECT m.id, m.tip, m.product_id, m.cantitate, m.data, m.created_at,
          (SELECT c.cost_unitar FROM stock_movement_costs c WHERE c.movement_id = m.id ORDER BY c.updated_at DESC LIMIT 1) AS cost_unitar
        FROM stock_movements m`
      : 'SELECT NULL AS id WHERE 0'),
  );
  return computed(() => (enabled.value ? valuate(q.rows.value, method.value) : null));
}
