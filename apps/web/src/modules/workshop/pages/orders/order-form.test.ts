import { describe, expect, it } from 'vitest';
import { orderTotals } from '@roaauto/shared';
import type { OrderRow } from '../../order-rows';
import {
  defaultLabourRate, emptyFields, emptySnapshot, fieldsOfOrder, figureMessages, figureProblems, fromLineRow, hasContent, lineProblem, matchNorms, moveLine, newLine,
  normKey, normPatch, mechanicToStore, orderHeader, parseKm, saveStateOf, snapshotOf, toAmounts, toLineRow, unsavedLineCount, countedAmounts, type LineDraft, type Norm,
} from './order-form';

const labour = (over: Partial<LineDraft> = {}): LineDraft => ({
  id: 'l1', tip: 'manopera', descriere: 'Schimb ulei', norma_id: null, qty: '1,5', price: '150', um: '', mecanic_id: null, ...over,
});
const material = (over: Partial<LineDraft> = {}): LineDraft => ({
  id: 'm1', tip: 'material', descriere: 'Filtru ulei', norma_id: 'n1', qty: '2', price: '45,90', um: ' buc ', mecanic_id: 'mec', ...over,
});

describe('order lines', () => {
  it('reads typed figures with a comma or a dot, labour as hours × rate and materials as quantity × price', () => {
    expect(toAmounts(labour())).toEqual({ tip: 'manopera', ore: '1.5', pret_ora: 15000, cantitate: null, pret_unitar: null });
    expect(toAmounts(material())).toEqual({ tip: 'material', ore: null, pret_ora: null, cantitate: '2', pret_unitar: 4590 });
    expect(toAmounts(labour({ qty: 'abc', price: '' }))).toMatchObject({ ore: null, pret_ora: null });
  });

  it('a line without a description or with figures that do not read is not complete', () => {
    expect(lineProblem(labour())).toBeNull();
    expect(lineProblem(labour({ descriere: '  ' }))).toBe('description');
    expect(lineProblem(labour({ qty: '' }))).toBe('amounts');
    expect(lineProblem(labour({ qty: '1,255' }))).toBe('amounts');
    expect(lineProblem(material({ qty: '1,2345' }))).toBe('amounts');
    expect(lineProblem(material({ price: '-3' }))).toBe('amounts');
    expect(lineProblem(material({ qty: '1,234' }))).toBeNull();
  });

  it('totals count complete lines only, in bani, labour and materials apart', () => {
    const lines = [labour(), material(), material({ id: 'm2', qty: '', price: '10' }), labour({ id: 'l2', qty: '0,25', price: '99,99' })];
    expect(orderTotals(lines.map(toAmounts))).toEqual({ total_manopera: 22500 + 2500, total_materiale: 9180, total_general: 22500 + 2500 + 9180 });
  });

  it('a line the customer declined leaves the totals while it says the same, and counts again once it changes', () => {
    const declined = fromLineRow({ ...toLineRow(material(), 'order-1', 0), decizie_client: 'respins' }, 'ro-RO');
    const approved = fromLineRow({ ...toLineRow(labour(), 'order-1', 1), decizie_client: 'aprobat' }, 'ro-RO');
    expect(orderTotals([declined, approved].map(countedAmounts))).toEqual({ total_manopera: 22500, total_materiale: 0, total_general: 22500 });
    expect(countedAmounts({ ...declined, qty: '3' }).decizie_client).toBeNull();
    expect(orderTotals([{ ...declined, qty: '3' }, approved].map(countedAmounts)).total_materiale).toBe(13770);
    expect(countedAmounts(material()).decizie_client).toBeNull();
  });

  it('a complete line becomes its stored row and back, the form keeping the texts', () => {
    const row = toLineRow(material(), 'order-1', 3);
    expect(row).toEqual({
      id: 'm1', order_id: 'order-1', tip: 'material', descriere: 'Filtru ulei', norma_id: null, ore: null, pret_ora: null, um: 'buc',
      cantitate: '2', pret_unitar: 4590, total: 9180, mecanic_id: 'mec', ordine: 3,
    });
    expect(fromLineRow(row, 'ro')).toEqual({ ...material(), norma_id: null, um: 'buc', price: '45,90' });
    expect(fromLineRow(row, 'en')).toMatchObject({ qty: '2', price: '45.90' });
    const labourRow = toLineRow(labour({ norma_id: 'n9', um: 'x' }), 'order-1', 0);
    expect(labourRow).toMatchObject({ norma_id: 'n9', um: null, ore: '1.5', pret_ora: 15000, total: 22500 });
    // A stored line reopens with the decimals of the language: "1,5" h at "150,00" in Romanian.
    expect(fromLineRow(labourRow, 'ro')).toMatchObject({ qty: '1,5', price: '150,00', um: '' });
    expect(fromLineRow(labourRow, 'en')).toMatchObject({ qty: '1.5', price: '150.00' });
    expect(toAmounts(fromLineRow(labourRow, 'ro'))).toEqual(toAmounts(labour({ norma_id: 'n9' })));
  });

  it('a description longer than the column is cut when stored', () => {
    expect(toLineRow(labour({ descriere: ` ${'a'.repeat(500)} ` }), 'o', 0).descriere).toHaveLength(400);
  });

  it("a new labour line takes the catalog's rate, else the last labour line's; the mechanic of the last line", () => {
    const lines = [labour({ price: '120', mecanic_id: 'ana' }), material({ mecanic_id: 'ion' })];
    expect(newLine('manopera', lines, 17550, 'x', 'ro')).toEqual({ id: 'x', tip: 'manopera', descriere: '', norma_id: null, qty: '', price: '175,50', um: '', mecanic_id: 'ion' });
    expect(newLine('manopera', lines, 17550, 'x', 'en').price).toBe('175.50');
    expect(newLine('manopera', lines, null, 'x', 'ro').price).toBe('120');
    expect(newLine('material', lines, 17550, 'y', 'ro')).toMatchObject({ qty: '1', price: '', um: 'buc', mecanic_id: 'ion' });
    expect(newLine('material', [], null, 'z', 'ro').mecanic_id).toBeNull();
  });

  it("a standard labour time fills the line with its hours in the language's decimals", () => {
    const norm: Norm = { id: 'n1', cod: 'E1', denumire: 'Înlocuire alternator', ore_normate: '1.5', key: '' };
    expect(normPatch(norm, 'ro')).toEqual({ descriere: 'Înlocuire alternator', norma_id: 'n1', qty: '1,5' });
    expect(normPatch(norm, 'en').qty).toBe('1.5');
    expect(toAmounts(labour(normPatch(norm, 'ro'))).ore).toBe('1.5');
  });

  it('each figure says what is wrong with it alone: a wrong quantity never marks a right price, nor the other way', () => {
    expect(figureProblems(labour())).toEqual({ qty: null, price: null });
    expect(figureProblems(labour({ qty: ' 1,50 ' }))).toEqual({ qty: null, price: null });
    expect(figureProblems(labour({ qty: 'x' }))).toEqual({ qty: 'notNumber', price: null });
    expect(figureProblems(material({ qty: '1,2345' }))).toEqual({ qty: 'decimals', price: null });
    expect(figureProblems(material({ price: '-45,90' }))).toEqual({ qty: null, price: 'negative' });
    expect(figureProblems(material({ price: '1.234,50' }))).toEqual({ qty: null, price: 'thousands' });
    expect(figureProblems(material({ qty: '', price: '' }))).toEqual({ qty: 'empty', price: 'empty' });
    expect(figureProblems(material({ price: '99999999999999' }))).toEqual({ qty: null, price: 'notNumber' });
    expect(figureMessages(labour({ qty: '-1' }))).toEqual({ qty: { key: 'workshop.orders.line.figures.hours.negative', params: { n: 2 } }, price: null });
    expect(figureMessages(labour({ price: '-150' }))).toEqual({ qty: null, price: { key: 'workshop.orders.line.figures.rate.negative' } });
    expect(figureMessages(material({ qty: 'doi', price: '-3' }))).toEqual({
      qty: { key: 'workshop.orders.line.figures.quantity.notNumber', params: { n: 3 } },
      price: { key: 'workshop.orders.line.figures.price.negative' },
    });
  });

  it('the labour rate is the first price per hour, else the first labour price', () => {
    expect(defaultLabourRate([{ denumire: 'Manoperă mecanică', pret: 15000, um: 'buc' }, { denumire: 'Tarif', pret: 18000, um: 'Oră' }])).toBe(18000);
    expect(defaultLabourRate([{ denumire: 'Ulei', pret: 5000, um: 'l' }, { denumire: 'MANOPERA', pret: 15000, um: 'buc' }])).toBe(15000);
    expect(defaultLabourRate([{ denumire: 'Ulei', pret: 5000, um: 'l' }])).toBeNull();
  });

  it('a line moves past lines of the other kind, and not beyond its own kind', () => {
    const a = labour({ id: 'a' });
    const m = material({ id: 'm' });
    const b = labour({ id: 'b' });
    const lines = [a, m, b];
    expect(moveLine(lines, b, -1)).toBe(true);
    expect(lines.map((l) => l.id)).toEqual(['b', 'm', 'a']);
    expect(moveLine(lines, b, -1)).toBe(false);
    expect(moveLine(lines, m, 1)).toBe(false);
    expect(lines.map((l) => l.id)).toEqual(['b', 'm', 'a']);
  });

  it('leaving warns about incomplete lines with something typed or that were stored', () => {
    const lines = [labour(), labour({ id: 'typed', qty: '' }), labour({ id: 'blank', descriere: '', qty: '' }), labour({ id: 'stored', descriere: '' })];
    expect(unsavedLineCount(lines, new Set())).toBe(1);
    expect(unsavedLineCount(lines, new Set(['stored']))).toBe(2);
  });

  it('norms are found by every typed word, without diacritics, in code or name', () => {
    const norms: Norm[] = [
      { id: '1', cod: 'M01', denumire: 'Înlocuire ulei motor', ore_normate: '0.5', key: '' },
      { id: '2', cod: 'F02', denumire: 'Plăcuțe frână față', ore_normate: '1', key: '' },
    ].map((n) => ({ ...n, key: normKey(n) }));
    expect(matchNorms(norms, 'ulei inloc').map((n) => n.id)).toEqual(['1']);
    expect(matchNorms(norms, 'f02').map((n) => n.id)).toEqual(['2']);
    expect(matchNorms(norms, '   ')).toEqual([]);
    expect(matchNorms(norms, 'e', 1)).toHaveLength(1);
  });
});

