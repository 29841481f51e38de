/**
 * Wall-clock times of the shop ("HH:MM" on a calendar date, in the shop's time zone) and the instants
 * they are. Appointments are stored as instants (UTC timestamps); hours, campaigns and the calendar
 * speak in the shop's local time, which jumps on daylight-saving days (in Romania the last Sunday of
 * March has no 03:00–03:59, the last Sunday of October has it twice).
 */

export const hhmmPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since midnight of an "HH:MM" (24:00 is not a time: an interval ends at 23:59 at the latest). */
export function minutesOf(hhmm: string): number {
  if (!hhmmPattern.test(hhmm)) throw new RangeError(`not a time: ${hhmm}`);
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function hhmmOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    offsetFormats.set(timeZone, f);
  }
  const p = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of f.formatToParts(new Date(instant))) if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ms since the epoch) of `minutes` after midnight on `date` in `timeZone`. A time the
 * spring-forward gap skips is taken on the clock after the jump (03:30 → 04:30); a time that happens
 * twice in autumn is its first occurrence.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  const day = 86_400_000;
  // The zone's offsets a day before and after; the same on all but the two change days of a year.
  const before = wall - zoneOffsetMs(wall - day, timeZone);
  const after = wall - zoneOffsetMs(wall + day, timeZone);
  if (before === after) return before;
  const valid = [before, after].filter((c) => c + zoneOffsetMs(c, timeZone) === wall);
  // Twice in autumn: the first; in the spring gap none: the offset before the jump reads as the hour after it.
  return valid.length ? Math.min(...valid) : before;
}

/** The calendar date and the minutes after midnight an instant is on the zone's wall clock. */
export function wallClock(instant: number, timeZone: string): { date: string; minutes: number } {
  const local = instant + zoneOffsetMs(instant, timeZone);
  const d = new Date(local);
  return { date: d.toISOString().slice(0, 10), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** ISO weekday of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}
