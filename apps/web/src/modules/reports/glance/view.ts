import { formatMoney, glanceFigureIds, revenueBuckets, type GlanceBreakdownId, type GlanceFigureId, type GlanceUnit } from '@roaauto/shared';
import type { GlanceComparison } from './load';

/** A figure's row of the comparison table: its value in each period and its change from the period before. */
export type FigureRow = { id: GlanceFigureId; unit: GlanceUnit; current: number; previous: number | null; lastYear: number | null; change: number | null };

const valueOf = (list: readonly { id: string; value: number }[], id: string) => list.find((f) => f.id === id)?.value ?? null;

/** The change in percent (one decimal) from `before` to `now`; null when there was nothing before. */
export function changePercent(now: number, before: number | null): number | null {
  if (before === null || before === 0) return null;
  return Math.round(((now - before) * 1000) / Math.abs(before)) / 10;
}

/** The figures of the chosen period, in their fixed order, with the two periods to compare. */
export function figureRows(c: GlanceComparison): FigureRow[] {
  return c.current.figures
    .map((f) => {
      const previous = valueOf(c.before.figures, f.id);
      return { id: f.id, unit: f.unit, current: f.value, previous, lastYear: valueOf(c.yearAgo.figures, f.id), change: changePercent(f.value, previous) };
    })
    .sort((a, b) => glanceFigureIds.indexOf(a.id) - glanceFigureIds.indexOf(b.id));
}

/** Which figures go in which group of the page. */
export const figureGroups: { key: 'sales' | 'money' | 'stock' | 'customers'; ids: readonly GlanceFigureId[] }[] = [
  { key: 'sales', ids: ['revenue', 'labour', 'materials', 'ordersOpened', 'ordersValidated', 'ordersInvoiced', 'averageOrder', 'hoursSold'] },
  { key: 'money', ids: ['invoicesIssued', 'creditNotes', 'vatCollected', 'unpaid', 'overdue'] },
  { key: 'stock', ids: ['stockValue', 'partsCost', 'materialsMargin', 'tyreSetsStored', 'tyreSetsIn', 'tyreSetsOut'] },
  { key: 'customers', ids: ['smsSent', 'smsCost', 'appointmentsBooked', 'appointmentsNoShow'] },
];

/** A value as people read it: lei for bani, hours with two decimals, whole counts. */
export function formatValue(unit: GlanceUnit, value: number, locale: string): string {
  const tag = locale.startsWith('ro') ? 'ro-RO' : 'en-GB';
  if (unit === 'bani') return formatMoney(value, tag);
  if (unit === 'hours') return new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value / 100);
  return new Intl.NumberFormat(tag).format(value);
}

/** One chart: its labels and one or more series of values (bani or hundredths of an hour). */
export type ChartData = { unit: GlanceUnit; labels: string[]; series: { key: string; values: number[] }[] };

/** The revenue per day (a period up to two months) or per month, of the winning revenue source. */
export function revenueChart(c: GlanceComparison): ChartData {
  const points = c.current.series[0]?.points ?? [];
  const buckets = revenueBuckets(c.period, points);
  return { unit: 'bani', labels: buckets.map((b) => b.key), series: [{ key: 'revenue', values: buckets.map((b) => b.value) }] };
}

/** Labour against materials (validated orders), when the workshop's figures are there. */
export function labourMaterialsChart(c: GlanceComparison): ChartData | null {
  const labour = valueOf(c.current.figures, 'labour');
  const materials = valueOf(c.current.figures, 'materials');
  if (labour === null || materials === null) return null;
  return { unit: 'bani', labels: ['labour', 'materials'], series: [{ key: 'amount', values: [labour, materials] }] };
}

/** A breakdown as a chart (per mechanic, per service type…), null when the period has none. */
export function breakdownChart(c: GlanceComparison, id: GlanceBreakdownId): ChartData | null {
  const b = c.current.breakdowns.find((x) => x.id === id);
  if (!b || !b.rows.length) return null;
  return { unit: b.unit, labels: b.rows.map((r) => r.label), series: [{ key: id, values: b.rows.map((r) => r.value) }] };
}

const tagOf = (locale: string) => (locale.startsWith('ro') ? 'ro-RO' : 'en-GB');
const utc = (d: string) => new Date(`${d.length === 7 ? `${d}-01` : d}T00:00:00Z`);

/** A period as people name it: "august 2025" for a whole month, "15.07.2025 – 14.08.2025" otherwise. */
export function periodText(p: { from: string; to: string }, wholeMonth: boolean, locale: string): string {
  const tag = tagOf(locale);
  if (wholeMonth) return new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(p.from));
  const f = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  return `${f.format(utc(p.from))} – ${f.format(utc(p.to))}`;
}

/** A chart's bucket as people name it: the day of the month, or the month's short name and year. */
export function bucketText(key: string, locale: string): string {
  const tag = tagOf(locale);
  if (key.length === 7) return new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utc(key));
  return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(utc(key));
}
