import { DomainError } from '../errors';
import type { Entitlements } from './entitlements';
import type { Limits } from './plans';

export type LimitName = keyof Limits;

/** One limit with what is used of it: what the Plan page and the forms show before the limit bites. */
export type LimitUsage = {
  limit: LimitName;
  /** null: unlimited. */
  max: number | null;
  used: number;
  /** null when unlimited; never below 0 (a count past the limit is overage, see `over`). */
  remaining: number | null;
  /** True when nothing more may be added. */
  reached: boolean;
  /** How far past the limit the count went (documents numbered offline that the server could not refuse). */
  over: number;
};

export function limitUsage(e: Pick<Entitlements, 'limits'>, limit: LimitName, used: number): LimitUsage {
  const max = e.limits[limit];
  if (max === null) return { limit, max, used, remaining: null, reached: false, over: 0 };
  return { limit, max, used, remaining: Math.max(0, max - used), reached: used >= max, over: Math.max(0, used - max) };
}

const labels: Record<LimitName, (max: number) => string> = {
  maxUsers: (max) => `${max} ${max === 1 ? 'user' : 'users'}`,
  maxDocsPerMonth: (max) => `${max} ${max === 1 ? 'document' : 'documents'} a month`,
  maxRoutesPerDay: (max) => `${max} ${max === 1 ? 'route' : 'routes'} a day`,
  maxSmsPerMonth: (max) => `${max} SMS a month`,
};

/**
 * Refuses adding `adding` more when that would pass the limit: `402 limit_reached` with the limit, its
 * value and what is used. The one check every limit goes through, on the server and in the browser.
 */
export function assertWithinLimit(e: Pick<Entitlements, 'limits'>, limit: LimitName, used: number, adding = 1): void {
  const max = e.limits[limit];
  if (max === null || used + adding <= max) return;
  throw new DomainError('limit_reached', `Your plan allows ${labels[limit](max)}: the limit is reached (${used} used)`, { limit, max, used });
}

/** The calendar month (`YYYY-MM`) a document dated `date` (`YYYY-MM-DD`) counts in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The first and the last day (`YYYY-MM-DD`) of the calendar month of `date`, for counting documents. */
export function monthBounds(date: string): { from: string; to: string } {
  const month = monthOf(date);
  return { from: `${month}-01`, to: `${month}-31` };
}

/**
 * What the logistics module calls before it plans a route: refuses the route past `maxRoutesPerDay`
 * (routes already planned for that day counted by the caller).
 */
export function assertRouteAllowed(e: Pick<Entitlements, 'limits'>, routesThatDay: number): void {
  assertWithinLimit(e, 'maxRoutesPerDay', routesThatDay, 1);
}
