/**
 * Value formats of the SAGA C. import files (docs/reports-accountant.md). SAGA's manual lists the tags but
 * not the value formats; these follow the sample XML SAGA itself writes: dates as DD.MM.YYYY, amounts with a
 * dot and two decimals, "Da"/"Nu" for yes/no. File names use SAGA's own export style, ZZ-LL-AAAA.
 */

/** "2026-11-23" -> "23.11.2026". */
export function sagaDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d ?? ''}.${m ?? ''}.${y ?? ''}`;
}

/** "2026-11-23" -> "23-11-2026", for file names. */
export function sagaFileDate(iso: string): string {
  return sagaDate(iso).replace(/\./g, '-');
}

/** Whole bani as lei with two decimals: -123456 -> "-1234.56". */
export function sagaAmount(bani: number): string {
  const sign = bani < 0 ? '-' : '';
  const abs = Math.abs(Math.round(bani));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A unit price in bani with up to two decimals of a ban, as lei with two to four decimals: 1234.56 -> "12.3456". */
export function sagaPrice(bani: number): string {
  const hundredths = Math.round(bani * 100);
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  const decimals = String(abs % 10_000).padStart(4, '0').replace(/0{1,2}$/, '');
  return `${sign}${Math.floor(abs / 10_000)}.${decimals}`;
}

/** A decimal as a supplier's document writes it ("12.5", "-3", "1234.567") to whole bani, rounded half away from zero. */
export function decimalToBani(text: string): number {
  const m = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!m) return 0;
  const [, sign = '', whole = '', frac = ''] = m;
  const digits = `${frac}000`;
  let bani = Number(whole || '0') * 100 + Number(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) bani += 1;
  return sign === '-' ? -bani : bani;
}

/** "Da" / "Nu". */
export const sagaYesNo = (value: boolean): string => (value ? 'Da' : 'Nu');

/** A fiscal code without the VAT prefix ("RO14399840" -> "14399840"), as SAGA keeps a firm's code. */
export function bareFiscalCode(code: string | null): string {
  return (code ?? '').trim().replace(/^RO/i, '').trim();
}

/** A part of a file name: letters, digits and dashes only. */
export function fileNamePart(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * Each item's share of `total` in proportion to its weight, rounded to whole units and corrected so the shares
 * add up to `total` exactly (the units left by rounding go to the largest weights first).
 */
export function shareOut(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (weights.length === 0) return [];
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const shares = weights.map((w) => Math.trunc((total * w) / sum));
  let left = total - shares.reduce((a, s) => a + s, 0);
  const order = weights.map((w, i) => ({ w: Math.abs(w), i })).sort((a, b) => b.w - a.w || a.i - b.i);
  const step = left < 0 ? -1 : 1;
  for (let k = 0; left !== 0; k = (k + 1) % order.length) {
    const entry = order[k];
    if (entry) shares[entry.i] = (shares[entry.i] ?? 0) + step;
    left -= step;
  }
  return shares;
}
