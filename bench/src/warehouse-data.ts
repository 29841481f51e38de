import {
  exactProductQuery, localTableDdl, productListQuery, productsTable, stockCountLinesTable, stockLocationsTable, stockMovementsTable, stockSql, tyreSetsTable,
  tyreSetWheelsTable,
} from '@roaauto/shared';

/**
 * The warehouse at a shop's full size, as the device's database holds it: 20,000 products (half tyres),
 * 200,000 movements over 5 locations in 2026, 2,000 tyre sets with 4 wheels each, in the device's own
 * tables, indexes and search texts (`localTableDdl`), and the pages' own queries. One generator for the
 * Node bench (better-sqlite3) and the browser bench (wa-sqlite on OPFS), so both time the same data.
 */
/** `BENCH_SCALE=0.1` runs a tenth of it (a quick check of the bench itself). */
const scale = Number(process.env.BENCH_SCALE ?? 1);
export const PRODUCTS = Math.round(20_000 * scale);
export const MOVEMENTS = Math.round(200_000 * scale);
export const SETS = Math.round(2_000 * scale);
export const LOCATIONS = 5;

export type SqlParam = string | number | null;
export type InsertBatch = { sql: string; rows: SqlParam[][] };
/** One query the pages run; `params` is a list when the case is several queries (each keystroke of a word). */
export type QueryCase = { name: string; sql: string; params: SqlParam[] }[];

export const uuid = (kind: number, n: number) => `0000000${kind}-0000-7000-8000-${String(n).padStart(12, '0')}`;

export const warehouseDdl = (): string[] =>
  [productsTable, stockLocationsTable, stockMovementsTable, stockCountLinesTable, tyreSetsTable, tyreSetWheelsTable].flatMap((t) => localTableDdl(t));

const brands = ['Michelin', 'Continental', 'Bridgestone', 'Nokian', 'Pirelli', 'Goodyear', 'Hankook', 'Dunlop'];
const parts = ['Filtru ulei', 'Filtru aer', 'Plăcuțe frână', 'Disc frână', 'Bujie', 'Amortizor', 'Curea distribuție', 'Bec H7', 'Ștergător'];
const widths = [175, 185, 195, 205, 215, 225, 235, 245];
const ratios = [45, 50, 55, 60, 65];
const rims = [14, 15, 16, 17, 18];
const seasons = ['vara', 'iarna', 'all_season'] as const;

