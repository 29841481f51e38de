import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutesOf, wallClock } from './hours';
import { appointmentConflicts, clashesWith, freeSlots, type BusyRow, type SlotQuery } from './slots';

const tz = 'Europe/Bucharest';
const weekdays = (from: string, to: string) => [1, 2, 3, 4, 5].map((zi) => ({ zi, de_la: from, pana_la: to }));
const base = (over: Partial<SlotQuery> = {}): SlotQuery => ({
  from: '2026-11-02', to: '2026-11-02', timeZone: tz,
  hours: [...weekdays('08:00', '12:00'), ...weekdays('13:00', '17:00'), { zi: 6, de_la: '09:00', pana_la: '13:00' }],
  closures: [], closedOnHolidays: true, bays: ['b1', 'b2'], appointments: [], service: { id: 's1', durata_minute: 60 }, stepMinutes: 30,
  ...over,
});
const local = (iso: string) => {
  const w = wallClock(Date.parse(iso), tz);
  return `${w.date} ${String(Math.floor(w.minutes / 60)).padStart(2, '0')}:${String(w.minutes % 60).padStart(2, '0')}`;
};
const busy = (start: string, end: string, post_id: string | null, status: BusyRow['status'] = 'confirmed'): BusyRow => ({ inceput: start, sfarsit: end, post_id, status });

