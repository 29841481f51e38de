import type { Kysely, Transaction } from 'kysely';
import { newId } from '@roaauto/shared';
import type { AuditLogTable, DatabaseSchema } from './db-schema';

export type AuditEntry = {
  tenantId: string | null;
  actorKind: AuditLogTable['actor_kind'];
  actorId?: string | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
};

/** Appends one line to the audit trail, inside the caller's transaction when there is one. */
export async function audit(db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      tenant_id: e.tenantId,
      actor_kind: e.actorKind,
      actor_id: e.actorId ?? null,
      action: e.action,
      target: e.target ?? null,
      details: JSON.stringify(e.details ?? {}),
      ip: e.ip ?? null,
      created_at: new Date().toISOString(),
    })
    .execute();
}
