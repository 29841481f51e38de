import type { Kysely } from 'kysely';

/** The local outbox keeps a message's attachments (JSON: name, type and content in base64), as SMTP sends them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('attachments', 'text').execute();
}
