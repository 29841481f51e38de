import { describe, expect, it } from 'vitest';
import { checkPhone } from './phone';

describe('Romanian phone numbers', () => {
  it('recognises mobiles however they are written', () => {
    for (const typed of ['0722123456', '0722 123 456', '0722.123.456', '0722-123-456', '(0722) 123 456', '+40722123456', '+40 722 123 456', '+40 (0)722 123 456', '0040 722 123 456', '0040722123456', '40722123456', '722 123 456', ' 0722  123456 ']) {
      expect(checkPhone(typed), typed).toEqual({ valid: true, kind: 'mobile', normalized: '0722 123 456', e164: '+40722123456' });
    }
    expect(checkPhone('0771 234 567')).toMatchObject({ valid: true, kind: 'mobile', normalized: '0771 234 567' });
    expect(checkPhone('0799/999.000')).toMatchObject({ valid: true, kind: 'mobile', normalized: '0799 999 000' });
  });

  it('recognises landlines: Bucharest 021/031 and the counties 02xx/03xx', () => {
    expect(checkPhone('021 312 34 56')).toEqual({ valid: true, kind: 'landline', normalized: '021 312 3456', e164: '+40213123456' });
    expect(checkPhone('031-425-0000')).toMatchObject({ valid: true, kind: 'landline', normalized: '031 425 0000' });
    expect(checkPhone('0241 555 123')).toEqual({ valid: true, kind: 'landline', normalized: '0241 555 123', e164: '+40241555123' });
    expect(checkPhone('+40 264 123 456')).toMatchObject({ valid: true, kind: 'landline', normalized: '0264 123 456' });
    expect(checkPhone('0368.401.234')).toMatchObject({ valid: true, kind: 'landline', normalized: '0368 401 234' });
  });

  it('accepts foreign numbers in the international form, keeping the groups as typed', () => {
    expect(checkPhone('+49 151 2345 6789')).toEqual({ valid: true, kind: 'international', normalized: '+49 151 2345 6789', e164: '+4915123456789' });
    expect(checkPhone('+49-151-2345-6789').normalized).toBe('+49 151 2345 6789');
    expect(checkPhone('0049 151 23456789')).toMatchObject({ valid: true, kind: 'international', normalized: '+49 151 23456789', e164: '+4915123456789' });
    expect(checkPhone('+373 69 123 456')).toMatchObject({ valid: true, kind: 'international', e164: '+37369123456' }); // Moldova
    expect(checkPhone('+39 333 1234567')).toMatchObject({ valid: true, kind: 'international' });
    expect(checkPhone('+12025550123')).toEqual({ valid: true, kind: 'international', normalized: '+12025550123', e164: '+12025550123' });
  });

  it('does not recognise wrong lengths, other prefixes, letters or two numbers in one field', () => {
    for (const typed of [
      '',
      '0722 123 45', // one digit short
      '0722 123 4567', // one too many
      '0822 123 456', // 08xx is not a landline or a mobile
      '0800 801 200', // toll-free: not a customer's phone
      '0900 123 456',
      '0122 123 456',
      '+40 822 123 456',
      '+40 722 123',
      '123456',
      '0722 12E 456',
      'Ion 0722123456',
      '0722123456 / 0744123456',
      '+0 123 456 789',
      '+49 12', // too short for any country
      '+1 234 567 890 123 456', // more than 15 digits
      '++40722123456',
      '0722+123456',
    ]) {
      expect(checkPhone(typed).valid, typed).toBe(false);
    }
  });

  it('gives back the input trimmed when it does not recognise it', () => {
    expect(checkPhone('  0722  12  ')).toEqual({ valid: false, kind: null, normalized: '0722 12', e164: null });
  });
});
