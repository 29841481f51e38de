import { describe, expect, it } from 'vitest';
import { syncTables } from '@roaauto/shared';
import { compareItems, emptyValues, findDuplicate, isTab, itemName, readValues, searchText, sections, tabs, valuesOf } from './catalog-sections';

describe('catalog sections', () => {
  it('each section edits a synced table and its fields are columns of it', () => {
    const byName = new Map(syncTables.map((t) => [t.name, t]));
    for (const def of Object.values(sections)) {
      const table = byName.get(def.table);
      expect(table, def.table).toBeDefined();
      for (const f of def.fields) expect(Object.keys(table?.columns ?? {}), `${def.id}.${f.key}`).toContain(f.key);
      for (const c of [...def.unique, ...def.sortBy]) expect(def.fields.map((f) => f.key), `${def.id}: ${c}`).toContain(c);
    }
    expect(tabs.every(isTab)).toBe(true);
    expect(isTab('modele')).toBe(false);
  });

  it('reads a norm as typed: trimmed texts, hours with a comma, an empty optional code stored as null', () => {
    expect(readValues(sections.norme, { cod: '  ', denumire: ' Schimb ulei ', ore_normate: '0,5', ansamblu_id: '' })).toEqual({
      data: { cod: null, denumire: 'Schimb ulei', ore_normate: '0.5', ansamblu_id: null },
      problems: {},
    });
  });

  it('reads an order type\'s service interval as whole months and km within their bounds, empty as none', () => {
    expect(readValues(sections.tipuriDeviz, { denumire: ' Revizie ', interval_luni: '12', interval_km: '15.000' })).toEqual({
      data: { denumire: 'Revizie', interval_luni: 12, interval_km: 15000 }, problems: {},
    });
    expect(readValues(sections.tipuriDeviz, { denumire: 'Reparație', interval_luni: '', interval_km: ' ' }).data).toEqual({ denumire: 'Reparație', interval_luni: null, interval_km: null });
    expect(readValues(sections.tipuriDeviz, { denumire: 'X', interval_luni: '0', interval_km: '1,5' }).problems).toEqual({
      interval_luni: { message: 'range', params: { min: 1, max: 120 } },
      interval_km: { message: 'range', params: { min: 100, max: 1_000_000 } },
    });
    expect(readValues(sections.tipuriDeviz, { denumire: 'X', interval_luni: '121', interval_km: '50' }).problems).toHaveProperty('interval_luni');
    expect(valuesOf(sections.tipuriDeviz, { id: 't', denumire: 'Revizie', interval_luni: 12, interval_km: null }, 'ro')).toEqual({ denumire: 'Revizie', interval_luni: '12', interval_km: '' });
  });

  it('reads a mechanic with the account it is linked to, or none', () => {
    expect(readValues(sections.mecanici, { nume: ' Pop ', prenume: '', user_id: 'u1' })).toEqual({ data: { nume: 'Pop', prenume: null, user_id: 'u1' }, problems: {} });
    expect(readValues(sections.mecanici, { nume: 'Pop', prenume: 'Ana', user_id: '' }).data).toEqual({ nume: 'Pop', prenume: 'Ana', user_id: null });
  });

  it('a mechanic assigned to orders or named on order lines is deactivated, not deleted', () => {
    expect(sections.mecanici.usedBy.map((u) => `${u.table}.${u.column}`)).toEqual(['orders.mecanic_id', 'order_lines.mecanic_id']);
  });

  it('says what is wrong with each field instead of storing it', () => {
    const { problems } = readValues(sections.norme, { cod: 'x'.repeat(21), denumire: '', ore_normate: '0', ansamblu_id: '' });
    expect(problems).toEqual({ cod: { message: 'tooLong', params: { max: 20 } }, denumire: { message: 'required' }, ore_normate: { message: 'hoursZero' } });
    expect(readValues(sections.preturi, { denumire: 'Manoperă', pret: '150,5', um: 'oră' })).toEqual({ data: { denumire: 'Manoperă', pret: 15050, um: 'oră' }, problems: {} });
    expect(readValues(sections.preturi, { denumire: 'Manoperă', pret: ' 150.50 ', um: 'oră' }).data).toMatchObject({ pret: 15050 });
  });

  it('a refused figure says exactly why: negative, too many decimals, thousands separators, not a number', () => {
    const hours = (ore_normate: string) => readValues(sections.norme, { denumire: 'a', ore_normate }).problems.ore_normate?.message;
    const price = (pret: string) => readValues(sections.preturi, { denumire: 'a', pret, um: 'buc' }).problems.pret?.message;
    expect(hours('1,234')).toBe('hoursProblem.decimals');
    expect(hours('-1,5')).toBe('hoursProblem.negative');
    expect(hours('o oră')).toBe('hoursProblem.notNumber');
    expect(hours('1,5')).toBeUndefined();
    expect(price('1.234,50')).toBe('priceProblem.thousands');
    expect(price('-150')).toBe('priceProblem.negative');
    expect(price('12,505')).toBe('priceProblem.decimals');
    expect(price('o sută')).toBe('priceProblem.notNumber');
  });

  it("an item's values for editing, in the person's decimals", () => {
    const row = { id: 'p', denumire: 'Manoperă', pret: 15050, um: 'oră' };
    expect(valuesOf(sections.preturi, row, 'ro')).toEqual({ denumire: 'Manoperă', pret: '150,50', um: 'oră' });
    expect(valuesOf(sections.preturi, row, 'en').pret).toBe('150.50');
    expect(valuesOf(sections.norme, { cod: null, denumire: 'x', ore_normate: '1.5', ansamblu_id: null }, 'ro')).toEqual({ cod: '', denumire: 'x', ore_normate: '1,5', ansamblu_id: '' });
    expect(emptyValues(sections.mecanici)).toEqual({ nume: '', prenume: '', user_id: '' });
    expect(valuesOf(sections.mecanici, { nume: 'Pop', prenume: null, user_id: 'u1' }, 'ro')).toEqual({ nume: 'Pop', prenume: '', user_id: 'u1' });
    // What the form shows reads back as what is stored.
    expect(readValues(sections.preturi, valuesOf(sections.preturi, { ...row, pret: 123405 }, 'ro')).data).toMatchObject({ pret: 123405 });
  });

  it('a duplicate is found without case and diacritics, never the item itself', () => {
    const rows = [{ id: 'a', denumire: 'Frână' }, { id: 'b', denumire: 'Motor' }];
    expect(findDuplicate(sections.ansamble, rows, { denumire: 'frana' }, null)).toEqual({ column: 'denumire', row: rows[0] });
    expect(findDuplicate(sections.ansamble, rows, { denumire: 'FRÂNĂ' }, 'a')).toBeNull();
    expect(findDuplicate(sections.mecanici, [{ id: 'm', nume: 'Ion' }], { nume: 'Ion' }, null)).toBeNull();
  });

  it('items are named, sorted and searched as people read them', () => {
    expect(itemName(sections.mecanici, { nume: 'Pop', prenume: 'Ana' })).toBe('Pop Ana');
    expect(itemName(sections.mecanici, { nume: 'Pop', prenume: null })).toBe('Pop');
    const rows = [{ cod: 'M10', denumire: 'b' }, { cod: 'M9', denumire: 'a' }, { cod: 'm9', denumire: 'A' }];
    expect([...rows].sort((a, b) => compareItems(sections.norme, a, b)).map((r) => r.cod)).toEqual(['M9', 'm9', 'M10']);
    expect(searchText(sections.norme, { cod: 'F02', denumire: 'Plăcuțe frână', ansamblu: 'Frânare' })).toBe('placute frana f02 franare');
  });
});
