import type { SqlExecutor, SqlRow, SqlValue } from '@roaauto/shared';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve: (rows: SqlRow[]) => void; reject: (e: Error) => void };

export type WorkerDatabase = SqlExecutor & {
  runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<void>;
  close(): Promise<void>;
  /** Closes the database and deletes its file from OPFS. */
  destroy(): Promise<void>;
};

/**
 * A SqlExecutor over the database worker. Transactions are BEGIN … COMMIT on the worker's one
 * connection; a queue keeps other statements of this tab out of a transaction that is open.
 */
export async function openWorkerDatabase(file: string): Promise<WorkerDatabase> {
  const worker = new Worker(new URL('./sqlite.worker.ts', import.meta.url), { type: 'module', name: 'roaauto-db' });
  const pending = new Map<number, Pending>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const res = event.data;
    const p = pending.get(res.id);
    if (!p) return;
    pending.delete(res.id);
    if (res.ok) p.resolve(res.rows);
    else p.reject(new Error(res.error));
  };
  const send = (req: WithoutId<WorkerRequest>): Promise<SqlRow[]> =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id });
    });

  await send({ type: 'open', file });
  await send({ type: 'exec', sql: 'PRAGMA journal_mode = DELETE', params: [] });
  await send({ type: 'exec', sql: 'PRAGMA foreign_keys = ON', params: [] });

  const direct: SqlExecutor & { runMany: WorkerDatabase['runMany'] } = {
    all: <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) => send({ type: 'exec', sql, params }) as Promise<T[]>,
    run: async (sql, params = []) => {
      await send({ type: 'exec', sql, params });
    },
    runMany: async (sql, rows) => {
      await send({ type: 'execMany', sql, rows });
    },
    transaction: (fn) => fn(direct),
  };

  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  };

  return {
    all: (sql, params) => serial(() => direct.all(sql, params)),
    run: (sql, params) => serial(() => direct.run(sql, params)),
    runMany: (sql, rows) => serial(() => direct.runMany(sql, rows)),
    transaction: (fn) =>
      serial(async () => {
        await direct.run('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          await direct.run('COMMIT');
          return result;
        } catch (err) {
          await direct.run('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    close: () =>
      serial(async () => {
        await send({ type: 'close' });
        worker.terminate();
      }),
    destroy: () =>
      serial(async () => {
        await send({ type: 'deleteFile', file });
        worker.terminate();
      }),
  };
}
