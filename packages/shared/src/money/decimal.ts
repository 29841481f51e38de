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

/**
 * Whether a unit price in bani is one an invoice line may carry: a number with at most two decimals of a
 * ban (four decimals of a leu, as parts are bought: 12.3456 lei is 1234.56 bani). Its decimal text, as
 * JavaScript writes the number, is the exact value used in arithmetic.
 */
export function isUnitPriceBani(priceBani: number): boolean {
  return Number.isFinite(priceBani) && Math.abs(priceBani) <= Number.MAX_SAFE_INTEGER / 100 && /^-?\d+(\.\d{1,2})?$/.test(String(priceBani));
}

/** quantity × unit price (bani, up to two decimals of a ban) → bani, rounded once. */
export function multiplyPrice(quantity: string, priceBani: number): number {
  if (!isUnitPriceBani(priceBani)) throw new Error(`Not a unit price in bani: ${priceBani}`);
  const q = parse(quantity);
  const p = parse(String(priceBani));
  const result = divRound(q.digits * p.digits, 10n ** BigInt(q.scale + p.scale));
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error('Amount too large');
  return Number(result);
}

/**
 * amount (bani) × part / whole → bani, rounded once half away from zero: the share of an amount that a
 * part of a quantity or of a sum takes (part and whole are decimals, as text or whole numbers).
 */
export function proportionOf(amountBani: number, part: string | number, whole: string | number): number {
  if (!Number.isSafeInteger(amountBani)) throw new Error(`Not an amount in bani: ${amountBani}`);
  const p = parse(String(part));
  const w = parse(String(whole));
  if (w.digits === 0n) throw new Error('Proportion of a zero whole');
  // amount × (p.digits / 10^p.scale) / (w.digits / 10^w.scale)
  let n = BigInt(amountBani) * p.digits * 10n ** BigInt(w.scale);
  let d = w.digits * 10n ** BigInt(p.scale);
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  return Number(divRound(n, d));
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

/**
 * Why typed text cannot be taken as a quantity or an amount, for a message that says so. 'thousands':
 * a number written with thousands separators ("1.234,50", "1,234.50", "1 234"), which the inputs refuse
 * rather than guess at (a lone "1.234" is a decimal: a dot and a comma both mark decimals).
 */
export const decimalInputProblems = ['empty', 'negative', 'decimals', 'thousands', 'notNumber'] as const;
export type DecimalInputProblem = (typeof decimalInputProblems)[number];

/** Digits in groups of three after a separator (one kind), then maybe decimals after the other separator. */
const groupedRe = /^[1-9]\d{0,2}([., '\u2019\u00a0\u202f])\d{3}(?:\1\d{3})*(?:(?!\1)[.,]\d*)?$/;
/** A number with more decimals than allowed. */
const decimalsRe = /^\d{0,15}[.,]\d+$/;

function groupedOnly(t: string): boolean {
  // One group after a dot or a comma alone ("1.234") is a decimal, not a thousands separator.
  return groupedRe.test(t) && !/^\d+[.,]\d{3}$/.test(t);
}

/**
 * Why `normalizeDecimalInput` refuses what a person typed, or null when it takes it: a form shows the
 * reason instead of changing the text (a typed "-1" is refused as negative, never read as 1; "1.234,50"
 * is refused for its thousands separator, never read as 1.234).
 */
export function decimalInputProblem(text: string, scale: number): DecimalInputProblem | null {
  const t = text.trim();
  if (!t) return 'empty';
  if (normalizeDecimalInput(t, scale) !== null) return null;
  const unsigned = t.replace(/^[-−]\s*/, '');
  if (unsigned !== t && unsigned && (normalizeDecimalInput(unsigned, scale) !== null || decimalsRe.test(unsigned) || groupedOnly(unsigned))) return 'negative';
  if (groupedOnly(t)) return 'thousands';
  if (decimalsRe.test(t)) return 'decimals';
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
  // 13 digits of lei is the most bani can hold exactly (a longer number is refused, never thrown on).
  if (d === null || (d.split('.')[0] ?? '').length > 13) return null;
  return multiplyMoney(d, 100);
}

/** Bani as lei with two decimals, as stored text ("1234.50"); a form shows it with `moneyForInput`. */
export function baniToInput(bani: number): string {
  const sign = bani < 0 ? '-' : '';
  const abs = Math.abs(bani);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const separators = new Map<string, string>();

/** The decimal separator of a language ("ro": ",", "en": "."), as its number format writes it. */
export function decimalSeparator(locale: string): string {
  let s = separators.get(locale);
  if (s === undefined) {
    s = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    separators.set(locale, s);
  }
  return s;
}

/**
 * A stored decimal ("1.5", "150.00") as a form's input shows it in a language: "1,5" and "150,00" in
 * Romanian, unchanged in English. No thousands separators: the inputs read none. Every form prefills
 * its number inputs with this (from the catalog, an order, a stored row), so what is shown is what the
 * person would type.
 */
export function decimalForInput(value: string, locale: string): string {
  return value.replace('.', decimalSeparator(locale));
}

/** Bani as a form's input shows them: "1234,50" in Romanian, "1234.50" in English. */
export function moneyForInput(bani: number, locale: string): string {
  return decimalForInput(baniToInput(bani), locale);
}

const groupings = new Map<string, Intl.NumberFormat>();

/**
 * A stored decimal (hours, a quantity) as people read it in a language: "1,5", "1.234,5" in Romanian,
 * "1.5", "1,234.5" in English; trailing zeros of the decimals dropped. Exact: digits are never put
 * through a binary float. Text that is not a stored decimal is shown as it is; null shows as nothing.
 */
export function formatDecimal(value: string | null, locale: string): string {
  if (value === null) return '';
  const m = decimalRe.exec(value.trim());
  if (!m) return value;
  let f = groupings.get(locale);
  if (!f) groupings.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const whole = f.format(BigInt(m[2] ?? '0'));
  return `${m[1] && (whole !== '0' || fraction) ? '-' : ''}${whole}${fraction ? `${decimalSeparator(locale)}${fraction}` : ''}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/** Bani as money for people: "1.234,50 RON" in Romanian (one formatter per locale and currency, reused). */
export function formatMoney(bani: number, locale = 'ro-RO', currency = 'RON'): string {
  const key = `${locale}|${currency}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 })));
  return f.format(bani / 100);
}

const priceFormats = new Map<string, Intl.NumberFormat>();

/** A unit price in bani (up to two decimals of a ban) as money: two to four decimals ("12,3456 RON", "150,00 RON"). */
export function formatPriceMoney(bani: number, locale = 'ro-RO', currency = 'RON'): string {
  const key = `${locale}|${currency}`;
  let f = priceFormats.get(key);
  if (!f) priceFormats.set(key, (f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 })));
  return f.format(bani / 100);
}
