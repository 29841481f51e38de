/**
 * A trade-register number (număr de ordine în registrul comerțului). Two forms are in use:
 * - the classic one, `J40/1234/2020`: the kind (J companies, F sole traders, C cooperatives), the county's
 *   register office number (01–40, 51 Călărași, 52 Giurgiu), the order number and the year;
 * - the one given since Law 265/2022, `J2020001234408`: the kind, the year, a six-digit order number and the
 *   three-digit office code, with no separators.
 * The European identifier (EUID) writes either after `ROONRC.`; that prefix is accepted and dropped.
 */
export function normalizeRegCom(input: string): string {
  return input.trim().toUpperCase().replace(/^ROONRC\s*\.\s*/, '').replace(/\s+/g, '');
}

const classic = /^[JFC](\d{1,2})\/(\d{1,8})\/(\d{4})$/;
const compact = /^[JFC](\d{4})(\d{6})(\d{3})$/;

function plausibleYear(year: number): boolean {
  return year >= 1990 && year <= new Date().getUTCFullYear() + 1;
}

export function isValidRegCom(input: string): boolean {
  const v = normalizeRegCom(input);
  const c = classic.exec(v);
  if (c) {
    const office = Number(c[1]);
    return ((office >= 1 && office <= 40) || office === 51 || office === 52) && Number(c[2]) > 0 && plausibleYear(Number(c[3]));
  }
  const n = compact.exec(v);
  return n !== null && plausibleYear(Number(n[1])) && Number(n[2]) > 0;
}
