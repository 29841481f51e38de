import { describe, expect, it } from 'vitest';
import { efacturaDeadline, isEfacturaLate } from './efactura-deadline';

describe('the e-Factura deadline of 5 working days', () => {
  it('counts working days after the issue date, skipping weekends', () => {
    // Monday 2026-11-09 → Monday 2026-11-16.
    expect(efacturaDeadline('2026-11-09')).toBe('2026-11-16');
    // Friday 2026-11-20 → Friday 2026-11-27.
    expect(efacturaDeadline('2026-11-20')).toBe('2026-11-27');
  });
  it('skips public holidays (30 November, 1 December, Christmas)', () => {
    // Thursday 2026-11-26: 27 Nov, (30 Nov and 1 Dec are holidays) 2, 3, 4, 7 Dec.
    expect(efacturaDeadline('2026-11-26')).toBe('2026-12-07');
    // Wednesday 2026-12-23: 24 Dec, (25, 26 Dec) 28, 29, 30, 31 Dec.
    expect(efacturaDeadline('2026-12-23')).toBe('2026-12-31');
  });
  it('is late only after the deadline day', () => {
    expect(isEfacturaLate('2026-11-09', '2026-11-16')).toBe(false);
    expect(isEfacturaLate('2026-11-09', '2026-11-17')).toBe(true);
  });
});
