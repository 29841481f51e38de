import type { SqlRow, SqlValue, WriteOp } from '@roaauto/shared';
import type { Translate } from '@/app/errors';
import { mergePlan, referenceCounts, referencingRowsQuery, type ReferencingRow } from './merge-plan';

/** What the customers' pages need of the local database. */
export type CustomerDb = {
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  remove(table: string, id: string): Promise<void>;
  write(ops: readonly WriteOp[]): Promise<unknown>;
};

/**
 * Deletes a customer only when no row names them; otherwise says which rows do ({ vehicles: 2 }) and
 * deletes nothing.
 */
export async function deleteCustomer(db: CustomerDb, id: string): Promise<{ deleted: true } | { deleted: false; references: Record<string, number> }> {
  const q = referencingRowsQuery(id);
  const rows = await db.query<ReferencingRow>(q.sql, q.params);
  if (rows.length > 0) return { deleted: false, references: referenceCounts(rows) };
  await db.remove('clients', id);
  return { deleted: true };
}

/** The references as words: "2 vehicule, o comandă". */
export function referencesText(t: Translate, counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([table, n]) => (table === 'vehicles' || table === 'orders' ? t(`core.customers.refs.${table}`, { n }, n) : t('core.customers.refs.other', { n }, n)))
    .join(', ');
}

/** Merges `dropId` into `keepId` in one local transaction (read at the moment of merging). */
export async function mergeCustomers(db: CustomerDb, keepId: string, dropId: string): Promise<void> {
  const [keep] = await db.query('SELECT * FROM clients WHERE id = ?', [keepId]);
  const [drop] = await db.query('SELECT * FROM clients WHERE id = ?', [dropId]);
  if (!keep || !drop) throw new Error('customer not found');
  const q = referencingRowsQuery(dropId);
  const rows = await db.query<ReferencingRow>(q.sql, q.params);
  await db.write(mergePlan({ ...keep, id: keepId }, { ...drop, id: dropId }, rows));
}
