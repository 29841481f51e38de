import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, rowSchemas, syncTables, tyreSetsTable, tyreSetWheelsTable, type SqlValue } from '@roaauto/shared';
import { checkInOps, checkInProblems, checkOutOps, copyFirstWheel, emptyCheckIn, feeOps, listQuery, treadQuery, type CheckInForm, type TyreSetRow } from './tyre-sets';

const now = '2026-10-20T08:00:00.000Z';
const vehicleId = '0190f5a2-1111-7000-8000-000000000001';
const setId = '0190f5a2-1111-7000-8000-000000000002';
const sys = { created_at: now, updated_at: now };

function filled(): CheckInForm {
  const f = emptyCheckIn({ season: 'vara', year: 2027 });
  f.vehicleId = vehicleId;
  f.nrAuto = 'cj 12 abc';
  f.clientNume = 'Ion Pop';
  f.clientTelefon = '0722 123 456';
  f.raft = '3';
  const [first] = f.wheels;
  if (!first) throw new Error('no wheels');
  Object.assign(first, { marca: 'Michelin', dimensiune: '205/55r16 91h', dot: '2319', peJanta: true, profil: '6,5' });
  f.wheels = copyFirstWheel(f.wheels);
  ['6,5', '1.4', '2', ''].forEach((p, i) => {
    const w = f.wheels[i];
    if (w) w.profil = p;
  });
  return f;
}

describe('check-in', () => {
  it('copies brand, size, DOT and rim to every wheel, never the tread', () => {
    const f = filled();
    expect(f.wheels.map((w) => [w.pozitie, w.marca, w.dimensiune, w.dot, w.peJanta, w.profil])).toEqual([
      ['FS', 'Michelin', '205/55r16 91h', '2319', true, '6,5'], ['FD', 'Michelin', '205/55r16 91h', '2319', true, '1.4'],
      ['SS', 'Michelin', '205/55r16 91h', '2319', true, '2'], ['SD', 'Michelin', '205/55r16 91h', '2319', true, ''],
    ]);
  });

  it('names what is wrong by field', () => {
    const f = emptyCheckIn({ season: 'iarna', year: 2026 });
    expect(checkInProblems(f)).toEqual({ customer: 'warehouse.tyres.problems.customer' });
    f.nrAuto = 'B 1 X';
    Object.assign(f.wheels[1] ?? {}, { dimensiune: '205', dot: '23', profil: '25' });
    expect(checkInProblems(f)).toEqual({
      'wheel.1.dimensiune': 'warehouse.tyres.problems.size', 'wheel.1.dot': 'warehouse.tyres.problems.dot', 'wheel.1.profil': 'warehouse.tyres.problems.tread',
    });
    expect(checkInProblems(filled())).toEqual({});
    // Four digits are not enough: the week is 01–53, as on the product form.
    Object.assign(f.wheels[1] ?? {}, { dimensiune: '', dot: '5719', profil: '' });
    expect(checkInProblems(f)).toEqual({ 'wheel.1.dot': 'warehouse.tyres.problems.dot' });
  });

  it('writes the set and its four wheels as rows the tables\' rules take', () => {
    const ops = checkInOps(filled(), 'Ana', now, setId, 'K7M2QX');
    expect(ops.map((o) => `${o.op}:${o.table}`)).toEqual(['create:tyre_sets', ...Array(4).fill('create:tyre_set_wheels')]);
    const [setOp, ...wheelOps] = ops;
    if (setOp?.op !== 'create') throw new Error('no set');
    expect(setOp.data).toMatchObject({ id: setId, cod: 'K7M2QX', nr_auto: 'CJ 12 ABC', status: 'depozitat', primit_de: 'Ana', primit_la: now, dimensiune: '205/55 R16 91H' });
    const set = { ...sys, ...setOp.data } as never;
    expect(tyreSetsTable.check?.({ row: set, previous: null, parent: null, deleting: false, clientId: 'd' })).toBeNull();
    const { id: _id, ...setData } = setOp.data;
    expect(rowSchemas(tyreSetsTable).full.safeParse(setData).error).toBeUndefined();
    for (const op of wheelOps) {
      if (op.op !== 'create') throw new Error('not a create');
      const row = { id: 'w', ...sys, ...op.data } as never;
      expect(tyreSetWheelsTable.check?.({ row, previous: null, parent: set, deleting: false, clientId: 'd' })).toBeNull();
      expect(rowSchemas(tyreSetWheelsTable).full.safeParse(op.data).error).toBeUndefined();
    }
    const data = wheelOps.map((o) => (o.op === 'create' ? o.data : null));
    expect(data.map((d) => d?.profil_mm)).toEqual(['6.5', '1.4', '2', null]);
    expect(data.map((d) => d?.dimensiune_cheie)).toEqual(['2055516', '2055516', '2055516', '2055516']);
    expect(data.map((d) => d?.dimensiune)).toEqual(Array(4).fill('205/55 R16 91H'));
    expect(checkOutOps('s1', 'Dan', now)).toEqual([{ op: 'update', table: 'tyre_sets', id: 's1', patch: { status: 'predat', predat_la: now, predat_de: 'Dan' } }]);
  });
});

