/**
 * Calendar dates (YYYY-MM-DD) as the shop's calendar has them. Documents are dated by the day in the
 * shop's time zone, not by UTC (an invoice issued at 01:30 in Bucharest belongs to that day, and at a
 * month's end to that month and its VAT period) nor by a device whose clock is set to another zone.
 */

/** Where the shops are. A company in another country will carry its own zone. */
export const shopTimeZone = 'Europe/Bucharest';

const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(now: Date, timeZone: string): { y: number; m: number; d: number } {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })));
  const parts = f.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The hour (0–23) `now` falls on in the shop's time zone. */
export function shopHour(now: Date = new Date(), timeZone: string = shopTimeZone): number {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
  return hour === 24 ? 0 : hour;
}

/** The day `now` falls on in the shop's time zone. */
export function shopDate(now: Date = new Date(), timeZone: string = shopTimeZone): string {
  const { y, m, d } = partsIn(now, timeZone);
  return iso(y, m, d);
}

/** A calendar date `days` days later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return iso(y, m, d + days);
}

/** The same day `months` months later; a day the month lacks rolls over (31 March + 1 month → 1 May). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return iso(y, m + months, d);
}

/** First and last day of the month `offset` months from the shop's current month. */
export function shopMonthRange(offset = 0, now: Date = new Date(), timeZone: string = shopTimeZone): { from: string; to: string } {
  const { y, m } = partsIn(now, timeZone);
  return { from: iso(y, m + offset, 1), to: iso(y, m + offset + 1, 0) };
}
