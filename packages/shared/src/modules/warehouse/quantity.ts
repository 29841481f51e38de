/** Stock quantities: decimal strings with up to three decimals, summed exactly as thousandths (bigint). */

const re = /^(-)?(\d+)(?:\.(\d{1,3}))?$/;

/** A quantity in thousandths of its unit ("1.5" → 1500n). */
export function milli(text: string): bigint {
  const m = re.exec(text.trim());
  if (!m) throw new Error(`Not a quantity: ${text}`);
  const v = BigInt(m[2] ?? '0') * 1000n + BigInt((m[3] ?? '').padEnd(3, '0'));
  return m[1] ? -v : v;
}

/** Thousandths back to the shortest decimal text ("1500n" → "1.5", -2000n → "-2"). */
export function fromMilli(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const whole = a / 1000n;
  const frac = (a % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}