describe('order header', () => {
  it('km: digits with spaces or dots between thousands; anything else is invalid', () => {
    expect(parseKm('')).toBeNull();
    expect(parseKm('123 456')).toBe(123456);
    expect(parseKm('1.234.567')).toBe(1234567);
    expect(parseKm('12345678')).toBe('invalid');
    expect(parseKm('12a')).toBe('invalid');
    expect(parseKm('-5')).toBe('invalid');
  });

  it('the stored header: a bad date becomes today, unreadable km keep the stored value, notes trimmed', () => {
    const vehicle = { ...emptySnapshot(), vehicle_id: 'v1', nr_auto: 'B 123 ABC' };
    const h = orderHeader({ data_comanda: '2026-03-1', km: '12x', tip_deviz_id: '', observatii: `  ${'n'.repeat(4100)}  `, mecanic_id: '' }, vehicle, 9000, '2026-04-01');
    expect(h).toMatchObject({ data_comanda: '2026-04-01', km_intrare: 9000, tip_deviz_id: null, vehicle_id: 'v1', nr_auto: 'B 123 ABC', mecanic_id: null });
    expect(h.observatii).toHaveLength(4000);
    expect(orderHeader({ ...emptyFields('2026-04-01'), km: '' }, vehicle, 9000, '2026-04-02')).toMatchObject({ data_comanda: '2026-04-01', km_intrare: null, observatii: null });
  });

  it("the order's mechanic: chosen in the form, empty for nobody, and not content by itself", () => {
    expect(emptyFields('2026-04-01').mecanic_id).toBe('');
    expect(emptyFields('2026-04-01', 'm1').mecanic_id).toBe('m1');
    const h = orderHeader(emptyFields('2026-04-01', 'm1'), emptySnapshot(), null, '2026-04-01');
    expect(h.mecanic_id).toBe('m1');
    expect(hasContent(h, [])).toBe(false);
  });

  it('a save stores the mechanic typed only for a new order or by someone who assigns orders', () => {
    // A new order: the form's (a mechanic's own row, or the choice of the person writing it).
    expect(mechanicToStore('m1', false, null)).toBe('m1');
    expect(mechanicToStore('', true, null)).toBeNull();
    // Someone who assigns orders moves it, or takes it off everyone.
    expect(mechanicToStore('m2', true, { mecanic_id: 'm1' })).toBe('m2');
    expect(mechanicToStore('', true, { mecanic_id: 'm1' })).toBeNull();
    // A mechanic's form keeps what is stored, whatever it holds (the order was reassigned elsewhere meanwhile).
    expect(mechanicToStore('m1', false, { mecanic_id: 'm2' })).toBe('m2');
    expect(mechanicToStore('', false, { mecanic_id: null })).toBeNull();
  });

  it('a new order is worth writing once it has a vehicle, km, notes or a complete line', () => {
    const empty = orderHeader(emptyFields('2026-04-01'), emptySnapshot(), null, '2026-04-01');
    expect(hasContent(empty, [])).toBe(false);
    expect(hasContent(empty, [labour({ qty: '' })])).toBe(false);
    expect(hasContent(empty, [labour()])).toBe(true);
    expect(hasContent({ ...empty, km_intrare: 0 }, [])).toBe(true);
    expect(hasContent({ ...empty, vehicle_id: 'v' }, [])).toBe(true);
  });

  it("the order keeps a copy of the vehicle and its customer; blank texts are left out and the catalog's names fill in", () => {
    const snap = snapshotOf({ id: 'v1', nr_inmatriculare: 'CJ 10 ABC', client_nume: 'Ion', client_telefon: '  ', marca_denumire: null, model_denumire: 'Logan' }, 'Dacia', 'Sandero');
    expect(snap).toMatchObject({ vehicle_id: 'v1', nr_auto: 'CJ 10 ABC', client_nume: 'Ion', client_telefon: null, marca_denumire: 'Dacia', model_denumire: 'Logan' });
  });

  it("the buyer comes from the vehicle's customer row when it has one, with the row's id", () => {
    const vehicle = { id: 'v1', nr_inmatriculare: 'B 10 ABC', client_id: 'c1', client_nume: 'Nume vechi', client_telefon: '0700 000 000' };
    const customer = {
      id: 'c1', tip: 'pj' as const, nume: 'Transport Rapid SRL', telefon: '021 312 3456', email: 'office@rapid.ro', cod_fiscal: 'RO18547290',
      adresa: 'Bd. Unirii 10', judet: 'B', sector: 3, localitate: null,
    };
    expect(snapshotOf(vehicle, null, null, customer)).toMatchObject({
      vehicle_id: 'v1', client_id: 'c1', client_nume: 'Transport Rapid SRL', client_telefon: '021 312 3456', client_email: 'office@rapid.ro',
      client_cod_fiscal: 'RO18547290', client_adresa: 'Bd. Unirii 10, Sector 3, București',
    });
    // Another customer's row is not this vehicle's: the vehicle's own details are copied.
    expect(snapshotOf({ ...vehicle, client_id: 'c2' }, null, null, customer)).toMatchObject({ client_id: 'c2', client_nume: 'Nume vechi' });
    expect(snapshotOf({ ...vehicle, client_id: null }, null, null, null)).toMatchObject({ client_id: null, client_nume: 'Nume vechi' });
  });

  it('a make and model the catalog does not have are copied as typed; the catalog still wins for a row that names it', () => {
    const typed = snapshotOf({ id: 'v2', nr_inmatriculare: 'B 1 LAD', marca: 'Lada', model: 'Niva', marca_id: null, model_id: null }, null, null);
    expect(typed).toMatchObject({ marca_denumire: 'Lada', model_denumire: 'Niva' });
    // A row an older app changed: its id says Dacia, its old text something else.
    expect(snapshotOf({ id: 'v3', nr_inmatriculare: 'B 2 DAC', marca: 'Renault', model: 'Clio' }, 'Dacia', 'Logan')).toMatchObject({ marca_denumire: 'Dacia', model_denumire: 'Logan' });
  });

  it("a stored order's fields as the form shows them", () => {
    const o = { data_comanda: '2026-01-02', km_intrare: 0, tip_deviz_id: null, observatii: null, mecanic_id: null } as OrderRow;
    expect(fieldsOfOrder(o)).toEqual({ data_comanda: '2026-01-02', km: '0', tip_deviz_id: '', observatii: '', mecanic_id: '' });
    expect(fieldsOfOrder({ ...o, mecanic_id: 'm1' }).mecanic_id).toBe('m1');
  });
});

describe('save state', () => {
  it('says the most important thing first', () => {
    expect(saveStateOf({ error: true, busy: true, incomplete: 2, created: true }).key).toBe('workshop.orders.edit.notSaved');
    expect(saveStateOf({ error: false, busy: true, incomplete: 2, created: true }).tone).toBe('busy');
    expect(saveStateOf({ error: false, busy: false, incomplete: 2, created: true })).toEqual({ tone: 'warn', key: 'workshop.orders.edit.incomplete', params: { n: 2 } });
    expect(saveStateOf({ error: false, busy: false, incomplete: 0, created: true }).tone).toBe('ok');
    expect(saveStateOf({ error: false, busy: false, incomplete: 0, created: false }).tone).toBe('idle');
  });
});
