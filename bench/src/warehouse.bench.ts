import Database from 'better-sqlite3';
import { countLedgerSql, countLedgerSumsParams, countLedgerSumsSql, countReport, type CountLedgerRow, type CountLedgerSum } from '@roaauto/shared';
import { printTable, type BenchRow } from './table';
import { MOVEMENTS, PRODUCTS, SETS, uuid, warehouseDdl, warehouseQueries, warehouseRows, type QueryCase } from './warehouse-data';

/**
 * The warehouse at scale on the device's database: 20,000 products, 200,000 movements over 5 locations,
 * 2,000 tyre sets with their wheels, in SQLite with the device's own tables, indexes and search texts
 * (`localTableDdl`) and the pages' own queries (`productListQuery`, `exactProductQuery`, `stockSql`), from
 * `warehouse-data.ts`, which the browser bench (`warehouse-web.bench.ts`, wa-sqlite on OPFS) runs too.
 * It runs in Node on better-sqlite3 (native SQLite), as the other SQLite benches do. Each case is the median of its runs. Baseline: a full scan of
 * the ledger (every movement read and summed), what any stock figure would cost without the indexes.
 * Targets: a keystroke's search and one product's stock < 20 ms; a stock list at a date < 1 s.
 */
const db = new Database(':memory:');
for (const sql of warehouseDdl()) db.exec(sql);
const t0 = performance.now();
const { batches, productIds } = warehouseRows();
db.transaction(() => {
  for (const batch of batches) {
    const insert = db.prepare(batch.sql);
    for (const row of batch.rows) insert.run(...row);
  }
})();
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

const q = warehouseQueries(productIds);
/** The median time of each query of a case (prepared once). */
const timeCase = (queries: QueryCase, runs = 15) => queries.map(({ sql, params }) => {
  const stmt = db.prepare(sql);
  return measure(() => stmt.all(...params), runs);
});
const keystrokeTimes = timeCase(q.keystrokes, 5);
let listRows = 0;
const atDate = q.stockAtDate[0];
const ledgerOfLocation = db.prepare(countLedgerSql);
const sumsOfLocation = db.prepare(countLedgerSumsSql);
const countStart = { countId: uuid(6, 1), start: '2026-12-31T00:00:00.000Z', locationId: uuid(2, 0) };
const countLines = productIds.slice(0, 1000).map((product_id) => ({ product_id, cantitate: '3' }));

const rows: BenchRow[] = [
  { name: 'full scan of the ledger (baseline)', ms: median(timeCase(q.baseline)), ops: 1 },
  { name: `product search, one keystroke (median of ${keystrokeTimes.length})`, ms: median(keystrokeTimes), ops: 1 },
  { name: 'product search, worst keystroke', ms: Math.max(...keystrokeTimes), ops: 1 },
  { name: 'barcode / code lookup (scanner Enter)', ms: median(timeCase(q.barcode)), ops: 1 },
  { name: `stock of one product (median of ${q.oneProduct.length} products)`, ms: median(timeCase(q.oneProduct)), ops: 1 },
  {
    name: 'stock list at a date (2026-09-30)',
    ms: atDate ? measure(() => (listRows = db.prepare(atDate.sql).all(...atDate.params).length), 5) : Number.POSITIVE_INFINITY,
    ops: 1,
  },
  { name: 'tyre set by plate', ms: median(timeCase(q.tyreSetByPlate)), ops: 1 },
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
