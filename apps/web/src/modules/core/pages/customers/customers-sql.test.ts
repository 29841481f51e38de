import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, syncTables, type SqlValue, type WriteOp } from '@roaauto/shared';
import { customerListQuery, duplicatesQuery, type CustomerListRow, type DuplicatePair } from './customer-list';
import { customerReferences, mergePlan, referenceCounts, referencingRowsQuery, type ReferencingRow } from './merge-plan';

/** The list, the duplicates and the merge run on SQLite with the device's own tables and search texts. */
let db: Database.Database;

function insert(table: string, row: Record<string, unknown>): void {
  const def = syncTables.find((t) => t.name === table);
  if (!def) throw new Error(`${table} is not a synced table`);
  const full: Record<string, unknown> = { created_at: '2026-01-01', updated_at: '2026-01-01', ...Object.fromEntries(Object.keys(def.columns).map((c) => [c, null])), ...row };
  const columns = Object.keys(full);
  const search = def.search ? ', _search' : '';
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}${search}) VALUES (${columns.map((c) => `@${c}`).join(', ')}${def.search ? ', @_search' : ''})`)
    .run({ ...full, ...(def.search ? { _search: def.search(full as never) } : {}) });
}

/** The local database's write, as far as a merge needs it: updates and soft deletes by id. */
function apply(ops: readonly WriteOp[]): void {
  for (const op of ops) {
    if (op.op === 'update') {
      const cols = Object.keys(op.patch);
      db.prepare(`UPDATE ${op.table} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...op.patch, id: op.id });
    } else if (op.op === 'delete') db.prepare(`DELETE FROM ${op.table} WHERE id = ?`).run(op.id);
  }
}

const all = <T>(q: { sql: string; params: SqlValue[] }) => db.prepare<SqlValue[], T>(q.sql).all(...q.params);

beforeAll(() => {
  db = new Database(':memory:');
  for (const t of syncTables) for (const sql of localTableDdl(t)) db.exec(sql);
  insert('clients', { id: 'c1', tip: 'pf', nume: 'Ștefan Popescu', telefon: '0722 123 456', created_at: '2026-01-01', observatii: 'Client vechi' });
  insert('clients', { id: 'c2', tip: 'pf', nume: 'Stefan Popescu', telefon: '+40 722-123-456', email: 'stefan@x.ro', judet: 'CJ', localitate: 'Cluj-Napoca', adresa: 'Str. Mare 1', created_at: '2026-02-01', marketing_canal: 'retras', marketing_data: '2026-02-01' });
  insert('clients', { id: 'c3', tip: 'pj', nume: 'Auto Țepeș SRL', cod_fiscal: 'RO14399840', created_at: '2026-01-05' });
  insert('clients', { id: 'c4', tip: 'pj', nume: 'Auto Tepes', cod_fiscal: '14399840', created_at: '2026-03-01' });
  insert('clients', { id: 'c5', tip: 'pf', nume: 'Ana Pop', telefon: '0733 000 111', created_at: '2026-01-01' });
  insert('clients', { id: 'c6', tip: 'pf', nume: 'Fără telefon', telefon: '12', created_at: '2026-01-01' });
  insert('clients', { id: 'c7', tip: 'pf', nume: 'Tot scurt', telefon: '12', created_at: '2026-01-02' });
  insert('vehicles', { id: 'v1', nr_inmatriculare: 'B 1 AAA', client_id: 'c2', client_nume: 'Stefan Popescu' });
  insert('vehicles', { id: 'v2', nr_inmatriculare: 'B 2 AAA', client_id: 'c1' });
  insert('orders', { id: 'o1', data_comanda: '2026-02-02', status: 'FACTURAT', vehicle_id: 'v1', client_id: 'c2', total_manopera: 0, total_materiale: 0, total_general: 0 });
});
afterAll(() => db.close());

describe('the customers list', () => {
  it('finds by name without diacritics in any order, by phone digits, by fiscal code', () => {
    const names = (typed: string) => all<CustomerListRow>(customerListQuery(typed)).map((r) => r.id);
    expect(names('stefan').sort()).toEqual(['c1', 'c2']);
    expect(names('popescu șt').sort()).toEqual(['c1', 'c2']);
    expect(names('tepes')).toEqual(['c4', 'c3']); // "Auto Tepes" before "Auto Țepeș SRL"
    expect(names('0733000')).toEqual(['c5']);
    expect(names('14399840')).toEqual(['c4', 'c3']);
    expect(names('100%')).toEqual([]);
    expect(names('')).toHaveLength(7);
  });
});

describe('likely duplicates', () => {
  it('pairs customers with the same phone digits or the same CUI, the older first, short numbers never', () => {
    const pairs = all<DuplicatePair>(duplicatesQuery());
    expect(pairs.map((p) => [p.a_id, p.b_id, p.reason])).toEqual([['c3', 'c4', 'fiscal'], ['c1', 'c2', 'phone']]);
    expect(all<DuplicatePair>(duplicatesQuery('c4')).map((p) => p.a_id)).toEqual(['c3']);
    expect(all<DuplicatePair>(duplicatesQuery('c5'))).toEqual([]);
  });
});

describe('merging two customers', () => {
  it('knows every column that names a customer', () => {
    expect(customerReferences()).toEqual(expect.arrayContaining([{ table: 'vehicles', column: 'client_id' }, { table: 'orders', column: 'client_id' }]));
  });

  it('moves every reference to the kept customer, fills its empty fields, keeps the newer consent and deletes the other', () => {
    const rows = all<ReferencingRow>(referencingRowsQuery('c2'));
    expect(referenceCounts(rows)).toEqual({ vehicles: 1, orders: 1 });
    const keep = db.prepare('SELECT * FROM clients WHERE id = ?').get('c1') as Record<string, unknown> & { id: string };
    const drop = db.prepare('SELECT * FROM clients WHERE id = ?').get('c2') as Record<string, unknown> & { id: string };
    const plan = mergePlan(keep, drop, rows);
    expect(plan.at(-1)).toEqual({ op: 'delete', table: 'clients', id: 'c2' });
    apply(plan);
    expect(db.prepare('SELECT id FROM clients WHERE id = ?').get('c2')).toBeUndefined();
    expect(db.prepare('SELECT telefon, email, judet, localitate, adresa, observatii, marketing_canal, marketing_data FROM clients WHERE id = ?').get('c1')).toEqual({
      telefon: '0722 123 456', email: 'stefan@x.ro', judet: 'CJ', localitate: 'Cluj-Napoca', adresa: 'Str. Mare 1', observatii: 'Client vechi',
      marketing_canal: 'retras', marketing_data: '2026-02-01',
    });
    expect(all<ReferencingRow>(referencingRowsQuery('c1')).map((r) => `${r.tbl}:${r.id}`).sort()).toEqual(['orders:o1', 'vehicles:v1', 'vehicles:v2']);
    expect(all<DuplicatePair>(duplicatesQuery('c1'))).toEqual([]);
  });

  it('keeps an address whole and a newer consent of the kept customer', () => {
    const keep = { id: 'k', judet: 'B', localitate: 'București', adresa: null, sector: 2, marketing_canal: 'sms', marketing_data: '2026-05-01', observatii: 'A' };
    const drop = { id: 'd', judet: 'CJ', localitate: 'Cluj', adresa: 'Str. X', sector: null, marketing_canal: 'retras', marketing_data: '2026-01-01', observatii: 'A' };
    expect(mergePlan(keep, drop, [])).toEqual([{ op: 'delete', table: 'clients', id: 'd' }]);
    expect(() => mergePlan(keep, keep, [])).toThrow();
  });
});
