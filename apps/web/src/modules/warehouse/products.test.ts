import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, productsTable, stockLocationsTable, stockMovementsTable } from '@roaauto/shared';
import { emptyMovementForm, movementProblems, movementWrites, onlineMovements, signedQuantity, stockListQuery, stockVerdict } from './movements';
import { emptyProductForm, exactProductQuery, productListQuery, productProblems, productWrites, type ProductForm } from './products';

/** The product search runs on SQLite with the device's own tables and their search texts. */
let db: Database.Database;
let ids = 0;
const newId = () => `00000000-0000-7000-8000-${String(++ids).padStart(12, '0')}`;

function saveProduct(f: Partial<ProductForm>): string {
  const { id, ops } = productWrites({ ...emptyProductForm(), ...f }, { id: null, costRowId: null, withCosts: false }, newId);
  for (const op of ops) {
    if (op.op !== 'create') throw new Error('a new product is created');
    const row = { created_at: '2026-01-01', updated_at: '2026-01-01', ...op.data };
    const problem = productsTable.check?.({ row: row as never, previous: null, parent: null, deleting: false, clientId: 'x' });
    expect(problem).toBeNull();
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO products (${cols.join(', ')}, _search) VALUES (${cols.map((c) => `@${c}`).join(', ')}, @_search)`)
      .run({ ...row, _search: productsTable.search?.(row as never) ?? null });
  }
  return id;
}
const search = (text: string) => {
  const q = productListQuery(text);
  return db.prepare<unknown[], { id: string; stoc_milli: number | null }>(q.sql).all(...q.params).map((r) => r.id);
};

let tyre = '';
let filter = '';
beforeAll(() => {
  db = new Database(':memory:');
  for (const t of [productsTable, stockMovementsTable, stockLocationsTable]) for (const sql of localTableDdl(t)) db.exec(sql);
  tyre = saveProduct({ tip: 'anvelopa', cod: 'MIC-01', nume: 'Michelin Alpin 6', anv_dimensiune: '205/55r16 91H', anv_marca: 'Michelin', cod_bare: '5901234123457' });
  filter = saveProduct({ tip: 'piesa', cod: 'FU-205', nume: 'Filtru ulei Ștefan', um: 'buc' });
});
afterAll(() => db.close());

describe('product search', () => {
  it('finds a tyre by its size in any spelling, and the size is stored in its one form', () => {
    for (const text of ['2055516', '205/55 R16', '205/55r16', '205 55 16', '205/55']) expect(search(text), text).toContain(tyre);
    expect(search('2055517')).not.toContain(tyre);
    const row = db.prepare<[string], { anv_dimensiune: string; anv_cheie: string; anv_indice_sarcina: number }>('SELECT * FROM products WHERE id = ?').get(tyre);
    expect(row).toMatchObject({ anv_dimensiune: '205/55 R16', anv_cheie: '2055516', anv_indice_sarcina: 91 });
  });

  it('finds by code, barcode and name without diacritics, word by word', () => {
    expect(search('FU-205')).toEqual([filter]);
    expect(search('5901234123457')).toEqual([tyre]);
    expect(search('filtru stefan')).toEqual([filter]);
    expect(search('michelin alpin')).toEqual([tyre]);
    expect(search('nimic')).toEqual([]);
  });

  it('Enter on an exact barcode or code finds that one product', () => {
    const q = exactProductQuery(' 5901234123457 ');
    expect(db.prepare<unknown[], { id: string }>(q.sql).all(...q.params).map((r) => r.id)).toEqual([tyre]);
  });

  it('shows the stock at hand, the sum of the movements', () => {
    const ins = db.prepare(`INSERT INTO stock_movements (id, created_at, updated_at, tip, product_id, location_id, cantitate, data) VALUES (?, 'x', 'x', ?, ?, 'l1', ?, '2026-01-01')`);
    ins.run('m1', 'intrare', tyre, '4');
    ins.run('m2', 'iesire', tyre, '-1');
    const q = productListQuery('2055516');
    expect(db.prepare<unknown[], { stoc_milli: number }>(q.sql).get(...q.params)?.stoc_milli).toBe(3000);
  });

  it('refuses a mistyped EAN and a size that is none', () => {
    expect(productProblems({ ...emptyProductForm(), cod: 'x', nume: 'y', cod_bare: '5901234123458' }).cod_bare).toBe('warehouse.products.badBarcode');
    expect(productProblems({ ...emptyProductForm(), tip: 'anvelopa', cod: 'x', nume: 'y', anv_dimensiune: '999/99 R99' }).anv_dimensiune).toBe('warehouse.products.badSize');
    // The DOT is the tyre hotel's rule too: week 01–53 and the year.
    const dot = (anv_dot: string) => productProblems({ ...emptyProductForm(), tip: 'anvelopa', cod: 'x', nume: 'y', anv_dot }).anv_dot;
    expect(['5424', '0023', '231', '2319', '5324', ''].map(dot)).toEqual([...Array(3).fill('warehouse.products.badDot'), undefined, undefined, undefined]);
  });
});

describe('movement form', () => {
  const base = { ...emptyMovementForm('2026-11-20'), product_id: 'p', location_id: 'l', cantitate: '2' };
  it('signs the quantity by kind and writes a transfer as two rows, the destination naming the source', () => {
    expect(signedQuantity({ ...base, tip: 'iesire' })).toBe('-2');
    expect(signedQuantity({ ...base, tip: 'inventar', plus: false })).toBe('-2');
    const ops = movementWrites({ ...base, tip: 'transfer', to_location_id: 'l2' }, { userId: null, withCosts: true }, newId);
    expect(ops.map((o) => (o.op === 'create' ? [o.data.location_id, o.data.cantitate, o.data.transfer_id === (ops[0]?.op === 'create' ? ops[0].data.id : null)] : null)))
      .toEqual([['l', '-2', false], ['l2', '2', true]]);
    expect(movementProblems({ ...base, tip: 'transfer', to_location_id: 'l' }).to_location_id).toBe('warehouse.movements.pickOtherLocation');
  });
  it('writes a receipt\'s cost only for who sees costs', () => {
    expect(movementWrites({ ...base, cost: '12,50' }, { userId: null, withCosts: true }, newId).map((o) => o.table)).toEqual(['stock_movements', 'stock_movement_costs']);
    expect(movementWrites({ ...base, cost: '12,50' }, { userId: null, withCosts: false }, newId).map((o) => o.table)).toEqual(['stock_movements']);
  });
  it('warns or refuses by the policy, refusing only while online', () => {
    const issue = { ...base, tip: 'iesire' as const };
    expect(stockVerdict(issue, 2000n, 'refuse', true)).toBe('ok');
    expect(stockVerdict(issue, 1000n, 'refuse', true)).toBe('refuse');
    expect(stockVerdict(issue, 1000n, 'refuse', false)).toBe('warn');
    expect(stockVerdict(issue, 1000n, 'warn', true)).toBe('warn');
    expect(stockVerdict(issue, 1000n, 'allow', true)).toBe('ok');
  });
  it('lists stock per location with names, and the negative lines apart', () => {
    db.exec(`INSERT INTO stock_locations (id, created_at, updated_at, nume, activ) VALUES ('l1', 'x', 'x', 'Magazie', 1), ('l2', 'x', 'x', 'Dubă', 1)`);
    db.exec(`INSERT INTO stock_movements (id, created_at, updated_at, tip, product_id, location_id, cantitate, data) VALUES ('m9', 'x', 'x', 'iesire', '${filter}', 'l2', '-1.5', '2026-01-02')`);
    const run = (o: Parameters<typeof stockListQuery>[0]) => {
      const q = stockListQuery(o);
      return db.prepare<unknown[], { nume: string; locatie: string; cantitate_milli: number }>(q.sql).all(...q.params).map((r) => [r.nume, r.locatie, r.cantitate_milli]);
    };
    expect(run({ negative: true })).toEqual([['Filtru ulei Ștefan', 'Dubă', -1500]]);
    expect(run({ locationId: 'l1' })).toEqual([['Michelin Alpin 6', 'Magazie', 3000]]);
  });
});

describe('the online path', () => {
  it('sends the form rows with their cost, the destination naming the source', () => {
    const base = { ...emptyMovementForm('2026-11-20'), product_id: 'p', location_id: 'l', cantitate: '2', cost: '10' };
    expect(onlineMovements(movementWrites(base, { userId: 'u', withCosts: true }, newId))).toEqual([
      expect.objectContaining({ tip: 'intrare', cantitate: '2', cost_unitar: 1000, transfer_id: null }),
    ]);
    const moved = onlineMovements(movementWrites({ ...base, tip: 'transfer', to_location_id: 'l2' }, { userId: 'u', withCosts: true }, newId));
    expect(moved.map((m) => [m.location_id, m.cantitate, m.transfer_id === moved[0]?.id, 'cost_unitar' in m])).toEqual([['l', '-2', false, false], ['l2', '2', true, false]]);
  });
});
