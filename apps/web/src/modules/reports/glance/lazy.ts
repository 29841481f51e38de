import { glanceForPeriods, type GlanceCompute } from '@roaauto/shared';
import type * as Computes from './computes';

/**
 * A source's computation loaded when the reports page first asks for it, so the figures' code stays out
 * of the app's first load (the bridges that contribute the sources are part of it). Its `periods` is the
 * source's own (one read for the three periods) once loaded.
 */
export function lazyCompute(name: keyof typeof Computes): GlanceCompute {
  const load = async () => (await import('./computes'))[name];
  const one: GlanceCompute = async (query, period, today) => (await load())(query, period, today);
  one.periods = async (query, periods, today) => glanceForPeriods(await load(), query, periods, today);
  return one;
}
