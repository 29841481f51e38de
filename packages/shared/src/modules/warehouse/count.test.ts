import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localTableDdl } from '../../schema/table';
import {
  countAdjustments, countLedgerSql, countLedgerSumsParams, countLedgerSumsSql, countMovementId, countReport, scanIncrement, stockCountLinesTable, stockCountsTable,
  type CountLedgerRow, type CountLedgerSum,
} from './count';
import { stockMovementsTable } from './warehouse.tables';

const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const COUNT = uuid(900_001);
const LOC = uuid(900_002);
const START = '2026-12-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000).toISOString();
const mv = (product: number, cantitate: string, minutes: number, doc: Partial<CountLedgerRow> = {}): CountLedgerRow => ({
  product_id: uuid(product), cantitate, created_at: at(minutes), doc_tip: null, doc_id: null, ...doc,
});

describe('the differences report', () => {
  it('compares the stock at the start with the counted lines, and shows what was recorded during the count apart', () => {
    const ledger = [
      mv(1, '4', -60), mv(1, '-1', -30), // 3 expected
      mv(2, '10', -60), // 10 expected, not counted: missing
      mv(3, '2', -60), mv(3, '-1', 5), // 2 expected; another device sold one during the count
      mv(5, '1', -10), mv(5, '-1', -5), // sold out before: neither expected nor counted
    ];
    const report = countReport({
      countId: COUNT, start: START, ledger,
      lines: [{ product_id: uuid(1), cantitate: '2' }, { product_id: uuid(1), cantitate: '0.5' }, { product_id: uuid(3), cantitate: '2' }, { product_id: uuid(4), cantitate: '1' }],
      unitCosts: new Map([[uuid(1), 12_345], [uuid(2), 1_000]]),
    });
    expect(report.lines).toEqual([
      { product_id: uuid(1), asteptat: '3', numarat: '2.5', diferenta: '-0.5', in_timpul: '0', nenumarat: false, valoare: -6_173 },
      { product_id: uuid(2), asteptat: '10', numarat: '0', diferenta: '-10', in_timpul: '0', nenumarat: true, valoare: -10_000 },
      { product_id: uuid(3), asteptat: '2', numarat: '2', diferenta: '0', in_timpul: '-1', nenumarat: false, valoare: null },
      { product_id: uuid(4), asteptat: '0', numarat: '1', diferenta: '1', in_timpul: '0', nenumarat: false, valoare: null },
    ]);
    expect(report.differences).toBe(3);
    expect(report.valoareMinus).toBe(-16_173);
    expect(report.valoarePlus).toBe(0);
  });

  it('reads the same after the count is applied: its own adjustments are left out', () => {
    const ledger = [mv(1, '4', -60)];
    const lines = [{ product_id: uuid(1), cantitate: '3' }];
    const before = countReport({ countId: COUNT, start: START, ledger, lines });
    const adj = countAdjustments({ countId: COUNT, locationId: LOC, data: '2026-12-01', userId: null, report: before });
    expect(adj).toHaveLength(1);
    expect(adj[0]?.cantitate).toBe('-1');
    const after = countReport({
      countId: COUNT, start: START, lines,
      ledger: [...ledger, ...adj.map((a) => ({ ...a, created_at: at(1) }))],
    });
    expect(after).toEqual(before);
  });

  it('gives every device the same movement ids for a count, distinct per product and per count', () => {
    const a = countMovementId(COUNT, uuid(1));
    expect(a).toBe(countMovementId(COUNT, uuid(1)));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(countMovementId(COUNT, uuid(2))).not.toBe(a);
    expect(countMovementId(uuid(900_003), uuid(1))).not.toBe(a);
    const ids = new Set(Array.from({ length: 1000 }, (_, i) => countMovementId(COUNT, uuid(i))));
    expect(ids.size).toBe(1000);
  });

  it('a scan adds one to the line', () => {
    expect(scanIncrement(null)).toBe('1');
    expect(scanIncrement('2.5')).toBe('3.5');
  });
});

