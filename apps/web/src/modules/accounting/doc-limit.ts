import { computed, type ComputedRef } from 'vue';
import { limitUsage, monthBounds, shopDate, type LimitUsage } from '@roaauto/shared';
import { useLiveQuery } from '@/app/live-query';
import { useSession } from '@/app/session';

/**
 * This month's documents against the plan's `maxDocsPerMonth`, counted in the local database (after a
 * sync it holds every device's documents). The device refuses to number past the limit, so the limit
 * bites before a fiscal number is taken and never leaves a gap in a series. Null when unlimited.
 */
export function useDocumentLimit(): ComputedRef<LimitUsage | null> {
  const session = useSession();
  const { from, to } = monthBounds(shopDate());
  const count = useLiveQuery<{ n: number | string }>(['invoices'], 'SELECT count(*) AS n FROM invoices WHERE data_factura >= ? AND data_factura <= ?', () => [from, to]);
  return computed(() => {
    if (session.entitlements.limits.maxDocsPerMonth === null) return null;
    return limitUsage(session.entitlements, 'maxDocsPerMonth', Number(count.rows.value[0]?.n ?? 0));
  });
}
