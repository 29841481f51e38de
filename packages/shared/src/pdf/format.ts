/**
 * Romanian number and date formats for printed documents, computed from the exact values rather than
 * through Intl, so a document prints the same on every device, whatever locale data its browser has.
 */

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Bani as lei: 123450 → "1.234,50", -5 → "-0,05". */
export function formatLei(bani: number): string {
  if (!Number.isSafeInteger(bani)) throw new Error(`Not an amount in bani: ${bani}`);
  const abs = Math.abs(bani);
  const whole = groupThousands(String(Math.floor(abs / 100)));
  return `${bani < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A unit price in bani (up to two decimals of a ban) as lei with two to four decimals:
 * 123450 → "1.234,50", 1234.56 → "12,3456", 1234.5 → "12,345".
 */
export function formatUnitPrice(bani: number): string {
  if (Number.isSafeInteger(bani)) return formatLei(bani);
  const m = /^(-)?(\d+)\.(\d{1,2})$/.exec(String(bani));
  if (!m) throw new Error(`Not a unit price in bani: ${bani}`);
  const digits = (m[2] ?? '0').padStart(3, '0');
  return `${m[1] ?? ''}${groupThousands(digits.slice(0, -2).replace(/^0+(?=\d)/, ''))},${digits.slice(-2)}${m[3] ?? ''}`;
}

/** A stored decimal as people read it: "1234.5" → "1.234,5", "2" → "2". */
export function formatQuantity(decimal: string): string {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!m) return decimal;
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  return `${m[1] ?? ''}${groupThousands(m[2] ?? '0')}${fraction ? `,${fraction}` : ''}`;
}

/** A percent string: "21" → "21%", "5.5" → "5,5%". */
export function formatPercent(percent: string): string {
  return `${formatQuantity(percent)}%`;
}

/** "2025-09-01" → "01.09.2025"; anything else is printed as given. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

const cedillas: Record<string, string> = { ş: 'ș', Ş: 'Ș', ţ: 'ț', Ţ: 'Ț' };

/**
 * Romanian text with the correct letters: ș ț Ș Ț with a comma below, never the cedilla forms older
 * keyboards and imported data still produce; combining marks are composed first (NFC), so "s" +
 * U+0327 becomes ș too.
 */
export function fixDiacritics(text: string): string {
  return text.normalize('NFC').replace(/[şŞţŢ]/g, (c) => cedillas[c] ?? c);
}

/** The same for every string in a document (seller, buyer, lines, notes), before anything prints it. */
export function fixDiacriticsDeep<T>(value: T): T {
  if (typeof value === 'string') return fixDiacritics(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => fixDiacriticsDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fixDiacriticsDeep(v);
    return out as T;
  }
  return value;
}
