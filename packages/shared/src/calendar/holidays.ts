/**
 * Kernel calendar data (no module imports it through the list): Romania's public holidays (Codul muncii, art. 139): fixed days, and the Orthodox Easter and Rusalii
 * (Pentecost), which move with the Julian computus. Days off by law since the years given.
 */

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** Orthodox Easter Sunday of a year (Gregorian date), by Meeus' Julian algorithm; valid 1900–2099. */
export function orthodoxEaster(year: number): string {
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  // A Julian calendar date; from 1900 to 2099 the Gregorian calendar is 13 days ahead.
  return iso(year, month, day + 13);
}

export type Holiday = { date: string; name: string };

/** The public holidays of a year in Romania, in date order (a day that is two holidays appears once). */
export function romanianHolidays(year: number): Holiday[] {
  const easter = orthodoxEaster(year);
  const [ey, em, ed] = easter.split('-').map(Number) as [number, number, number];
  const fromEaster = (days: number) => iso(ey, em, ed + days);
  const list: Holiday[] = [
    { date: iso(year, 1, 1), name: 'Anul Nou' },
    { date: iso(year, 1, 2), name: 'Anul Nou' },
    ...(year >= 2024 ? [{ date: iso(year, 1, 6), name: 'Boboteaza' }, { date: iso(year, 1, 7), name: 'Sfântul Ioan Botezătorul' }] : []),
    { date: iso(year, 1, 24), name: 'Ziua Unirii Principatelor Române' },
    ...(year >= 2018 ? [{ date: fromEaster(-2), name: 'Vinerea Mare' }] : []),
    { date: easter, name: 'Paștele' },
    { date: fromEaster(1), name: 'A doua zi de Paște' },
    { date: iso(year, 5, 1), name: 'Ziua Muncii' },
    ...(year >= 2017 ? [{ date: iso(year, 6, 1), name: 'Ziua Copilului' }] : []),
    { date: fromEaster(49), name: 'Rusaliile' },
    { date: fromEaster(50), name: 'A doua zi de Rusalii' },
    { date: iso(year, 8, 15), name: 'Adormirea Maicii Domnului' },
    { date: iso(year, 11, 30), name: 'Sfântul Andrei' },
    { date: iso(year, 12, 1), name: 'Ziua Națională a României' },
    { date: iso(year, 12, 25), name: 'Crăciunul' },
    { date: iso(year, 12, 26), name: 'A doua zi de Crăciun' },
  ];
  const seen = new Set<string>();
  return list.sort((x, y) => x.date.localeCompare(y.date)).filter((h) => !seen.has(h.date) && seen.add(h.date));
}

const byYear = new Map<number, Map<string, string>>();

/** The holiday's name when `date` (YYYY-MM-DD) is a public holiday in Romania, otherwise null. */
export function romanianHoliday(date: string): string | null {
  const year = Number(date.slice(0, 4));
  let days = byYear.get(year);
  if (!days) byYear.set(year, (days = new Map(romanianHolidays(year).map((h) => [h.date, h.name]))));
  return days.get(date) ?? null;
}

/** Whether a date is a working day in Romania: Monday to Friday and not a public holiday. */
export function isRomanianWorkingDay(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && romanianHoliday(date) === null;
}
