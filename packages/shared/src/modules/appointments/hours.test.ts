import { describe, expect, it } from 'vitest';
import { isoWeekday, minutesOf, wallClock, zonedInstant } from './hours';

const tz = 'Europe/Bucharest';
const at = (date: string, hhmm: string) => new Date(zonedInstant(date, minutesOf(hhmm), tz)).toISOString();

describe('shop wall-clock times', () => {
  it('turn a Bucharest time into UTC in winter (UTC+2) and summer (UTC+3)', () => {
    expect(at('2026-01-15', '08:00')).toBe('2026-01-15T06:00:00.000Z');
    expect(at('2026-07-15', '08:00')).toBe('2026-07-15T05:00:00.000Z');
  });

  it('keep the hours right on the spring-forward day 2026-03-29 (03:00 → 04:00)', () => {
    expect(at('2026-03-29', '02:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(at('2026-03-29', '08:00')).toBe('2026-03-29T05:00:00.000Z');
    // 03:30 does not exist that night: the clock after the jump.
    expect(at('2026-03-29', '03:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(wallClock(Date.parse('2026-03-29T01:30:00Z'), tz)).toEqual({ date: '2026-03-29', minutes: 4 * 60 + 30 });
  });

  it('keep the hours right on the fall-back day 2026-10-25 (04:00 → 03:00), taking a repeated time once', () => {
    expect(at('2026-10-25', '08:00')).toBe('2026-10-25T06:00:00.000Z');
    expect(at('2026-10-25', '02:00')).toBe('2026-10-24T23:00:00.000Z');
    expect(at('2026-10-25', '03:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(wallClock(Date.parse('2026-10-25T01:30:00Z'), tz)).toEqual({ date: '2026-10-25', minutes: 3 * 60 + 30 });
  });

  it('read weekdays and refuse what is not a time', () => {
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(() => minutesOf('24:00')).toThrow();
    expect(() => minutesOf('8:00')).toThrow();
  });
});
