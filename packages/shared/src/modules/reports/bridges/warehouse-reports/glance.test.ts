import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderDocKind } from '../../../warehouse/bridges/order-stock/order-stock';
import { fromMilli } from '../../../warehouse/quantity';
import { valuate } from '../../../warehouse/valuation';
import { stockMovementCostsTable, stockMovementsTable, warehouseSettingsTable, type ValuationMethod } from '../../../warehouse/warehouse.tables';
import { glanceForPeriods, previousPeriod, sameLastYear, type GlanceResult, type Period } from '../../glance';
import { glanceTestDb } from '../../glance-test-db';
import { movementsSql, partsConsumed, productLedgersSql, warehouseCostsGlance, type LedgerMovement } from './glance';

/**
 * The warehouse's figures read the ledger once for the three periods, one row per product
 * (`productLedgersSql`): for random ledgers (several products, receipts with and without a cost, issues
 * past zero, transfers, orders' issues and returns, movements of one day recorded in any order, costs
 * recorded twice) they are exactly what the valuation of every movement row (`movementsSql`, `valuate`)
 * gives for each period on its own.
 */
const day = fc.integer({ min: 0, max: 70 }).map((n) => new Date(Date.UTC(2025, 9, 1) + n * 86_400_000).toISOString().slice(0, 10));
const movement = fc.record({
  kind: fc.constantFrom('intrare', 'iesire', 'inventar', 'transfer', 'comanda', 'retur'),
  product: fc.constantFrom('p1', 'p2', 'p3'),
  q: fc.integer({ min: 1, max: 5000 }),
  day,
  second: fc.integer({ min: 0, max: 59 }),
  cost: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
  order: fc.constantFrom('o1', 'o2'),
  costAgain: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
});

const figure = (r: GlanceResult | undefined, id: string) => r?.figures.find((f) => f.id === id)?.value;

describe('the warehouse figures for three periods at once', () => {
  for (const method of ['cmp', 'fifo'] as ValuationMethod[]) {
    it(`${method}: equal the valuation of every movement, period by period`, async () => {
      await fc.assert(fc.asyncProperty(fc.array(movement, { maxLength: 40 }), async (specs) => {
        const t = glanceTestDb([stockMovementsTable, stockMovementCostsTable, warehouseSettingsTable]);
        try {
          t.insert('warehouse_settings', { evaluare: method, stoc_negativ: 1 });
          specs.forEach((s, i) => {
            const out = s.kind === 'iesire' || s.kind === 'comanda' || (s.kind !== 'intrare' && s.kind !== 'retur' && i % 2 === 0);
            const tip = s.kind === 'comanda' ? 'iesire' : s.kind === 'retur' ? 'intrare' : s.kind;
            const id = `0000000${i % 10}-m${String(i).padStart(3, '0')}`;
            const order = s.kind === 'comanda' || s.kind === 'retur';
            t.insert('stock_movements', {
              id, tip, product_id: s.product, location_id: 'l1', cantitate: fromMilli(BigInt(out ? -s.q : s.q)), data: s.day,
              created_at: `${s.day}T08:00:${String(s.second).padStart(2, '0')}.000Z`, doc_tip: order ? orderDocKind : null, doc_id: order ? s.order : null,
            });
            if (!out && s.cost !== null) t.insert('stock_movement_costs', { movement_id: id, cost_unitar: s.cost, updated_at: '2025-01-01T00:00:00.000Z' });
            if (!out && s.costAgain !== null) t.insert('stock_movement_costs', { movement_id: id, cost_unitar: s.costAgain, updated_at: '2025-02-01T00:00:00.000Z' });
          });
          const november: Period = { from: '2025-11-01', to: '2025-11-30' };
          const periods = [november, previousPeriod(november), sameLastYear(november)];
          const all = await glanceForPeriods(warehouseCostsGlance, t.query, periods, '2025-12-06');
          for (const [k, p] of periods.entries()) {
            const rows = await t.query<LedgerMovement>(movementsSql, [p.to]);
            const v = valuate(rows, method, p.to);
            let stock = 0;
            for (const product of v.products.values()) stock += product.value;
            expect(figure(all[k], 'stockValue')).toBe(stock);
            expect(figure(all[k], 'partsCost')).toBe(partsConsumed(rows, v.issueCosts, p));
            // The source asked for one period alone says the same.
            expect(await warehouseCostsGlance(t.query, p, '2025-12-06')).toEqual(all[k]);
          }
        } finally {
          t.close();
        }
      }), { seed: 21_2026, numRuns: 80 });
    });
  }

  it('reads one row per product, not one per movement', async () => {
    const t = glanceTestDb([stockMovementsTable, stockMovementCostsTable]);
    try {
      for (let i = 0; i < 30; i++) {
        t.insert('stock_movements', { id: `m${i}`, tip: 'intrare', product_id: `p${i % 3}`, location_id: 'l1', cantitate: '1', data: '2025-11-02', created_at: `2025-11-02T08:00:${String(i).padStart(2, '0')}.000Z` });
      }
      expect(await t.query(productLedgersSql, [orderDocKind, '2025-11-30'])).toHaveLength(3);
    } finally {
      t.close();
    }
  });
});

describe('the ledger read', () => {
  it('reads the ledger and the costs from their indexes alone, never the tables row by row', () => {
    const t = glanceTestDb([stockMovementsTable, stockMovementCostsTable]);
    try {
      const plan = t.db.prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${productLedgersSql}`).all(orderDocKind, '2025-11-30').map((r) => r.detail);
      expect(plan.join('\n')).toMatch(/SCAN m USING COVERING INDEX stock_movements_product_id_data_created_at_id_cantitate_tip_doc_tip_doc_id_idx/);
      expect(plan.join('\n')).toMatch(/SEARCH c USING COVERING INDEX stock_movement_costs_movement_id_updated_at_cost_unitar_idx/);
    } finally {
      t.close();
    }
  });
});
