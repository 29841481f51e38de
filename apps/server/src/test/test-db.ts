import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../config';

export type TestEngine = 'sqlite' | 'postgres';

export function testEngine(): TestEngine {
  const engine = process.env.TEST_ENGINE;
  if (engine !== 'sqlite' && engine !== 'postgres') {
    throw new Error('TEST_ENGINE must be sqlite or postgres: run server tests through the root vitest config');
  }
  return engine;
}

export type TestDatabase = { config: DatabaseConfig; drop(): Promise<void> };

/** A fresh, empty database for one test file: a temporary SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = randomBytes(4).toString('hex');
  if (testEngine() === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-test-'));
    return {
      config: { engine: 'sqlite', file: path.join(dir, 'test.sqlite') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = inject('postgresUrl');
  const schema = `t_${suffix}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    config: { engine: 'postgres', url, schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}
