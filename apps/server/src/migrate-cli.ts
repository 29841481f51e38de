import { loadConfig } from './config';
import { openDatabase } from './core/db';
import { migrateToLatest } from './core/migrate';

/**
 * `npm run migrate`: applies the pending migrations to the configured database (DATABASE_URL, or the
 * SQLite file in DATA_DIR) and exits. Safe beside starting servers: they migrate one at a time.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database);
    console.log(applied.length
      ? `${database.engine}: applied ${applied.length} migration(s): ${applied.join(', ')}`
      : `${database.engine}: the database is up to date`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
