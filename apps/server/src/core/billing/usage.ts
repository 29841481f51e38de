import { assertWithinLimit, limitUsage, monthBounds, shopDate, type Entitlements, type LimitUsage } from '@roaauto/shared';
import type { Database } from '../db';
import { withTenant, type TenantTx } from '../tenancy/tenant-scope';

/**
 * Documents (invoices and credit notes) dated in the calendar month of `today`, the shop's date. What
 * `maxDocsPerMonth` counts: devices number documents offline, so this is what reached the server.
 */
export async function documentsInMonth(tx: TenantTx, today: string): Promise<number> {
  const { from, to } = monthBounds(today);
  const row = await tx.db.selectFrom('invoices').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('data_factura', '>=', from).where('data_factura', '<=', to).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The company's users that hold a seat (active ones). */
export async function seatsUsed(tx: TenantTx): Promise<number> {
  const row = await tx.db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).where('active', '=', 1).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** SMS the server took for sending in the shop's month `YYYY-MM` (sms_sends; failed ones do not count): what `maxSmsPerMonth` counts. */
export async function smsInMonth(tx: TenantTx, month: string): Promise<number> {
  const row = await tx.db.selectFrom('sms_sends').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('luna', '=', month).where('state', '!=', 'failed').executeTakeFirstOrThrow();
  return Number(row.n);
}

export type Usage = { month: string; users: LimitUsage; documents: LimitUsage; sms: LimitUsage };

/** Every limit of the plan with this month's use: what the Plan page shows before a limit bites. */
export async function usageOf(database: Database, tenantId: string, e: Entitlements, now: Date = new Date()): Promise<Usage> {
  const today = shopDate(now);
  return withTenant(database, tenantId, async (tx) => ({
    month: today.slice(0, 7),
    users: limitUsage(e, 'maxUsers', await seatsUsed(tx)),
    documents: limitUsage(e, 'maxDocsPerMonth', await documentsInMonth(tx, today)),
    sms: limitUsage(e, 'maxSmsPerMonth', await smsInMonth(tx, today.slice(0, 7))),
  }));
}

/**
 * The server's part of `maxDocsPerMonth`: where it controls the start of numbering (a new device
 * series) it refuses once this month's documents reach the limit. Documents already numbered on a
 * device are never refused (that would leave a gap in a legal series); they count as overage.
 */
export async function assertDocumentsLeft(database: Database, tenantId: string, e: Entitlements, now: Date = new Date()): Promise<void> {
  if (e.limits.maxDocsPerMonth === null) return;
  const used = await withTenant(database, tenantId, (tx) => documentsInMonth(tx, shopDate(now)));
  assertWithinLimit(e, 'maxDocsPerMonth', used);
}
