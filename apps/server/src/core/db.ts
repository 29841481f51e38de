import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery, Kysely, PostgresDialect, PostgresDriver, SqliteAdapter, SqliteDialect, SqliteDriver, sql,
  type DatabaseConnection, type DialectAdapter, type Driver, type PostgresDialectConfig, type SqliteDialectConfig, type TransactionSettings,
} from 'kysely';
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
  /** PostgreSQL only: the connection pool's counts (the metrics). */
  poolStats?: () => { total: number; idle: number; waiting: number };
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

/**
 * SQLite: transactions started in this async context begin IMMEDIATE, taking the database's write lock
 * at BEGIN (waiting up to busy_timeout for another process to release it) instead of at their first
 * write. A deferred transaction that read before another process wrote could only fail (SQLITE_BUSY)
 * when it writes; the migrations use this so a second process waits, then finds them applied.
 */
export const immediateTransactions = new AsyncLocalStorage<true>();

class SqliteDriverWithImmediate extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (!immediateTransactions.getStore()) return super.beginTransaction(connection);
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite runs DDL inside transactions; Kysely's adapter says it does not, so its migrator would apply
 * each migration on its own, outside any transaction and any lock. Saying so makes it run them all in
 * one transaction (which the migrations begin IMMEDIATE): all applied, or none, and one process at a time.
 */
class SqliteAdapterWithTransactionalDdl extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class SqliteDialectWithImmediate extends SqliteDialect {
  constructor(private readonly options: SqliteDialectConfig) {
    super(options);
  }

  override createDriver(): Driver {
    return new SqliteDriverWithImmediate(this.options);
  }

  override createAdapter(): DialectAdapter {
    return new SqliteAdapterWithTransactionalDdl();
  }
}

function openSqlite(file: string): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const conn = new SQLite(file);
  // WAL lets readers run beside the single writer; NORMAL is durable across process crashes in WAL.
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialectWithImmediate({ database: withStatementCache(conn) }) });
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

type Send = (query: string | pg.QueryConfig, values?: unknown[]) => Promise<pg.QueryResult>;

/**
 * PostgreSQL parses and plans every unnamed statement again, which for the sync pull's statements
 * over every synced table cost more than running them. A statement this process has sent before
 * (the same text) becomes a named one, prepared once per connection and then only bound and run;
 * at most `perConnection` per connection (the rest stay unnamed), and only texts seen twice, so the
 * one-off statements of migrations and admin screens are left alone.
 */
function preparedStatements(pool: pg.Pool, perConnection = 300): void {
  const seen = new Map<string, number>();
  pool.on('connect', (client) => {
    const names = new Map<string, string>();
    const send = client.query.bind(client) as unknown as Send;
    const query: Send = (text, values) => {
      if (typeof text !== 'string' || !values?.length) return send(text, values);
      let name = names.get(text);
      if (name === undefined && names.size < perConnection) {
        const count = (seen.get(text) ?? 0) + 1;
        if (seen.size >= 10_000) seen.clear();
        seen.set(text, count);
        if (count >= 2) names.set(text, (name = `s${createHash('sha1').update(text).digest('base64url')}`));
      }
      return name === undefined ? send(text, values) : send({ name, text, values });
    };
    (client as unknown as { query: Send }).query = query;
  });
}

/**
 * Statements that travel with the BEGIN and the COMMIT of the next transaction started in this async
 * context (PostgreSQL): the tenant scope's role and company, and the NOTIFYs of a commit, so they cost
 * no round trip of their own. Plain SQL text, sent in one simple-protocol message with BEGIN or COMMIT:
 * only for text built from checked values. `connection` is set once BEGIN carried `begin`: the
 * transaction knows it happened, and a transaction started inside it on another connection is left alone.
 */
export type TransactionExtras = { readonly begin: string; readonly commit: string[]; connection?: DatabaseConnection };
export const transactionExtras = new AsyncLocalStorage<TransactionExtras>();

class PostgresDriverWithExtras extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const extras = transactionExtras.getStore();
    if (!extras || extras.connection) return super.beginTransaction(connection, settings);
    const begin = settings.isolationLevel || settings.accessMode
      ? ['start transaction', settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean).join(' ')
      : 'begin';
    try {
      await connection.executeQuery(CompiledQuery.raw(`${begin}; ${extras.begin}`));
    } catch (err) {
      // BEGIN may have run: the connection goes back to the pool outside any transaction.
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
      throw err;
    }
    extras.connection = connection;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const extras = transactionExtras.getStore();
    if (extras?.connection !== connection || !extras.commit.length) return super.commitTransaction(connection);
    await connection.executeQuery(CompiledQuery.raw(`${extras.commit.join('; ')}; commit`));
  }
}

class PostgresDialectWithExtras extends PostgresDialect {
  constructor(private readonly options: PostgresDialectConfig) {
    super(options);
  }

  override createDriver(): Driver {
    return new PostgresDriverWithExtras(this.options);
  }
}

function openPostgres(url: string, schema: string | undefined): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // A dedicated schema keeps parallel test files (and, if wanted, several apps) apart.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  preparedStatements(pool);
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialectWithExtras({ pool }) });
  return {
    engine: 'postgres',
    db,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

export function openDatabase(config: DatabaseConfig): Database {
  return config.engine === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url, config.schema);
}
