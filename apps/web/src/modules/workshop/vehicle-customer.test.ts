import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsTable, localTableDdl, syncTables, type SqlValue } from '@roaauto/shared';
import { customerForSave, customerFromVehicle, likelyCustomers, linkHolds, sameCustomer, type VehicleCustomer } from './vehicle-customer';

/** Linking vehicles to customers, on SQLite with the device's own tables and search texts. */
let db: Database.Database;
const query = (sql: string, params: readonly SqlValue[]) => Promise.resolve(db.prepare<SqlValue[], Record<string, SqlValue>>(sql).all(...params));

function insertClient(row: Record<string, unknown>): void {
  const full: Record<string, unknown> = { created_at: '2026-01-01', updated_at: '2026-01-01', ...Object.fromEntries(Object.keys(clientsTable.columns).map((c) => [c, null])), ...row };
  const columns = Object.keys(full);
  db.prepare(`INSERT INTO clients (${columns.join(', ')}, _search) VALUES (${columns.map((c) => `@${c}`).join(', ')}, @_search)`)
    .run({ ...full, _search: clientsTable.search?.(full as never) ?? null });
}

beforeAll(() => {
  db = new Database(':memory:');
  for (const t of syncTables.filter((x) => x.name === 'clients')) for (const sql of localTableDdl(t)) db.exec(sql);
  insertClient({ id: 'c1', tip: 'pf', nume: 'Ștefan Popescu', telefon: '0722 123 456' });
  insertClient({ id: 'c2', tip: 'pf', nume: 'Ștefan Popescu', telefon: '0744 999 888' });
  insertClient({ id: 'c3', tip: 'pj', nume: 'Auto Țepeș SRL', cod_fiscal: 'RO14399840' });
});
afterAll(() => db.close());

const on = (patch: Partial<VehicleCustomer>): VehicleCustomer => ({
  client_nume: null, client_telefon: null, client_email: null, client_cod_fiscal: null, client_adresa: null, ...patch,
});

describe("a vehicle's customer", () => {
  it('is the same person by name without diacritics and phone digits', () => {
    expect(sameCustomer({ nume: 'Ștefan Popescu', telefon: '0722 123 456' }, on({ client_nume: 'stefan popescu', client_telefon: '+40722123456' }))).toBe(true);
    expect(sameCustomer({ nume: 'Ștefan Popescu', telefon: '0722 123 456' }, on({ client_nume: 'Stefan Popescu', client_telefon: '0744 999 888' }))).toBe(false);
    expect(sameCustomer({ nume: 'Ștefan Popescu', telefon: '0722 123 456' }, on({ client_nume: 'Ștefan Pop' }))).toBe(false);
  });

  it('keeps its link while the name or the phone stays', () => {
    const link = { id: 'c1', nume: 'Ștefan Popescu', telefon: '0722 123 456' };
    expect(linkHolds(link, on({ client_nume: 'Stefan Popescu' }))).toBe(true);
    expect(linkHolds(link, on({ client_nume: 'Ștefan Popescul', client_telefon: '0722123456' }))).toBe(true);
    expect(linkHolds(link, on({ client_nume: 'Maria Ionescu', client_telefon: '0733 000 000' }))).toBe(false);
    expect(linkHolds(link, on({ client_nume: '' }))).toBe(false);
  });

  it('makes a company from a valid CUI, a person with a valid CNP, the phone in its standard form', () => {
    expect(customerFromVehicle(on({ client_nume: ' Auto  Nou SRL ', client_cod_fiscal: 'RO14399840', client_telefon: '+40722000111' })))
      .toMatchObject({ tip: 'pj', nume: 'Auto Nou SRL', cod_fiscal: 'RO14399840', cnp: null, telefon: '0722 000 111' });
    expect(customerFromVehicle(on({ client_nume: 'Ion Pop', client_cod_fiscal: '1960523046217' }))).toMatchObject({ tip: 'pf', cnp: '1960523046217', cod_fiscal: null });
    expect(customerFromVehicle(on({ client_nume: 'Ion Pop', client_cod_fiscal: '123' }))).toMatchObject({ tip: 'pf', cnp: null, cod_fiscal: '123' });
    expect(customerFromVehicle(on({ client_nume: '  ' }))).toBeNull();
  });

  it('finds the likely customers by name words and by phone', async () => {
    expect((await likelyCustomers(query, on({ client_nume: 'popescu stefan' }))).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect((await likelyCustomers(query, on({ client_nume: 'Nimeni', client_telefon: '0744 999 888' }))).map((c) => c.id)).toEqual(['c2']);
    expect(await likelyCustomers(query, on({ client_nume: 'x' }))).toEqual([]);
  });

  it('is linked on save: the link kept, the same person found, or a new customer created with the vehicle', async () => {
    const link = { id: 'c1', nume: 'Ștefan Popescu', telefon: '0722 123 456' };
    expect(await customerForSave(query, on({ client_nume: 'Stefan Popescu' }), link)).toEqual({ clientId: 'c1', ops: [] });
    expect(await customerForSave(query, on({ client_nume: 'Stefan Popescu', client_telefon: '0744999888' }), null)).toEqual({ clientId: 'c2', ops: [] });
    const made = await customerForSave(query, on({ client_nume: 'Maria Ionescu', client_telefon: '0733 000 000' }), link);
    expect(made.ops).toEqual([{ op: 'create', table: 'clients', data: expect.objectContaining({ id: made.clientId, nume: 'Maria Ionescu', tip: 'pf' }) }]);
    expect(await customerForSave(query, on({ client_nume: null }), link)).toEqual({ clientId: null, ops: [] });
  });
});
