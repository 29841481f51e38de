import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations';
import { allMigrations } from '../module-kit';
import { serverModules } from '../modules';
import { isPostgres } from '../../migrations/lib';
import { immediateTransactions, type Database } from './db';

/**
 * Migrations are bundled with the server (a static list: the platform's and every module's, from the
 * list file), so they run the same from src/ and dist/.
 */
class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(allMigrations(migrations, serverModules));
  }
}

/** How long a process waits for another one's migrations before it gives up (ms). */
const migrationWaitMs = 10 * 60_000;

async function migratorFor<DB>(db: Kysely<DB>): Promise<{ migrator: Migrator; schema: string | undefined }> {
  // On PostgreSQL the bookkeeping tables go in the schema this connection works in: Kysely would
  // otherwise take a kysely_migration table of another schema of the same database for ours.
  let schema: string | undefined;
  if (isPostgres(db)) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    schema = rows[0]?.schema;
  }
  return { migrator: new Migrator({ db, provider: new StaticMigrationProvider(), migrationTableSchema: schema }), schema };
}

async function runMigrator(migrator: Migrator): Promise<string[]> {
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${String(error)}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}

/**
 * Brings the schema up to date, on both engines. Forward-only. Processes that start together (several
 * servers, or `npm run migrate` beside a server) migrate one at a time: the others wait, then find
 * the migrations applied and apply nothing. PostgreSQL: a session advisory lock named after the
 * schema, held on a connection of its own around the whole run. SQLite: the migrations run in one
 * transaction that begins IMMEDIATE, so it holds the write lock from before it reads which migrations
 * are applied (a process waiting for it blocks, as a server does nothing else while it starts).
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const { migrator, schema } = await migratorFor(database.db);
  if (database.engine === 'postgres') {
    return database.db.connection().execute(async (conn) => {
      const key = `roaauto:migrate:${schema ?? ''}`;
      await sql`select set_config('lock_timeout', ${String(migrationWaitMs)}, false)`.execute(conn);
      await sql`select pg_advisory_lock(hashtext(${key}))`.execute(conn);
      try {
        return await runMigrator(migrator);
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
        await sql`reset lock_timeout`.execute(conn);
      }
    });
  }
  const conn = database.sqlite;
  const busyTimeout = conn ? Number(conn.pragma('busy_timeout', { simple: true })) : undefined;
  conn?.pragma(`busy_timeout = ${migrationWaitMs}`);
  try {
    return await immediateTransactions.run(true, () => runMigrator(migrator));
  } finally {
    if (busyTimeout !== undefined) conn?.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/** The migrations this server knows that the database has not applied yet, in order. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const { migrator } = await migratorFor(database.db);
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
