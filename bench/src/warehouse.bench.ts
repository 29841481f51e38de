import Database from 'better-sqlite3';
import {
  countLedgerSql, countLedgerSumsParams, countLedgerSumsSql, countReport, exactProductQuery, localTableDdl, productListQuery, productsTable,
  stockCountLinesTable, stockLocationsTable, stockMovementsTable, stockSql, tyreSetsTable, tyreSetWheelsTable, type CountLedgerRow, type CountLedgerSum,
} from '@roaauto/shared';
import { printTable, type BenchRow } from './table';

/**
 * The warehouse at scale on the device's database: 20,000 products, 200,000 movements over 5 locations,
 * 2,000 tyre sets with their wheels, in SQLite with the device's own tables, indexes and search texts
 * (`localTableDdl`) and the pages' own queries (`productListQuery`, `exactProductQuery`, `stockSql`).
 * It runs in Node on better-sqlite3 (native SQLite), as the other SQLite benches do; the browser's
 * wa-sqlite runs the same SQL more slowly (roughly 2–3× in the web bench's figures), so the targets are
 * checked here with that margin in mind. Each case is the median of its runs. Baseline: a full scan of
 * the ledger (every movement read and summed), what any stock figure would cost without the indexes.
 * Targets: a keystroke's search and one product's stock < 20 ms; a stock list at a date < 1 s.
 */
const PRODUCTS = 20_000;
const MOVEMENTS = 200_000;
const SETS = 2_000;
const LOCATIONS = 5;

let seed = 20;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const uuid = (kind: number, n: number) => `0000000${kind}-0000-7000-8000-${String(n).padStart(12, '0')}`;

const db = new Database(':memory:');
for (const t of [productsTable, stockLocationsTable, stockMovementsTable, stockCountLinesTable, tyreSetsTable, tyreSetWheelsTable]) {
  for (const sql of localTableDdl(t)) db.exec(sql);
}

const brands = ['Michelin', 'Continental', 'Bridgestone', 'Nokian', 'Pirelli', 'Goodyear', 'Hankook', 'Dunlop'];
const parts = ['Filtru ulei', 'Filtru aer', 'Plăcuțe frână', 'Disc frână', 'Bujie', 'Amortizor', 'Curea distribuție', 'Bec H7', 'Ștergător'];
const widths = [175, 185, 195, 205, 215, 225, 235, 245];
const ratios = [45, 50, 55, 60, 65];
const rims = [14, 15, 16, 17, 18];
const seasons = ['vara', 'iarna', 'all_season'] as const;

const t0 = performance.now();
const productIds: string[] = [];
db.transaction(() => {
  const now = '2026-01-01T00:00:00.000Z';
  for (let l = 0; l < LOCATIONS; l++) {
    db.prepare('INSERT INTO stock_locations (id, created_at, updated_at, nume, cod, activ) VALUES (?, ?, ?, ?, NULL, 1)').run(uuid(2, l), now, now, `Gestiune ${l}`);
  }
  const insertProduct = db.prepare(`INSERT INTO products (id, created_at, updated_at, tip, cod, nume, um, categorie_tva, cota_tva, pret_vanzare, cod_bare,
    anv_dimensiune, anv_cheie, anv_sezon, anv_marca, activ, _search) VALUES (@id, @t, @t, @tip, @cod, @nume, 'buc', 'S', '21', 10000, @cod_bare,
    @anv_dimensiune, @anv_cheie, @anv_sezon, @anv_marca, 1, @_search)`);
  for (let i = 0; i < PRODUCTS; i++) {
    const tyre = i % 2 === 0;
    const w = pick(widths);
    const r = pick(ratios);
    const rim = pick(rims);
    const brand = pick(brands);
    const row = {
      id: uuid(1, i), t: now, tip: tyre ? 'anvelopa' : 'piesa', cod: `${tyre ? 'A' : 'P'}-${String(i).padStart(6, '0')}`,
      nume: tyre ? `${brand} ${w}/${r} R${rim}` : `${pick(parts)} ${brand} ${i}`, cod_bare: String(5_900_000_000_000 + i),
      anv_dimensiune: tyre ? `${w}/${r} R${rim}` : null, anv_cheie: tyre ? `${w}${r}${rim}` : null, anv_sezon: tyre ? pick(seasons) : null,
      anv_marca: tyre ? brand : null,
    };
    insertProduct.run({ ...row, _search: productsTable.search?.({ ...row, created_at: now, updated_at: now } as never) ?? null });
    productIds.push(row.id);
  }
  const insertMovement = db.prepare(`INSERT INTO stock_movements (id, created_at, updated_at, tip, product_id, location_id, cantitate, data)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  for (let i = 0; i < MOVEMENTS; i++) {
    const day = Math.floor((i / MOVEMENTS) * 365);
    const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString();
    const inbound = random() < 0.45;
    const q = String(1 + Math.floor(random() * 4));
    insertMovement.run(uuid(3, i), date, date, inbound ? 'intrare' : 'iesire', pick(productIds), uuid(2, Math.floor(random() * LOCATIONS)), inbound ? q : `-${q}`, date.slice(0, 10));
  }
  const insertSet = db.prepare(`INSERT INTO tyre_sets (id, created_at, updated_at, cod, client_nume, nr_auto, sezon, an, status, dimensiune, primit_la, primit_de, _search)
    VALUES (?, ?, ?, ?, ?, ?, ?, 2026, 'depozitat', ?, ?, 'Ion', ?)`);
  const insertWheel = db.prepare(`INSERT INTO tyre_set_wheels (id, created_at, updated_at, set_id, pozitie, marca, dimensiune, pe_janta)
    VALUES (?, ?, ?, ?, ?, ?, ?, 1)`);
  for (let i = 0; i < SETS; i++) {
    const size = `${pick(widths)}/${pick(ratios)} R${pick(rims)}`;
    const plate = `CJ ${String(10 + (i % 89))} ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 7) % 26))}X`;
    insertSet.run(uuid(4, i), now, now, `S${String(i).padStart(5, '0')}`, `Client ${i}`, plate, pick(['vara', 'iarna']), size, now, `${plate} client ${i} ${size}`.toLowerCase());
    for (const [k, pos] of ['FS', 'FD', 'SS', 'SD'].entries()) insertWheel.run(uuid(5, i * 4 + k), now, now, uuid(4, i), pos, pick(brands), size);
  }
})();
db.exec('ANALYZE');
console.log(`Loaded ${PRODUCTS.toLocaleString('en-US')} products, ${MOVEMENTS.toLocaleString('en-US')} movements, ${SETS.toLocaleString('en-US')} tyre sets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
function measure(fn: () => unknown, runs = 15): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

