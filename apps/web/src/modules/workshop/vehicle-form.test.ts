import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localTableDdl, syncTables } from '@roaauto/shared';
import type { SqlValue } from '@roaauto/shared';
import {
  catalogChoice, catalogKey, duplicatePlateParams, duplicatePlateSql, duplicatePlateWarning, plateKey, emailWarning, fiscalCheck, formValuesOf, matchCatalog, phoneCheck,
  plateCheck, storedValues, suggestCatalog, tidyField, vehiclePatch, vinCheck, yearCheck,
} from './vehicle-form';

const key = (m: { key: string } | null) => m?.key.replace('workshop.vehicles.', '') ?? null;

describe('the vehicle form', () => {
  it("starts from a stored vehicle's values, or from what was typed for a new one", () => {
    const values = formValuesOf({ nr_inmatriculare: 'B 123 ABC', an_fabricatie: 2015, client_nume: null }, { client_nume: 'ignored' });
    expect(values).toMatchObject({ nr_inmatriculare: 'B 123 ABC', an_fabricatie: '2015', client_nume: '', marca: '' });
    // The make and model as the vehicle shows them: the catalog's names of a joined row, else the text.
    expect(formValuesOf({ marca_id: 'm1', marca: null, marca_denumire: 'Dacia', model: 'Niva', model_denumire: null })).toMatchObject({ marca: 'Dacia', model: 'Niva' });
    expect(formValuesOf(null, { nr_inmatriculare: 'CJ 10 XYZ' })).toMatchObject({ nr_inmatriculare: 'CJ 10 XYZ', client_telefon: '' });
  });

  it('leaving a field puts it in its standard form', () => {
    expect(tidyField('nr_inmatriculare', ' b123abc ')).toBe('B 123 ABC');
    expect(tidyField('nr_inmatriculare', '   ')).toBe('');
    expect(tidyField('serie_sasiu', ' uu1 ls 1234 ')).toMatch(/^UU1LS1234$/);
    expect(tidyField('client_telefon', '0722123456')).toBe('0722 123 456');
    expect(tidyField('client_telefon', ' 12 ')).toBe('12');
    expect(tidyField('client_cod_fiscal', 'ro 14.399.840')).toBe('RO14399840');
    expect(tidyField('client_nume', '  Ion   Pop ')).toBe('Ion Pop');
    expect(tidyField('client_email', ' a@b.ro ')).toBe('a@b.ro');
  });

  it('the plate is required once saving was tried; an unusual one is a warning once left; a red plate says so', () => {
    expect(plateCheck(' ', false, false).error).toBeNull();
    expect(key(plateCheck(' ', false, true).error)).toBe('err.plateRequired');
    expect(key(plateCheck('XX 1', false, false).warning)).toBeNull();
    expect(key(plateCheck('XX 1', true, false).warning)).toBe('warn.plate');
    expect(key(plateCheck('CT 123456', true, false).hint)).toBe('warn.plateTemporary');
    expect(key(plateCheck('B 123 ABC', true, false).hint)).toBe('plateHint');
  });

  it('a VIN too long blocks; wrong letters show at once; a short one once left; a check digit is only a warning', () => {
    expect(vinCheck('1'.repeat(18), false)).toMatchObject({ blocks: true, error: { key: 'workshop.vehicles.err.vinTooLong' } });
    expect(key(vinCheck('WVWZZZ1JZ3W38665O', false).error)).toBe('err.vinLetters');
    expect(vinCheck('WVWZZZ', false).error).toBeNull();
    expect(vinCheck('WVWZZZ', true).error).toEqual({ key: 'workshop.vehicles.err.vinLength', params: { n: 6 } });
    expect(vinCheck('1M8GDM9AXKP042788', true)).toEqual({ error: null, warning: null, blocks: false });
    expect(key(vinCheck('1M8GDM9A1KP042788', true).warning)).toBe('warn.vinCheckDigit');
  });

  it('a year before 1900 or after next year blocks', () => {
    expect(yearCheck('', true, 2026).blocks).toBe(false);
    expect(yearCheck('15', false, 2026)).toEqual({ error: null, warning: null, blocks: true });
    expect(key(yearCheck('2150', true, 2027).error)).toBe('err.year');
    // After next year it blocks, as the table's rule refuses it: a 2031 was saved before.
    expect(yearCheck('2031', true, 2027)).toEqual({ error: { key: 'workshop.vehicles.err.year', params: { max: 2027 } }, warning: null, blocks: true });
    expect(yearCheck('2028', false, 2027)).toMatchObject({ error: null, blocks: true });
    expect(yearCheck('2027', true, 2027)).toEqual({ error: null, warning: null, blocks: false });
  });

  it('fiscal codes, phones and e-mails warn once left, never block', () => {
    expect(key(fiscalCheck('RO14399840', true).hint)).toBe('kind.cui');
    expect(fiscalCheck('RO14399840', true).warning).toBeNull();
    expect(key(fiscalCheck('14399841', true).warning)).toBe('warn.cui');
    expect(fiscalCheck('14399841', false).warning).toBeNull();
    expect(key(fiscalCheck('1234567890123', true).warning)).toBe('warn.cnp');
    expect(key(fiscalCheck('abc', true).warning)).toBe('warn.fiscalShape');
    expect(key(phoneCheck('0722 123 456', true).hint)).toMatch(/^kind\./);
    expect(key(phoneCheck('12', true).warning)).toBe('warn.phone');
    expect(phoneCheck('12', false).warning).toBeNull();
    expect(key(emailWarning('ion@', true))).toBe('warn.email');
    expect(emailWarning('ion@service.ro', true)).toBeNull();
    expect(emailWarning('ion@', false)).toBeNull();
  });

  it('stores tidy values, empty as null, a make and model as typed; an edit writes only what changed', () => {
    const values = storedValues({
      ...formValuesOf(null), nr_inmatriculare: 'b123abc', marca: ' Lada ', model: 'Niva  4x4', an_fabricatie: ' 2015 ', client_nume: ' Ion  Pop ', client_telefon: '0722123456',
      client_cod_fiscal: 'ro 14399840',
    });
    expect(values).toEqual({
      nr_inmatriculare: 'B 123 ABC', marca: 'Lada', marca_id: null, model: 'Niva 4x4', model_id: null, an_fabricatie: 2015, serie_sasiu: null, tip_motor_id: null,
      client_nume: 'Ion Pop', client_telefon: '0722 123 456', client_email: null, client_cod_fiscal: 'RO14399840', client_adresa: null,
    });
    // A make and model of the catalog: its spelling and its ids; a model of the catalog only with its make.
    const dacia = { id: 'dacia', denumire: 'Dacia' };
    const logan = { id: 'logan', denumire: 'Logan' };
    expect(storedValues({ ...formValuesOf(null), marca: 'dacia', model: 'LOGAN' }, { make: dacia, model: logan })).toMatchObject({ marca: 'Dacia', marca_id: 'dacia', model: 'Logan', model_id: 'logan' });
    expect(storedValues({ ...formValuesOf(null), marca: 'dacia', model: 'Logan MCV' }, { make: dacia, model: null })).toMatchObject({ marca_id: 'dacia', model: 'Logan MCV', model_id: null });
    expect(storedValues({ ...formValuesOf(null), marca: 'Lada', model: 'Logan' }, { make: null, model: logan })).toMatchObject({ marca: 'Lada', marca_id: null, model: 'Logan', model_id: null });
    expect(storedValues({ ...formValuesOf(null), marca: ' ', model: '' })).toMatchObject({ marca: null, model: null });
    expect(vehiclePatch({ id: 'v', nr_inmatriculare: 'B 123 ABC', client_nume: 'Ion', marca_id: null }, { nr_inmatriculare: 'B 123 ABC', client_nume: 'Ion Pop', marca_id: null, client_email: null }))
      .toEqual({ client_nume: 'Ion Pop' });
  });

  it('finds another vehicle with the same plate, however it was typed, and says whose it is', () => {
    expect(plateKey(' ct-10 abc ')).toBe('CT10ABC');
    expect(plateKey('CT 10 ABC')).toBe('CT10ABC');
    expect(plateKey('  ')).toBe('');

    const db = new Database(':memory:');
    const declared = syncTables.find((t) => t.name === 'vehicles');
    if (!declared) throw new Error('vehicles is not a synced table');
    for (const sql of localTableDdl(declared)) db.exec(sql);
    const insert = (id: string, plate: string, name: string | null) =>
      db.prepare('INSERT INTO vehicles (id, created_at, updated_at, nr_inmatriculare, client_nume) VALUES (?, ?, ?, ?, ?)').run(id, '2026-01-01', '2026-01-01', plate, name);
    insert('v1', 'CT 10 ABC', 'Ion Pop');
    insert('v2', 'b-123-xyz', null);
    const lookup = (plate: string, own: string | null = null) =>
      (db.prepare(duplicatePlateSql).all(...duplicatePlateParams(plate, own)) as { id: string; nr_inmatriculare: string; client_nume: string | null }[])[0] ?? null;

    const found = lookup('ct10abc');
    expect(found?.id).toBe('v1');
    expect(duplicatePlateWarning('ct10abc', found)).toEqual({ key: 'workshop.vehicles.warn.plateDuplicateOf', params: { plate: 'CT 10 ABC', name: 'Ion Pop' } });
    // A plate stored before it was normalised still matches; a customer-less vehicle is "another vehicle".
    const other = lookup('B 123 XYZ');
    expect(other?.id).toBe('v2');
    expect(key(duplicatePlateWarning('B 123 XYZ', other))).toBe('warn.plateDuplicate');
    // The vehicle being edited is not its own duplicate; an empty or new plate finds nothing.
    expect(lookup('CT 10 ABC', 'v1')).toBeNull();
    expect(lookup('')).toBeNull();
    expect(lookup('CT 10 ABD')).toBeNull();
    // A stale answer (the plate changed since the lookup) says nothing.
    expect(duplicatePlateWarning('CT 10 ABD', found)).toBeNull();
    db.close();
  });

  it('a make or model typed is the catalog entry of the same name, without regard to case, diacritics, spaces or dashes', () => {
    const makes = [{ id: 'vw', denumire: 'Volkswagen' }, { id: 'cit', denumire: 'Citroën' }, { id: 'mb', denumire: 'Mercedes-Benz' }, { id: 'dacia', denumire: 'Dacia' }];
    expect(catalogKey(' Mercedes-Benz ')).toBe('mercedesbenz');
    expect(matchCatalog('volkswagen', makes)?.id).toBe('vw');
    expect(matchCatalog('CITROEN', makes)?.id).toBe('cit');
    expect(matchCatalog('mercedes benz', makes)?.id).toBe('mb');
    // Anything else is not an entry: kept as typed.
    expect(matchCatalog('Volks', makes)).toBeNull();
    expect(matchCatalog('Lada', makes)).toBeNull();
    expect(matchCatalog('  ', makes)).toBeNull();
    // Two entries of one name: the vehicle's own.
    expect(matchCatalog('dacia', [...makes, { id: 'dacia2', denumire: 'DACIA' }], 'dacia2')?.id).toBe('dacia2');
  });

  it('suggests the entries that start with what was typed first, then those with a word that does, then the others that contain it', () => {
    const models = ['Seria 3', 'Seria 1', 'X3', 'Clasa C', 'C-Max', 'Focus'].map((denumire, i) => ({ id: String(i), denumire }));
    const names = (typed: string) => suggestCatalog(typed, models).map((e) => e.denumire);
    expect(names('')).toEqual(['C-Max', 'Clasa C', 'Focus', 'Seria 1', 'Seria 3', 'X3']);
    expect(names('seria')).toEqual(['Seria 1', 'Seria 3']);
    expect(names('c')).toEqual(['C-Max', 'Clasa C', 'Focus']);
    expect(names('3')).toEqual(['Seria 3', 'X3']);
    expect(names('lada')).toEqual([]);
    expect(suggestCatalog('', models, 2)).toHaveLength(2);
  });

  it("reads the catalog's entries of the typed make, then of its models, when the vehicle is saved", async () => {
    const db = new Database(':memory:');
    for (const name of ['catalog_marci', 'catalog_modele']) {
      const declared = syncTables.find((t) => t.name === name);
      if (!declared) throw new Error(`${name} is not a synced table`);
      for (const sql of localTableDdl(declared)) db.exec(sql);
    }
    db.exec(`INSERT INTO catalog_marci (id, created_at, updated_at, denumire, activ) VALUES ('vw', '', '', 'Volkswagen', 1), ('old', '', '', 'Trabant', 0)`);
    db.exec(`INSERT INTO catalog_modele (id, created_at, updated_at, marca_id, denumire, activ) VALUES ('golf', '', '', 'vw', 'Golf', 1), ('polo', '', '', 'vw', 'Polo', 0), ('p601', '', '', 'old', '601', 1)`);
    const query = (sql: string, params: readonly SqlValue[]) => Promise.resolve(db.prepare(sql).all(...params) as Record<string, SqlValue>[]);
    const none = { marca_id: '', model_id: '' };
    expect(await catalogChoice(query, { marca: 'volkswagen', model: 'golf' }, none)).toEqual({ make: { id: 'vw', denumire: 'Volkswagen' }, model: { id: 'golf', denumire: 'Golf' } });
    // The model is one of the make's: "601" is another make's.
    expect(await catalogChoice(query, { marca: 'Volkswagen', model: '601' }, none)).toEqual({ make: { id: 'vw', denumire: 'Volkswagen' }, model: null });
    expect(await catalogChoice(query, { marca: 'Lada', model: 'Golf' }, none)).toEqual({ make: null, model: null });
    // Deactivated entries only for the vehicle that already has them.
    expect((await catalogChoice(query, { marca: 'Trabant', model: '601' }, none)).make).toBeNull();
    expect(await catalogChoice(query, { marca: 'trabant', model: '601' }, { marca_id: 'old', model_id: '' })).toMatchObject({ make: { id: 'old' }, model: { id: 'p601' } });
    expect((await catalogChoice(query, { marca: 'Volkswagen', model: 'Polo' }, { marca_id: 'vw', model_id: 'polo' })).model?.id).toBe('polo');
    expect((await catalogChoice(query, { marca: 'Volkswagen', model: 'Polo' }, none)).model).toBeNull();
    db.close();
  });
});
