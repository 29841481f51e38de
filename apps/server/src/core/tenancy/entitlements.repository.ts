import { PostgresAdapter, type Kysely, type Selectable, type Transaction } from 'kysely';
import { isPlanId, plans, type BillingStatus, type Entitlements } from '@roaauto/shared';
import type { DatabaseSchema, TenantsTable } from '../db-schema';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

export function entitlementsFromRow(
  row: Pick<Selectable<TenantsTable>, 'id' | 'plan' | 'modules' | 'limits' | 'billing_status' | 'trial_ends_at' | 'grace_ends_at' | 'entitlements_version'>,
): Entitlements {
  if (!isPlanId(row.plan)) throw new Error(`tenant ${row.id} has an unknown plan ${row.plan}`);
  return {
    plan: row.plan,
    modules: JSON.parse(row.modules) as Entitlements['modules'],
    // A limit added after the row was written takes the plan's value.
    limits: { ...plans[row.plan].limits, ...(JSON.parse(row.limits) as Partial<Entitlements['limits']>) },
    billingStatus: row.billing_status as BillingStatus,
    trialEndsAt: row.trial_ends_at,
    graceEndsAt: row.grace_ends_at,
    version: row.entitlements_version,
  };
}

export function entitlementsToRow(e: Entitlements): Pick<
  TenantsTable,
  'plan' | 'modules' | 'limits' | 'billing_status' | 'trial_ends_at' | 'grace_ends_at' | 'entitlements_version'
> {
  return {
    plan: e.plan,
    modules: JSON.stringify(e.modules),
    limits: JSON.stringify(e.limits),
    billing_status: e.billingStatus,
    trial_ends_at: e.trialEndsAt,
    grace_ends_at: e.graceEndsAt,
    entitlements_version: e.version,
  };
}

export async function findTenant(db: Db, tenantId: string): Promise<Selectable<TenantsTable> | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
}

/**
 * Reads a company's row inside the caller's transaction and holds it until that transaction ends, so a
 * limit checked against it and the write the check allows cannot interleave with another request's.
 * PostgreSQL: `FOR NO KEY UPDATE`, which serialises these checks (and entitlement changes) but, unlike
 * `FOR UPDATE`, does not hold up inserts elsewhere whose foreign key points at the company. SQLite: a
 * write that changes nothing comes first, taking the database's single write lock before anything is
 * read (what BEGIN IMMEDIATE would do), so the reads that follow see the newest data and nothing moves.
 */
export async function lockTenant(db: Transaction<DatabaseSchema>, tenantId: string): Promise<Selectable<TenantsTable> | undefined> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return db.selectFrom('tenants').selectAll().where('id', '=', tenantId).forNoKeyUpdate().executeTakeFirst();
  }
  await db.updateTable('tenants').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', tenantId).execute();
  return findTenant(db, tenantId);
}

/** Saves new entitlements only if nobody changed them since `expectedVersion` was read. */
export async function saveEntitlements(db: Db, tenantId: string, e: Entitlements, expectedVersion: number): Promise<boolean> {
  const result = await db
    .updateTable('tenants')
    .set({ ...entitlementsToRow(e), updated_at: new Date().toISOString() })
    .where('id', '=', tenantId)
    .where('entitlements_version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
