import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCnp, localTableDdl, syncTables, vehiclesTable, type SqlValue } from '@roaauto/shared';
import { checkFiscalCode, describeCustomer, describeVehicle, prefillFor, vehicleSearchPatterns, vehicleSearchSql, type VehicleRow } from './vehicles';

/** The vehicle search runs on SQLite with the device's own tables. */
let db: Database.Database;

const vehicles = [
  { id: 'v1', nr_inmatriculare: 'B 123 ABC', client_nume: 'Ion Popescu', client_telefon: '0722 123 456', marca_id: 'dacia', model_id: 'logan', an_fabricatie: 2015 },
  { id: 'v2', nr_inmatriculare: 'CJ 10 XYZ', client_nume: 'Ștefan Ionescu', client_telefon: null, marca_id: null, model_id: null, an_fabricatie: null },
  { id: 'v3', nr_inmatriculare: 'B 777 POP', client_nume: '100% Auto_Service', client_telefon: '+40 744 000 111', marca_id: 'dacia', model_id: null, an_fabricatie: 2020 },
  // A make the catalog does not have, as typed.
  { id: 'v4', nr_inmatriculare: 'TM 01 LAD', client_nume: 'Ana Pop', client_telefon: null, marca_id: null, model_id: null, marca: 'Lada', model: 'Niva', an_fabricatie: 1990 },
  // Changed by an older app (only the ids): the catalog's names win over the text.
  { id: 'v5', nr_inmatriculare: 'TM 02 OLD', client_nume: 'Dan Vechi', client_telefon: null, marca_id: 'dacia', model_id: 'logan', marca: 'Renault', model: 'Clio', an_fabricatie: null },
];

beforeAll(() => {
  db = new Database(':memory:');
  for (const name of ['vehicles', 'catalog_marci', 'catalog_modele', 'catalog_tipuri_motoare']) {
    const declared = syncTables.find((t) => t.name === name);
    if (!declared) throw new Error(`${name} is not a synced table`);
    for (const sql of localTableDdl(declared)) db.exec(sql);
  }
  db.exec(`INSERT INTO catalog_marci (id, created_at, updated_at, denumire, activ) VALUES ('dacia', '', '', 'Dacia', 1)`);
  db.exec(`INSERT INTO catalog_modele (id, created_at, updated_at, marca_id, denumire, activ) VALUES ('logan', '', '', 'dacia', 'Logan', 1)`);
  for (const v of vehicles) {
    const row = {
      created_at: '', updated_at: '', client_id: null, client_email: null, client_cod_fiscal: null, client_adresa: null, serie_sasiu: null, tip_motor_id: null,
      oracle_id: null, marca: null, model: null, ...v,
      itp_expira: null, rca_expira: null, revizie_data: null, revizie_km: null, itp_anuntat: null, rca_anuntat: null, revizie_anuntat: null,
    };
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO vehicles (${columns.join(', ')}, _search) VALUES (${columns.map((c) => `@${c}`).join(', ')}, @_search)`).run({ ...row, _search: vehiclesTable.search?.(row) ?? null });
  }
});
afterAll(() => db.close());

function search(typed: string, limit = 20): VehicleRow[] {
  const patterns = vehicleSearchPatterns(typed);
  return db.prepare<SqlValue[], VehicleRow>(vehicleSearchSql(limit, patterns.length)).all(...patterns);
}
const plates = (typed: string) => search(typed).map((v) => v.nr_inmatriculare);

describe('vehicle search', () => {
  it('finds a plate however it is spaced, a phone by its digits (+40 as 0), a name by every word without diacritics', () => {
    expect(plates('b123abc')).toEqual(['B 123 ABC']);
    expect(plates('B 123 ABC')).toEqual(['B 123 ABC']);
    expect(plates('0722123456')).toEqual(['B 123 ABC']);
    expect(plates('+40 744 000 111')).toEqual(['B 777 POP']);
    expect(plates('0744 000')).toEqual(['B 777 POP']);
    expect(plates('ionescu stefan')).toEqual(['CJ 10 XYZ']);
    expect(plates('ion')).toEqual(['B 123 ABC', 'CJ 10 XYZ']);
    expect(plates('')).toEqual(['B 123 ABC', 'B 777 POP', 'CJ 10 XYZ', 'TM 01 LAD', 'TM 02 OLD']);
    expect(search('', 2)).toHaveLength(2);
  });

  it('takes % and _ as typed', () => {
    expect(plates('100%')).toEqual(['B 777 POP']);
    expect(plates('auto_')).toEqual(['B 777 POP']);
    expect(plates('%')).toEqual(['B 777 POP']);
    expect(vehicleSearchPatterns('a b c d e f g')).toHaveLength(5);
  });

  it('reads the catalog names with the vehicle and describes it and its customer', () => {
    const [logan] = search('b123');
    expect(logan).toMatchObject({ marca_denumire: 'Dacia', model_denumire: 'Logan', tip_motor_denumire: null });
    expect(logan && describeVehicle(logan)).toBe('Dacia Logan · 2015');
    expect(logan && describeCustomer(logan)).toBe('Ion Popescu · 0722 123 456');
    const [bare] = search('cj10');
    expect(bare && describeVehicle(bare)).toBe('');
    expect(bare && describeCustomer(bare)).toBe('Ștefan Ionescu');
  });

  it('shows a make and model typed outside the catalog, finds the vehicle by them, and keeps the catalog names where it has an id', () => {
    const [lada] = search('niva');
    expect(lada).toMatchObject({ nr_inmatriculare: 'TM 01 LAD', marca_denumire: 'Lada', model_denumire: 'Niva' });
    expect(lada && describeVehicle(lada)).toBe('Lada Niva · 1990');
    expect(plates('lada')).toEqual(['TM 01 LAD']);
    const [old] = search('tm02old');
    expect(old).toMatchObject({ marca_denumire: 'Dacia', model_denumire: 'Logan' });
  });
});

describe('a new vehicle from what was typed', () => {
  it('digits go to the phone, letters with digits to the plate, anything else to the name', () => {
    expect(prefillFor(' 0722 123 456 ')).toEqual({ client_telefon: '0722 123 456' });
    expect(prefillFor('b 123 abc')).toEqual({ nr_inmatriculare: 'B 123 ABC' });
    expect(prefillFor('Ion  Popescu')).toEqual({ client_nume: 'Ion Popescu' });
    expect(prefillFor('   ')).toEqual({});
  });

  it('a fiscal code is a CNP (13 digits) or a CUI (2–10 digits, RO optional), checked', () => {
    const cnp = Array.from({ length: 10 }, (_, d) => `180010122114${d}`).find((c) => isValidCnp(c)) ?? '';
    expect(checkFiscalCode(cnp)).toEqual({ kind: 'cnp', valid: true, normalized: cnp });
    expect(checkFiscalCode('ro 14.399-840')).toEqual({ kind: 'cui', valid: true, normalized: 'RO14399840' });
    expect(checkFiscalCode('14399841').valid).toBe(false);
    expect(checkFiscalCode('J12/1/2020')).toEqual({ kind: null, valid: false, normalized: 'J12/1/2020' });
  });
});
