import { milliText } from '@roaauto/shared';

export { formatDecimal } from '@roaauto/shared';

/** A stock sum in thousandths (null when the product never moved) as a quantity's text. */
export function milliTextOrZero(v: number | null): string {
  return milliText(v ?? 0);
}
