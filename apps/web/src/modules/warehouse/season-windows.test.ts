import { describe, expect, it } from 'vitest';
import { defaultSeasonWindows, seasonChangeOn, seasonWindowsOf, warehouseSettingsTable } from '@roaauto/shared';
import { dayMonthText, parseDayMonth, seasonWindowsFormOf, seasonWindowsPatch } from './season-windows';

describe('season windows on the settings page', () => {
  it('reads a day and month in the usual spellings, and refuses what is not a day of every year', () => {
    expect(['1.10', '01.10', '1/10', ' 15 - 11 '].map(parseDayMonth)).toEqual(['10-01', '10-01', '10-01', '11-15']);
    expect(['31.09', '29.02', '0.10', '1.13', '1.10.2026', ''].map(parseDayMonth)).toEqual([null, null, null, null, null, null]);
    expect(dayMonthText('10-01')).toBe('01.10');
  });

  it('shows the defaults when the company has none, and saves what it typed', () => {
    const form = seasonWindowsFormOf(null);
    expect(seasonWindowsPatch(form)).toEqual({
      ok: true,
      patch: {
        iarna_de_la: defaultSeasonWindows.iarna.from, iarna_pana_la: defaultSeasonWindows.iarna.to,
        vara_de_la: defaultSeasonWindows.vara.from, vara_pana_la: defaultSeasonWindows.vara.to,
      },
    });
    const verdict = seasonWindowsPatch({ ...form, iarna_de_la: '15.9', iarna_pana_la: '31.10' });
    expect(verdict.ok && verdict.patch).toMatchObject({ iarna_de_la: '09-15', iarna_pana_la: '10-31' });
    if (!verdict.ok) throw new Error('a valid window');
    // The company's windows decide the season change: 20 September is one now, 5 November is not.
    expect(seasonChangeOn('2026-09-20', seasonWindowsOf(verdict.patch))).toEqual({ season: 'iarna', key: 'iarna-2026' });
    expect(seasonChangeOn('2026-11-05', seasonWindowsOf(verdict.patch))).toBeNull();
    expect(warehouseSettingsTable.check?.({
      row: { id: 'x', stoc_negativ: 'warn', evaluare: 'cmp', ...verdict.patch } as never, previous: null, parent: null, deleting: false, clientId: 'x',
    })).toBeNull();
  });

  it('says which field is wrong, a window that ends before it starts, and windows that overlap; the table rule agrees', () => {
    const form = seasonWindowsFormOf(null);
    expect(seasonWindowsPatch({ ...form, vara_pana_la: '31.04' })).toEqual({ ok: false, fields: { vara_pana_la: 'warehouse.settings.badDayMonth' }, problem: null });
    expect(seasonWindowsPatch({ ...form, iarna_de_la: '20.11' })).toMatchObject({ ok: false, problem: 'warehouse.settings.windowOrder' });
    expect(seasonWindowsPatch({ ...form, vara_pana_la: '05.10' })).toMatchObject({ ok: false, problem: 'warehouse.settings.windowsOverlap' });
    const refused = warehouseSettingsTable.check?.({
      row: { id: 'x', stoc_negativ: 'warn', evaluare: 'cmp', iarna_de_la: '11-20', iarna_pana_la: '11-15', vara_de_la: null, vara_pana_la: null } as never,
      previous: null, parent: null, deleting: false, clientId: 'x',
    });
    expect(refused?.code).toBe('warehouse.season_windows');
  });
});
