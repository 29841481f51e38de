import { glanceComparison, type GlanceComparison, type GlanceQuery, type Period } from '@roaauto/shared';
import type { GlanceSource } from '../slots';

export type { GlanceComparison } from '@roaauto/shared';

/** Asks every source for the three periods (`glanceComparison`, the same code the reports bench times). */
export function loadGlance(sources: readonly GlanceSource[], query: GlanceQuery, period: Period, today: string): Promise<GlanceComparison> {
  return glanceComparison(sources.map((s) => s.compute), query, period, today);
}
