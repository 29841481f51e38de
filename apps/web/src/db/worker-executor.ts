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
/**
 * One worker per tab for the tab's whole life: switching accounts opens another file in the same
 * worker. (A new worker right after the old one was terminated can find OPFS handles still held.)
 */
type Channel = { send: (req: WithoutId<WorkerRequest>) => Promise<SqlRow[]>; terminate: () => void };
let shared: Channel | null = null;

function workerChannel(): Channel {
  if (shared) return shared;
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
  shared = {
    terminate: () => {
      worker.terminate();
      for (const p of pending.values()) p.reject(new Error('database worker stopped'));
      pending.clear();
    },
    send: (req) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...req, id });
      }),
  };
  return shared;
}

export async function openWorkerDatabase(file: string): Promise<WorkerDatabase> {
  const channel = workerChannel();
  const { send } = channel;
  try {
    await send({ type: 'open', file });
    await send({ type: 'exec', sql: 'PRAGMA journal_mode = DELETE', params: [] });
    await send({ type: 'exec', sql: 'PRAGMA foreign_keys = ON', params: [] });
  } catch (err) {
    // A failed open can leave this worker holding the file's access handle: start the next try
    // from a new worker.
    channel.terminate();
    shared = null;
    throw err;
  }

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
      }),
    destroy: () =>
      serial(async () => {
        await send({ type: 'deleteFile', file });
      }),
  };
}
