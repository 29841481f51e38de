import { describe, expect, it } from 'vitest';
import { isBookingSlug, suggestBookingSlug } from './booking';

describe('booking page slugs', () => {
  it('accepts lowercase letters, digits and single hyphens, 3 to 40 characters', () => {
    for (const ok of ['abc', 'vulcanizare-stefan', 'service-auto-2', 'a'.repeat(40)]) expect(isBookingSlug(ok)).toBe(true);
    for (const bad of ['ab', 'a'.repeat(41), 'Vulcanizare', '-abc', 'abc-', 'a--b', 'ștefan', 'a b', 'a_b', '']) expect(isBookingSlug(bad)).toBe(false);
  });

  it('suggests one from the company name, without diacritics or the legal form', () => {
    expect(suggestBookingSlug('Vulcanizare Ștefan SRL')).toBe('vulcanizare-stefan');
    expect(suggestBookingSlug('S.C. Auto Țepeș & Fiii S.R.L.')).toBe('s-c-auto-tepes-fiii-s-r-l');
    expect(suggestBookingSlug('SRL')).toBe('service-auto');
    expect(suggestBookingSlug('AB')).toBe('service-ab');
    const long = suggestBookingSlug('Service Auto Foarte Lung Cu Multe Cuvinte In Numele Firmei Sale');
    expect(long.length).toBeLessThanOrEqual(40);
    for (const name of ['Vulcanizare Ștefan SRL', 'SRL', 'AB', '!!!', 'Service Auto Foarte Lung Cu Multe Cuvinte']) expect(isBookingSlug(suggestBookingSlug(name))).toBe(true);
  });
});
