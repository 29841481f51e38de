import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, syncTables, vehicleDueItems, type SqlValue, type VehicleDueColumns } from '@roaauto/shared';
import { whatsappLink } from '@/app/documents';
import { dueCountQuery, dueListQuery, dueRange, isOverdue, reminderMark, reminderText, type DueFilter, type DueRow } from './due-query';

/** The due list's queries run on SQLite with the browser's own tables. */
let db: Database.Database;

const insert = (table: string, row: Record<string, unknown>) => {
  const full = { created_at: '2026-01-01', updated_at: '2026-01-01', ...row };
  const columns = Object.keys(full);
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(full);
};
const order = (id: string, patch: Record<string, unknown>) =>
  insert('orders', { id, status: 'VALIDAT', total_manopera: 0, total_materiale: 0, total_general: 0, ...patch });

beforeAll(() => {
  db = new Database(':memory:');
  for (const name of ['catalog_tipuri_deviz', 'vehicles', 'orders']) {
    const declared = syncTables.find((t) => t.name === name);
    if (!declared) throw new Error(`${name} is not a synced table`);
    for (const sql of localTableDdl(declared)) db.exec(sql);
  }
  insert('catalog_tipuri_deviz', { id: 't-rev', denumire: 'Revizie', activ: 1, interval_luni: 12, interval_km: 15000 });
  insert('catalog_tipuri_deviz', { id: 't-rep', denumire: 'Reparație', activ: 1 });
  insert('catalog_tipuri_deviz', { id: 't-km', denumire: 'Schimb distribuție', activ: 1, interval_km: 90000 });
  // ITP this month, not yet reminded; RCA this month, reminded for this date.
  insert('vehicles', { id: 'v-a', nr_inmatriculare: 'CJ 01 AAA', client_nume: 'Ana Pop', client_telefon: '0722 123 456', itp_expira: '2026-12-10', rca_expira: '2026-12-03', rca_anuntat: '2026-12-03' });
  // Service computed from the last validated service order (a later repair does not count, nor a draft).
  insert('vehicles', { id: 'v-b', nr_inmatriculare: 'B 22 BBB', client_nume: 'Dan Ion' });
  order('o1', { vehicle_id: 'v-b', tip_deviz_id: 't-rev', data_comanda: '2025-12-20', km_intrare: 100000 });
  order('o2', { vehicle_id: 'v-b', tip_deviz_id: 't-rep', data_comanda: '2026-03-01', km_intrare: 104000 });
  order('o3', { vehicle_id: 'v-b', tip_deviz_id: 't-rev', data_comanda: '2026-06-01', status: 'DRAFT' });
  // A typed service date wins over the computed one (which would be 2027-01-31 → in January, not December).
  insert('vehicles', { id: 'v-c', nr_inmatriculare: 'CT 33 CCC', revizie_data: '2026-12-28', revizie_km: 60000 });
  order('o4', { vehicle_id: 'v-c', tip_deviz_id: 't-rev', data_comanda: '2026-01-31', km_intrare: 45000, status: 'FACTURAT' });
  // The month's last day when the month lacks the day: 2025-11-30 + 3 months is 2026-02-28.
  insert('catalog_tipuri_deviz', { id: 't-3', denumire: 'Ulei', activ: 1, interval_luni: 3 });
  insert('vehicles', { id: 'v-d', nr_inmatriculare: 'IS 44 DDD' });
  order('o5', { vehicle_id: 'v-d', tip_deviz_id: 't-3', data_comanda: '2025-11-30' });
  // Overdue by 20 days (ITP) and by 200 days (RCA: too old to list); a km-only service has no date.
  insert('vehicles', { id: 'v-e', nr_inmatriculare: 'BV 55 EEE', itp_expira: '2026-11-20', rca_expira: '2026-05-20' });
  order('o6', { vehicle_id: 'v-e', tip_deviz_id: 't-km', data_comanda: '2026-01-10', km_intrare: 1000 });
  // Its earlier service by months (due 2026-12-20) is not its last service order any more: not listed.
  order('o7', { vehicle_id: 'v-e', tip_deviz_id: 't-rev', data_comanda: '2025-12-20', km_intrare: 500 });
});
afterAll(() => db.close());

const december: DueFilter = { month: '2026-12', kinds: ['itp', 'rca', 'revizie'], overdue: true, today: '2026-12-10' };
const list = (f: Partial<DueFilter> = {}) => {
  const { sql, params } = dueListQuery({ ...december, ...f });
  return db.prepare<SqlValue[], DueRow>(sql).all(...params);
};
const brief = (rows: DueRow[]) => rows.map((r) => [r.nr_inmatriculare, r.kind, r.due, r.source, r.reminded]);

