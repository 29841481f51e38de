import { describe, expect, it } from 'vitest';
import { cnpCheckDigit, isValidCnp } from './cnp';
import { checkVin } from './vin';
import { normalizePlate, plateKind } from './plate';
import { searchKey } from './search';

describe('CNP', () => {
  it('accepts a well-formed CNP and refuses a wrong check digit, date or county', () => {
    const base = '180010122114'; // man born 1980-01-01, county 22, serial 114
    const valid = base + String(cnpCheckDigit(base));
    expect(isValidCnp(valid)).toBe(true);
    expect(isValidCnp(base + String((cnpCheckDigit(base) + 1) % 10))).toBe(false);
    const badDate = '180023122114';
    expect(isValidCnp(badDate + String(cnpCheckDigit(badDate)))).toBe(false); // 31 February
    const badCounty = '180010199114';
    expect(isValidCnp(badCounty + String(cnpCheckDigit(badCounty)))).toBe(false);
    expect(isValidCnp('abc')).toBe(false);
  });

  it('computes the check digit with the 279146358279 key (10 becomes 1)', () => {
    // 1*2+8*7+0*9+0*1+1*4+0*6+1*3+2*5+2*8+1*2+1*7+4*9 = 136; 136 mod 11 = 4
    expect(cnpCheckDigit('180010122114')).toBe(4);
  });
});

describe('VIN', () => {
  it('checks the North American check digit and refuses I, O, Q and wrong lengths', () => {
    expect(checkVin('1M8GDM9AXKP042788')).toEqual({ valid: true, checkDigitMatches: true });
    expect(checkVin('1M8GDM9A1KP042788')).toEqual({ valid: true, checkDigitMatches: false });
    expect(checkVin('WVWZZZ1JZXW000001').valid).toBe(true);
    expect(checkVin('1M8GDM9AXKP04278O').valid).toBe(false);
    expect(checkVin('1M8GDM9AXKP04278').valid).toBe(false);
  });
});

describe('Romanian plates', () => {
  it('normalises and classifies', () => {
    expect(normalizePlate('ct10abc')).toBe('CT 10 ABC');
    expect(normalizePlate('b-123-xyz')).toBe('B 123 XYZ');
    expect(plateKind('CT 10 ABC')).toBe('standard');
    expect(plateKind('B 123 XYZ')).toBe('standard');
    expect(plateKind('B 12 XYZ')).toBe('standard');
    expect(plateKind('CT 123 ABC')).toBe('unknown');
    expect(plateKind('XX 10 ABC')).toBe('unknown');
    expect(plateKind('CT 10 IAB')).toBe('unknown');
    expect(plateKind('CT 123456')).toBe('temporary');
  });
});

describe('search key', () => {
  it('matches with and without diacritics, comma-below and cedilla alike', () => {
    expect(searchKey('Ștefan Țurcanu')).toBe('stefan turcanu');
    expect(searchKey('Şerban  Ţepeş')).toBe('serban tepes');
    expect(searchKey(' Mărioara Ionescu ')).toBe('marioara ionescu');
  });
});
