import { describe, expect, it } from 'vitest';
import { lineTotal, newId, orderStockOps, type LineAmounts, type OrderMovement, type ProductLine, type WriteOp } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import type { TestDevice } from '../../test/devices';
import { shopWithMechanics } from '../../test/shop';
import { testEngine } from '../../test/test-db';
import { withTenant } from '../../core/tenancy/tenant-scope';
import { warehouseTestApp } from './test-support';

/**
 * The `order_stock` bridge's writes as a device makes them (the web's status change does the same reads):
 * the order's status and its stock movements in one local transaction, from that device's copy.
 */
async function setStatus(d: TestDevice, orderId: string, to: 'VALIDAT' | 'DRAFT', locationId: string): Promise<void> {
  const lines = await d.db.all<ProductLine>(`SELECT product_id, cantitate FROM order_lines WHERE order_id = ? AND product_id IS NOT NULL`, [orderId]);
  const ledger = await d.db.all<OrderMovement>(`SELECT id, tip, product_id, location_id, cantitate FROM stock_movements WHERE doc_tip = 'comanda' AND doc_id = ?`, [orderId]);
  const stock = await orderStockOps({ orderId, action: to === 'VALIDAT' ? 'issue' : 'return', lines, ledger, locationId, date: '2026-12-06', userId: null });
  const ops: WriteOp[] = [{ op: 'update', table: 'orders', id: orderId, patch: { status: to } }, ...stock];
  await d.engine.write(ops);
}

describe(`parts on repair orders (order_stock) on ${testEngine()}`, () => {
  const { testApp, operator, device, entitle } = warehouseTestApp();

  const product = (cod: string) => ({ tip: 'piesa', cod, nume: `Piesa ${cod}`, um: 'buc', categorie_tva: 'S', cota_tva: '21', pret_vanzare: 10_000, activ: 1 });
  const material = (orderId: string, productId: string, qty: string, ordine: number) => {
    const amounts: LineAmounts = { tip: 'material', ore: null, pret_ora: null, cantitate: qty, pret_unitar: 10_000 };
    return { id: newId(), order_id: orderId, descriere: `Piesa ${ordine}`, um: 'buc', ordine, total: lineTotal(amounts), product_id: productId, ...amounts };
  };

  /** A company on the full plan; two of the owner's devices; a location; two parts, 5 of each in stock; a draft order consuming 2 + 1. */
  async function shop() {
    const { owner } = await shopWithMechanics(testApp(), operator(), 0);
    await entitle(owner);
    const a = await device(owner);
    const loc = String((await a.engine.create('stock_locations', { nume: 'Magazie', cod: null, activ: 1 })).id);
    const parts = [String((await a.engine.create('products', product('F-1'))).id), String((await a.engine.create('products', product('P-2'))).id)];
    for (const p of parts) {
      await a.engine.create('stock_movements', { tip: 'intrare', product_id: p, location_id: loc, cantitate: '5', data: '2026-12-01', transfer_id: null, doc_tip: null, doc_id: null, user_id: null, nota: null });
    }
    const order = String((await a.engine.create('orders', {
      data_comanda: '2026-12-06', status: 'DRAFT', nr_auto: 'CT 10 ABC', client_nume: 'Ion Ionescu', total_manopera: 0, total_materiale: 0, total_general: 0,
    })).id);
    await a.engine.write([material(order, parts[0] ?? '', '2', 0), material(order, parts[1] ?? '', '1', 1)].map((data) => ({ op: 'create', table: 'order_lines', data })));
    await a.engine.sync();
    const b = await device(owner);
    await b.engine.sync();
    return { owner, a, b, loc, parts, order };
  }

  /** The server's movements of an order and the stock of each product. */
  async function server(owner: Session, order: string, parts: string[]) {
    const tenantId = owner.tenant?.id ?? '';
    return withTenant(testApp().app.database, tenantId, async (tx) => {
      const moves = await tx.db.selectFrom('stock_movements').select(['id', 'tip', 'product_id', 'cantitate']).where('doc_id', '=', order).where('tenant_id', '=', tenantId).execute();
      const all = await tx.db.selectFrom('stock_movements').select(['product_id', 'cantitate']).where('tenant_id', '=', tenantId).execute();
      const stock = parts.map((p) => all.filter((m) => m.product_id === p).reduce((s, m) => s + Number(m.cantitate), 0));
      return { moves, stock };
    });
  }

  it('an order validated offline on two devices issues its parts once; reopened and validated again, once more', async () => {
    const { owner, a, b, loc, parts, order } = await shop();
    // Both devices validate the same draft offline.
    await setStatus(a, order, 'VALIDAT', loc);
    await setStatus(b, order, 'VALIDAT', loc);
    expect((await a.rows('stock_movements', 'doc_id = ?', [order])).length).toBe(2);
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    let s = await server(owner, order, parts);
    expect(s.moves.map((m) => [m.tip, Number(m.cantitate)]).sort()).toEqual([['iesire', -1], ['iesire', -2]]);
    expect(s.stock).toEqual([3, 4]);
    // The second device's copies of the same movements were taken as what they are: no change, nothing refused.
    expect(await b.db.all('SELECT rule FROM _sync_rejections')).toEqual([]);
    // Every device agrees with the server.
    for (const d of [a, b]) expect((await d.rows<{ id: string }>('stock_movements', 'doc_id = ?', [order])).map((m) => m.id).sort()).toEqual(s.moves.map((m) => m.id).sort());

    // A second validation of the same order (replayed, or pressed again) writes nothing.
    const before = (await a.rows('stock_movements')).length;
    await setStatus(a, order, 'VALIDAT', loc);
    expect((await a.rows('stock_movements')).length).toBe(before);

    // Reopened: the parts come back; validated again: they go out once more.
    await setStatus(a, order, 'DRAFT', loc);
    await a.engine.sync();
    expect((await server(owner, order, parts)).stock).toEqual([5, 5]);
    await b.engine.sync();
    await setStatus(b, order, 'VALIDAT', loc);
    await b.engine.sync();
    s = await server(owner, order, parts);
    expect(s.stock).toEqual([3, 4]);
    expect(s.moves.filter((m) => m.tip === 'iesire')).toHaveLength(4);
    expect(s.moves.filter((m) => m.tip === 'retur')).toHaveLength(2);
  });
});
