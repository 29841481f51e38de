/**
 * Romanian CUI/CIF: 2 to 10 digits, the last a check digit computed with the key 753217532 aligned
 * to the right of the other digits. An "RO" prefix (VAT payer) is accepted.
 */
const key = [7, 5, 3, 2, 1, 7, 5, 3, 2];

export function normalizeCui(input: string): string {
  return input.trim().toUpperCase().replace(/^RO\s*/, '').replace(/\s+/g, '');
}

export function isValidCui(input: string): boolean {
  const cui = normalizeCui(input);
  if (!/^[1-9]\d{1,9}$/.test(cui)) return false;
  const digits = cui.slice(0, -1).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (key[i] ?? 0);
  const check = ((sum * 10) % 11) % 10;
  return check === Number(cui.at(-1));
}
