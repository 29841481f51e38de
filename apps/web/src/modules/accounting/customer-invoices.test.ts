import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientParty, localTableDdl, syncTables, type SqlValue } from '@roaauto/shared';
import { buyerOfClient, buyerSuggestions, customerBuyersQuery, customerInvoicesQuery } from './customer-invoices';
import { buyerParty } from './pages/invoices/invoice-form';

/** A customer's invoices and customers as buyers, on SQLite with the device's own tables. */
let db: Database.Database;
function insert(table: string, row: Record<string, unknown>): void {
  const def = syncTables.find((t) => t.name === table);
  if (!def) throw new Error(table);
  const full: Record<string, unknown> = { created_at: '2026-01-01', updated_at: '2026-01-01', ...Object.fromEntries(Object.keys(def.columns).map((c) => [c, null])), ...row };
  const columns = Object.keys(full);
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}, _search) VALUES (${columns.map((c) => `@${c}`).join(', ')}, @_search)`)
    .run({ ...full, _search: def.search?.(full as never) ?? null });
}
const all = (q: { sql: string; params: SqlValue[] }) => db.prepare<SqlValue[], Record<string, SqlValue>>(q.sql).all(...q.params);

const invoice = (id: string, nume: string, cui: string | null, date: string) => ({
  id, serie_id: 's', serie_factura: 'ROA', nr_factura: Number(id.slice(1)), tip: 'factura', data_factura: date, data_livrare: date, modalitate_plata: 'numerar',
  client_nume: nume, client_cod_fiscal: cui, total_fara_tva: 100, tva: 21, total_general: 121, document: '{}',
});

beforeAll(() => {
  db = new Database(':memory:');
  for (const name of ['clients', 'invoices']) {
    const def = syncTables.find((t) => t.name === name);
    if (def) for (const sql of localTableDdl(def)) db.exec(sql);
  }
  insert('clients', { id: 'c1', tip: 'pj', nume: 'Transport Rapid SRL', cod_fiscal: 'RO18547290', reg_com: 'J40/100/2010', platitor_tva: 1, judet: 'B', sector: 3, adresa: 'Bd. Unirii 10' });
  insert('clients', { id: 'c2', tip: 'pf', nume: 'Ion Popescu', telefon: '0722 123 456' });
  insert('invoices', invoice('i1', 'TRANSPORT RAPID SRL', 'RO18547290', '2026-02-01'));
  insert('invoices', invoice('i2', 'Transport Rapid', '18547290', '2026-03-01'));
  insert('invoices', invoice('i3', 'Ion Popescu', null, '2026-01-10'));
  insert('invoices', invoice('i4', 'Altcineva SRL', 'RO14399840', '2026-01-11'));
});
afterAll(() => db.close());

describe("a customer's invoices", () => {
  it('are found by CUI with or without RO, newest first; by name for a customer without one', () => {
    expect(all(customerInvoicesQuery({ nume: 'Transport Rapid SRL', cod_fiscal: 'RO18547290' })).map((r) => r.id)).toEqual(['i2', 'i1']);
    expect(all(customerInvoicesQuery({ nume: ' ion popescu ', cod_fiscal: null })).map((r) => r.id)).toEqual(['i3']);
    expect(all(customerInvoicesQuery({ nume: 'Nimeni', cod_fiscal: null }))).toEqual([]);
  });
});

describe('customers as buyers of a new invoice', () => {
  it('fill the buyer with the trade-register number and VAT status, which the document keeps', () => {
    const [row] = all({ sql: 'SELECT * FROM clients WHERE id = ?', params: ['c1'] });
    const buyer = buyerOfClient(row as never);
    expect(buyer).toMatchObject({ tip: 'pj', codFiscal: 'RO18547290', regCom: 'J40/100/2010', localitate: 'Sector 3', judet: 'B' });
    expect(buyerParty(buyer, null)).toMatchObject({ platitorTva: true, regCom: 'J40/100/2010' });
  });

  it('are offered by the words of the name, before earlier buyers, each name once', () => {
    const q = customerBuyersQuery('rapid transp');
    if (!q) throw new Error('no query');
    const customers = all(q).map((r) => clientParty(r as never));
    expect(customers.map((c) => c.nume)).toEqual(['Transport Rapid SRL']);
    const earlier = [clientParty({ tip: 'pj', nume: 'Transport Rapid SRL', telefon: null, email: null, cod_fiscal: null, adresa: null, judet: null }),
      clientParty({ tip: 'pj', nume: 'Transport Lent SRL', telefon: null, email: null, cod_fiscal: null, adresa: null, judet: null })];
    expect(buyerSuggestions(customers, earlier, 'transport').map((p) => [p.nume, p.regCom])).toEqual([['Transport Rapid SRL', 'J40/100/2010'], ['Transport Lent SRL', null]]);
    expect(customerBuyersQuery('a')).toBeNull();
  });
});
