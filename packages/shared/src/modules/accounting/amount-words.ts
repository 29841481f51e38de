/**
 * Amounts in words, in Romanian, as a receipt (chitanță) writes them beside the figures:
 * 1 250,50 lei → "o mie două sute cincizeci de lei și cincizeci de bani".
 *
 * The grammar it follows: a number agrees with what it counts ("un leu", "o mie", "un milion"; "doi lei",
 * "două mii", "două milioane"; "douăsprezece mii"; "douăzeci și unu de lei", "douăzeci și una de mii"),
 * and "de" stands between a number and its noun when the number's last two digits are 00 or 20–99
 * ("douăzeci de lei", "o sută de lei", "o sută unu lei", "o mie două sute de lei", "cincisprezece lei").
 */

type Gender = 'm' | 'f' | 'n';

const units = ['', 'unu', 'doi', 'trei', 'patru', 'cinci', 'șase', 'șapte', 'opt', 'nouă'] as const;
const teens = ['zece', 'unsprezece', 'doisprezece', 'treisprezece', 'paisprezece', 'cincisprezece', 'șaisprezece', 'șaptesprezece', 'optsprezece', 'nouăsprezece'] as const;
const tens = ['', '', 'douăzeci', 'treizeci', 'patruzeci', 'cincizeci', 'șaizeci', 'șaptezeci', 'optzeci', 'nouăzeci'] as const;

/** A digit counting something of a gender: 1 and 2 change ("unu/una", "doi/două"); neuter counts like feminine from two. */
function unit(d: number, g: Gender): string {
  if (d === 1) return g === 'f' ? 'una' : 'unu';
  if (d === 2) return g === 'm' ? 'doi' : 'două';
  return units[d] ?? '';
}

/** 1–999 in words, counting something of gender `g` (not the single "un"/"o" of exactly one). */
function below1000(n: number, g: Gender): string {
  const h = Math.floor(n / 100);
  const r = n % 100;
  const parts: string[] = [];
  if (h === 1) parts.push('o sută');
  else if (h > 1) parts.push(`${unit(h, 'f')} sute`);
  if (r >= 20) {
    const u = r % 10;
    parts.push(u ? `${tens[Math.floor(r / 10)] ?? ''} și ${unit(u, g)}` : (tens[Math.floor(r / 10)] ?? ''));
  } else if (r >= 10) {
    parts.push(r === 12 && g !== 'm' ? 'douăsprezece' : (teens[r - 10] ?? ''));
  } else if (r > 0) {
    parts.push(unit(r, g));
  }
  return parts.join(' ');
}

/** Whether "de" stands between the number and its noun: last two digits 00 (from 100) or 20–99. */
const takesDe = (n: number) => (n % 100 === 0 ? n >= 100 : n % 100 >= 20);

/** A count of a noun: `one` for exactly one ("un leu", "o mie"), else the number, "de" when due, the plural. */
function counted(n: number, g: Gender, one: string, plural: string): string {
  if (n === 1) return one;
  return `${below1000(n, g)}${takesDe(n) ? ' de ' : ' '}${plural}`;
}

/** A whole number of lei (0 – 999 999 999 999) in words, with "lei"/"leu". */
export function leiInWords(lei: number): string {
  if (!Number.isSafeInteger(lei) || lei < 0 || lei >= 1e12) throw new RangeError(`Not an amount this writes in words: ${lei}`);
  if (lei === 0) return 'zero lei';
  if (lei === 1) return 'un leu';
  const billions = Math.floor(lei / 1e9);
  const millions = Math.floor(lei / 1e6) % 1000;
  const thousands = Math.floor(lei / 1000) % 1000;
  const rest = lei % 1000;
  const parts: string[] = [];
  if (billions) parts.push(counted(billions, 'n', 'un miliard', 'miliarde'));
  if (millions) parts.push(counted(millions, 'n', 'un milion', 'milioane'));
  if (thousands) parts.push(counted(thousands, 'f', 'o mie', 'mii'));
  if (rest) parts.push(below1000(rest, 'm'));
  // The noun follows the whole number: "o mie de lei", "o mie unu lei", "două milioane de lei".
  return `${parts.join(' ')}${takesDe(lei) ? ' de ' : ' '}lei`;
}

/**
 * An amount in bani (integer, 1 leu = 100 bani) in words: "o sută unu lei și cinci bani",
 * "douăzeci de lei", "cincizeci de bani" (no lei), "zero lei".
 */
export function amountInWordsRo(bani: number): string {
  if (!Number.isSafeInteger(bani) || bani < 0) throw new RangeError(`Not an amount in bani: ${bani}`);
  const lei = Math.floor(bani / 100);
  const b = bani % 100;
  if (b === 0) return leiInWords(lei);
  const cents = counted(b, 'm', 'un ban', 'bani');
  return lei === 0 ? cents : `${leiInWords(lei)} și ${cents}`;
}