describe('the due list', () => {
  it('lists the month\'s items and the overdue ones, soonest first, with their marks', () => {
    expect(brief(list())).toEqual([
      ['BV 55 EEE', 'itp', '2026-11-20', 'typed', 0],
      ['CJ 01 AAA', 'rca', '2026-12-03', 'typed', 1],
      ['CJ 01 AAA', 'itp', '2026-12-10', 'typed', 0],
      ['B 22 BBB', 'revizie', '2026-12-20', 'computed', 0],
      ['CT 33 CCC', 'revizie', '2026-12-28', 'typed', 0],
    ]);
    const b = list().find((r) => r.vehicle_id === 'v-b');
    expect([b?.km, b?.client_nume]).toEqual([115000, 'Dan Ion']);
    expect(list().find((r) => r.vehicle_id === 'v-c')?.km).toBe(60000);
  });

  it('filters by kind, leaves the overdue out on request or in another month', () => {
    expect(brief(list({ kinds: ['itp'] })).map((r) => r[0])).toEqual(['BV 55 EEE', 'CJ 01 AAA']);
    expect(list({ kinds: [] })).toEqual([]);
    expect(brief(list({ overdue: false })).map((r) => r[0])).toEqual(['CJ 01 AAA', 'CJ 01 AAA', 'B 22 BBB', 'CT 33 CCC']);
    expect(brief(list({ month: '2026-11' }))).toEqual([['BV 55 EEE', 'itp', '2026-11-20', 'typed', 0]]);
    expect(brief(list({ month: '2026-02', today: '2026-02-01' }))).toEqual([['IS 44 DDD', 'revizie', '2026-02-28', 'computed', 0]]);
    expect(dueRange(december)).toEqual({ from: '2026-09-11', to: '2026-12-31' });
    expect(dueRange({ ...december, month: '2027-01' })).toEqual({ from: '2027-01-01', to: '2027-01-31' });
  });

  it('gives the same dates as the shared rules', () => {
    const rows = db.prepare<[], VehicleDueColumns>('SELECT * FROM vehicles').all();
    const last = (id: string) => {
      const o = db.prepare<[string], { data_comanda: string; km_intrare: number | null; interval_luni: number | null; interval_km: number | null }>(
        `SELECT o.data_comanda, o.km_intrare, t.interval_luni, t.interval_km FROM orders o JOIN catalog_tipuri_deviz t ON t.id = o.tip_deviz_id
         WHERE o.vehicle_id = ? AND o.status <> 'DRAFT' AND (t.interval_luni IS NOT NULL OR t.interval_km IS NOT NULL) ORDER BY o.data_comanda DESC LIMIT 1`,
      ).get(id);
      return o ?? null;
    };
    const shared = rows.flatMap((v) => vehicleDueItems(v, last(v.id))).filter((i) => i.date >= '2025-01-01').map((i) => [i.vehicleId, i.kind, i.date]).sort();
    // Every month from 2025 to 2030, as the list gives it.
    const months = Array.from({ length: 72 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const all = months.flatMap((month) => list({ month, overdue: false, today: '2020-01-01' }));
    expect(all.map((r) => [r.vehicle_id, r.kind, r.due]).sort()).toEqual(shared);
  });

  it('reads by index: never every vehicle or every order', () => {
    const { sql, params } = dueListQuery(december);
    const plan = db.prepare<SqlValue[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => r.detail).join('\n');
    for (const index of ['vehicles_itp_expira_idx', 'vehicles_rca_expira_idx', 'vehicles_revizie_data_idx', 'orders_status_data_comanda_idx', 'orders_vehicle_id_idx']) {
      expect(plan).toContain(index);
    }
    expect(plan).not.toMatch(/SCAN (orders|vehicles|o|o2|v)\b(?! USING)/);
  });

  it('counts the vehicles with something due', () => {
    const { sql, params } = dueCountQuery(december);
    expect(db.prepare<SqlValue[], { n: number }>(sql).get(...params)?.n).toBe(4);
  });

  it('makes the WhatsApp link (the phone in international form), the mark and the overdue flag', () => {
    expect(whatsappLink('0722 123 456', 'ITP CJ 01 AAA: 10.12.2026')).toBe('https://wa.me/40722123456?text=ITP%20CJ%2001%20AAA%3A%2010.12.2026');
    expect(whatsappLink(null, 'x')).toBe('https://wa.me/?text=x');
    expect(reminderMark({ kind: 'rca', due: '2026-12-03' }, true)).toEqual({ rca_anuntat: '2026-12-03' });
    expect(reminderMark({ kind: 'revizie', due: '2026-12-03' }, false)).toEqual({ revizie_anuntat: null });
    expect(isOverdue({ due: '2026-12-09' }, '2026-12-10')).toBe(true);
    expect(isOverdue({ due: '2026-12-10' }, '2026-12-10')).toBe(false);
  });

  it('writes the reminder in Romanian with the plate, the date and the shop', () => {
    const t = (key: string, named: Record<string, unknown>, options: { locale: string }) => `${options.locale}|${key}|${Object.values(named).join('|')}`;
    expect(reminderText(t, { kind: 'itp', due: '2026-12-10', nr_inmatriculare: 'CJ 01 AAA' }, 'Service Someș')).toBe('ro|workshop.due.message.itp|CJ 01 AAA|10.12.2026|Service Someș');
    expect(reminderText(t, { kind: 'revizie', due: '2027-01-05', nr_inmatriculare: 'B 22 BBB' }, ' ')).toBe('ro|workshop.due.message.revizie|B 22 BBB|05.01.2027|ro|workshop.due.ourShop|');
  });
});
