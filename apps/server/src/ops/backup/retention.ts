/**
 * Which backups a retention rule keeps. For each kind of period (day, ISO week, month, all in UTC), the
 * newest backup of each of the `n` newest periods that have a backup is kept; a backup may be kept for
 * several reasons. The newest backup is always kept, whatever the rule.
 */
export type RetentionRule = { daily: number; weekly: number; monthly: number };

export const defaultRetention: RetentionRule = { daily: 7, weekly: 4, monthly: 12 };

export type DatedBackup = { name: string; at: Date };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const dayOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const monthOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;

/** The ISO 8601 week (`2026-W49`): weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of the same week decides the year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${pad(week)}`;
}

/** The names of the backups the rule keeps; the others may be removed. */
export function backupsToKeep(backups: readonly DatedBackup[], rule: RetentionRule): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>();
  const first = newestFirst[0];
  if (first) keep.add(first.name);
  const periods: [number, (d: Date) => string][] = [[rule.daily, dayOf], [rule.weekly, isoWeekOf], [rule.monthly, monthOf]];
  for (const [count, periodOf] of periods) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= count) break;
      const period = periodOf(backup.at);
      if (seen.has(period)) continue;
      seen.add(period);
      keep.add(backup.name);
    }
  }
  return keep;
}
