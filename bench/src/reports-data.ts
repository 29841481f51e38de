import { invoiceTotals, lineTotal, localTableDdl, orderTotals, syncTables, type LineAmounts } from '@roaauto/shared';
import { uuid, warehouseRows, type InsertBatch, type SqlParam } from './warehouse-data';

/**
 * A shop's five years at full size for the reports (issue "Reports"): 20,000 orders with 100,000 lines over
 * 2025–2026, 30,000 issued invoices (one in 50 a credit note, VAT 19/9 % before 2025-08-01 and 21/11 % after)
 * with payments on two in three, and the warehouse's 200,000 movements (`warehouse-data.ts`), in the device's
 * tables (every synced table's DDL, as the app creates them).
 */
const scale = Number(process.env.BENCH_SCALE ?? 1);
export const ORDERS = Math.round(20_000 * scale);
export const LINES_PER_ORDER = 5;
export const INVOICES = Math.round(30_000 * scale);

export const reportsDdl = (): string[] => syncTables.flatMap((t) => localTableDdl(t));

/** Day `i` of the two years 2025–2026 (730 days), spread evenly over `count` items. */
const dayOf = (i: number, count: number) => new Date(Date.UTC(2025, 0, 1) + Math.floor((i / count) * 730) * 86_400_000).toISOString().slice(0, 10);

export function reportsRows(): InsertBatch[] {
  const now = '2025-01-01T00:00:00.000Z';
  const mechanics: SqlParam[][] = Array.from({ length: 5 }, (_, m) => [uuid(7, m), now, now, `Mecanic ${m}`, 'Ion', 1]);
  const orders: SqlParam[][] = [];
  const lines: SqlParam[][] = [];
  for (let i = 0; i < ORDERS; i++) {
    const id = uuid(8, i);
    const day = dayOf(i, ORDERS);
    const amounts: (LineAmounts & { total: number })[] = [];
    for (let k = 0; k < LINES_PER_ORDER; k++) {
      const a: LineAmounts = k < 2
        ? { tip: 'manopera', ore: k ? '0.5' : '1.25', pret_ora: 15000, cantitate: null, pret_unitar: null }
        : { tip: 'material', ore: null, pret_ora: null, cantitate: String(k - 1), pret_unitar: 2999 + k };
      const total = lineTotal(a);
      amounts.push({ ...a, total });
      lines.push([uuid(9, i * LINES_PER_ORDER + k), now, now, id, a.tip, k < 2 ? 'Manoperă' : `Piesă ${k}`, a.ore, a.pret_ora, a.tip === 'material' ? 'buc' : null,
        a.cantitate, a.pret_unitar, total, k < 2 ? uuid(7, i % 5) : null, k]);
    }
    const totals = orderTotals(amounts);
    const status = i % 4 === 0 ? 'DRAFT' : i % 4 === 1 ? 'VALIDAT' : 'FACTURAT';
    orders.push([id, now, now, i + 1, day, status, `Client ${i % 3000} Popescu`, `CJ ${String(i % 9000).padStart(4, '0')} AAA`,
      totals.total_manopera, totals.total_materiale, totals.total_general, uuid(7, i % 5)]);
  }
  const invoices: SqlParam[][] = [];
  const payments: SqlParam[][] = [];
  for (let i = 0; i < INVOICES; i++) {
    const day = dayOf(i, INVOICES);
    const old = day < '2025-08-01';
    const storno = i % 50 === 49;
    const sign = storno ? -1 : 1;
    const linii = [
      { cantitate: String(sign * 1.5), pretUnitar: 15000 + (i % 500), categorie: 'S' as const, cota: old ? '19' : '21', motivScutire: null },
      { cantitate: String(sign * 2), pretUnitar: 4590, categorie: 'S' as const, cota: old ? '19' : '21', motivScutire: null },
      { cantitate: String(sign), pretUnitar: 8900, categorie: 'S' as const, cota: old ? '9' : '11', motivScutire: null },
    ];
    const totals = invoiceTotals(linii);
    const id = uuid(6, i);
    invoices.push([id, now, now, uuid(5, 0), 'ROA', i + 1, storno ? 'storno' : 'factura', day, day, day, 'transfer', storno ? uuid(6, i - 1) : null,
      `Client ${i % 900} SRL`, null, totals.baza, totals.tva, totals.total, JSON.stringify({ totals, tvaLaIncasare: false, linii })]);
    if (!storno && i % 3 !== 0) payments.push([uuid(4, i), now, now, id, totals.total, day, 'transfer']);
  }
  return [
    { sql: 'INSERT INTO mecanici (id, created_at, updated_at, nume, prenume, activ) VALUES (?, ?, ?, ?, ?, ?)', rows: mechanics },
    {
      sql: `INSERT INTO orders (id, created_at, updated_at, nr_comanda, data_comanda, status, client_nume, nr_auto, total_manopera, total_materiale, total_general,
        mecanic_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      rows: orders,
    },
    {
      sql: `INSERT INTO order_lines (id, created_at, updated_at, order_id, tip, descriere, ore, pret_ora, um, cantitate, pret_unitar, total, mecanic_id, ordine)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      rows: lines,
    },
    {
      sql: `INSERT INTO invoices (id, created_at, updated_at, serie_id, serie_factura, nr_factura, tip, data_factura, data_livrare, data_scadenta, modalitate_plata,
        storno_de_id, client_nume, client_cod_fiscal, total_fara_tva, tva, total_general, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      rows: invoices,
    },
    { sql: 'INSERT INTO payments (id, created_at, updated_at, factura_id, suma, data, metoda) VALUES (?, ?, ?, ?, ?, ?, ?)', rows: payments },
    ...warehouseRows().batches,
  ];
}
