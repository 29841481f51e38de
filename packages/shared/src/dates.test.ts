import { describe, expect, it } from 'vitest';
import { addDays, addMonths, shopDate, shopMonthRange } from './dates';

describe('the shop\'s calendar', () => {
  it('dates a moment by the day in Bucharest, whatever the device\'s zone', () => {
    // 22:30 UTC on 31 March 2026 is 01:30 on 1 April in Bucharest (summer time since 29 March).
    expect(shopDate(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    // In winter Bucharest is UTC+2: 21:59 UTC is still the same day, 22:00 the next.
    expect(shopDate(new Date('2026-01-15T21:59:00Z'))).toBe('2026-01-15');
    expect(shopDate(new Date('2026-01-15T22:00:00Z'))).toBe('2026-01-16');
    expect(shopDate(new Date('2026-12-31T22:30:00Z'))).toBe('2027-01-01');
    expect(shopDate(new Date('2026-03-31T22:30:00Z'), 'UTC')).toBe('2026-03-31');
  });

  it('adds days across months, leap years and years', () => {
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2025-09-01', 3)).toBe('2025-12-01');
    expect(addMonths('2026-03-31', 1)).toBe('2026-05-01');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });

  it('gives the month of the shop, and the one before', () => {
    const now = new Date('2026-03-31T22:30:00Z');
    expect(shopMonthRange(0, now)).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(shopMonthRange(-1, now)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(shopMonthRange(-4, now)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});
