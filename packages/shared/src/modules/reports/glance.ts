import type { SqlValue } from '../../sync/client';

/**
 * The month at a glance (docs/reports.md): each partner module's bridge computes its figures for a period
 * from the local database; the page asks every source for the chosen period, the one before it and the
 * same period a year earlier. Amounts are integer bani, hours are hundredths of an hour.
 */

/** A period of whole days, both ends included (YYYY-MM-DD). */
export type Period = { from: string; to: string };

export type GlanceUnit = 'bani' | 'count' | 'hours';

/**
 * The figures a source may give. `revenue` has two sources (accounting's issued invoices and workshop's
 * validated orders): the one with the higher `priority` wins, and `revenueBasis` names it.
 */
export const glanceFigureIds = [
  'revenue', 'labour', 'materials', 'ordersOpened', 'ordersValidated', 'ordersInvoiced', 'averageOrder', 'hoursSold',
  'invoicesIssued', 'creditNotes', 'vatCollected', 'unpaid', 'overdue',
  'stockValue', 'partsCost', 'materialsMargin', 'tyreSetsStored', 'tyreSetsIn', 'tyreSetsOut',
  'smsSent', 'smsCost', 'appointmentsBooked', 'appointmentsNoShow',
] as const;
export type GlanceFigureId = (typeof glanceFigureIds)[number];

export type GlanceFigure = { id: GlanceFigureId; unit: GlanceUnit; value: number; priority?: number };

/** A breakdown of one figure (per VAT rate, per mechanic…), the largest first unless the rows have an order of their own. */
export const glanceBreakdownIds = ['vatByRate', 'hoursByMechanic', 'labourByMechanic', 'revenueByServiceType', 'topCustomers'] as const;
export type GlanceBreakdownId = (typeof glanceBreakdownIds)[number];
export type GlanceRow = { key: string; label: string; value: number; base?: number };
export type GlanceBreakdown = { id: GlanceBreakdownId; unit: GlanceUnit; rows: GlanceRow[] };

/** The revenue per day, as its source counts it. */
export type GlanceSeries = { id: 'revenue'; priority: number; points: { date: string; value: number }[] };

/** Where the revenue comes from, shown on the page. */
export type RevenueBasis = 'invoices' | 'orders';

export type GlanceResult = { figures: GlanceFigure[]; breakdowns: GlanceBreakdown[]; series: GlanceSeries[]; revenueBasis?: RevenueBasis };

/** Runs a read on the local database. */
export type GlanceQuery = <T extends Record<string, SqlValue>>(sql: string, params: readonly SqlValue[]) => Promise<T[]>;

/** A source's figures for several periods at once, in their order: a source that reads a whole ledger reads it once. */
export type GlancePeriodsCompute = (query: GlanceQuery, periods: readonly Period[], today: string) => Promise<GlanceResult[]>;

/**
 * What a partner contributes: its figures for a period. `today` is the device's date (balances, overdue).
 * `periods`, when the source has it, gives the same figures for several periods in one go (`glanceForPeriods`).
 */
export type GlanceCompute = ((query: GlanceQuery, period: Period, today: string) => Promise<GlanceResult>) & { periods?: GlancePeriodsCompute };

/** A source's figures for each of the periods: its own `periods` when it has one, else one period after the other. */
export async function glanceForPeriods(compute: GlanceCompute, query: GlanceQuery, periods: readonly Period[], today: string): Promise<GlanceResult[]> {
  if (compute.periods) return compute.periods(query, periods, today);
  const results: GlanceResult[] = [];
  for (const p of periods) results.push(await compute(query, p, today));
  return results;
}

/** The sources' results as one (`mergeGlance`): the revenue's source, if any gave it. */
export type MergedGlance = Omit<GlanceResult, 'revenueBasis'> & { revenueBasis: RevenueBasis | null };

export const emptyGlance = (): GlanceResult => ({ figures: [], breakdowns: [], series: [] });

const dayMs = 86_400_000;
const toDay = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / dayMs);
const fromDay = (n: number) => new Date(n * dayMs).toISOString().slice(0, 10);

/** Number of days in the period. */
export function periodDays(p: Period): number {
  return toDay(p.to) - toDay(p.from) + 1;
}

