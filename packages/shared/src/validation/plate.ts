/**
 * Romanian registration plates: county code + 2 digits (3 for Bucharest "B" may be 2 or 3) + 3 letters,
 * e.g. "CT 10 ABC", "B 123 XYZ"; and the temporary red plates: county + 3 to 6 digits.
 */
export const countyCodes = [
  'AB', 'AG', 'AR', 'B', 'BC', 'BH', 'BN', 'BR', 'BT', 'BV', 'BZ', 'CJ', 'CL', 'CS', 'CT', 'CV', 'DB', 'DJ', 'GJ',
  'GL', 'GR', 'HD', 'HR', 'IF', 'IL', 'IS', 'MH', 'MM', 'MS', 'NT', 'OT', 'PH', 'SB', 'SJ', 'SM', 'SV', 'TL',
  'TM', 'TR', 'VL', 'VN', 'VS',
] as const;

/** Upper case, one space between county, digits and letters: "ct10abc" → "CT 10 ABC". */
export function normalizePlate(input: string): string {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const m = /^([A-Z]{1,2})(\d{2,6})([A-Z]{0,3})$/.exec(compact);
  return m ? [m[1], m[2], m[3]].filter(Boolean).join(' ') : input.trim().toUpperCase();
}

export type PlateKind = 'standard' | 'temporary' | 'unknown';

export function plateKind(input: string): PlateKind {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const m = /^([A-Z]{1,2})(\d+)([A-Z]*)$/.exec(compact);
  if (!m || !(countyCodes as readonly string[]).includes(m[1] ?? '')) return 'unknown';
  const [, county, digits = '', letters = ''] = m;
  if (letters.length === 3 && !/^[IO]/.test(letters) && !letters.includes('Q')) {
    if (county === 'B' ? digits.length === 2 || digits.length === 3 : digits.length === 2) return 'standard';
  }
  if (letters === '' && digits.length >= 3 && digits.length <= 6) return 'temporary';
  return 'unknown';
}
