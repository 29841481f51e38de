import { seasonWindowsOf, seasonWindowsProblem, validMonthDay, type SeasonWindowColumns } from '@roaauto/shared';

/** The settings page's season-change windows, as typed: day and month ("1.10", "01.10", "1/10"). */
export type SeasonWindowsForm = Record<keyof SeasonWindowColumns, string>;
export const seasonWindowFields = ['iarna_de_la', 'iarna_pana_la', 'vara_de_la', 'vara_pana_la'] as const;

const pad = (n: string) => n.padStart(2, '0');

/** A typed day and month as stored ("10-01"), or null when it is not a day of a common year. */
export function parseDayMonth(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const stored = `${pad(m[2] ?? '')}-${pad(m[1] ?? '')}`;
  return validMonthDay(stored) ? stored : null;
}

/** A stored month-day as the form shows it ("10-01" → "01.10"). */
export const dayMonthText = (stored: string) => `${stored.slice(3, 5)}.${stored.slice(0, 2)}`;

/** The form filled with the windows in force (the company's, or the defaults). */
export function seasonWindowsFormOf(row: SeasonWindowColumns | null | undefined): SeasonWindowsForm {
  const w = seasonWindowsOf(row);
  return {
    iarna_de_la: dayMonthText(w.iarna.from), iarna_pana_la: dayMonthText(w.iarna.to), vara_de_la: dayMonthText(w.vara.from), vara_pana_la: dayMonthText(w.vara.to),
  };
}

export type SeasonWindowsVerdict =
  | { ok: true; patch: SeasonWindowColumns }
  | { ok: false; fields: Partial<Record<keyof SeasonWindowColumns, 'warehouse.settings.badDayMonth'>>; problem: 'warehouse.settings.windowOrder' | 'warehouse.settings.windowsOverlap' | null };

/** What saving the form writes, or why it cannot: a field that is no day-month, a window that ends before it starts, windows that overlap. */
export function seasonWindowsPatch(form: SeasonWindowsForm): SeasonWindowsVerdict {
  const fields: Partial<Record<keyof SeasonWindowColumns, 'warehouse.settings.badDayMonth'>> = {};
  const patch: SeasonWindowColumns = { iarna_de_la: null, iarna_pana_la: null, vara_de_la: null, vara_pana_la: null };
  for (const f of seasonWindowFields) {
    const v = parseDayMonth(form[f]);
    if (v === null) fields[f] = 'warehouse.settings.badDayMonth';
    patch[f] = v;
  }
  if (Object.keys(fields).length) return { ok: false, fields, problem: null };
  const problem = seasonWindowsProblem(patch);
  if (problem === 'order') return { ok: false, fields, problem: 'warehouse.settings.windowOrder' };
  if (problem) return { ok: false, fields, problem: 'warehouse.settings.windowsOverlap' };
  return { ok: true, patch };
}
