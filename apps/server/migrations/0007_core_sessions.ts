import type { Kysely } from 'kysely';

/**
 * Sign-in throttling and live sessions.
 * - sign_in_throttle: one row per (account, client) that failed to sign in recently, plus one row per
 *   account (client '*') with its failures from everywhere. Not tenant data: it is read before anyone is
 *   known, and an account may be an address nobody owns.
 * - An index that answers "does this refresh family still have a token that is not revoked" with one
 *   probe: every authenticated request asks it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_throttle_pk', ['account', 'client'])
    .execute();
  await db.schema.createIndex('sign_in_throttle_last_idx').on('sign_in_throttle').column('last_attempt_at').execute();

  await db.schema.createIndex('refresh_tokens_family_alive_idx').on('refresh_tokens').columns(['family_id', 'revoked_at']).execute();
}
