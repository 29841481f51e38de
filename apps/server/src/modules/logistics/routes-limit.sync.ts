import { limitUsage, logisticsRefusals, routesTable } from '@roaauto/shared';
import type { SyncHook } from '../../sync/hooks';

/**
 * `maxRoutesPerDay` on the server: a push's new routes are counted per day with the routes stored for that
 * day, and those past the plan's limit are refused (with their stops, which reference them). Routes are
 * planned on a device that checked the same limit against what it had; two devices planning the same day
 * offline are caught here.
 */
export const routesLimitSyncHook: SyncHook = async ({ tx, touched, entitlements, refuse }) => {
  const max = entitlements.limits.maxRoutesPerDay ?? null;
  if (max === null) return;
  const fresh = [...touched.entries()].filter(([, t]) => t.def.name === routesTable.name && t.isNew && !t.row.deleted_at);
  if (!fresh.length) return;
  const freshIds = fresh.map(([, t]) => t.row.id);
  const days = [...new Set(fresh.map(([, t]) => String(t.row.date)))];
  const stored = await tx.db.selectFrom('routes').select(['date', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('date', 'in', days).where('deleted_at', 'is', null).where('id', 'not in', freshIds).groupBy('date').execute();
  const used = new Map(stored.map((r) => [r.date, Number(r.n)]));
  // Earlier in the push first: what a device wrote first keeps its place.
  for (const [key, t] of fresh) {
    const day = String(t.row.date);
    const n = used.get(day) ?? 0;
    if (limitUsage(entitlements, 'maxRoutesPerDay', n).reached) {
      refuse(key, logisticsRefusals.refuse('logistics.routes_per_day', { max, date: day }));
      continue;
    }
    used.set(day, n + 1);
  }
};