/** The calendar month of a day. */
export function calendarMonth(day: string): Period {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${day.slice(0, 7)}-01`, to: `${day.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/** Whether the period is one whole calendar month. */
export function isWholeMonth(p: Period): boolean {
  const m = calendarMonth(p.from);
  return m.from === p.from && m.to === p.to;
}

/** Moves a whole month by `n` months; a month moves to the month. */
export function shiftMonth(p: Period, n: number): Period {
  const y = Number(p.from.slice(0, 4));
  const m = Number(p.from.slice(5, 7)) - 1 + n;
  const d = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return calendarMonth(d);
}

/** The period just before, of the same length (a whole month: the month before). */
export function previousPeriod(p: Period): Period {
  if (isWholeMonth(p)) return shiftMonth(p, -1);
  const n = periodDays(p);
  return { from: fromDay(toDay(p.from) - n), to: fromDay(toDay(p.from) - 1) };
}

/** The same period a year earlier (29 February becomes the 28th). */
export function sameLastYear(p: Period): Period {
  if (isWholeMonth(p)) return shiftMonth(p, -12);
  const back = (d: string) => {
    const y = String(Number(d.slice(0, 4)) - 1).padStart(4, '0');
    return d.slice(5) === '02-29' ? `${y}-02-28` : `${y}${d.slice(4)}`;
  };
  return { from: back(p.from), to: back(p.to) };
}

/** The chart's buckets: days for up to two months, months beyond. */
export function revenueBuckets(p: Period, points: readonly { date: string; value: number }[]): { key: string; value: number }[] {
  const byMonth = periodDays(p) > 62;
  const sums = new Map<string, number>();
  if (byMonth) {
    for (let m = calendarMonth(p.from); m.from <= p.to; m = shiftMonth(m, 1)) sums.set(m.from.slice(0, 7), 0);
  } else {
    for (let d = toDay(p.from); d <= toDay(p.to); d++) sums.set(fromDay(d), 0);
  }
  for (const pt of points) {
    const key = byMonth ? pt.date.slice(0, 7) : pt.date;
    const v = sums.get(key);
    if (v !== undefined) sums.set(key, v + pt.value);
  }
  return [...sums].map(([key, value]) => ({ key, value }));
}

/**
 * The sources' results as one: a figure given twice keeps the higher priority (revenue), breakdowns
 * and series likewise; a figure that needs two sources is added (the margin on materials).
 */
export function mergeGlance(results: readonly GlanceResult[]): MergedGlance {
  const figures = new Map<GlanceFigureId, GlanceFigure>();
  let basis: { b: RevenueBasis; p: number } | null = null;
  for (const r of results) {
    for (const f of r.figures) {
      const had = figures.get(f.id);
      if (!had || (f.priority ?? 0) > (had.priority ?? 0)) figures.set(f.id, f);
    }
    const rev = r.figures.find((f) => f.id === 'revenue');
    if (r.revenueBasis && rev && (!basis || (rev.priority ?? 0) > basis.p)) basis = { b: r.revenueBasis, p: rev.priority ?? 0 };
  }
  const materials = figures.get('materials');
  const parts = figures.get('partsCost');
  if (materials && parts) figures.set('materialsMargin', { id: 'materialsMargin', unit: 'bani', value: materials.value - parts.value });
  const series = new Map<string, GlanceSeries>();
  for (const s of results.flatMap((r) => r.series)) {
    const had = series.get(s.id);
    if (!had || s.priority > had.priority) series.set(s.id, s);
  }
  const breakdowns = new Map<GlanceBreakdownId, GlanceBreakdown>();
  for (const b of results.flatMap((r) => r.breakdowns)) if (!breakdowns.has(b.id)) breakdowns.set(b.id, b);
  const order = (id: GlanceFigureId) => glanceFigureIds.indexOf(id);
  return {
    figures: [...figures.values()].sort((a, b) => order(a.id) - order(b.id)),
    breakdowns: [...breakdowns.values()].sort((a, b) => glanceBreakdownIds.indexOf(a.id) - glanceBreakdownIds.indexOf(b.id)),
    series: [...series.values()],
    revenueBasis: basis?.b ?? null,
  };
}

/** An average in whole bani (half away from zero); zero when there is nothing to divide by. */
export function averageBani(sum: number, count: number): number {
  if (count === 0) return 0;
  return Math.sign(sum) * Math.round(Math.abs(sum) / count);
}

/** The SQL period condition on a date column, with its parameters. */
export function inPeriod(column: string, p: Period): { sql: string; params: string[] } {
  return { sql: `${column} BETWEEN ? AND ?`, params: [p.from, p.to] };
}

/** A timestamp column inside the period (ISO timestamps compared as text: the day's end is the next day's start). */
export function timestampInPeriod(column: string, p: Period): { sql: string; params: string[] } {
  return { sql: `${column} >= ? AND ${column} < ?`, params: [p.from, fromDay(toDay(p.to) + 1)] };
}

/** The day after the period, for "at the period's end" (timestamps before it). */
export const dayAfter = (p: Period): string => fromDay(toDay(p.to) + 1);

/** The chosen period's figures beside the period before it and the same period a year earlier. */
export type GlanceComparison = { period: Period; previous: Period; lastYear: Period; current: MergedGlance; before: MergedGlance; yearAgo: MergedGlance };

/**
 * The month at a glance as the reports page shows it: every source for the period, the one before it and
 * the same period a year earlier, each source asked once for the three (`glanceForPeriods`), one source
 * after the other (the local database answers one query at a time).
 */
export async function glanceComparison(sources: readonly GlanceCompute[], query: GlanceQuery, period: Period, today: string): Promise<GlanceComparison> {
  const previous = previousPeriod(period);
  const lastYear = sameLastYear(period);
  const all: GlanceResult[][] = [[], [], []];
  for (const s of sources) {
    const [a, b, c] = await glanceForPeriods(s, query, [period, previous, lastYear], today);
    all[0]?.push(a ?? emptyGlance());
    all[1]?.push(b ?? emptyGlance());
    all[2]?.push(c ?? emptyGlance());
  }
  const [current, before, yearAgo] = all.map((results) => mergeGlance(results));
  return { period, previous, lastYear, current: current ?? mergeGlance([]), before: before ?? mergeGlance([]), yearAgo: yearAgo ?? mergeGlance([]) };
}
