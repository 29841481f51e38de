import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app';
import type { DatabaseConfig } from '../config';
import { createTestDatabase } from './test-db';

export type TestApp = { app: FastifyInstance; database: DatabaseConfig; close(): Promise<void> };

/** The real application on a fresh database of the engine under test. */
export async function createTestApp(options: Omit<AppOptions, 'database'> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({ ...options, database: database.config });
  return {
    app,
    database: database.config,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
