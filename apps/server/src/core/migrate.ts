import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations';
import { allMigrations } from '../module-kit';
import { serverModules } from '../modules';
import { isPostgres } from '../../migrations/lib';

/**
 * Migrations are bundled with the server (a static list: the platform's and every module's, from the
 * list file), so they run the same from src/ and dist/.
 */
class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(allMigrations(migrations, serverModules));
  }
}

/** Brings the schema up to date; runs at every start, on both engines. Forward-only. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  // On PostgreSQL the bookkeeping tables go in the schema this connection works in: Kysely would
  // otherwise take a kysely_migration table of another schema of the same database for ours.
  let migrationTableSchema: string | undefined;
  if (isPostgres(db)) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(), migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${String(error)}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}
