import { describe, expect, it } from 'vitest';
import { validDotText } from './dot';

describe('the DOT date (week and year)', () => {
  it('takes weeks 01 to 53 of any year, as four digits', () => {
    for (let week = 1; week <= 53; week++) expect(validDotText(`${String(week).padStart(2, '0')}24`)).toBe(true);
    expect(validDotText('0100')).toBe(true);
  });

  it('refuses week 00 or past 53, other lengths, and anything not digits', () => {
    for (const bad of ['0024', '5424', '9924', '123', '12345', '', '23 19', 'ab19', '２３１９', '2319\n']) expect(validDotText(bad), bad).toBe(false);
  });
});
