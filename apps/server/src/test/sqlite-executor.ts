import SQLite from 'better-sqlite3';
import type { SqlExecutor, SqlRow, SqlValue } from '@roaauto/shared';

/**
 * The client engine's executor over better-sqlite3, standing in for wa-sqlite in Node tests: one
 * connection, transactions serialised by a queue because the engine awaits inside them.
 */
export function sqliteExecutor(file = ':memory:'): SqlExecutor & { close(): void; raw: SQLite.Database } {
  const conn = new SQLite(file);
  let chain: Promise<unknown> = Promise.resolve();
  const direct: SqlExecutor = {
    all: <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) => Promise.resolve(conn.prepare(sql).all(...params) as T[]),
    run: (sql: string, params: readonly SqlValue[] = []) => {
      conn.prepare(sql).run(...params);
      return Promise.resolve();
    },
    transaction: (fn) => fn(direct),
    runMany: (sql: string, rows: readonly (readonly SqlValue[])[]) => {
      const stmt = conn.prepare(sql);
      for (const r of rows) stmt.run(...r);
      return Promise.resolve();
    },
  };
  return {
    ...direct,
    raw: conn,
    close: () => conn.close(),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
      const run = chain.then(async () => {
        conn.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          conn.exec('COMMIT');
          return result;
        } catch (err) {
          conn.exec('ROLLBACK');
          throw err;
        }
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
