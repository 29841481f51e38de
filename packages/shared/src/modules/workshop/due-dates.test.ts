import { describe, expect, it } from 'vitest';
import { internationalPhone } from '../../validation/phone';
import {
  addMonthsClamped, computedService, monthRangeOf, nextService, suggestItpExpiry, vehicleDueItems,
  type LastService, type VehicleDueColumns,
} from './due-dates';

const vehicle = (patch: Partial<VehicleDueColumns> = {}): VehicleDueColumns => ({
  id: 'v1', itp_expira: null, rca_expira: null, revizie_data: null, revizie_km: null, itp_anuntat: null, rca_anuntat: null, revizie_anuntat: null, ...patch,
});
const service = (patch: Partial<LastService> = {}): LastService => ({ data_comanda: '2026-03-15', km_intrare: 120_000, interval_luni: 12, interval_km: 15_000, ...patch });

describe('due dates', () => {
  it('adds months keeping the day, or the month\'s last day', () => {
    expect(addMonthsClamped('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
    expect(monthRangeOf('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('computes the next service from the last service order and its type\'s interval', () => {
    expect(computedService(service())).toEqual({ date: '2027-03-15', km: 135_000 });
    expect(computedService(service({ interval_km: null }))).toEqual({ date: '2027-03-15', km: null });
    expect(computedService(service({ interval_luni: null, km_intrare: null }))).toEqual({ date: null, km: null });
    expect(computedService(null)).toEqual({ date: null, km: null });
  });

  it('lets a typed date or km win over the computed one', () => {
    expect(nextService({ revizie_data: '2026-12-01', revizie_km: null }, service())).toEqual({ date: '2026-12-01', km: 135_000, source: 'typed' });
    expect(nextService({ revizie_data: null, revizie_km: 130_000 }, service())).toEqual({ date: '2027-03-15', km: 130_000, source: 'computed' });
    expect(nextService({ revizie_data: null, revizie_km: 130_000 }, null)).toEqual({ date: null, km: 130_000, source: 'typed' });
    expect(nextService({ revizie_data: null, revizie_km: null }, null)).toBeNull();
  });

  it('lists a vehicle\'s items with their reminded mark, which holds only for the date it was made for', () => {
    const items = vehicleDueItems(vehicle({ itp_expira: '2026-12-10', rca_expira: '2026-12-20', rca_anuntat: '2025-12-20', itp_anuntat: '2026-12-10' }), service());
    expect(items.map((i) => [i.kind, i.date, i.reminded])).toEqual([['itp', '2026-12-10', true], ['rca', '2026-12-20', false], ['revizie', '2027-03-15', false]]);
    // A next service known only by km has no date to list.
    expect(vehicleDueItems(vehicle({ revizie_km: 150_000 }), null)).toEqual([]);
  });

  it('suggests the ITP\'s next expiry by the Romanian periods', () => {
    expect(suggestItpExpiry({ inspected: '2026-05-04', year: 2018 })).toBe('2028-05-04');
    expect(suggestItpExpiry({ inspected: '2026-05-04', year: 2014 })).toBe('2028-05-04');
    expect(suggestItpExpiry({ inspected: '2026-05-04', year: 2013 })).toBe('2027-05-04');
    expect(suggestItpExpiry({ inspected: '2026-05-04', year: null })).toBe('2028-05-04');
    expect(suggestItpExpiry({ inspected: '2026-05-04', year: 2026, firstRegistration: true })).toBe('2029-05-04');
  });

  it('writes phones in international form for WhatsApp and SMS', () => {
    expect(internationalPhone('0722 123 456')).toBe('40722123456');
    expect(internationalPhone('+40 (0)722-123-456')).toBe('40722123456');
    expect(internationalPhone('722123456')).toBe('40722123456');
    expect(internationalPhone('021 312 3456')).toBe('40213123456');
    expect(internationalPhone('+49 151 2345 6789')).toBe('4915123456789');
    expect(internationalPhone('0049 151 2345 6789')).toBe('4915123456789');
    expect(internationalPhone('12')).toBeNull();
    expect(internationalPhone('')).toBeNull();
    expect(internationalPhone(null)).toBeNull();
  });
});
