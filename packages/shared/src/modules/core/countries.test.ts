import { describe, expect, it } from 'vitest';
import { compactTaxId, countryName, euCountryOfVatNumber, isCountryCode, isEuCountry, isEuVatNumber } from './countries';

describe('countries', () => {
  it('knows the ISO 3166-1 codes, and only those', () => {
    expect(isCountryCode('RO')).toBe(true);
    expect(isCountryCode('GB')).toBe(true);
    expect(isCountryCode('UK')).toBe(false);
    expect(isCountryCode('EU')).toBe(false);
    expect(isCountryCode('ro')).toBe(false);
  });

  it('names countries in the page\'s language', () => {
    expect(countryName('HU')).toBe('Ungaria');
    expect(countryName('HU', 'en')).toBe('Hungary');
    expect(countryName('MD')).toBe('Republica Moldova');
  });

  it('tells EU VAT numbers by their country\'s prefix, Greece as EL', () => {
    expect(isEuCountry('DE')).toBe(true);
    expect(isEuCountry('CH')).toBe(false);
    expect(isEuVatNumber('HU', 'HU12892312')).toBe(true);
    expect(isEuVatNumber('HU', 'hu 1289 2312')).toBe(true);
    expect(isEuVatNumber('HU', '12892312')).toBe(false);
    expect(isEuVatNumber('GR', 'EL094014201')).toBe(true);
    expect(isEuVatNumber('GR', 'GR094014201')).toBe(false);
    expect(isEuVatNumber('CH', 'CHE123456789')).toBe(false);
    expect(euCountryOfVatNumber('HU12892312')).toBe('HU');
    expect(euCountryOfVatNumber('EL094014201')).toBe('GR');
    expect(euCountryOfVatNumber('RO18547290')).toBe('RO');
    expect(euCountryOfVatNumber('18547290')).toBeNull();
    expect(euCountryOfVatNumber('CHE123456789')).toBeNull();
    expect(compactTaxId(' ro 18.547-290 ')).toBe('RO18547290');
  });
});