describe('the storage fee on an order', () => {
  const set = { id: 's1', cod: 'K7M2QX', client_id: 'c1', vehicle_id: 'v1', client_nume: 'Ion Pop', client_telefon: '0722', nr_auto: 'CJ 12 ABC', sezon: 'iarna', an: 2026 } as TyreSetRow;

  it('adds a line to the open order with its totals recomputed', () => {
    const open = { id: 'o1', lines: [{ tip: 'manopera' as const, ore: '1', pret_ora: 10000, cantitate: null, pret_unitar: null, total: 10000, ordine: 2, decizie_client: null }] };
    const { orderId, ops } = feeOps(set, 15000, open, { number: null, today: '2026-04-02' });
    expect(orderId).toBe('o1');
    expect(ops).toEqual([
      { op: 'create', table: 'order_lines', data: expect.objectContaining({ order_id: 'o1', ordine: 3, tip: 'material', descriere: 'Depozitare anvelope iarnă 2026/2027', cantitate: '1', pret_unitar: 15000, total: 15000 }) },
      { op: 'update', table: 'orders', id: 'o1', patch: { total_manopera: 10000, total_materiale: 15000, total_general: 25000 } },
      { op: 'update', table: 'tyre_sets', id: 's1', patch: { tarif: 15000, order_id: 'o1' } },
    ]);
  });

  it('makes a draft order of the set\'s customer and vehicle when none is open', () => {
    const { orderId, ops } = feeOps(set, 15000, null, { number: 12, today: '2026-04-02' }, 'o9');
    expect(orderId).toBe('o9');
    expect(ops[0]).toEqual({ op: 'create', table: 'orders', data: expect.objectContaining({
      id: 'o9', status: 'DRAFT', nr_comanda: 12, vehicle_id: 'v1', client_id: 'c1', nr_auto: 'CJ 12 ABC', total_materiale: 15000, total_general: 15000,
    }) });
    expect(ops[1]).toMatchObject({ op: 'create', table: 'order_lines', data: { order_id: 'o9', ordine: 0 } });
  });
});

describe('the lists, on SQLite with the device\'s tables', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(':memory:');
    for (const name of ['tyre_sets', 'tyre_set_wheels']) {
      const declared = syncTables.find((t) => t.name === name);
      if (!declared) throw new Error(`${name} is not synced`);
      for (const sql of localTableDdl(declared)) db.exec(sql);
    }
    const sets: [string, string, string, string, string, string][] = [
      // id, plate, customer, status, season, size
      ['a', 'CJ 12 ABC', 'Ion Pop', 'depozitat', 'vara', '205/55 R16'],
      ['b', 'B 99 XYZ', 'Maria Ștefan', 'depozitat', 'iarna', '225/45 R17'],
      ['c', 'CJ 33 OLD', 'Ion Vechi', 'predat', 'vara', '205/55 R16'],
    ];
    sets.forEach(([id, plate, name, status, sezon, size], i) => {
      const [setOp] = checkInOps({ ...emptyCheckIn({ season: sezon as 'vara', year: 2026 }), nrAuto: plate, clientNume: name }, 'Ana', `2026-10-2${i}T08:00:00.000Z`, id, 'ABCDEF');
      if (setOp?.op !== 'create') throw new Error('no set');
      const row: Record<string, unknown> = { ...sys, ...setOp.data, status, dimensiune: size, predat_la: status === 'predat' ? now : null, predat_de: status === 'predat' ? 'Ana' : null };
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO tyre_sets (${cols.join(', ')}, _search) VALUES (${cols.map((c) => `@${c}`).join(', ')}, @_search)`).run({ ...row, _search: tyreSetsTable.search?.(row as never) ?? null });
    });
    const wheels: [string, string, string][] = [['w1', 'a', '1.5'], ['w2', 'a', '7.0'], ['w3', 'b', '2.8'], ['w4', 'b', '8'], ['w5', 'c', '1.0']];
    for (const [id, setId, mm] of wheels) {
      db.prepare("INSERT INTO tyre_set_wheels (id, created_at, updated_at, set_id, pozitie, profil_mm, pe_janta) VALUES (?, ?, ?, ?, 'FS', ?, 0)").run(id, now, now, setId, mm);
    }
  });
  afterAll(() => db.close());

  const ids = (q: { sql: string; params: SqlValue[] }) => db.prepare<SqlValue[], { id: string; min_tread: number }>(q.sql).all(...q.params).map((r) => `${r.id}:${r.min_tread}`);

  it('finds sets by plate with or without spaces, by name without diacritics, by size in any spelling, and filters', () => {
    const list = (search: string, status: '' | 'depozitat' | 'predat' = '', sezon: '' | 'iarna' | 'vara' = '') => ids(listQuery({ search, status, sezon }));
    expect(list('')).toEqual(['b:2.8', 'a:1.5', 'c:1']);
    expect(list('cj12abc')).toEqual(['a:1.5']);
    expect(list('CJ 12')).toEqual(['a:1.5']);
    expect(list('stefan')).toEqual(['b:2.8']);
    expect(list('2055516')).toEqual(['a:1.5', 'c:1']);
    expect(list('205/55')).toEqual(['a:1.5', 'c:1']);
    expect(list('ion', 'depozitat')).toEqual(['a:1.5']);
    expect(list('', '', 'iarna')).toEqual(['b:2.8']);
    expect(list('', 'predat')).toEqual(['c:1']);
  });

  it('lists stored sets with a wheel under 3 mm, lowest first, and not returned ones', () => {
    expect(ids(treadQuery(3))).toEqual(['a:1.5', 'b:2.8']);
    expect(ids(treadQuery(1.6))).toEqual(['a:1.5']);
  });
});
