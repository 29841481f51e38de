import type { TenantTx } from '../../core/tenancy/tenant-scope';

const docType = 'order';
const series = '';

/**
 * The company's order-number counter (document_counters, doc_type 'order'): `count` numbers from it,
 * moved past at once. Callers run inside the push's company transaction; on PostgreSQL the upsert
 * locks the counter row until commit, so two devices never get the same numbers.
 */
export async function takeOrderNumbers(tx: TenantTx, count: number, now: string): Promise<{ first: number; last: number }> {
  const row = await tx.db.insertInto('document_counters')
    .values({ tenant_id: tx.tenantId, doc_type: docType, series, next_number: 1 + count, updated_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'doc_type', 'series']).doUpdateSet((eb) => ({
      next_number: eb('document_counters.next_number', '+', count), updated_at: now,
    })))
    .returning('next_number').executeTakeFirstOrThrow();
  return { first: row.next_number - count, last: row.next_number - 1 };
}

/** Moves the counter past `number` (a number a device chose itself: the no-account upload at sign-up). */
export async function counterPast(tx: TenantTx, number: number, now: string): Promise<void> {
  await tx.db.insertInto('document_counters')
    .values({ tenant_id: tx.tenantId, doc_type: docType, series, next_number: number + 1, updated_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'doc_type', 'series'])
      .doUpdateSet({ next_number: number + 1, updated_at: now })
      .where('document_counters.next_number', '<=', number))
    .execute();
}

/** Which of `numbers` other orders of the company already have (deleted ones included). */
export async function takenNumbers(tx: TenantTx, numbers: readonly number[]): Promise<Map<number, string>> {
  const taken = new Map<number, string>();
  if (!numbers.length) return taken;
  const rows = await tx.db.selectFrom('orders').select(['id', 'nr_comanda']).where('nr_comanda', 'in', [...numbers]).execute();
  for (const r of rows) if (r.nr_comanda !== null) taken.set(r.nr_comanda, r.id);
  return taken;
}
