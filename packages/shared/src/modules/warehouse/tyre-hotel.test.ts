import { describe, expect, it } from 'vitest';
import {
  minTread, newTyreSetCode, seasonChangeOn, setDueAtSeasonChange, storageFeeText, storageSeasonOn, treadLevel, treadTenths, tyreSetUrl,
  validTread, validTyreSetCode,
} from './tyre-hotel';
import type { RowOf } from '../../schema/table';
import { tyreSetsTable, tyreSetWheelsTable } from './tyre-sets.tables';

const stamp = '2026-10-05T08:00:00.000Z';
type SetRow = RowOf<typeof tyreSetsTable.columns>;
const set: SetRow = {
  id: 's1', created_at: stamp, updated_at: stamp, cod: 'K7M2QX', client_id: null, vehicle_id: null, client_nume: 'Ion Pop', client_telefon: '0722123456',
  nr_auto: 'CJ 12 ABC', sezon: 'vara', an: 2027, status: 'depozitat', dimensiune: '205/55 R16', raft: '3', etaj: '2', pozitie: '14',
  primit_la: stamp, primit_de: 'Ana', predat_la: null, predat_de: null, tarif: null, order_id: null, observatii: null,
};
const checkSet = (row: Partial<SetRow>, previous: SetRow | null = null, deleting = false) =>
  tyreSetsTable.check?.({ row: { ...set, ...row }, previous: previous, parent: null, deleting, clientId: 'd' })?.code ?? null;

const wheel: RowOf<typeof tyreSetWheelsTable.columns> = {
  id: 'w1', created_at: stamp, updated_at: stamp, set_id: 's1', pozitie: 'FS', marca: 'Michelin', dimensiune: '205/55 R16 91H',
  dimensiune_cheie: '2055516', dot: '2319', profil_mm: '5.5', pe_janta: 1, defecte: null,
};
type WheelRow = RowOf<typeof tyreSetWheelsTable.columns>;
const checkWheel = (row: Record<string, unknown>, parent: Record<string, unknown> | null = set, previous: WheelRow | null = null, deleting = false) =>
  tyreSetWheelsTable.check?.({ row: { ...wheel, ...row }, previous: previous, parent, deleting, clientId: 'd' })?.code ?? null;

describe('tyre set rules', () => {
  it('takes a stored set with a customer name or a plate, and refuses one with neither', () => {
    expect(checkSet({})).toBeNull();
    expect(checkSet({ client_nume: null })).toBeNull();
    expect(checkSet({ client_nume: null, nr_auto: ' ' })).toBe('tyre_hotel.customer_required');
    expect(checkSet({ client_nume: null, nr_auto: null, client_id: 'c1' })).toBeNull();
  });

  it('refuses a malformed code or size', () => {
    expect(checkSet({ cod: 'k7m2qx' })).toBe('tyre_hotel.code_format');
    expect(checkSet({ cod: 'K7M2Q0' })).toBe('tyre_hotel.code_format');
    expect(checkSet({ dimensiune: '205/55' })).toBe('tyre_hotel.size_format');
  });

  it('returns a set only after its check-in, with who and when', () => {
    expect(checkSet({ status: 'predat', predat_la: '2026-10-06T08:00:00.000Z', predat_de: 'Ana' })).toBeNull();
    expect(checkSet({ status: 'predat', predat_la: '2026-10-04T08:00:00.000Z', predat_de: 'Ana' })).toBe('tyre_hotel.checkout_before_checkin');
    expect(checkSet({ status: 'predat', predat_la: null, predat_de: 'Ana' })).toBe('tyre_hotel.status_dates');
    expect(checkSet({ status: 'predat', predat_la: stamp, predat_de: '' })).toBe('tyre_hotel.status_dates');
    expect(checkSet({ predat_la: stamp, predat_de: 'Ana' })).toBe('tyre_hotel.status_dates');
  });

  it('freezes a returned set except its notes and its fee', () => {
    const returned: SetRow = { ...set, status: 'predat', predat_la: '2026-10-06T08:00:00.000Z', predat_de: 'Ana' };
    expect(checkSet({ ...returned, observatii: 'Jantă zgâriată', updated_at: '2026-10-07T08:00:00.000Z' }, returned)).toBeNull();
    expect(checkSet({ ...returned, tarif: 15000, order_id: 'o1' }, returned)).toBeNull();
    expect(checkSet({ ...returned, raft: '4' }, returned)).toBe('tyre_hotel.set_returned');
    expect(checkSet({ ...returned, status: 'depozitat', predat_la: null, predat_de: null }, returned)).toBe('tyre_hotel.set_returned');
    expect(checkSet(returned, returned, true)).toBe('tyre_hotel.set_returned');
    // A stored one may be deleted (a mistaken check-in).
    expect(checkSet(set, set, true)).toBeNull();
  });

  it('bills a fee only with its amount', () => {
    expect(checkSet({ order_id: 'o1', tarif: null })).toBe('tyre_hotel.fee_without_order');
    expect(checkSet({ order_id: 'o1', tarif: 12000 })).toBeNull();
    expect(checkSet({ tarif: 12000 })).toBeNull();
  });

  it('finds a set by plate with or without spaces, by name, phone, code and size key', () => {
    const key = tyreSetsTable.search?.(set) ?? '';
    for (const part of ['cj 12 abc', 'cj12abc', 'ion pop', '0722123456', 'k7m2qx', '2055516']) expect(key).toContain(part);
  });
});