describe('free slots', () => {
  it('follow the hours and leave the lunch break out', () => {
    const slots = freeSlots(base());
    const starts = slots.map((s) => local(s.start).slice(11));
    // 08:00..11:00 and 13:00..16:00 every 30 minutes: a 60-minute job ends by 12:00 and by 17:00.
    expect(starts).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00']);
    expect(slots[0]?.bays).toEqual(['b1', 'b2']);
    expect(slots[0]?.start).toBe('2026-11-02T06:00:00.000Z');
  });

  it('leave a bay out while an appointment holds it, and the slot out when every bay is held', () => {
    const appointments = [busy('2026-11-02T06:00:00.000Z', '2026-11-02T07:00:00.000Z', 'b1'), busy('2026-11-02T06:30:00.000Z', '2026-11-02T07:30:00.000Z', 'b2')];
    const slots = freeSlots(base({ appointments }));
    const at = (hhmm: string) => slots.find((s) => local(s.start).endsWith(hhmm));
    expect(at('08:00')).toBeUndefined();
    expect(at('08:30')).toBeUndefined();
    expect(at('09:00')?.bays).toEqual(['b1']);
    expect(at('09:30')?.bays).toEqual(['b1', 'b2']);
  });

  it('free the time of cancelled appointments and no-shows', () => {
    const appointments = [busy('2026-11-02T06:00:00.000Z', '2026-11-02T07:00:00.000Z', 'b1', 'cancelled'), busy('2026-11-02T06:00:00.000Z', '2026-11-02T07:00:00.000Z', 'b2', 'no_show')];
    expect(freeSlots(base({ appointments }))[0]?.bays).toEqual(['b1', 'b2']);
  });

  it('treat a shop with no bays as one bay', () => {
    const appointments = [busy('2026-11-02T06:00:00.000Z', '2026-11-02T07:00:00.000Z', null)];
    const slots = freeSlots(base({ bays: [], appointments }));
    expect(local(slots[0]?.start ?? '')).toBe('2026-11-02 09:00');
    expect(slots[0]?.bays).toEqual(['']);
  });

  it('skip public holidays (30 Nov, 1 Dec, Orthodox Easter Monday) unless the shop works them, and its closed days', () => {
    const days = (q: Partial<SlotQuery>) => [...new Set(freeSlots(base({ from: '2026-11-27', to: '2026-12-02', ...q })).map((s) => local(s.start).slice(0, 10)))];
    expect(days({})).toEqual(['2026-11-27', '2026-11-28', '2026-12-02']);
    expect(days({ closedOnHolidays: false })).toEqual(['2026-11-27', '2026-11-28', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(days({ closures: [{ de_la: '2026-11-27', pana_la: '2026-11-28' }] })).toEqual(['2026-12-02']);
    expect(freeSlots(base({ from: '2026-04-13', to: '2026-04-13' }))).toEqual([]);
  });

  it('give the same wall-clock hours on the daylight-saving days (2026-03-29 and 2026-10-25 are Sundays, so open that day)', () => {
    const sunday = [{ zi: 7, de_la: '08:00', pana_la: '12:00' }];
    for (const [date, offsetHours] of [['2026-03-29', 3], ['2026-10-25', 2]] as const) {
      const slots = freeSlots(base({ from: date, to: date, hours: sunday }));
      expect(slots.map((s) => local(s.start).slice(11))).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00']);
      expect(slots[0]?.start).toBe(`${date}T${String(8 - offsetHours).padStart(2, '0')}:00:00.000Z`);
      for (const s of slots) expect(Date.parse(s.end) - Date.parse(s.start)).toBe(3600_000);
    }
    // Open through the night of the change: 03:00–03:59 does not exist in spring and is not offered.
    const night = (date: string) => freeSlots(base({ from: date, to: date, hours: [{ zi: 7, de_la: '02:00', pana_la: '05:00' }], stepMinutes: 60 }));
    expect(night('2026-03-29').map((s) => local(s.start).slice(11))).toEqual(['02:00', '04:00']);
    expect(night('2026-10-25').map((s) => [local(s.start).slice(11), s.start])).toEqual([
      ['02:00', '2026-10-24T23:00:00.000Z'], ['03:00', '2026-10-25T00:00:00.000Z'], ['04:00', '2026-10-25T02:00:00.000Z'],
    ]);
  });

  it('offer only a campaign\'s short slots, on its days and bays, for its service', () => {
    const campaigns = [{
      id: 'c1', service_id: 's1', de_la: '2026-11-02', pana_la: '2026-11-07', zile: '1,2,3,4,5,6', ora_start: '07:00', ora_sfarsit: '09:00',
      slot_minute: 20, posturi: JSON.stringify(['b2']), activ: true,
    }];
    const slots = freeSlots(base({ campaigns, appointments: [busy('2026-11-02T05:20:00.000Z', '2026-11-02T05:40:00.000Z', 'b2')] }));
    expect(slots.map((s) => local(s.start).slice(11))).toEqual(['07:00', '07:40', '08:00', '08:20', '08:40']);
    expect(slots.every((s) => s.campaignId === 'c1' && s.bays.join() === 'b2' && Date.parse(s.end) - Date.parse(s.start) === 20 * 60_000)).toBe(true);
    // Another service is offered in the usual hours; an inactive campaign changes nothing.
    expect(freeSlots(base({ campaigns, service: { id: 's2', durata_minute: 60 } }))[0]?.campaignId).toBeNull();
    expect(freeSlots(base({ campaigns: [{ ...campaigns[0], activ: false } as (typeof campaigns)[number]] }))[0]?.campaignId).toBeNull();
  });

  it('offer nothing before the notice the shop wants', () => {
    const slots = freeSlots(base({ notBefore: Date.parse('2026-11-02T10:00:00.000Z') }));
    expect(local(slots[0]?.start ?? '')).toBe('2026-11-02 13:00');
  });

  it('never offer a bay an appointment overlaps (random appointments, checked against a plain search)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ day: fc.integer({ min: 0, max: 2 }), start: fc.integer({ min: 0, max: 60 }), len: fc.integer({ min: 1, max: 16 }), bay: fc.constantFrom('b1', 'b2', 'b3') }), { maxLength: 40 }),
      (list) => {
        const appointments = list.map((a) => {
          const s = Date.parse(`2026-11-0${2 + a.day}T05:00:00.000Z`) + a.start * 15 * 60_000;
          return busy(new Date(s).toISOString(), new Date(s + a.len * 15 * 60_000).toISOString(), a.bay);
        });
        const slots = freeSlots(base({ from: '2026-11-02', to: '2026-11-04', bays: ['b1', 'b2', 'b3'], appointments }));
        for (const slot of slots) {
          for (const bay of ['b1', 'b2', 'b3']) {
            const taken = appointments.some((a) => a.post_id === bay && a.inceput < slot.end && a.sfarsit > slot.start);
            expect(slot.bays.includes(bay)).toBe(!taken);
          }
        }
        return true;
      },
    ), { numRuns: 60, seed: 18 });
    expect(minutesOf('08:00')).toBe(480);
  });
});

describe('appointment clashes', () => {
  const a = (id: string, start: string, end: string, post_id: string | null, mecanic_id: string | null, status: BusyRow['status'] = 'booked') =>
    ({ id, inceput: `2026-11-02T${start}:00.000Z`, sfarsit: `2026-11-02T${end}:00.000Z`, post_id, mecanic_id, status });

  it('pair appointments that share a bay or a mechanic at an overlapping time, and only those', () => {
    const list = [
      a('1', '06:00', '07:00', 'b1', null), a('2', '06:30', '07:30', 'b1', null), a('3', '07:00', '08:00', 'b2', 'm1'),
      a('4', '07:30', '08:30', 'b3', 'm1'), a('5', '07:00', '08:00', 'b1', null, 'cancelled'), a('6', '07:00', '08:00', 'b2', null),
    ];
    expect(appointmentConflicts(list).map(([x, y]) => `${x.id}-${y.id}`).sort()).toEqual(['1-2', '3-4', '3-6']);
    expect(clashesWith(list[0] as (typeof list)[number], list).map((x) => x.id)).toEqual(['2']);
    expect(clashesWith(list[4] as (typeof list)[number], list)).toEqual([]);
  });
});
