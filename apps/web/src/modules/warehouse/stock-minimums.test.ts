import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, productsTable, stockLocationsTable, stockMinimumId, stockMinimumsTable, stockMovementsTable, type WriteOp } from '@roaauto/shared';
import { locationMinimumsSql, reorderCount, reorderList, reorderProductsSql, type LocationMinimum, type ReorderProduct } from './reorder';
import { minimumLocationsSql, minimumsFormOf, minimumsProblems, minimumsWrites, type MinimumLocation, type MinimumRow } from './stock-minimums';

/** Minimums per location: the product page's writes, and the reorder list over the device's own tables on SQLite. */
let db: Database.Database;
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const [shop, van, closed, pads, oil] = [id(1), id(2), id(3), id(10), id(11)];

function insert(table: string, row: Record<string, unknown>): void {
  const full = { created_at: '2026-01-01', updated_at: '2026-01-01', ...row };
  const cols = Object.keys(full);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(full);
}
let moves = 100;
const move = (product: string, location: string, cantitate: string) => insert('stock_movements', {
  id: id(++moves), tip: cantitate.startsWith('-') ? 'iesire' : 'intrare', product_id: product, location_id: location, cantitate, data: '2026-11-20',
});
function apply(ops: readonly WriteOp[]): void {
  for (const op of ops) {
    if (op.op === 'create') insert(op.table, op.data);
    else if (op.op === 'update') {
      const cols = Object.keys(op.patch);
      db.prepare(`UPDATE ${op.table} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...op.patch, id: op.id });
    } else throw new Error(`unexpected ${op.op}`);
  }
}
const rowsOf = (product: string) => db.prepare<[string], MinimumRow>('SELECT id, location_id, minim FROM stock_minimums WHERE product_id = ?').all(product);
const locationsOf = (product: string) => db.prepare<[string], MinimumLocation>(minimumLocationsSql).all(product);
const reorder = (location: string | null) => reorderList(
  db.prepare<[], ReorderProduct>(reorderProductsSql).all(), [], db.prepare<[], LocationMinimum>(locationMinimumsSql).all(), location,
);

beforeAll(() => {
  db = new Database(':memory:');
  for (const t of [productsTable, stockLocationsTable, stockMovementsTable, stockMinimumsTable]) for (const sql of localTableDdl(t)) db.exec(sql);
  insert('stock_locations', { id: shop, nume: 'Magazin', activ: 1 });
  insert('stock_locations', { id: van, nume: 'Dubă', activ: 1 });
  insert('stock_locations', { id: closed, nume: 'Vechi', activ: 0 });
  const product = { tip: 'piesa', um: 'buc', categorie_tva: 'S', cota_tva: '21', pret_vanzare: 100, activ: 1 };
  insert('products', { ...product, id: pads, cod: 'PL-1', nume: 'Plăcuțe frână', stoc_minim: null });
  insert('products', { ...product, id: oil, cod: 'UL-5', nume: 'Ulei 5W30', stoc_minim: '10' });
  move(pads, shop, '6');
  move(pads, van, '1');
  move(oil, shop, '4');
  move(oil, van, '5');
});
afterAll(() => db.close());

describe('minimums per location on the product page', () => {
  it('makes one row per product and location, with the same id on every device, and updates or empties it', () => {
    const form = minimumsFormOf(locationsOf(pads), rowsOf(pads));
    expect(Object.keys(form).sort()).toEqual([shop, van].sort());
    const first = minimumsWrites(pads, rowsOf(pads), { ...form, [van]: '3', [shop]: '2,5' });
    expect(first.map((o) => (o.op === 'create' ? [o.data.id, o.data.minim] : null))).toEqual(
      expect.arrayContaining([[stockMinimumId(pads, van), '3'], [stockMinimumId(pads, shop), '2.5']]),
    );
    apply(first);
    expect(minimumsWrites(pads, rowsOf(pads), minimumsFormOf(locationsOf(pads), rowsOf(pads)))).toEqual([]);
    const again = minimumsWrites(pads, rowsOf(pads), { [van]: '3.000', [shop]: '' });
    expect(again).toEqual([{ op: 'update', table: 'stock_minimums', id: stockMinimumId(pads, shop), patch: { minim: null } }]);
    apply(again);
    expect(rowsOf(pads).map((r) => [r.location_id, r.minim]).sort()).toEqual([[shop, null], [van, '3']].sort());
  });

  it('refuses a negative or unreadable minimum before writing', () => {
    expect(minimumsProblems({ [shop]: '-1', [van]: 'doi', [closed]: '' })).toEqual({ [shop]: 'warehouse.products.badNumber', [van]: 'warehouse.products.badNumber' });
    expect(minimumsWrites(pads, [], { [shop]: '-1' })).toEqual([]);
  });

  it('makes the pair\'s id from the two ids (a name-based UUID, alike on every device, different per pair), and the rule refuses moving or a negative minimum', () => {
    expect(stockMinimumId(pads, van)).toBe(stockMinimumId(pads, van));
    expect(stockMinimumId(pads, van)).not.toBe(stockMinimumId(pads, shop));
    // Pairs whose ids XOR to the same value still differ.
    expect(stockMinimumId(pads, closed)).not.toBe(stockMinimumId(oil, van));
    expect(stockMinimumId(pads, van)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const row = { id: stockMinimumId(pads, van), product_id: pads, location_id: van, minim: '3' };
    const check = (r: typeof row, previous: typeof row | null) => stockMinimumsTable.check?.({
      row: r as never, previous: previous as never, parent: { id: pads, deleted_at: null }, deleting: false, clientId: 'x',
    }) ?? null;
    expect(check(row, null)).toBeNull();
    expect(check({ ...row, minim: '-0.001' }, null)?.code).toBe('warehouse.minimum_negative');
    expect(check({ ...row, location_id: shop }, row)?.code).toBe('warehouse.minimum_moved');
  });
});

describe('the reorder list with minimums per location', () => {
  it('over all locations: the larger of the product\'s shortfall and the sum of its locations\' shortfalls', () => {
    // Pads: no own minimum; the van (1) is 2 under its 3, the shop has no minimum left. Oil: 9 of 10 over all.
    const lines = reorder(null).flatMap((g) => g.lines).map((l) => [l.cod, l.stock, l.minimum, l.toOrder, l.locations.map((s) => [s.name, s.stock, s.minimum])]);
    expect(lines).toEqual([['PL-1', '7', '3', '2', [['Dubă', '1', '3']]], ['UL-5', '9', '10', '1', []]]);
    // The van's minimum for oil is 8: 3 short there, more than the 1 short over all.
    apply([{ op: 'create', table: 'stock_minimums', data: { id: stockMinimumId(oil, van), product_id: oil, location_id: van, minim: '8' } }]);
    expect(reorder(null).flatMap((g) => g.lines).find((l) => l.cod === 'UL-5')?.toOrder).toBe('3');
  });

  it('for one location: only that location\'s minimums against its stock', () => {
    expect(reorder(van).flatMap((g) => g.lines).map((l) => [l.cod, l.stock, l.minimum, l.toOrder])).toEqual([['PL-1', '1', '3', '2'], ['UL-5', '5', '8', '3']]);
    // The shop has no minimum left for either (oil's own minimum is over all locations).
    expect(reorder(shop)).toEqual([]);
  });

  it('counts each product under a minimum once on the home card, and ignores inactive locations', () => {
    const products = db.prepare<[], ReorderProduct>(reorderProductsSql).all();
    const minimums = db.prepare<[], LocationMinimum>(locationMinimumsSql).all();
    expect(reorderCount(products, minimums)).toBe(reorder(null).reduce((n, g) => n + g.lines.length, 0));
    expect(reorderCount(products, minimums)).toBe(2);
    apply([{ op: 'create', table: 'stock_minimums', data: { id: stockMinimumId(pads, closed), product_id: pads, location_id: closed, minim: '50' } }]);
    expect(db.prepare<[], LocationMinimum>(locationMinimumsSql).all().some((m) => m.location_id === closed)).toBe(false);
  });
});
