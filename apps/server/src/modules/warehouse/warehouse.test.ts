import { describe, expect, it } from 'vitest';
import { newId, stockMinimumId } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { bearer } from '../../test/sessions';
import { shopWithMechanics } from '../../test/shop';
import { testEngine } from '../../test/test-db';
import { warehouseTestApp } from './test-support';

describe(`the warehouse on ${testEngine()}`, () => {
  const { testApp, operator, device, entitle, push, stock } = warehouseTestApp();

  const product = (patch: Record<string, unknown> = {}) => ({
    tip: 'anvelopa', cod: 'MICH-2055516', nume: 'Michelin Primacy 4', um: 'buc', categorie_tva: 'S', cota_tva: '21', pret_vanzare: 45_000,
    cod_bare: '5901234123457', anv_dimensiune: '205/55 R16', anv_cheie: '2055516', anv_indice_sarcina: 91, anv_indice_viteza: 'V', anv_sezon: 'vara',
    anv_marca: 'Michelin', anv_dot: '2324', stoc_minim: '4', activ: 1, ...patch,
  });
  const movement = (productId: string, locationId: string, tip: string, cantitate: string, patch: Record<string, unknown> = {}) => ({
    tip, product_id: productId, location_id: locationId, cantitate, data: '2026-11-20', transfer_id: null, doc_tip: null, doc_id: null, user_id: null, nota: null, ...patch,
  });

  /** A company on the full plan with an owner, a mechanic, a location, a tyre, 1 in stock at 300.00 lei. */
  async function shop() {
    const { owner, mechanics } = await shopWithMechanics(testApp(), operator(), 1);
    await entitle(owner);
    const mechanic = mechanics[0] as Session;
    const a = await device(owner);
    const loc = await a.engine.create('stock_locations', { nume: 'Magazie', cod: null, activ: 1 });
    const tyre = await a.engine.create('products', product());
    await a.engine.create('product_costs', { product_id: tyre.id, pret_achizitie: 30_000 });
    const receipt = await a.engine.create('stock_movements', movement(String(tyre.id), String(loc.id), 'intrare', '1'));
    await a.engine.create('stock_movement_costs', { movement_id: receipt.id, cost_unitar: 30_000 });
    await a.engine.sync();
    return { owner, mechanic, a, loc: String(loc.id), tyre: String(tyre.id), receipt: String(receipt.id) };
  }
  it('a mechanic reads the products and the stock but no purchase price or cost, and cannot write the ledger', async () => {
    const { mechanic, loc, tyre } = await shop();
    const phone = await device(mechanic);
    await phone.engine.sync();
    expect((await phone.rows('products')).map((r) => r.id)).toEqual([tyre]);
    expect((await phone.rows('stock_movements')).length).toBe(1);
    expect(await phone.rows('product_costs')).toEqual([]);
    expect(await phone.rows('stock_movement_costs')).toEqual([]);
    const raw = await testApp().app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${phone.clientId}&cursor=0`, headers: bearer(mechanic) });
    const tables = new Set(raw.json<{ changes: { table: string }[] }>().changes.map((c) => c.table));
    expect(tables.has('product_costs') || tables.has('stock_movement_costs')).toBe(false);
    expect(tables.has('products')).toBe(true);
    expect(await stock(mechanic, tyre)).toEqual([{ productId: tyre, locationId: loc, cantitate: '1', negativ: false }]);

    const results = await push(mechanic, [
      { table: 'stock_movements', op: 'upsert', rowId: newId(), data: movement(tyre, loc, 'iesire', '-1') },
      { table: 'products', op: 'upsert', rowId: newId(), data: product({ cod: 'X' }) },
    ]);
    expect(results.map((r) => r.code)).toEqual(['forbidden', 'forbidden']);
    const api = await testApp().app.inject({ method: 'POST', url: '/api/warehouse/movements', headers: bearer(mechanic), payload: { movements: [movement(tyre, loc, 'iesire', '-1', { user_id: undefined })] } });
    expect(api.statusCode).toBe(403);
  });

  it('never changes or deletes a movement: a correction is another movement', async () => {
    const { owner, receipt, tyre, loc } = await shop();
    const results = await push(owner, [
      { table: 'stock_movements', op: 'upsert', rowId: receipt, data: { cantitate: '5' } },
      { table: 'stock_movements', op: 'delete', rowId: receipt },
      { table: 'stock_movements', op: 'upsert', rowId: newId(), data: movement(tyre, loc, 'iesire', '2') },
      { table: 'stock_movements', op: 'upsert', rowId: newId(), data: movement(tyre, loc, 'transfer', '1') },
      { table: 'stock_movements', op: 'upsert', rowId: newId(), data: movement(tyre, loc, 'inventar', '2') },
    ]);
    expect(results.map((r) => r.rule ?? r.status)).toEqual([
      'warehouse.movement_immutable', 'warehouse.movement_immutable', 'warehouse.movement_sign', 'warehouse.transfer_pair', 'applied',
    ]);
    expect(await stock(owner, tyre)).toEqual([{ productId: tyre, locationId: loc, cantitate: '3', negativ: false }]);
  });

  it('refuses a bad barcode, a tyre size that does not match its key, and a DOT whose week is not one', async () => {
    const { owner } = await shop();
    const kept = newId();
    const results = await push(owner, [
      { table: 'products', op: 'upsert', rowId: newId(), data: product({ cod_bare: '5901234123458' }) },
      { table: 'products', op: 'upsert', rowId: newId(), data: product({ anv_cheie: '2055517' }) },
      { table: 'products', op: 'upsert', rowId: newId(), data: product({ anv_dot: '5424' }) },
      { table: 'products', op: 'upsert', rowId: kept, data: product({ cod_bare: 'PIESA-128/A' }) },
      { table: 'products', op: 'upsert', rowId: kept, data: { anv_dot: '0024' } },
      { table: 'products', op: 'upsert', rowId: kept, data: { anv_dot: '5324' } },
    ]);
    expect(results.map((r) => r.rule ?? r.status)).toEqual(['warehouse.barcode', 'warehouse.tyre_size', 'warehouse.dot', 'applied', 'warehouse.dot', 'applied']);
  });

  it('two offline devices that each take the last tyre both keep it: stock −1, flagged, nothing lost', async () => {
    const { owner, a, loc, tyre } = await shop();
    await a.engine.create('warehouse_settings', { stoc_negativ: 'refuse', evaluare: 'fifo' });
    await a.engine.sync();
    const b = await device(owner);
    await b.engine.sync();
    await a.engine.create('stock_movements', movement(tyre, loc, 'iesire', '-1'));
    await b.engine.create('stock_movements', movement(tyre, loc, 'iesire', '-1'));
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    expect(await stock(owner, tyre)).toEqual([{ productId: tyre, locationId: loc, cantitate: '-1', negativ: true }]);
    expect((await a.rows('stock_movements')).length).toBe(3);
    expect((await b.rows('stock_movements')).length).toBe(3);
  });

  it('the online route enforces the "refuse" policy with the stock it sees, and records costs only for who reads them', async () => {
    const { owner, a, loc, tyre } = await shop();
    const post = (movements: Record<string, unknown>[]) => testApp().app.inject({
      method: 'POST', url: '/api/warehouse/movements', headers: bearer(owner), payload: { movements: movements.map(({ user_id: _, ...m }) => m) },
    });
    // Default policy (warn): an issue beyond the stock is recorded.
    expect((await post([movement(tyre, loc, 'iesire', '-2')])).statusCode).toBe(201);
    expect((await stock(owner, tyre))[0]?.cantitate).toBe('-1');
    await a.engine.create('warehouse_settings', { stoc_negativ: 'refuse', evaluare: 'cmp' });
    await a.engine.sync();
    expect((await post([movement(tyre, loc, 'intrare', '3', { cost_unitar: 31_000 })])).statusCode).toBe(201);
    const refused = await post([movement(tyre, loc, 'iesire', '-3')]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { rule: string; params: Record<string, string> } }>().error).toMatchObject({ rule: 'warehouse.negative_stock', params: { stock: '2', quantity: '3' } });
    expect((await post([movement(tyre, loc, 'iesire', '-2')])).statusCode).toBe(201);
    expect((await stock(owner, tyre))[0]?.cantitate).toBe('0');
    // A transfer is two rows sharing its id; the destination gets what the source gave.
    const other = await a.engine.create('stock_locations', { nume: 'Dubă', cod: null, activ: 1 });
    await a.engine.sync();
    const transfer = newId();
    const moved = await post([movement(tyre, loc, 'transfer', '-1', { id: transfer }), movement(tyre, String(other.id), 'transfer', '1', { transfer_id: transfer })]);
    expect(moved.statusCode).toBe(400);
    expect(moved.json<{ error: { rule: string } }>().error.rule).toBe('warehouse.negative_stock');
    await a.engine.sync();
    const costs = await a.rows<{ cost_unitar: number }>('stock_movement_costs');
    expect(costs.map((c) => c.cost_unitar).sort()).toEqual([30_000, 31_000]);
  });

  it('answers 402 while the module is off, and refuses its rows in a push', async () => {
    const { owner, loc, tyre } = await shop();
    await entitle(owner, { warehouse: false });
    expect((await testApp().app.inject({ method: 'GET', url: `/api/warehouse/stock?productId=${tyre}`, headers: bearer(owner) })).statusCode).toBe(402);
    const api = await testApp().app.inject({ method: 'POST', url: '/api/warehouse/movements', headers: bearer(owner), payload: { movements: [movement(tyre, loc, 'intrare', '1')] } });
    expect(api.statusCode).toBe(402);
    const results = await push(owner, [{ table: 'stock_movements', op: 'upsert', rowId: newId(), data: movement(tyre, loc, 'intrare', '1') }]);
    expect(results[0]?.code).toBe('module_not_entitled');
  });

  it('keeps one minimum per product and location: two offline devices write one row, a second row for the pair is refused', async () => {
    const { owner, mechanic, a, loc, tyre } = await shop();
    const b = await device(owner);
    await b.engine.sync();
    const id = stockMinimumId(tyre, loc);
    await a.engine.create('stock_minimums', { id, product_id: tyre, location_id: loc, minim: '4' });
    await b.engine.create('stock_minimums', { id, product_id: tyre, location_id: loc, minim: '6' });
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    expect(await b.engine.rejections()).toEqual([]);
    const rowsA = await a.rows<{ id: string; minim: string }>('stock_minimums');
    const rowsB = await b.rows<{ id: string; minim: string }>('stock_minimums');
    expect(rowsA.map((r) => [r.id, r.minim])).toEqual([[id, '6']]);
    expect(rowsB.map((r) => [r.id, r.minim])).toEqual([[id, '6']]);

    const otherLoc = await a.engine.create('stock_locations', { nume: 'Dubă', cod: null, activ: 1 });
    await a.engine.sync();
    const results = await push(owner, [
      { table: 'stock_minimums', op: 'upsert', rowId: newId(), data: { product_id: tyre, location_id: loc, minim: '2' } },
      { table: 'stock_minimums', op: 'upsert', rowId: stockMinimumId(tyre, String(otherLoc.id)), data: { product_id: tyre, location_id: String(otherLoc.id), minim: '-1' } },
      { table: 'stock_minimums', op: 'upsert', rowId: id, data: { location_id: String(otherLoc.id) } },
      { table: 'stock_minimums', op: 'upsert', rowId: id, data: { minim: null } },
    ]);
    expect(results.map((r) => r.rule ?? r.code ?? r.status)).toEqual(['conflict', 'warehouse.minimum_negative', 'warehouse.minimum_moved', 'applied']);
    const byMechanic = await push(mechanic, [{ table: 'stock_minimums', op: 'upsert', rowId: id, data: { minim: '1' } }]);
    expect(byMechanic.map((r) => r.code)).toEqual(['forbidden']);
  });
});
