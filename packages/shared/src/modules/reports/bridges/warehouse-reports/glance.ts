import { orderDocKind } from '../../../warehouse/bridges/order-stock/order-stock';
import { milli } from '../../../warehouse/quantity';
import { valuateLedgersAt, type ProductLedger, type ValuedMovement } from '../../../warehouse/valuation';
import { effectiveWarehouseSettings, type WarehouseSettings } from '../../../warehouse/warehouse.tables';
import type { GlanceCompute, GlancePeriodsCompute, Period } from '../../glance';
import { dayAfter, timestampInPeriod } from '../../glance';

/**
 * The warehouse's figures for a period. Stock value: the value on hand at the period's end by the
 * company's valuation method (`valuate`, CMP or FIFO), movements dated up to then. Parts consumed: the
 * cost `valuate` gives each issue to an order dated in the period, less the order returns in the period
 * (a reopened order), each at its issue's unit cost. Margin on materials (materials sold less parts
 * consumed) is made by the page when the workshop's figures are there too. Tyre hotel: sets in storage
 * at the period's end, received and handed back in it. Costs are read only with `warehouse.costs`.
 */
export const movementsSql = `SELECT m.id, m.tip, m.product_id, m.cantitate, m.data, m.created_at, m.doc_tip, m.doc_id,
  (SELECT c.cost_unitar FROM stock_movement_costs c WHERE c.movement_id = m.id ORDER BY c.updated_at DESC LIMIT 1) AS cost_unitar
FROM stock_movements m WHERE m.data <= ?`;

/**
 * The ledger as the valuation reads it, one row per product (a few thousand rows, not every movement, cross
 * from the database to the page): its movements into and out of stock dated up to a day, transfers left
 * out, in the ledger's order (`ledgerOrder`), each as `quantity,unit cost,day,id,order` (the cost only for
 * a movement into stock, the id and order only for an order's movement: the parts consumed need them).
 * Parameters: the order document kind, the day.
 */
export const productLedgersSql = `SELECT m.product_id, group_concat(m.cantitate || ','
    || COALESCE(CASE WHEN m.cantitate NOT LIKE '-%' THEN
      (SELECT c.cost_unitar FROM stock_movement_costs c WHERE c.movement_id = m.id ORDER BY c.updated_at DESC LIMIT 1) END, '')
    || ',' || m.data || ',' || CASE WHEN m.doc_tip = ? THEN m.id || ',' || COALESCE(m.doc_id, '') ELSE ',' END,
    ';' ORDER BY m.data, m.created_at, m.id) AS ledger
FROM stock_movements m WHERE m.data <= ? AND m.tip <> 'transfer' GROUP BY m.product_id`;

/** A product's ledger row (`productLedgersSql`) as the valuation and the parts consumed read it. */
export function readProductLedger(productId: string, ledger: string, orderMovements: LedgerMovement[]): ProductLedger {
  const movements = ledger.split(';').map((entry) => {
    const [cantitate = '', cost = '', data = '', id = '', docId = ''] = entry.split(',');
    if (id) orderMovements.push({ id, tip: 'iesire', product_id: productId, cantitate, data, created_at: '', doc_tip: orderDocKind, doc_id: docId || null, cost_unitar: null });
    return { id: id || null, q: milli(cantitate), cost_unitar: cost === '' ? null : Number(cost), data };
  });
  return { product_id: productId, movements };
}

export type LedgerMovement = ValuedMovement & { doc_tip: string | null; doc_id: string | null };

