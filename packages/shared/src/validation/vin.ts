/**
 * VIN (ISO 3779): 17 characters without I, O, Q. The 9th is a check digit in North America; elsewhere it
 * is often something else, so a wrong check digit is a warning, never a refusal.
 */
const values: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4,
  V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export function normalizeVin(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '');
}

export type VinCheck = { valid: boolean; checkDigitMatches: boolean };

export function checkVin(input: string): VinCheck {
  const vin = normalizeVin(input);
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return { valid: false, checkDigitMatches: false };
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin[i] ?? '';
    const v = /\d/.test(ch) ? Number(ch) : (values[ch] ?? 0);
    sum += v * (weights[i] ?? 0);
  }
  const r = sum % 11;
  return { valid: true, checkDigitMatches: (r === 10 ? 'X' : String(r)) === vin[8] };
}
