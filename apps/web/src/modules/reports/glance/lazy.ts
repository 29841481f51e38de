import type { GlanceCompute } from '@roaauto/shared';
import type * as Computes from './computes';

/**
 * A source's computation loaded when the reports page first asks for it, so the figures' code stays out
 * of the app's first load (the bridges that contribute the sources are part of it).
 */
export function lazyCompute(name: keyof typeof Computes): GlanceCompute {
  return async (query, period, today) => (await import('./computes'))[name](query, period, today);
}
