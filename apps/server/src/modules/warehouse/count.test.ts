import { describe, expect, it } from 'vitest';
import { countAdjustments, countReport, newId, type CountLedgerRow } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { bearer } from '../../test/sessions';
import { shopWithMechanics } from '../../test/shop';
import { testEngine } from '../../test/test-db';
import { partRow, warehouseTestApp } from './test-support';

describe(`warehouse counts on ${testEngine()}`, () => {
  const { testApp, operator, device, entitle, push } = warehouseTestApp();
  const apply = (s: Session, countId: string) => testApp().app.inject({ method: 'POST', url: `/api/warehouse/counts/${countId}/apply`, headers: bearer(s) });

  /** A location with two products, 3 and 5 in stock; a count of it with 2 and 6 counted, finished. */
  async function countedShop(finish = true) {
    const { owner } = await shopWithMechanics(testApp(), operator(), 0);
    await entitle(owner);
    const a = await device(owner);
    const loc = String((await a.engine.create('stock_locations', { nume: 'Magazie', cod: null, activ: 1 })).id);
    const product = async (cod: string) => String((await a.engine.create('products', partRow(cod))).id);
    const p1 = await product('P1');
    const p2 = await product('P2');
    for (const [p, q] of [[p1, '3'], [p2, '5']] as const) {
      await a.engine.create('stock_movements', { tip: 'intrare', product_id: p, location_id: loc, cantitate: q, data: '2026-11-20', transfer_id: null, doc_tip: null, doc_id: null, user_id: null, nota: null });
    }
    await new Promise((r) => setTimeout(r, 5));
    const start = new Date().toISOString();
    const count = String((await a.engine.create('stock_counts', { location_id: loc, status: 'deschis', inceput_la: start, inceput_de: null, terminat_la: null, aplicat_la: null, nota: null })).id);
    const line1 = String((await a.engine.create('stock_count_lines', { count_id: count, product_id: p1, cantitate: '2', user_id: null, numarat_la: start })).id);
    await a.engine.create('stock_count_lines', { count_id: count, product_id: p2, cantitate: '6', user_id: null, numarat_la: start });
    if (finish) await a.engine.update('stock_counts', count, { status: 'terminat', terminat_la: new Date().toISOString() });
    await a.engine.sync();
    return { owner, a, loc, p1, p2, count, line1 };
  }
  const countMovements = async (s: Session, countId: string) => {
    const d = await device(s);
    await d.engine.sync();
    return d.rows<{ product_id: string; cantitate: string; tip: string }>('stock_movements', 'doc_id = ?', [countId]);
  };

  it('a finished count cannot be changed: no line changes, no step back', async () => {
    const { owner, count, line1, p1 } = await countedShop();
    const results = await push(owner, [
      { table: 'stock_count_lines', op: 'upsert', rowId: line1, data: { cantitate: '9' } },
      { table: 'stock_count_lines', op: 'upsert', rowId: newId(), data: { count_id: count, product_id: p1, cantitate: '1', user_id: null, numarat_la: new Date().toISOString() } },
      { table: 'stock_count_lines', op: 'delete', rowId: line1 },
      { table: 'stock_counts', op: 'upsert', rowId: count, data: { status: 'deschis' } },
    ]);
    expect(results.map((r) => r.rule ?? r.status)).toEqual(['warehouse.count_closed', 'warehouse.count_closed', 'warehouse.count_closed', 'warehouse.count_status']);
  });

  it('an open count is not applied', async () => {
    const { owner, count } = await countedShop(false);
    const res = await apply(owner, count);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { rule: string } }>().error.rule).toBe('warehouse.count_status');
  });

  it('applying twice writes the adjustments once; the applied count no longer changes', async () => {
    const { owner, count, p1, p2, loc } = await countedShop();
    const first = await apply(owner, count);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ applied: 2, already: 0, differences: 2 });
    const second = await apply(owner, count);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ applied: 0, already: 2, differences: 2 });
    const rows = await countMovements(owner, count);
    expect(rows.map((r) => [r.product_id, r.tip, r.cantitate]).sort()).toEqual([[p1, 'inventar', '-1'], [p2, 'inventar', '1']].sort());
    const stock = await testApp().app.inject({ method: 'GET', url: `/api/warehouse/stock?productId=${p1}`, headers: bearer(owner) });
    expect(stock.json<{ stock: unknown[] }>().stock).toEqual([{ productId: p1, locationId: loc, cantitate: '2', negativ: false }]);
    const results = await push(owner, [{ table: 'stock_counts', op: 'upsert', rowId: count, data: { nota: 'x' } }]);
    expect(results[0]?.rule).toBe('warehouse.count_applied');
  });

  it('a phone that applied offline and the online apply agree: the same rows, once', async () => {
    const { owner, a, count, loc } = await countedShop();
    const ledger = await a.rows<CountLedgerRow>('stock_movements', 'location_id = ?', [loc]);
    const lines = await a.rows<{ product_id: string; cantitate: string }>('stock_count_lines', 'count_id = ?', [count]);
    const [c] = await a.rows<{ created_at: string }>('stock_counts', 'id = ?', [count]);
    const report = countReport({ countId: count, start: c?.created_at ?? '', ledger, lines });
    const adjustments = countAdjustments({ countId: count, locationId: loc, data: '2026-12-01', userId: null, report });
    await a.engine.write([
      ...adjustments.map((data) => ({ op: 'create' as const, table: 'stock_movements', data })),
      { op: 'update' as const, table: 'stock_counts', id: count, patch: { status: 'aplicat', aplicat_la: new Date().toISOString() } },
    ]);
    await a.engine.sync();
    const online = await apply(owner, count);
    expect(online.json()).toEqual({ applied: 0, already: 2, differences: 2 });
    expect(await countMovements(owner, count)).toHaveLength(2);
  });

  it('answers 402 while the module is off, and refuses count rows in a push', async () => {
    const { owner, count, loc } = await countedShop();
    await entitle(owner, { warehouse: false });
    expect((await apply(owner, count)).statusCode).toBe(402);
    const results = await push(owner, [{ table: 'stock_counts', op: 'upsert', rowId: newId(), data: { location_id: loc, status: 'deschis', inceput_la: new Date().toISOString() } }]);
    expect(results[0]?.code).toBe('module_not_entitled');
  });
});
