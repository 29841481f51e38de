import { describe, expect, it } from 'vitest';
import { isRomanianWorkingDay, orthodoxEaster, romanianHoliday, romanianHolidays } from './holidays';

describe('Romanian public holidays', () => {
  it('put Orthodox Easter on the dates the Church published', () => {
    expect(orthodoxEaster(2023)).toBe('2023-04-16');
    expect(orthodoxEaster(2024)).toBe('2024-05-05');
    expect(orthodoxEaster(2025)).toBe('2025-04-20');
    expect(orthodoxEaster(2026)).toBe('2026-04-12');
    expect(orthodoxEaster(2027)).toBe('2027-05-02');
    expect(orthodoxEaster(2028)).toBe('2028-04-16');
  });

  it('list 2026 as the labour code has it, with Good Friday, Easter Monday and Rusalii moved with Easter', () => {
    expect(romanianHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-01-02', '2026-01-06', '2026-01-07', '2026-01-24', '2026-04-10', '2026-04-12', '2026-04-13',
      '2026-05-01', '2026-05-31', '2026-06-01', '2026-08-15', '2026-11-30', '2026-12-01', '2026-12-25', '2026-12-26',
    ]);
  });

  it('list a day that is two holidays once (Rusalii Monday on Children\'s Day in 2026)', () => {
    const dates = romanianHolidays(2026).map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect(romanianHoliday('2026-06-01')).not.toBeNull();
  });

  it('know an ordinary day is not a holiday, and Epiphany only since 2024', () => {
    expect(romanianHoliday('2026-03-10')).toBeNull();
    expect(romanianHoliday('2023-01-06')).toBeNull();
    expect(romanianHoliday('2025-01-06')).toBe('Boboteaza');
    expect(romanianHoliday('2025-06-08')).toBe('Rusaliile');
  });

  it('count Monday to Friday as working days, except holidays', () => {
    expect(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-01', '2026-12-02'].map(isRomanianWorkingDay)).toEqual([true, false, false, false, true]);
  });
});
