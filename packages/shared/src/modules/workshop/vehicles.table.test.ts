import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../ids';
import { maxManufactureYear, vehiclesTable } from './vehicles.table';

const stamp = '2026-11-23T10:00:00.000Z';
const vehicle = (patch: Record<string, unknown> = {}) => ({
  id: newId(), created_at: stamp, updated_at: stamp, client_id: null, client_nume: 'Ion Pop', client_telefon: null, client_email: null,
  client_cod_fiscal: null, client_adresa: null, nr_inmatriculare: 'B 123 ABC', marca_id: null, model_id: null, an_fabricatie: null,
  serie_sasiu: null, tip_motor_id: null, oracle_id: null, ...patch,
});
const check = (row: Record<string, unknown>, previous: Record<string, unknown> | null = null, deleting = false) =>
  vehiclesTable.check?.({ row: row as never, previous: previous as never, parent: null, deleting, clientId: 'device' }) ?? null;

describe('vehicles table rule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts next year from the calendar, not from a fixed year', () => {
    expect(maxManufactureYear(new Date('2026-06-01T12:00:00Z'))).toBe(2027);
    expect(maxManufactureYear(new Date('2030-03-01T00:00:00Z'))).toBe(2031);
    // New Year's night in Romania (UTC+2) is still the old year in UTC: the later year counts.
    expect(maxManufactureYear(new Date('2026-12-31T23:00:00Z'))).toBe(2028);
  });

  it('refuses a year of manufacture after next year, with a code and the bound', () => {
    vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z'), toFake: ['Date'] });
    expect(check(vehicle({ an_fabricatie: 2027 }))).toBeNull();
    expect(check(vehicle({ an_fabricatie: 1998 }))).toBeNull();
    const refused = check(vehicle({ an_fabricatie: 2031 }));
    expect(refused).toMatchObject({ code: 'vehicle.year_future', params: { max: 2027 } });
    expect(refused?.message).toBe('The year of manufacture cannot be later than 2027');
    // An edit that changes another field of a row stored earlier is not refused for its year.
    const stored = vehicle({ an_fabricatie: 2031 });
    expect(check({ ...stored, client_nume: 'Ana Pop' }, stored)).toBeNull();
    expect(check({ ...stored, an_fabricatie: 2030 }, stored)?.code).toBe('vehicle.year_future');
    expect(check(stored, stored, true)).toBeNull();
    // Next year, the year after becomes possible without a change to the code.
    vi.setSystemTime(new Date('2030-02-01T10:00:00Z'));
    expect(check(vehicle({ an_fabricatie: 2031 }))).toBeNull();
  });

  it('still requires the plate', () => {
    expect(check(vehicle({ nr_inmatriculare: '  ' }))?.code).toBe('vehicle.plate_required');
  });
});
