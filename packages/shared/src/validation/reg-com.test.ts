import { describe, expect, it } from 'vitest';
import { isValidRegCom, normalizeRegCom } from './reg-com';

describe('trade-register numbers', () => {
  it('accepts the classic form for every office, sole traders and cooperatives', () => {
    expect(isValidRegCom('J40/1234/2020')).toBe(true);
    expect(isValidRegCom('j12/56/1998')).toBe(true);
    expect(isValidRegCom('F35/200/2011')).toBe(true);
    expect(isValidRegCom('C52/3/2015')).toBe(true);
    expect(isValidRegCom('J 40/1234/2020')).toBe(true);
  });

  it('accepts the form given since 2022 and the EUID prefix', () => {
    expect(isValidRegCom('J2023001234408')).toBe(true);
    expect(isValidRegCom('ROONRC.J40/1234/2020')).toBe(true);
    expect(normalizeRegCom(' roonrc. j40/1234/2020 ')).toBe('J40/1234/2020');
  });

  it('refuses unknown offices, kinds, years and shapes', () => {
    expect(isValidRegCom('J41/1234/2020')).toBe(false);
    expect(isValidRegCom('J00/1234/2020')).toBe(false);
    expect(isValidRegCom('X40/1234/2020')).toBe(false);
    expect(isValidRegCom('J40/1234/1975')).toBe(false);
    expect(isValidRegCom('J40/0/2020')).toBe(false);
    expect(isValidRegCom('J40-1234-2020')).toBe(false);
    expect(isValidRegCom('J202300123440')).toBe(false);
    expect(isValidRegCom('')).toBe(false);
  });
});
