import { describe, expect, it } from 'vitest';
import { campaignRow, copyMonday, generalForm, generalProblems, generalWrites, hoursWrites, reorder, weekOf, weekProblem } from './settings';

describe('the weekly hours', () => {
  const stored = [
    { id: 'h1', zi: 1, de_la: '08:00', pana_la: '12:00' },
    { id: 'h2', zi: 1, de_la: '13:00', pana_la: '17:00' },
    { id: 'h3', zi: 2, de_la: '09:00', pana_la: '18:00' },
  ];

  it('copies Monday (with its lunch break) to Tuesday–Friday and saves it as rows', () => {
    const week = copyMonday(weekOf(stored));
    expect(week[5]).toEqual([{ id: null, de_la: '08:00', pana_la: '12:00' }, { id: null, de_la: '13:00', pana_la: '17:00' }]);
    expect(week[6]).toEqual([]);
    const ops = hoursWrites(stored, week);
    expect(ops[0]).toEqual({ op: 'delete', table: 'appointment_hours', id: 'h3' });
    expect(ops.filter((o) => o.op === 'create')).toHaveLength(8);
    expect(ops.filter((o) => o.op === 'update')).toHaveLength(0);
  });

  it('refuses a malformed or overlapping interval', () => {
    expect(weekProblem(weekOf(stored))).toBeNull();
    expect(weekProblem({ ...weekOf(stored), 3: [{ id: null, de_la: '9:00', pana_la: '12:00' }] })).toEqual({ day: 3, key: 'appointments.settings.hoursFormat' });
    expect(weekProblem({ ...weekOf(stored), 3: [{ id: null, de_la: '09:00', pana_la: '12:00' }, { id: null, de_la: '11:00', pana_la: '14:00' }] }))
      .toEqual({ day: 3, key: 'appointments.settings.hoursOverlap' });
  });
});

describe('the general settings', () => {
  it('makes the row when there is none, then patches only what changed', () => {
    const f = generalForm([]);
    expect(f).toMatchObject({ suprapuneri: 'warn', pas_minute: '30', reminder_ora: '18' });
    expect(generalWrites([], { ...f, suprapuneri: 'refuse' })[0]).toMatchObject({ op: 'create', data: { suprapuneri: 'refuse', confirmare_auto: 1 } });
    const row = {
      id: 's1', created_at: '2026-01-01', suprapuneri: 'warn' as const, confirmare_auto: 1, rezervari_online: 0, inchis_sarbatori: 1, pas_minute: 30,
      orizont_zile: 42, avans_minute: 120, reminder_ora: 18,
    };
    expect(generalWrites([row], generalForm([row]))).toEqual([]);
    expect(generalWrites([row], { ...generalForm([row]), reminder_ora: '', pas_minute: '15' })).toEqual([
      { op: 'update', table: 'appointment_settings', id: 's1', patch: { pas_minute: 15, reminder_ora: null } },
    ]);
  });

  it('says which numbers are out of range', () => {
    expect(generalProblems({ ...generalForm([]), pas_minute: '2', reminder_ora: '24' })).toEqual(['pas_minute', 'reminder_ora']);
  });
});

describe('bays', () => {
  it('moving a bay up renumbers the places that changed', () => {
    const bays = [{ id: 'a', ordine: 0 }, { id: 'b', ordine: 1 }, { id: 'c', ordine: 2 }];
    expect(reorder(bays, 'c', -1)).toEqual([
      { op: 'update', table: 'appointment_bays', id: 'c', patch: { ordine: 1 } }, { op: 'update', table: 'appointment_bays', id: 'b', patch: { ordine: 2 } },
    ]);
    expect(reorder(bays, 'a', -1)).toEqual([]);
  });
});

describe('campaigns', () => {
  const form = {
    nume: 'Anvelope iarnă', service_id: 's1', de_la: '2026-10-19', pana_la: '2026-11-14', zile: [6, 1, 2, 3, 4, 5], ora_start: '08:00', ora_sfarsit: '18:00',
    slot_minute: '20', posturi: ['b1', 'b2'],
  };

  it('stores the weekdays as a sorted list and the bays as JSON, readable by the slot computation', async () => {
    const { campaignBays, campaignWeekdays } = await import('@roaauto/shared');
    const r = campaignRow(form);
    expect('data' in r && r.data).toMatchObject({ zile: '1,2,3,4,5,6', posturi: '["b1","b2"]', slot_minute: 20, activ: 1 });
    if (!('data' in r)) throw new Error('no row');
    expect(campaignWeekdays(String(r.data.zile))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(campaignBays(String(r.data.posturi))).toEqual(['b1', 'b2']);
  });

  it('names the first thing missing', () => {
    expect(campaignRow({ ...form, zile: [] })).toEqual({ problem: 'appointments.settings.campaignDays' });
    expect(campaignRow({ ...form, slot_minute: '3' })).toEqual({ problem: 'appointments.settings.slotMinutes' });
    expect(campaignRow({ ...form, pana_la: '2026-10-01' })).toEqual({ problem: 'appointments.settings.closureTo' });
  });
});
