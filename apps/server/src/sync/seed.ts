import { sql, type Kysely, type Transaction } from 'kysely';
import { DomainError, rowSchemas, syncTable } from '@roaauto/shared';
import type { DatabaseSchema } from '../core/db-schema';

const chunk = 100;

/**
 * Rows the server itself creates for a new company (the starter catalog), inside the registration's
 * transaction: validated like any pushed row, stored as the company's first version, so every device
 * pulls them like any other change.
 */
export async function seedSyncedRows(
  trx: Transaction<DatabaseSchema> | Kysely<DatabaseSchema>,
  tenantId: string,
  ops: readonly { table: string; data: Record<string, unknown> }[],
  now: string,
): Promise<void> {
  if (!ops.length) return;
  const version = 1;
  await trx.insertInto('sync_tenant_state').values({ tenant_id: tenantId, version, purged_before: 0 }).execute();
  const byTable = new Map<string, Record<string, unknown>[]>();
  for (const { table, data } of ops) {
    const def = syncTable(table);
    if (!def) throw new DomainError('validation_failed', `Unknown table ${table}`);
    const { id, ...fields } = data;
    const row = {
      ...rowSchemas(def).full.parse(fields),
      id, tenant_id: tenantId, created_at: now, updated_at: now, deleted_at: null, version, last_client_id: null,
    };
    (byTable.get(table) ?? byTable.set(table, []).get(table))?.push(row);
  }
  // Tables named at run time, rows checked by their declaration above: one parameterised INSERT per chunk.
  for (const [table, rows] of byTable) {
    const columns = Object.keys(rows[0] ?? {});
    for (let i = 0; i < rows.length; i += chunk) {
      const values = rows.slice(i, i + chunk).map((r) => sql`(${sql.join(columns.map((c) => r[c]))})`);
      await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(values)}`.execute(trx);
    }
  }
}
