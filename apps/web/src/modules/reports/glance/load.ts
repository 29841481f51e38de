import { mergeGlance, previousPeriod, sameLastYear, type GlanceQuery, type GlanceResult, type MergedGlance, type Period } from '@roaauto/shared';
import type { GlanceSource } from '../slots';

/** The chosen period's figures beside the period before it and the same period a year earlier. */
export type GlanceComparison = { period: Period; previous: Period; lastYear: Period; current: MergedGlance; before: MergedGlance; yearAgo: MergedGlance };

/** Asks every source for the three periods, one source and period after the other (the local database answers one query at a time). */
export async function loadGlance(sources: readonly GlanceSource[], query: GlanceQuery, period: Period, today: string): Promise<GlanceComparison> {
  const previous = previousPeriod(period);
  const lastYear = sameLastYear(period);
  const run = async (p: Period) => {
    const results: GlanceResult[] = [];
    for (const s of sources) results.push(await s.compute(query, p, today));
    return mergeGlance(results);
  };
  return { period, previous, lastYear, current: await run(period), before: await run(previous), yearAgo: await run(lastYear) };
}
