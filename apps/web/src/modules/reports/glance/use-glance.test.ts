import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import type { GlanceCompute, GlanceQuery, Period } from '@roaauto/shared';
import type { GlanceSource } from '../slots';
import { rangeProblem, useGlance } from './use-glance';
import { bucketText, changePercent, figureRows, labourMaterialsChart, periodText, revenueChart } from './view';

/** Sources that answer from plain data: revenue per order date, and an invoices source that outranks it. */
const orders = [{ date: '2025-08-02', total: 15000, labour: 10000 }, { date: '2025-07-20', total: 50000, labour: 30000 }, { date: '2024-08-10', total: 7000, labour: 7000 }];
const inside = (p: Period, d: string) => d >= p.from && d <= p.to;
const workshop: GlanceCompute = (_q, p) => {
  const mine = orders.filter((o) => inside(p, o.date));
  const sum = (f: (o: (typeof orders)[number]) => number) => mine.reduce((s, o) => s + f(o), 0);
  return Promise.resolve({
    revenueBasis: 'orders',
    figures: [
      { id: 'revenue', unit: 'bani', value: sum((o) => o.total), priority: 1 },
      { id: 'labour', unit: 'bani', value: sum((o) => o.labour) },
      { id: 'materials', unit: 'bani', value: sum((o) => o.total - o.labour) },
      { id: 'ordersOpened', unit: 'count', value: mine.length },
    ],
    breakdowns: [],
    series: [{ id: 'revenue', priority: 1, points: mine.map((o) => ({ date: o.date, value: o.total })) }],
  });
};
const invoices: GlanceCompute = () => Promise.resolve({
  revenueBasis: 'invoices', figures: [{ id: 'revenue', unit: 'bani', value: 1, priority: 2 }], breakdowns: [], series: [{ id: 'revenue', priority: 2, points: [{ date: '2025-08-03', value: 1 }] }],
});
const query: GlanceQuery = () => Promise.resolve([]);

function setup(sources: GlanceSource[], today = '2025-08-17') {
  const asked: Period[] = [];
  const spy = sources.map((s) => ({ ...s, compute: ((q, p, d) => {
    asked.push(p);
    return s.compute(q, p, d);
  }) satisfies GlanceCompute }));
  const scope = effectScope();
  const g = scope.run(() => useGlance({ sources: () => spy, query: () => Promise.resolve(query), today: () => today }));
  if (!g) throw new Error('no scope');
  return { g, asked, stop: () => scope.stop() };
}

describe('the month at a glance', () => {
  it('starts on this month and asks every source for it, the month before and the same month last year', async () => {
    const { g, asked, stop } = setup([{ id: 'w', compute: workshop }]);
    await g.load();
    expect(g.period.value).toEqual({ from: '2025-08-01', to: '2025-08-31' });
    expect(asked).toEqual([{ from: '2025-08-01', to: '2025-08-31' }, { from: '2025-07-01', to: '2025-07-31' }, { from: '2024-08-01', to: '2024-08-31' }]);
    const c = g.data.value;
    if (!c) throw new Error('not loaded');
    const rows = figureRows(c);
    expect(rows.find((r) => r.id === 'revenue')).toEqual({ id: 'revenue', unit: 'bani', current: 15000, previous: 50000, lastYear: 7000, change: -70 });
    stop();
  });

  it('moves by a month, comes back to this month, and shows a valid range only', async () => {
    const { g, stop } = setup([{ id: 'w', compute: workshop }]);
    await g.previous();
    expect(g.period.value).toEqual({ from: '2025-07-01', to: '2025-07-31' });
    expect(g.data.value?.current.figures.find((f) => f.id === 'ordersOpened')?.value).toBe(1);
    await g.next();
    await g.next();
    expect(g.period.value.from).toBe('2025-09-01');
    await g.thisMonth();
    expect(g.period.value.from).toBe('2025-08-01');
    await g.showRange('2025-08-10', '2025-08-01');
    expect(g.rangeError.value).toBe('order');
    expect(g.period.value.from).toBe('2025-08-01');
    await g.showRange('2025-07-15', '2025-08-14');
    expect(g.rangeError.value).toBeNull();
    expect(g.wholeMonth.value).toBe(false);
    expect(g.data.value?.previous).toEqual({ from: '2025-06-14', to: '2025-07-14' });
    await g.next();
    expect(g.period.value).toEqual({ from: '2025-08-15', to: '2025-09-14' });
    stop();
  });

  it('keeps the error of a source that failed, and the later load wins', async () => {
    const failing: GlanceCompute = () => Promise.reject(new Error('disk'));
    const { g, stop } = setup([{ id: 'x', compute: failing }]);
    await g.load();
    expect(g.error.value).toBeInstanceOf(Error);
    expect(g.loading.value).toBe(false);
    stop();
  });

  it('takes the invoices\' revenue over the orders\' and charts it per day', async () => {
    const { g, stop } = setup([{ id: 'w', compute: workshop }, { id: 'a', compute: invoices }]);
    await g.load();
    const c = g.data.value;
    if (!c) throw new Error('not loaded');
    expect(c.current.revenueBasis).toBe('invoices');
    const chart = revenueChart(c);
    expect(chart.labels).toHaveLength(31);
    expect(chart.series[0]?.values[2]).toBe(1);
    expect(labourMaterialsChart(c)?.series[0]?.values).toEqual([10000, 5000]);
    stop();
  });
});

describe('texts and helpers', () => {
  it('checks a range', () => {
    expect(rangeProblem('2025-02-30', '2025-03-01')).toBe('invalid');
    expect(rangeProblem('2020-01-01', '2025-01-01')).toBe('long');
    expect(rangeProblem('2025-01-01', '2025-01-01')).toBeNull();
  });

  it('names periods and buckets, and the change from the period before', () => {
    expect(periodText({ from: '2025-08-01', to: '2025-08-31' }, true, 'en')).toBe('August 2025');
    expect(periodText({ from: '2025-07-15', to: '2025-08-14' }, false, 'ro')).toBe('15.07.2025 – 14.08.2025');
    expect(bucketText('2025-08', 'en')).toBe('Aug 2025');
    expect(changePercent(150, 100)).toBe(50);
    expect(changePercent(5, 0)).toBeNull();
    expect(changePercent(-50, -100)).toBe(50);
  });
});
