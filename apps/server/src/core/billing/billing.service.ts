import type { Kysely, Selectable, Transaction } from 'kysely';
import { DomainError, applyEntitlementsChange, lapsedAt, onFree, type Entitlements, type EntitlementsChange } from '@roaauto/shared';
import { audit } from '../audit';
import type { AuditLogTable, DatabaseSchema, TenantsTable } from '../db-schema';
import { entitlementsFromRow, findTenant, saveEntitlements } from '../tenancy/entitlements.repository';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** One billing event, whichever provider sent it: the neutral webhook, Stripe, or the operator's bank transfer. */
export type BillingEvent = {
  /** Unique per provider (Stripe's `evt_…`, the operator's payment id): stored once, so a replay changes nothing. */
  id: string;
  type: string;
  occurredAt: string;
  /** The company, by id or by the provider's customer id. */
  tenantId?: string | undefined;
  customerId?: string | undefined;
  /** The entitlement change the event means (computed per provider from the row it applies to). */
  change: (before: Entitlements) => EntitlementsChange;
  /** Stored with the company so later events naming only the customer find it. */
  rememberCustomerId?: string | undefined;
  payload: string;
  actor: { kind: AuditLogTable['actor_kind']; id?: string | null };
};

export type BillingEventStatus = 'applied' | 'duplicate' | 'stale';

/**
 * When the company fell back to Free, given its new entitlements: kept when already recorded, else the
 * end of its trial or grace, else now; null while it has paid access. Upgrading clears it.
 */
export function nextFreeSince(row: Pick<Selectable<TenantsTable>, 'free_since'>, after: Entitlements, now: Date): string | null {
  if (!onFree(after, now)) return null;
  return row.free_since ?? lapsedAt(after, now) ?? now.toISOString();
}

async function tenantOf(trx: Transaction<DatabaseSchema>, event: BillingEvent): Promise<Selectable<TenantsTable> | undefined> {
  if (event.tenantId) return findTenant(trx, event.tenantId);
  if (event.customerId) return trx.selectFrom('tenants').selectAll().where('billing_customer_id', '=', event.customerId).executeTakeFirst();
  return undefined;
}

/** One more delivery of an event already in the inbox: the operator's billing page shows how many. */
async function countDuplicate(db: Kysely<DatabaseSchema>, id: string): Promise<void> {
  await db.updateTable('billing_events').set((eb) => ({ duplicates: eb('duplicates', '+', 1) })).where('id', '=', id).execute();
}

/**
 * Applies one billing event: stored in the inbox once (a replay is `duplicate`), recorded without effect
 * when older than the newest one applied for the company (`stale`), else the entitlements change, the
 * date the company fell back to Free is kept in step and the audit trail gets the before and after.
 */
export async function applyBillingEvent(db: Kysely<DatabaseSchema>, event: BillingEvent, now: Date = new Date()): Promise<BillingEventStatus> {
  const occurredAt = new Date(event.occurredAt).toISOString();
  const aheadLimit = now.getTime() + maxClockSkewMs;
  return db.transaction().execute(async (trx) => {
    const seen = await trx.selectFrom('billing_events').select('id').where('id', '=', event.id).executeTakeFirst();
    if (seen) {
      await countDuplicate(trx, event.id);
      return 'duplicate' as const;
    }
    const row = await tenantOf(trx, event);
    if (!row) throw new DomainError('not_found', 'Unknown company (tenantId or customer)');
    // A date already stored ahead of the clock (accepted before the skew check) orders nothing.
    const newestApplied = row.billing_event_at !== null && Date.parse(row.billing_event_at) <= aheadLimit ? row.billing_event_at : null;
    const stale = newestApplied !== null && newestApplied > occurredAt;
    await trx.insertInto('billing_events').values({
      id: event.id, tenant_id: row.id, type: event.type, occurred_at: occurredAt,
      received_at: now.toISOString(), applied: stale ? 0 : 1, payload: event.payload,
    }).execute();
    if (stale) return 'stale' as const;

    const before = entitlementsFromRow(row);
    const after = applyEntitlementsChange(before, event.change(before), now);
    if (!(await saveEntitlements(trx, row.id, after, before.version))) {
      throw new DomainError('conflict', 'Entitlements changed meanwhile; retry');
    }
    const freeSince = nextFreeSince(row, after, now);
    await trx.updateTable('tenants').set({
      billing_event_at: occurredAt, free_since: freeSince,
      ...(event.rememberCustomerId ? { billing_customer_id: event.rememberCustomerId } : {}),
    }).where('id', '=', row.id).execute();
    await audit(trx, {
      tenantId: row.id, actorKind: event.actor.kind, actorId: event.actor.id ?? null, action: 'entitlements.changed', target: row.id,
      details: { event: event.id, type: event.type, before, after, freeSince },
    });
    return 'applied' as const;
  }).catch(async (err: unknown) => {
    // The same event delivered twice at the same moment: the inbox's primary key lets one through.
    const again = await db.selectFrom('billing_events').select('id').where('id', '=', event.id).executeTakeFirst();
    if (again) {
      await countDuplicate(db, event.id);
      return 'duplicate' as const;
    }
    throw err;
  });
}

/**
 * How far ahead of our clock an event may be dated. Events are ordered by their date, so one dated in
 * the future would make every real event after it look older, and billing would stop changing.
 */
export const maxClockSkewMs = 5 * 60_000;

/** Refuses an event dated beyond the allowed skew (not stored either: the provider can resend later). */
export function assertNotFuture(occurredAt: string, now: Date = new Date()): void {
  if (Date.parse(occurredAt) > now.getTime() + maxClockSkewMs) {
    throw new DomainError('validation_failed', `body.occurredAt: ${occurredAt} is in the future (more than ${maxClockSkewMs / 60_000} minutes ahead of the server's clock); the event was not applied`, { field: 'occurredAt' });
  }
}

export type { Db };