describe('the count rules', () => {
  const count = (status: string, patch: Record<string, unknown> = {}) => ({
    id: COUNT, created_at: START, updated_at: START, location_id: LOC, status, inceput_la: START, inceput_de: null, terminat_la: null, aplicat_la: null, nota: null, ...patch,
  }) as never;
  const check = (row: unknown, previous: unknown, deleting = false) =>
    stockCountsTable.check?.({ row: row as never, previous: previous as never, parent: null, deleting, clientId: 'x' })?.code ?? null;
  const line = (parentStatus: string, cantitate = '1') => stockCountLinesTable.check?.({
    row: { id: uuid(1), created_at: START, updated_at: START, count_id: COUNT, product_id: uuid(2), cantitate, user_id: null, numarat_la: START },
    previous: null, parent: { status: parentStatus }, deleting: false, clientId: 'x',
  })?.code ?? null;

  it('a count starts open, is finished, then applied, and then never changes', () => {
    expect(check(count('deschis'), null)).toBeNull();
    expect(check(count('aplicat'), null)).toBe('warehouse.count_status');
    expect(check(count('terminat'), count('deschis'))).toBeNull();
    expect(check(count('aplicat'), count('deschis'))).toBe('warehouse.count_status');
    expect(check(count('deschis'), count('terminat'))).toBe('warehouse.count_status');
    expect(check(count('terminat', { location_id: uuid(5) }), count('terminat'))).toBe('warehouse.count_closed');
    expect(check(count('aplicat'), count('terminat'))).toBeNull();
    expect(check(count('aplicat', { nota: 'x' }), count('aplicat'))).toBe('warehouse.count_applied');
    expect(check(count('terminat'), count('terminat'), true)).toBe('warehouse.count_closed');
  });

  it('lines change only while the count is open, and are never negative', () => {
    expect(line('deschis')).toBeNull();
    expect(line('deschis', '-1')).toBe('warehouse.count_quantity');
    expect(line('terminat')).toBe('warehouse.count_closed');
    expect(line('aplicat')).toBe('warehouse.count_closed');
  });
});

describe('a count of 1,000 lines on the device database', () => {
  it('stores the lines and computes the report fast', () => {
    const db = new Database(':memory:');
    for (const t of [stockMovementsTable, stockCountLinesTable]) for (const sql of localTableDdl(t)) db.exec(sql);
    const insertMv = db.prepare(`INSERT INTO stock_movements (id, created_at, updated_at, tip, product_id, location_id, cantitate, data)
      VALUES (?, ?, ?, 'intrare', ?, ?, ?, '2026-11-01')`);
    const insertLine = db.prepare(`INSERT INTO stock_count_lines (id, created_at, updated_at, count_id, product_id, cantitate, user_id, numarat_la)
      VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`);
    db.transaction(() => {
      let n = 0;
      // 1,200 products in the location, 5 movements each (6,000 rows), and another location's noise.
      for (let p = 0; p < 1200; p++) {
        for (let k = 0; k < 5; k++) insertMv.run(uuid(++n), at(-100 + k), at(-100 + k), uuid(100_000 + p), LOC, '2');
        insertMv.run(uuid(++n), at(-100), at(-100), uuid(100_000 + p), uuid(900_009), '7');
      }
      for (let p = 0; p < 1000; p++) insertLine.run(uuid(500_000 + p), at(p / 100), at(p / 100), COUNT, uuid(100_000 + p), p % 10 === 0 ? '9' : '10', at(p / 100));
    })();
    const t0 = performance.now();
    const ledger = db.prepare<unknown[], CountLedgerRow>(countLedgerSql).all(LOC);
    const lines = db.prepare<unknown[], { product_id: string; cantitate: string }>('SELECT product_id, cantitate FROM stock_count_lines WHERE count_id = ?').all(COUNT);
    const report = countReport({ countId: COUNT, start: START, ledger, lines });
    const ms = performance.now() - t0;
    expect(lines).toHaveLength(1000);
    expect(report.lines).toHaveLength(1200);
    // 100 counted 9 of 10, 200 not counted at all.
    expect(report.differences).toBe(300);
    expect(report.lines.filter((l) => l.nenumarat)).toHaveLength(200);
    expect(countAdjustments({ countId: COUNT, locationId: LOC, data: '2026-12-01', userId: null, report })).toHaveLength(300);
    // The SQL-summed ledger gives the same report, faster on a large ledger.
    const t1 = performance.now();
    const sums = db.prepare<unknown[], CountLedgerSum>(countLedgerSumsSql).all(...countLedgerSumsParams({ countId: COUNT, start: START, locationId: LOC }));
    const summed = countReport({ countId: COUNT, start: START, sums, lines });
    console.info(`count report from SQL sums: ${(performance.now() - t1).toFixed(1)} ms`);
    expect(summed).toEqual(report);
    // Measured ~10–20 ms on a laptop; a generous bound that still catches a quadratic report.
    expect(ms).toBeLessThan(500);
    console.info(`count report: 1,000 lines, 6,000 ledger rows: ${ms.toFixed(1)} ms`);
    db.close();
  });
});
