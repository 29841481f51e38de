/**
 * Exact decimal arithmetic for money. Amounts are integer bani (minor units); quantities and hours are
 * decimal strings ("1.5", "0.25"); products are computed with BigInt and rounded once, half away from
 * zero, so 0.5 h × 150.00 lei is exactly 75.00 lei and 1000 × 0.333 never drifts.
 */

const decimalRe = /^(-)?(\d+)(?:\.(\d+))?$/;

export function isDecimal(text: string): boolean {
  return decimalRe.test(text);
}

function parse(text: string): { digits: bigint; scale: number } {
  const m = decimalRe.exec(text);
  if (!m) throw new Error(`Not a decimal number: ${text}`);
  const fraction = m[3] ?? '';
  const digits = BigInt(`${m[2] ?? '0'}${fraction}`);
  return { digits: m[1] ? -digits : digits, scale: fraction.length };
}

/** Divides and rounds half away from zero. */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** quantity × unit price (bani) → bani, rounded once. */
export function multiplyMoney(quantity: string, priceBani: number): number {
  if (!Number.isSafeInteger(priceBani)) throw new Error(`Not an amount in bani: ${priceBani}`);
  const { digits, scale } = parse(quantity);
  const result = divRound(digits * BigInt(priceBani), 10n ** BigInt(scale));
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error('Amount too large');
  return Number(result);
}

/** amount (bani) × percent / 100 → bani, rounded once (VAT of a net amount). */
export function percentOf(amountBani: number, percent: string | number): number {
  if (!Number.isSafeInteger(amountBani)) throw new Error(`Not an amount in bani: ${amountBani}`);
  const { digits, scale } = parse(String(percent));
  return Number(divRound(digits * BigInt(amountBani), 100n * 10n ** BigInt(scale)));
}

/**
 * Reads what a person typed as a quantity ("1,5", " 2 ", "0.25") into the stored form ("1.5"), or
 * null when it is not a number with at most `scale` decimals.
 */
export function normalizeDecimalInput(text: string, scale: number): string | null {
  const t = text.trim().replace(',', '.');
  const m = /^(\d{0,15})(?:\.(\d*))?$/.exec(t);
  if (!m || (!m[1] && !m[2])) return null;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return null;
  const whole = (m[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Why typed text cannot be taken as a quantity or an amount, for a message that says so. */
export type DecimalInputProblem = 'empty' | 'negative' | 'decimals' | 'notNumber';

/**
 * Why `normalizeDecimalInput` refuses what a person typed, or null when it takes it: a form shows the
 * reason instead of changing the text (a typed "-1" is refused as negative, never read as 1).
 */
export function decimalInputProblem(text: string, scale: number): DecimalInputProblem | null {
  const t = text.trim();
  if (!t) return 'empty';
  if (normalizeDecimalInput(t, scale) !== null) return null;
  if (/^[-−]/.test(t) && normalizeDecimalInput(t.slice(1), scale) !== null) return 'negative';
  if (/^\d{0,15}[.,]\d+$/.test(t)) return 'decimals';
  return 'notNumber';
}

/** Reads a typed whole number (digits only: "1e3", "0x10", "1.5" and "-2" are refused), or null outside min..max. */
export function parseWholeNumberInput(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d{1,15}$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** Reads a typed amount in lei ("12,50", "1.234,5" is not accepted: no thousands separators) into bani. */
export function parseMoneyInput(text: string): number | null {
  const d = normalizeDecimalInput(text, 2);
  if (d === null) return null;
  const bani = multiplyMoney(d, 100);
  return Number.isSafeInteger(bani) ? bani : null;
}

/** Bani as lei with two decimals, for forms ("1234.50"). */
export function baniToInput(bani: number): string {
  const sign = bani < 0 ? '-' : '';
  const abs = Math.abs(bani);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/** Bani as money for people: "1.234,50 RON" in Romanian (one formatter per locale and currency, reused). */
export function formatMoney(bani: number, locale = 'ro-RO', currency = 'RON'): string {
  const key = `${locale}|${currency}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 })));
  return f.format(bani / 100);
}
