import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { findPostgres, withDatabase } from './postgres-server';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * Gives the PostgreSQL test project a fresh database for this run and drops it afterwards.
 * Each test file then works in a schema of its own inside it (see test-db.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await findPostgres();
  const name = `roaauto_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  let runUrl: string;
  let created = false;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    runUrl = withDatabase(server.adminUrl, name);
    created = true;
  } catch (err) {
    // A URL without CREATEDB rights: the per-file schemas still keep runs apart.
    console.warn(`[engines] cannot create a database (${String(err)}); using the given one`);
    runUrl = server.adminUrl;
  } finally {
    await admin.end();
  }
  console.log(`[engines] PostgreSQL: ${server.source}, database ${created ? name : '(given)'}`);
  project.provide('postgresUrl', runUrl);
  const reportDir = process.env.ROAAUTO_TEST_REPORT_DIR;
  if (reportDir) fs.writeFileSync(`${reportDir}/postgres.json`, JSON.stringify({ source: server.source }));

  return async () => {
    if (created) {
      const c = new pg.Client({ connectionString: server.adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
    await server.stop();
  };
}
