import type { Kysely } from 'kysely';

/**
 * rate_limits: the request counts of @fastify/rate-limit on PostgreSQL, shared by every server process
 * (src/ops/rate-limit-store.ts). One row per (route, client): when its window ends (milliseconds since the
 * epoch; the window begins at the client's first request) and the requests in it. Not
 * tenant data: most limited routes are public, and a client is an address. Unused on SQLite (one process
 * keeps the counts in memory).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_expires_idx').on('rate_limits').column('expires_at').execute();
}
