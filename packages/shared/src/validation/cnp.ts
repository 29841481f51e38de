/**
 * Romanian CNP (personal numeric code): 13 digits — sex/century, birth date YYMMDD, county, serial, and a
 * check digit from the key 279146358279 (sum mod 11; 10 becomes 1).
 */
const key = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

export function cnpCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (key[i] ?? 0);
  const r = sum % 11;
  return r === 10 ? 1 : r;
}

const centuryOf: Record<string, number | undefined> = { 1: 1900, 2: 1900, 3: 1800, 4: 1800, 5: 2000, 6: 2000 };

export function isValidCnp(input: string): boolean {
  const cnp = input.trim();
  if (!/^[1-9]\d{12}$/.test(cnp)) return false;
  // 7, 8 (residents) and 9 (foreigners) carry no century: accept any real date of the 1900s or 2000s.
  const yy = Number(cnp.slice(1, 3));
  const mm = Number(cnp.slice(3, 5));
  const dd = Number(cnp.slice(5, 7));
  const century = centuryOf[cnp[0] ?? ''] ?? (yy > new Date().getFullYear() % 100 ? 1900 : 2000);
  const date = new Date(Date.UTC(century + yy, mm - 1, dd));
  if (date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return false;
  const county = Number(cnp.slice(7, 9));
  if (!((county >= 1 && county <= 52) || county === 70)) return false;
  return cnpCheckDigit(cnp.slice(0, 12)) === Number(cnp[12]);
}
