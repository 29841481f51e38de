import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import type { DatabaseSchema } from './db-schema';

export type Engine = DatabaseConfig['engine'];

export type Database = {
  engine: Engine;
  db: Kysely<DatabaseSchema>;
  /**
   * SQLite only: the raw connection under `db`, for the few hot paths that need cached prepared
   * statements (sync apply and pull). Statements run in whatever transaction `db` has open on it.
   */
  sqlite?: SQLite.Database;
  /** Answers when the database can run a query; used by the health check. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Kysely's SQLite driver prepares every statement again on every query; compiling the SQL costs more
 * than running it for the small bookkeeping queries of each request. Statements are kept by their SQL
 * text (a statement still busy, streaming rows, is never handed out twice).
 */
function withStatementCache(conn: SQLite.Database, max = 500): { prepare(sql: string): SQLite.Statement; close(): void } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare: (text) => {
      const cached = cache.get(text);
      if (cached && !cached.busy) return cached;
      const stmt = conn.prepare(text);
      if (cache.size >= max) cache.clear();
      cache.set(text, stmt);
      return stmt;
    },
    close: () => conn.close(),
  };
}

function openSqlite(file: string): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const conn = new SQLite(file);
  // WAL lets readers run beside the single writer; NORMAL is durable across process crashes in WAL.
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(conn) }) });
  return {
    engine: 'sqlite',
    db,
    sqlite: conn,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

// int8 (bigint: versions, counts) as a JS number: safe up to 2^53, far beyond any version we assign.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function openPostgres(url: string, schema: string | undefined): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // A dedicated schema keeps parallel test files (and, if wanted, several apps) apart.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    db,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

export function openDatabase(config: DatabaseConfig): Database {
  return config.engine === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url, config.schema);
}
