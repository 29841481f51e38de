/** Wall-clock times of the logistics module: "HH:MM" of the company's day and seconds since its midnight. */

const hhmmPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Seconds since midnight of an "HH:MM". */
export function secondsOfHhmm(hhmm: string): number {
  if (!hhmmPattern.test(hhmm)) throw new RangeError(`not a time: ${hhmm}`);
  return Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
}

/** "HH:MM" of seconds since midnight, rounded to the nearest minute (past midnight: "24:10"…). */
export function hhmmOfSeconds(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Both "HH:MM" and the end after the start. */
export function validHourRange(from: string, to: string): boolean {
  return hhmmPattern.test(from) && hhmmPattern.test(to) && secondsOfHhmm(from) < secondsOfHhmm(to);
}