/** The rows, in insert batches (one prepared statement each), made from a fixed seed. */
export function warehouseRows(): { batches: InsertBatch[]; productIds: string[] } {
  let seed = 20;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const now = '2026-01-01T00:00:00.000Z';

  const locations: SqlParam[][] = Array.from({ length: LOCATIONS }, (_, l) => [uuid(2, l), now, now, `Gestiune ${l}`]);
  const products: SqlParam[][] = [];
  const productIds: string[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const tyre = i % 2 === 0;
    const w = pick(widths);
    const r = pick(ratios);
    const rim = pick(rims);
    const brand = pick(brands);
    const row = {
      id: uuid(1, i), tip: tyre ? 'anvelopa' : 'piesa', cod: `${tyre ? 'A' : 'P'}-${String(i).padStart(6, '0')}`,
      nume: tyre ? `${brand} ${w}/${r} R${rim}` : `${pick(parts)} ${brand} ${i}`, cod_bare: String(5_900_000_000_000 + i),
      anv_dimensiune: tyre ? `${w}/${r} R${rim}` : null, anv_cheie: tyre ? `${w}${r}${rim}` : null, anv_sezon: tyre ? pick(seasons) : null,
      anv_marca: tyre ? brand : null,
    };
    const search = productsTable.search?.({ ...row, created_at: now, updated_at: now } as never) ?? null;
    products.push([row.id, now, now, row.tip, row.cod, row.nume, row.cod_bare, row.anv_dimensiune, row.anv_cheie, row.anv_sezon, row.anv_marca, search]);
    productIds.push(row.id);
  }
  const movements: SqlParam[][] = [];
  for (let i = 0; i < MOVEMENTS; i++) {
    const day = Math.floor((i / MOVEMENTS) * 365);
    const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString();
    const inbound = random() < 0.45;
    const q = String(1 + Math.floor(random() * 4));
    movements.push([uuid(3, i), date, date, inbound ? 'intrare' : 'iesire', pick(productIds), uuid(2, Math.floor(random() * LOCATIONS)), inbound ? q : `-${q}`, date.slice(0, 10)]);
  }
  const sets: SqlParam[][] = [];
  const wheels: SqlParam[][] = [];
  for (let i = 0; i < SETS; i++) {
    const size = `${pick(widths)}/${pick(ratios)} R${pick(rims)}`;
    const plate = `CJ ${String(10 + (i % 89))} ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 7) % 26))}X`;
    sets.push([uuid(4, i), now, now, `S${String(i).padStart(5, '0')}`, `Client ${i}`, plate, pick(['vara', 'iarna']), size, now, `${plate} client ${i} ${size}`.toLowerCase()]);
    for (const [k, pos] of ['FS', 'FD', 'SS', 'SD'].entries()) wheels.push([uuid(5, i * 4 + k), now, now, uuid(4, i), pos, pick(brands), size]);
  }
  return {
    productIds,
    batches: [
      { sql: 'INSERT INTO stock_locations (id, created_at, updated_at, nume, cod, activ) VALUES (?, ?, ?, ?, NULL, 1)', rows: locations },
      {
        sql: `INSERT INTO products (id, created_at, updated_at, tip, cod, nume, um, categorie_tva, cota_tva, pret_vanzare, cod_bare, anv_dimensiune, anv_cheie,
          anv_sezon, anv_marca, activ, _search) VALUES (?, ?, ?, ?, ?, ?, 'buc', 'S', '21', 10000, ?, ?, ?, ?, ?, 1, ?)`,
        rows: products,
      },
      { sql: 'INSERT INTO stock_movements (id, created_at, updated_at, tip, product_id, location_id, cantitate, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', rows: movements },
      {
        sql: `INSERT INTO tyre_sets (id, created_at, updated_at, cod, client_nume, nr_auto, sezon, an, status, dimensiune, primit_la, primit_de, _search)
          VALUES (?, ?, ?, ?, ?, ?, ?, 2026, 'depozitat', ?, ?, 'Ion', ?)`,
        rows: sets,
      },
      { sql: 'INSERT INTO tyre_set_wheels (id, created_at, updated_at, set_id, pozitie, marca, dimensiune, pe_janta) VALUES (?, ?, ?, ?, ?, ?, ?, 1)', rows: wheels },
    ],
  };
}

/** What a person types in the product search, one query per keystroke (the list shows up to 100 rows with stock). */
export const typedSearches = ['michelin 205/55 r16', '2055516', 'filtru ulei', 'A-0123', '5900000012345'];

/** The pages' queries, by case. The first is the baseline: a full scan of the ledger (every movement read and summed). */
export function warehouseQueries(productIds: readonly string[]) {
  const product = (k: number) => productIds[(k * 7919) % productIds.length] ?? '';
  const exact = exactProductQuery('5900000012345');
  return {
    baseline: [{ name: 'full scan', sql: 'SELECT SUM(CAST(cantitate AS REAL)) AS s FROM stock_movements NOT INDEXED', params: [] }],
    keystrokes: typedSearches.flatMap((text) => Array.from({ length: text.length }, (_, i) => {
      const q = productListQuery(text.slice(0, i + 1));
      return { name: text.slice(0, i + 1), sql: q.sql, params: q.params };
    })),
    barcode: [{ name: 'scanner Enter', sql: exact.sql, params: exact.params }],
    oneProduct: Array.from({ length: 15 }, (_, k) => ({ name: `product ${k}`, sql: stockSql({ productId: true }), params: [product(k)] })),
    stockAtDate: [{
      name: '2026-09-30',
      sql: `SELECT s.product_id, s.location_id, s.cantitate_milli, p.cod, p.nume FROM (${stockSql({ until: true })}) s
        JOIN products p ON p.id = s.product_id WHERE s.cantitate_milli <> 0 ORDER BY p.nume`,
      params: ['2026-09-30'],
    }],
    tyreSetByPlate: [{ name: 'cj 42', sql: 'SELECT id FROM tyre_sets WHERE _search LIKE ? LIMIT 50', params: ['%cj 42%'] }],
  };
}
