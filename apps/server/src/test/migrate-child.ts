import readline from 'node:readline';
import type { DatabaseConfig } from '../config';
import { openDatabase } from '../core/db';
import { migrateToLatest } from '../core/migrate';

/**
 * A process that migrates the database given as JSON in argv[2] when told to: it prints `ready` once
 * its modules are loaded and the database is open, migrates on the first line read from stdin, and
 * prints the names it applied as JSON. Tests start several and release them together.
 */
const config = JSON.parse(process.argv[2] ?? '') as DatabaseConfig;
const database = openDatabase(config);
await database.ping();
process.stdout.write('ready\n');
const lines = readline.createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
try {
  const applied = await migrateToLatest(database);
  process.stdout.write(`${JSON.stringify({ applied })}\n`);
} finally {
  await database.close();
}
