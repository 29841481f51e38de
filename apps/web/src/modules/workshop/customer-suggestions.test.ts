import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, syncTables, type SqlValue } from '@roaauto/shared';
import { customerMatches, customerQueries, mergeCustomers, pickCustomer, type KnownCustomer } from './customer-suggestions';
import { formValuesOf } from './vehicle-form';

/** The suggestions run on SQLite with the device's own tables and their search texts. */
let db: Database.Database;

function insert(table: 'clients' | 'vehicles', row: Record<string, unknown>): void {
  const def = syncTables.find((t) => t.name === table);
  if (!def) throw new Error(`${table} is not a synced table`);
  const full: Record<string, unknown> = { created_at: '2026-01-01', updated_at: '2026-01-01', ...Object.fromEntries(Object.keys(def.columns).map((c) => [c, null])), ...row };
  const columns = Object.keys(full);
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}, _search) VALUES (${columns.map((c) => `@${c}`).join(', ')}, @_search)`)
    .run({ ...full, _search: def.search?.(full as never) ?? null });
}

beforeAll(() => {
  db = new Database(':memory:');
  for (const name of ['clients', 'vehicles']) {
    const declared = syncTables.find((t) => t.name === name);
    if (!declared) throw new Error(`${name} is not a synced table`);
    for (const sql of localTableDdl(declared)) db.exec(sql);
  }
  insert('clients', { id: 'c1', tip: 'pf', nume: 'Ștefan Popescu', telefon: '0722 123 456', email: 'stefan@exemplu.ro', adresa: 'Str. Mare 1' });
  insert('clients', { id: 'c2', tip: 'pj', nume: 'Auto Țepeș SRL', telefon: null, cod_fiscal: 'RO14399840' });
  // The same person on a vehicle as in the customers: suggested once.
  insert('vehicles', { id: 'v1', nr_inmatriculare: 'B 1 AAA', client_nume: 'Stefan Popescu', client_telefon: '0722123456' });
  // Customers only on vehicles: the newest details of each.
  insert('vehicles', { id: 'v2', nr_inmatriculare: 'B 2 AAA', client_nume: 'Ioana Pop', client_telefon: '0733 000 111', client_adresa: 'veche', updated_at: '2026-01-01' });
  insert('vehicles', { id: 'v3', nr_inmatriculare: 'B 3 AAA', client_nume: 'Ioana Pop', client_telefon: '0733 000 111', client_adresa: 'nouă', updated_at: '2026-03-01' });
  // A plate that contains the letters typed is not a customer called so.
  insert('vehicles', { id: 'v4', nr_inmatriculare: 'SB 10 POP', client_nume: 'Radu Ene' });
});
afterAll(() => db.close());

const empty = formValuesOf(null);

function suggest(typed: string, current = empty): KnownCustomer[] {
  const queries = customerQueries(typed);
  if (!queries) return [];
  const lists = queries.map((q) => db.prepare<SqlValue[], KnownCustomer>(q.sql).all(...q.params));
  return mergeCustomers(typed, lists, current);
}
const names = (typed: string, current = empty) => suggest(typed, current).map((c) => c.nume);

describe('customer suggestions in the vehicle form', () => {
  it('finds customers and the customers of other vehicles by name without diacritics, words in any order, or by phone', () => {
    expect(names('stefan')).toEqual(['Ștefan Popescu']);
    expect(names('popescu șt')).toEqual(['Ștefan Popescu']);
    expect(names('tepes')).toEqual(['Auto Țepeș SRL']);
    expect(names('pop')).toEqual(['Ștefan Popescu', 'Ioana Pop']);
    expect(names('0733 000')).toEqual(['Ioana Pop']);
    expect(names('+40 722 123')).toEqual(['Ștefan Popescu']);
    expect(names('nimeni')).toEqual([]);
  });

  it('waits for two letters; a vehicle found by its plate only is no suggestion', () => {
    expect(customerQueries('s')).toBeNull();
    expect(customerQueries(' ș ')).toBeNull();
    expect(names('sb10')).toEqual([]);
    expect(customerMatches('sb10', { client_id: null, nume: 'Radu Ene', telefon: null, email: null, cod_fiscal: null, adresa: null })).toBe(false);
  });

  it("gives a vehicles' customer with their newest details, and not the customer already in the form", () => {
    expect(suggest('ioana')).toEqual([{ client_id: null, nume: 'Ioana Pop', telefon: '0733 000 111', email: null, cod_fiscal: null, adresa: 'nouă', seen: '2026-03-01' }]);
    expect(names('ioana', { ...empty, client_nume: 'Ioana Pop', client_telefon: '0733000111' })).toEqual([]);
  });

  it("a picked customer's details replace what the fields hold; a detail they have none of leaves the field as typed", () => {
    const [stefan] = suggest('stefan');
    if (!stefan) throw new Error('no suggestion');
    expect(stefan.client_id).toBe('c1');
    const typed = { ...empty, client_nume: 'stef', client_telefon: '0799 999 999', client_cod_fiscal: '1800101221144', client_adresa: '' };
    expect(pickCustomer(typed, stefan)).toEqual({
      client_nume: 'Ștefan Popescu', client_telefon: '0722 123 456', client_email: 'stefan@exemplu.ro', client_adresa: 'Str. Mare 1', client_cod_fiscal: '1800101221144',
    });
  });
});
