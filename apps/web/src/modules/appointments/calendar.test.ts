import { describe, expect, it } from 'vitest';
import { conflictsOf, dayMark, dragResult, gridRange, instantOf, layoutColumn, minutesOfDay, nextSteps, snap, viewDays, type AppointmentRow } from './calendar';

const appt = (id: string, inceput: string, sfarsit: string, extra: Partial<AppointmentRow> = {}): AppointmentRow => ({
  id, inceput, sfarsit, data: inceput.slice(0, 10), post_id: 'b1', mecanic_id: null, service_id: null, campaign_id: null, client_id: null, vehicle_id: null,
  client_nume: 'Ion', client_telefon: null, client_email: null, nr_auto: null, observatii: null, status: 'confirmed', sursa: 'shop', order_id: null, ...extra,
});

describe('the calendar grid', () => {
  it('a week view is Monday to Sunday around the date', () => {
    expect(viewDays('2026-12-06', 'week')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(viewDays('2026-12-07', 'day')).toEqual(['2026-12-07']);
  });

  it('shows times on the shop clock in Bucharest, on both sides of a clock change', () => {
    // Winter: UTC+2; summer: UTC+3.
    expect(minutesOfDay({ inceput: '2026-12-07T07:00:00.000Z', sfarsit: '2026-12-07T08:30:00.000Z' }, '2026-12-07')).toEqual({ start: 540, end: 630 });
    expect(minutesOfDay({ inceput: '2026-07-07T06:00:00.000Z', sfarsit: '2026-07-07T07:00:00.000Z' }, '2026-07-07')).toEqual({ start: 540, end: 600 });
    expect(instantOf('2026-03-30', 540)).toBe('2026-03-30T06:00:00.000Z');
    expect(instantOf('2026-03-27', 540)).toBe('2026-03-27T07:00:00.000Z');
  });

  it('puts overlapping appointments side by side and lone ones full width', () => {
    const placed = layoutColumn([
      { id: 'a', start: 540, end: 600 }, { id: 'b', start: 570, end: 630 }, { id: 'c', start: 600, end: 660 }, { id: 'd', start: 700, end: 760 },
    ]);
    const by = Object.fromEntries(placed.map((p) => [p.id, [p.lane, p.lanes]]));
    // a and b overlap; c starts when a ends, so it takes a's lane; the cluster needs two lanes.
    expect(by).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  });

  it('three at once take three lanes', () => {
    const placed = layoutColumn([{ id: 'a', start: 0, end: 60 }, { id: 'b', start: 10, end: 60 }, { id: 'c', start: 20, end: 30 }]);
    expect(placed.map((p) => [p.id, p.lane, p.lanes])).toEqual([['a', 0, 3], ['b', 1, 3], ['c', 2, 3]]);
  });

  it('the grid spans the opening hours and every appointment, in whole hours', () => {
    expect(gridRange([{ de_la: '08:30', pana_la: '17:00' }], [])).toEqual({ from: 480, to: 1080 });
    expect(gridRange([{ de_la: '07:15', pana_la: '19:10' }], [{ start: 1200, end: 1230 }])).toEqual({ from: 420, to: 1260 });
  });

  it('marks holidays and closed days', () => {
    expect(dayMark('2026-12-01', [], true)).toEqual({ kind: 'closed', text: 'Ziua Națională a României' });
    expect(dayMark('2026-12-01', [], false)).toEqual({ kind: 'holiday', text: 'Ziua Națională a României' });
    expect(dayMark('2026-12-10', [{ de_la: '2026-12-09', pana_la: '2026-12-11', motiv: 'Inventar' }], true)).toEqual({ kind: 'closed', text: 'Inventar' });
    expect(dayMark('2026-12-12', [{ de_la: '2026-12-09', pana_la: '2026-12-11', motiv: 'Inventar' }], true)).toBeNull();
  });
});

describe('dragging', () => {
  it('snaps to the step', () => {
    expect(snap(37, 15)).toBe(30);
    expect(snap(38, 15)).toBe(45);
    expect(snap(37, 5)).toBe(35);
  });

  it('a move keeps the length, snapped, within the day', () => {
    expect(dragResult('move', { start: 540, end: 600 }, 22, 15)).toEqual({ start: 555, end: 615 });
    expect(dragResult('move', { start: 540, end: 600 }, 22, 5)).toEqual({ start: 560, end: 620 });
    expect(dragResult('move', { start: 30, end: 90 }, -100, 15)).toEqual({ start: 0, end: 60 });
    expect(dragResult('move', { start: 1380, end: 1430 }, 100, 5)).toEqual({ start: 1390, end: 1440 });
  });

  it('a resize moves the end only, at least one step long', () => {
    expect(dragResult('resize', { start: 540, end: 600 }, 38, 15)).toEqual({ start: 540, end: 645 });
    expect(dragResult('resize', { start: 540, end: 600 }, -90, 15)).toEqual({ start: 540, end: 555 });
  });
});

describe('statuses and conflicts', () => {
  it('offers the usual next step first', () => {
    expect(nextSteps('booked')).toEqual(['confirmed', 'cancelled']);
    expect(nextSteps('confirmed')[0]).toBe('arrived');
    expect(nextSteps('arrived')).toEqual(['done']);
    expect(nextSteps('done')).toEqual([]);
  });

  it('finds both appointments of a clash, on a bay or a mechanic, and ignores cancelled ones', () => {
    const rows = [
      appt('a', '2026-12-07T07:00:00.000Z', '2026-12-07T08:00:00.000Z'),
      appt('b', '2026-12-07T07:30:00.000Z', '2026-12-07T08:30:00.000Z'),
      appt('c', '2026-12-07T07:30:00.000Z', '2026-12-07T08:30:00.000Z', { post_id: 'b2', mecanic_id: 'm1' }),
      appt('d', '2026-12-07T07:45:00.000Z', '2026-12-07T08:00:00.000Z', { post_id: 'b3', mecanic_id: 'm1' }),
      appt('e', '2026-12-07T07:00:00.000Z', '2026-12-07T09:00:00.000Z', { status: 'cancelled' }),
    ];
    const { ids, pairs } = conflictsOf(rows);
    expect([...ids].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(pairs).toHaveLength(2);
  });
});
