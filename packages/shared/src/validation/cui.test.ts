import { describe, expect, it } from 'vitest';
import { isValidCui, normalizeCui } from './cui';

describe('CUI check digit', () => {
  it('accepts numbers whose last digit matches the 753217532 key, with or without RO', () => {
    expect(isValidCui('14399840')).toBe(true);
    expect(isValidCui('RO14399840')).toBe(true);
    expect(isValidCui('ro 14399840')).toBe(true);
    expect(isValidCui('1234565')).toBe(true); // 72 * 10 mod 11 = 5
  });

  it('refuses a wrong check digit, letters, a leading zero and bad lengths', () => {
    expect(isValidCui('14399841')).toBe(false);
    expect(isValidCui('1234566')).toBe(false);
    expect(isValidCui('12A4565')).toBe(false);
    expect(isValidCui('01234565')).toBe(false);
    expect(isValidCui('1')).toBe(false);
    expect(isValidCui('12345678901')).toBe(false);
  });

  it('normalises the RO prefix and spaces away', () => {
    expect(normalizeCui(' RO 1439 9840 ')).toBe('14399840');
  });
});