describe('wheel rules', () => {
  it('takes a well-formed wheel and refuses bad tread, size, key and DOT', () => {
    expect(checkWheel({})).toBeNull();
    expect(checkWheel({ profil_mm: '0' })).toBeNull();
    expect(checkWheel({ profil_mm: '20.0' })).toBeNull();
    expect(checkWheel({ profil_mm: '20.1' })).toBe('tyre_hotel.tread_range');
    expect(checkWheel({ profil_mm: '-1' })).toBe('tyre_hotel.tread_range');
    expect(checkWheel({ dimensiune: 'abc' })).toBe('tyre_hotel.size_format');
    expect(checkWheel({ dimensiune_cheie: '2055517' })).toBe('tyre_hotel.size_format');
    expect(checkWheel({ dimensiune: null, dimensiune_cheie: '2055516' })).toBe('tyre_hotel.size_format');
    expect(checkWheel({ dimensiune: null, dimensiune_cheie: null })).toBeNull();
    expect(checkWheel({ dot: '5419' })).toBe('tyre_hotel.dot_format');
    expect(checkWheel({ dot: '0019' })).toBe('tyre_hotel.dot_format');
  });

  it('needs its set, stored (not returned), and stays in it', () => {
    expect(checkWheel({}, null)).toBe('tyre_hotel.set_missing');
    expect(checkWheel({}, { ...set, deleted_at: stamp })).toBe('tyre_hotel.set_missing');
    expect(checkWheel({ profil_mm: '4.0' }, { ...set, status: 'predat' }, wheel)).toBe('tyre_hotel.set_returned');
    expect(checkWheel({ set_id: 's2' }, set, wheel)).toBe('tyre_hotel.wheel_moved');
  });
});

describe('tread depth', () => {
  it('reads depths with one decimal within 0–20 mm', () => {
    expect(treadTenths('1.6')).toBe(16);
    expect(treadTenths('8')).toBe(80);
    expect(treadTenths('1.65')).toBeNull();
    expect(validTread('20')).toBe(true);
    expect(validTread('21')).toBe(false);
  });

  it('flags under 1.6 mm as illegal and under 3 mm as low', () => {
    expect(treadLevel('1.5')).toBe('illegal');
    expect(treadLevel('1.6')).toBe('low');
    expect(treadLevel('2.9')).toBe('low');
    expect(treadLevel('3.0')).toBe('ok');
    expect(minTread(['5.5', null, '2.1', '10'])).toBe('2.1');
    expect(minTread([null])).toBeNull();
  });
});

describe('seasons', () => {
  it('names the fee line by the stored season', () => {
    expect(storageFeeText('iarna', 2026)).toBe('Depozitare anvelope iarnă 2026/2027');
    expect(storageFeeText('vara', 2027)).toBe('Depozitare anvelope vară 2027');
  });

  it('stores summer tyres for next summer in autumn and winter tyres for next winter in spring', () => {
    expect(storageSeasonOn('2026-10-20')).toEqual({ season: 'vara', year: 2027 });
    expect(storageSeasonOn('2027-01-10')).toEqual({ season: 'vara', year: 2027 });
    expect(storageSeasonOn('2027-04-01')).toEqual({ season: 'iarna', year: 2027 });
  });

  it('reminds in the windows only, the stored season now needed', () => {
    expect(seasonChangeOn('2026-10-01')).toEqual({ season: 'iarna', key: 'iarna-2026' });
    expect(seasonChangeOn('2026-11-15')).toEqual({ season: 'iarna', key: 'iarna-2026' });
    expect(seasonChangeOn('2026-11-16')).toBeNull();
    expect(seasonChangeOn('2027-03-10')).toEqual({ season: 'vara', key: 'vara-2027' });
    expect(seasonChangeOn('2027-07-10')).toBeNull();
    expect(setDueAtSeasonChange({ status: 'depozitat', sezon: 'iarna' }, '2026-10-10')).toBe(true);
    expect(setDueAtSeasonChange({ status: 'depozitat', sezon: 'vara' }, '2026-10-10')).toBe(false);
    expect(setDueAtSeasonChange({ status: 'predat', sezon: 'iarna' }, '2026-10-10')).toBe(false);
    expect(seasonChangeOn('2026-09-20', { iarna: { from: '09-15', to: '10-31' }, vara: { from: '03-01', to: '04-15' } })?.season).toBe('iarna');
  });
});

describe('codes and links', () => {
  it('makes 6-character codes without look-alikes, and the set link', () => {
    for (let i = 0; i < 50; i++) expect(validTyreSetCode(newTyreSetCode())).toBe(true);
    expect(newTyreSetCode(() => new Uint8Array([0, 1, 2, 31, 32, 33]))).toBe('ABC9AB');
    expect(tyreSetUrl('https://app.roaauto.ro/', 'ab-1')).toBe('https://app.roaauto.ro/tyres/ab-1');
  });
});