// Typing in the search box: each prefix is one keystroke's query (the list shows up to 100 rows with stock).
const typed = ['michelin 205/55 r16', '2055516', 'filtru ulei', 'A-0123', '5900000012345'];
const keystrokes = typed.flatMap((text) => Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)));
const keystrokeTimes = keystrokes.map((prefix) => {
  const q = productListQuery(prefix);
  const stmt = db.prepare(q.sql);
  return measure(() => stmt.all(...q.params), 5);
});
const worstKeystroke = Math.max(...keystrokeTimes);

const oneProduct = db.prepare(stockSql({ productId: true }));
const atDate = db.prepare(`SELECT s.product_id, s.location_id, s.cantitate_milli, p.cod, p.nume FROM (${stockSql({ until: true })}) s
  JOIN products p ON p.id = s.product_id WHERE s.cantitate_milli <> 0 ORDER BY p.nume`);
const exact = exactProductQuery('5900000012345');
const exactStmt = db.prepare(exact.sql);
const fullScan = db.prepare('SELECT SUM(CAST(cantitate AS REAL)) AS s FROM stock_movements NOT INDEXED');
const plate = db.prepare('SELECT id FROM tyre_sets WHERE _search LIKE ? LIMIT 50');
const ledgerOfLocation = db.prepare(countLedgerSql);
const sumsOfLocation = db.prepare(countLedgerSumsSql);
const countStart = { countId: uuid(6, 1), start: '2026-12-31T00:00:00.000Z', locationId: uuid(2, 0) };
const countLines = productIds.slice(0, 1000).map((product_id) => ({ product_id, cantitate: '3' }));
let listRows = 0;

const rows: BenchRow[] = [
  { name: 'full scan of the ledger (baseline)', ms: measure(() => fullScan.get()), ops: 1 },
  { name: `product search, one keystroke (median of ${keystrokes.length})`, ms: median(keystrokeTimes), ops: 1 },
  { name: 'product search, worst keystroke', ms: worstKeystroke, ops: 1 },
  { name: 'barcode / code lookup (scanner Enter)', ms: measure(() => exactStmt.all(...exact.params)), ops: 1 },
  { name: 'stock of one product (all locations)', ms: measure(() => oneProduct.all(pick(productIds))), ops: 1 },
  { name: 'stock list at a date (2026-09-30)', ms: measure(() => (listRows = atDate.all('2026-09-30').length), 5), ops: 1 },
  { name: 'tyre set by plate', ms: measure(() => plate.all('%cj 42%')), ops: 1 },
  {
    name: 'count report: 1,000 lines, 40,000 ledger rows read',
    ms: measure(() => countReport({
      countId: countStart.countId, start: countStart.start, ledger: ledgerOfLocation.all(countStart.locationId) as CountLedgerRow[], lines: countLines,
    }), 5),
    ops: 1,
  },
  {
    name: 'count report: 1,000 lines, ledger summed by SQL',
    ms: measure(() => countReport({
      countId: countStart.countId, start: countStart.start, sums: sumsOfLocation.all(...countLedgerSumsParams(countStart)) as CountLedgerSum[], lines: countLines,
    }), 5),
    ops: 1,
  },
];
printTable('Warehouse on the device database (SQLite, better-sqlite3 in Node)', rows);
const ms = (name: string) => rows.find((r) => r.name.startsWith(name))?.ms ?? Number.POSITIVE_INFINITY;
const verdicts = [
  ['count report (SQL sums) < 1 s', ms('count report: 1,000 lines, ledger summed') < 1000],
  ['worst keystroke < 20 ms', ms('product search, worst') < 20],
  ['stock of one product < 20 ms', ms('stock of one product') < 20],
  [`stock list at a date < 1 s (${listRows.toLocaleString('en-US')} lines)`, ms('stock list at a date') < 1000],
] as const;
for (const [what, ok] of verdicts) console.log(`${ok ? 'OK  ' : 'SLOW'} ${what}`);
db.close();
if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
