import { describe, expect, it } from 'vitest';
import { deliveryNoteOps, newId, offlineWarehouseSeriesName, stockReceiptLineAmounts, stockReceiptOps, stockReceiptTotals, type StockReceiptInput } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { bearer } from '../../test/sessions';
import { shopWithMechanics } from '../../test/shop';
import { testEngine } from '../../test/test-db';
import { partRow, warehouseTestApp } from './test-support';

describe(`the warehouse's NIR and delivery notes on ${testEngine()}`, () => {
  const { testApp, operator, device, entitle, push, stock: stockRows } = warehouseTestApp();
  const stock = async (s: Session, productId: string) => (await stockRows(s, productId)).map((r): [string, string] => [r.locationId, r.cantitate]);

  /** A company with an owner's device holding a NIR series and an aviz series, two locations and a product. */
  async function shop() {
    const { owner, mechanics } = await shopWithMechanics(testApp(), operator(), 1);
    await entitle(owner);
    const a = await device(owner);
    const loc = String((await a.engine.create('stock_locations', { nume: 'Magazie', cod: null, activ: 1 })).id);
    const van = String((await a.engine.create('stock_locations', { nume: 'Dubă', cod: null, activ: 1 })).id);
    const product = String((await a.engine.create('products', partRow('FU-01', { nume: 'Filtru ulei', pret_vanzare: 5_000 }))).id);
    const series = (tip: string, serie: string) => ({ tip_document: tip, serie, numar_start: 1, ultimul_numar: 0, client_id: a.clientId, descriere: null, activa: 1 });
    const nir = await a.engine.create('warehouse_series', series('nir', 'NIR'));
    const aviz = await a.engine.create('warehouse_series', series('aviz', 'AV'));
    await a.engine.sync();
    return { owner, mechanic: mechanics[0] as Session, a, loc, van, product, nirSeries: String(nir.id), avizSeries: String(aviz.id) };
  }

  function receiptInput(seriesId: string, ultimul: number, loc: string, product: string, receivedInvoiceId: string | null = null, serie = 'NIR'): StockReceiptInput {
    return {
      series: { id: seriesId, serie, ultimul_numar: ultimul }, userId: null, data: '2026-12-01',
      unitate: { nume: 'Service Test SRL', cui: 'RO14399840', adresa: null }, gestiune: { id: loc, nume: 'Magazie' },
      furnizor: { nume: 'Piese Auto SRL', cui: 'RO18547290' }, factura: { numar: 'PA 100', data: '2026-11-30' }, facturaPrimitaId: receivedInvoiceId,
      linii: [{ productId: product, cod: 'FU-01', codFurnizor: 'PA-FU', denumire: 'Filtru ulei', um: 'buc', cantitateDocument: '5', cantitate: '5', pretUnitar: 2_000.5, cotaTva: '21', rememberCode: true }],
      comisie: ['Ion Popescu'], observatii: null, emitent: null,
    };
  }

  it('a NIR issued on a device raises the stock with costed receipts naming it; a mechanic reads neither it nor can issue one', async () => {
    const { owner, mechanic, a, loc, product, nirSeries } = await shop();
    const { ops, receiptId } = stockReceiptOps(receiptInput(nirSeries, 0, loc, product));
    await a.engine.write(ops);
    await a.engine.sync();
    expect(await stock(owner, product)).toEqual([[loc, '5']]);
    // What the server holds: a second device of the owner pulls it.
    const b = await device(owner);
    await b.engine.sync();
    const movements = await b.rows<{ id: string; doc_tip: string; doc_id: string; cantitate: string }>('stock_movements', 'product_id = ?', [product]);
    expect(movements.map((m) => [m.doc_tip, m.doc_id, m.cantitate])).toEqual([['nir', receiptId, '5']]);
    const costs = await b.rows<{ cost_unitar: number }>('stock_movement_costs', 'movement_id = ?', [movements[0]?.id ?? '']);
    expect(costs.map((c) => c.cost_unitar)).toEqual([2001]);
    const codes = await b.rows<{ cod: string; furnizor_cui: string }>('product_supplier_codes', 'product_id = ?', [product]);
    expect(codes.map((c) => ({ cod: c.cod, furnizor_cui: c.furnizor_cui }))).toEqual([{ cod: 'PA-FU', furnizor_cui: 'RO18547290' }]);
    const [row] = await b.rows<{ numar: number; total: number }>('stock_receipts', 'id = ?', [receiptId]);
    const amounts = stockReceiptLineAmounts({ cantitate: '5', pretUnitar: 2_000.5, cotaTva: '21' });
    expect([row?.numar, row?.total]).toEqual([1, stockReceiptTotals([amounts]).total]);

    const phone = await device(mechanic);
    await phone.engine.sync();
    expect(await phone.rows('stock_receipts')).toEqual([]);
    expect((await phone.rows('warehouse_series')).length).toBe(2);
    const doc = stockReceiptOps(receiptInput(nirSeries, 1, loc, product));
    const results = await push(mechanic, doc.ops.filter((o) => o.op === 'create' && o.table === 'stock_receipts').map((o) => ({ table: 'stock_receipts', op: 'upsert', rowId: newId(), data: o.op === 'create' ? o.data : {} })));
    expect(results.map((r) => r.code)).toEqual(['forbidden']);
  });

  it('numbers on push: only the holding device, only the next number, a number once, one NIR per received invoice', async () => {
    const { owner, loc, product } = await shop();
    const clientId = newId();
    const seriesId = newId();
    const invoiceId = newId();
    const nirRow = (numar: number, received: string | null, serie = 'NX') => {
      const built = stockReceiptOps(receiptInput(seriesId, numar - 1, loc, product, received, serie));
      const create = built.ops.find((o) => o.op === 'create' && o.table === 'stock_receipts');
      const data: Record<string, unknown> = create?.op === 'create' ? { ...create.data, id: undefined } : {};
      return { table: 'stock_receipts', op: 'upsert', rowId: newId(), data };
    };
    const bump = (n: number) => ({ table: 'warehouse_series', op: 'upsert', rowId: seriesId, data: { ultimul_numar: n } });
    const results = await push(owner, [
      { table: 'warehouse_series', op: 'upsert', rowId: seriesId, data: { tip_document: 'nir', serie: 'NX', numar_start: 1, ultimul_numar: 0, client_id: clientId, descriere: null, activa: 1 } },
      bump(1), nirRow(1, invoiceId), bump(3), nirRow(2, null, 'NY'),
    ], clientId);
    expect(results.map((r) => r.rule ?? r.code ?? r.status)).toEqual(['applied', 'applied', 'applied', 'warehouse_series.numbers_consecutive', 'warehouse.doc_series_name']);

    const again = await push(owner, [bump(2), nirRow(3, null), nirRow(2, invoiceId)], clientId, 6);
    expect(again.map((r) => r.rule ?? r.code ?? r.status)).toEqual(['applied', 'warehouse.doc_next_number', 'conflict']);
    const otherDevice = await push(owner, [bump(3)], newId());
    expect(otherDevice.map((r) => r.rule ?? r.code)).toEqual(['warehouse_series.held_by_other']);
    const b = await device(owner);
    await b.engine.sync();
    expect((await b.rows('stock_receipts', 'serie_id = ?', [seriesId])).length).toBe(1);
  });

  it('a NIR refused on push takes its movements and their costs with it: no stray stock (number taken, one NIR per invoice)', async () => {
    const { owner, a, loc, product, nirSeries } = await shop();
    const invoiceId = newId();
    await a.engine.write(stockReceiptOps(receiptInput(nirSeries, 0, loc, product, invoiceId)).ops);
    await a.engine.sync();
    expect(await stock(owner, product)).toEqual([[loc, '5']]);

    // A second NIR of the same received invoice, from another device: its number is fine, its invoice is taken.
    const b = await device(owner);
    await b.engine.sync();
    const bSeries = String((await b.engine.create('warehouse_series', {
      tip_document: 'nir', serie: 'NB', numar_start: 1, ultimul_numar: 0, client_id: b.clientId, descriere: null, activa: 1,
    })).id);
    const second = stockReceiptOps({ ...receiptInput(bSeries, 0, loc, product, invoiceId, 'NB') });
    await b.engine.write(second.ops);
    // And a NIR in the first device's series pushed by another client: refused by the series' rule.
    const taken = stockReceiptOps(receiptInput(nirSeries, 0, loc, product));
    const raw = taken.ops.flatMap((o) => (o.op === 'create' && ['stock_receipts', 'stock_movements', 'stock_movement_costs'].includes(o.table)
      ? [{ table: o.table, op: 'upsert', rowId: typeof o.data.id === 'string' ? o.data.id : newId(), data: { ...o.data, id: undefined } }] : []));
    const rawResults = await push(owner, raw);
    expect(rawResults.map((r) => r.status)).toEqual(raw.map(() => 'rejected'));
    expect(rawResults.map((r) => r.rule)).toEqual(raw.map((m, i) => (m.table === 'stock_receipts' ? rawResults[i]?.rule : 'warehouse.movement_document')));
    expect(rawResults[0]?.rule).toMatch(/^warehouse/);
    await b.engine.sync();
    expect(await stock(owner, product)).toEqual([[loc, '5']]);
    const rejected = await b.rows<{ table_name: string; code: string; rule: string | null }>('_sync_rejections');
    expect(new Set(rejected.map((r) => `${r.table_name}:${r.rule ?? r.code}`))).toEqual(new Set([
      'stock_receipts:conflict', 'stock_movements:warehouse.movement_document', 'stock_movement_costs:warehouse.movement_document',
    ]));
    // The device dropped them like any refused change: its own copy of the ledger is the server's.
    const local = await b.rows<{ doc_id: string }>('stock_movements', 'product_id = ?', [product]);
    expect(local.map((m) => m.doc_id)).not.toContain(second.receiptId);
    expect(await b.rows('stock_receipts', 'id = ?', [second.receiptId])).toEqual([]);
  }, 30_000);

  it('refuses movements naming a document that does not exist, and a transfer pair with them, but not one naming a stored document', async () => {
    const { owner, a, loc, van, product, avizSeries } = await shop();
    const ghost = newId();
    const out = newId();
    const move = (id: string, patch: object) => ({
      table: 'stock_movements', op: 'upsert', rowId: id,
      data: { tip: 'transfer', product_id: product, location_id: loc, cantitate: '-1', data: '2026-12-02', transfer_id: null, doc_tip: 'aviz', doc_id: ghost, user_id: null, nota: null, ...patch },
    });
    const results = await push(owner, [
      move(out, {}), move(newId(), { location_id: van, cantitate: '1', transfer_id: out }),
      move(newId(), { tip: 'iesire', doc_tip: 'altceva', doc_id: 'X-1' }),
    ]);
    expect(results.map((r) => r.rule ?? r.status)).toEqual(['warehouse.movement_document', 'warehouse.movement_document', 'applied']);
    const base = { userId: null, data: '2026-12-02', unitate: { nume: 'Service Test SRL', cui: null, adresa: null }, din: { id: loc, nume: 'Magazie' },
      linii: [{ productId: product, cod: 'FU-01', denumire: 'Filtru ulei', um: 'buc', cantitate: '1' }], delegat: null, mijlocTransport: null, mentiuni: null, emitent: null };
    const note = deliveryNoteOps({ ...base, series: { id: avizSeries, serie: 'AV', ultimul_numar: 0 }, catre: { tip: 'destinatar', nume: 'Flota SA', cui: null, adresa: 'Cluj' } });
    await a.engine.write(note.ops.filter((o) => o.table !== 'stock_movements'));
    await a.engine.sync();
    // The note is stored: a movement naming it later (another push) lands.
    const later = await push(owner, [move(newId(), { tip: 'iesire', doc_id: note.noteId })]);
    expect(later.map((r) => r.rule ?? r.status)).toEqual(['applied']);
  });

  it('series: the server names one per device (NIR, NIR2), gives it again on asking again; offline ones named after the device never collide', async () => {
    const { owner, mechanic, a } = await shop();
    const ask = (s: Session, tipDocument: string, clientId: string) => testApp().app.inject({
      method: 'POST', url: '/api/warehouse/series', headers: bearer(s), payload: { tipDocument, clientId },
    });
    // Device a already holds NIR (made in `shop`): it gets it back, nothing new.
    const again = await ask(owner, 'nir', a.clientId);
    expect([again.statusCode, again.json<{ created: boolean; series: { serie: string } }>().series.serie]).toEqual([200, 'NIR']);
    const b = await device(owner);
    const c = await device(owner);
    const forB = await ask(owner, 'nir', b.clientId);
    const forC = await ask(owner, 'nir', c.clientId);
    const avizB = await ask(owner, 'aviz', b.clientId);
    expect([forB.statusCode, forC.statusCode, avizB.statusCode]).toEqual([201, 201, 201]);
    const names = [forB, forC, avizB].map((r) => r.json<{ series: { serie: string; client_id: string } }>().series);
    expect(names).toEqual([{ ...names[0], serie: 'NIR2', client_id: b.clientId }, { ...names[1], serie: 'NIR3', client_id: c.clientId }, { ...names[2], serie: 'AV2', client_id: b.clientId }]);
    await b.engine.sync();
    expect((await b.rows<{ serie: string }>('warehouse_series', 'client_id = ?', [b.clientId])).map((r) => r.serie).sort()).toEqual(['AV2', 'NIR2']);
    // Another user's device, a role without warehouse.write: refused.
    // A push (even one refused) makes the phone's client id the mechanic's.
    const phone = newId();
    await push(mechanic, [{ table: 'products', op: 'upsert', rowId: newId(), data: partRow('M-1') }], phone);
    expect((await ask(owner, 'nir', phone)).statusCode).toBe(403);
    expect((await ask(mechanic, 'nir', newId())).statusCode).toBe(403);

    // Offline, two new devices each make their own series: the names differ, both land.
    const d = await device(owner);
    const e = await device(owner);
    for (const x of [d, e]) {
      await x.engine.create('warehouse_series', {
        tip_document: 'nir', serie: offlineWarehouseSeriesName('nir', x.clientId), numar_start: 1, ultimul_numar: 0, client_id: x.clientId, descriere: null, activa: 1,
      });
    }
    await d.engine.sync();
    await e.engine.sync();
    expect((await d.engine.rejections()).length + (await e.engine.rejections()).length).toBe(0);
  }, 30_000);

  it('a delivery note to the van moves the stock there; to a customer, out', async () => {
    const { owner, a, loc, van, product, nirSeries, avizSeries } = await shop();
    await a.engine.write(stockReceiptOps(receiptInput(nirSeries, 0, loc, product)).ops);
    const base = { userId: null, data: '2026-12-02', unitate: { nume: 'Service Test SRL', cui: null, adresa: null }, din: { id: loc, nume: 'Magazie' },
      linii: [{ productId: product, cod: 'FU-01', denumire: 'Filtru ulei', um: 'buc', cantitate: '2' }], delegat: null, mijlocTransport: null, mentiuni: null, emitent: null };
    await a.engine.write(deliveryNoteOps({ ...base, series: { id: avizSeries, serie: 'AV', ultimul_numar: 0 }, catre: { tip: 'gestiune', id: van, nume: 'Dubă' } }).ops);
    await a.engine.write(deliveryNoteOps({ ...base, series: { id: avizSeries, serie: 'AV', ultimul_numar: 1 }, catre: { tip: 'destinatar', nume: 'Flota SA', cui: null, adresa: 'Cluj' } }).ops);
    await a.engine.sync();
    expect(new Map((await stock(owner, product)).map(([l, q]) => [l, q]))).toEqual(new Map([[loc, '1'], [van, '2']]));
    const b = await device(owner);
    await b.engine.sync();
    const notes = await b.rows<{ numar: number }>('delivery_notes');
    expect(notes.map((n) => n.numar).sort()).toEqual([1, 2]);
  });

  it('refuses its documents in a push while the module is off', async () => {
    const { owner, loc, product, nirSeries } = await shop();
    await entitle(owner, { warehouse: false });
    expect((await testApp().app.inject({ method: 'GET', url: `/api/warehouse/stock?productId=${product}`, headers: bearer(owner) })).statusCode).toBe(402);
    const built = stockReceiptOps(receiptInput(nirSeries, 0, loc, product));
    const create = built.ops.find((o) => o.op === 'create' && o.table === 'stock_receipts');
    const results = await push(owner, [{ table: 'stock_receipts', op: 'upsert', rowId: newId(), data: create?.op === 'create' ? create.data : {} }]);
    expect(results[0]).toMatchObject({ code: 'module_not_entitled' });
  });
});