/** The cost of the parts orders consumed in the period (bani): issues less returns, per order and product. */
export function partsConsumed(movements: readonly LedgerMovement[], issueCosts: ReadonlyMap<string, number>, p: Period): number {
  type Pair = { outQ: bigint; outV: bigint; backQ: bigint };
  const pairs = new Map<string, Pair>();
  for (const m of movements) {
    if (m.doc_tip !== orderDocKind || m.data < p.from || m.data > p.to || m.tip === 'transfer') continue;
    const key = `${m.doc_id ?? ''}\u0000${m.product_id}`;
    const pair = pairs.get(key) ?? pairs.set(key, { outQ: 0n, outV: 0n, backQ: 0n }).get(key);
    if (!pair) continue;
    const q = milli(m.cantitate);
    if (q < 0n) {
      pair.outQ += -q;
      pair.outV += BigInt(issueCosts.get(m.id) ?? 0);
    } else pair.backQ += q;
  }
  let total = 0n;
  for (const { outQ, outV, backQ } of pairs.values()) {
    if (outQ === 0n) continue;
    const back = backQ >= outQ ? outV : (outV * backQ * 2n + outQ) / (outQ * 2n);
    total += outV - back;
  }
  return Number(total);
}

export function tyreHotelSql(p: Period) {
  const end = dayAfter(p);
  const received = timestampInPeriod('primit_la', p);
  const returned = timestampInPeriod('predat_la', p);
  return {
    sql: `SELECT
        COALESCE(SUM(CASE WHEN primit_la < ? AND (predat_la IS NULL OR predat_la >= ?) THEN 1 ELSE 0 END), 0) AS stored,
        COALESCE(SUM(CASE WHEN ${received.sql} THEN 1 ELSE 0 END), 0) AS received,
        COALESCE(SUM(CASE WHEN predat_la IS NOT NULL AND ${returned.sql} THEN 1 ELSE 0 END), 0) AS returned
      FROM tyre_sets`,
    params: [end, end, ...received.params, ...returned.params],
  };
}

/**
 * Stock value and parts consumed (needs `warehouse.costs`) for several periods: the ledger read once, up
 * to the last period's end, and valued in one pass (`valuateAt`).
 */
const warehouseCostsPeriods: GlancePeriodsCompute = async (query, periods) => {
  if (periods.length === 0) return [];
  const settings = await query<WarehouseSettings & { created_at: string; id: string }>('SELECT id, created_at, stoc_negativ, evaluare FROM warehouse_settings', []);
  const last = periods.reduce((d, p) => (p.to > d ? p.to : d), periods[0]?.to ?? '');
  const rows = await query<{ product_id: string; ledger: string }>(productLedgersSql, [orderDocKind, last]);
  const orderMovements: LedgerMovement[] = [];
  const ledgers = rows.map((r) => readProductLedger(r.product_id, r.ledger, orderMovements));
  const v = valuateLedgersAt(ledgers, effectiveWarehouseSettings(settings).evaluare, periods.map((p) => p.to));
  return periods.map((period) => ({
    figures: [
      { id: 'stockValue', unit: 'bani', value: v.valueAt.get(period.to) ?? 0 },
      { id: 'partsCost', unit: 'bani', value: partsConsumed(orderMovements, v.issueCosts, period) },
    ],
    breakdowns: [],
    series: [],
  }));
};

/** Stock value and parts consumed (needs `warehouse.costs`); `periods` gives them for several periods at once. */
export const warehouseCostsGlance: GlanceCompute = Object.assign(
  async (...[query, period, today]: Parameters<GlanceCompute>) => (await warehouseCostsPeriods(query, [period], today))[0] ?? { figures: [], breakdowns: [], series: [] },
  { periods: warehouseCostsPeriods },
);

/** The tyre hotel's sets (with the workshop, whose bridge the hotel is). */
export const tyreHotelGlance: GlanceCompute = async (query, period) => {
  const q = tyreHotelSql(period);
  const [t] = await query<{ stored: number; received: number; returned: number }>(q.sql, q.params);
  return {
    figures: [
      { id: 'tyreSetsStored', unit: 'count', value: t?.stored ?? 0 },
      { id: 'tyreSetsIn', unit: 'count', value: t?.received ?? 0 },
      { id: 'tyreSetsOut', unit: 'count', value: t?.returned ?? 0 },
    ],
    breakdowns: [],
    series: [],
  };
};
