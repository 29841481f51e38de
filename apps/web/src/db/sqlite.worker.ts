/// <reference lib="webworker" />
import * as SQLite from '@journeyapps/wa-sqlite';
import SQLiteESMFactory from '@journeyapps/wa-sqlite/dist/wa-sqlite.mjs';
import { OPFSCoopSyncVFS } from '@journeyapps/wa-sqlite/src/examples/OPFSCoopSyncVFS.js';
import type { SqlRow, SqlValue } from '@roaauto/shared';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/**
 * The database worker: wa-sqlite over OPFS (OPFSCoopSyncVFS, synchronous access handles, which only
 * a dedicated worker may use). It runs what the leader tab sends, one message at a time.
 */
declare const self: DedicatedWorkerGlobalScope;

let api: SQLiteAPI | null = null;
let db: number | null = null;

async function sqlite(): Promise<SQLiteAPI> {
  if (!api) {
    const module = await SQLiteESMFactory();
    const s = SQLite.Factory(module);
    s.vfs_register(await OPFSCoopSyncVFS.create('opfs', module), true);
    api = s;
  }
  return api;
}

async function exec(sql: string, params: readonly SqlValue[]): Promise<SqlRow[]> {
  const s = await sqlite();
  if (db === null) throw new Error('database not open');
  const rows: SqlRow[] = [];
  for await (const stmt of s.statements(db, sql)) {
    if (params.length) s.bind_collection(stmt, params as SqlValue[]);
    const names = s.column_names(stmt);
    while ((await s.step(stmt)) === SQLite.SQLITE_ROW) {
      const values = s.row(stmt);
      const row: SqlRow = {};
      names.forEach((n, i) => (row[n] = values[i] as SqlValue));
      rows.push(row);
    }
  }
  return rows;
}

async function execMany(sql: string, list: readonly (readonly SqlValue[])[]): Promise<void> {
  const s = await sqlite();
  if (db === null) throw new Error('database not open');
  for await (const stmt of s.statements(db, sql)) {
    for (const params of list) {
      s.bind_collection(stmt, params as SqlValue[]);
      await s.step(stmt);
      await s.reset(stmt);
    }
  }
}

async function handle(req: WorkerRequest): Promise<SqlRow[]> {
  switch (req.type) {
    case 'open': {
      const s = await sqlite();
      if (db !== null) await s.close(db);
      db = await s.open_v2(req.file);
      // A 64 MB page cache (the default is 2 MB), taken only as pages are read: the search columns and
      // indexes of a big shop's tables stay in memory, so a search keystroke does not re-read them from
      // OPFS (measured at 50,000 vehicles: 0.3–1.1 s per rare-match search with the default, 5–85 ms with
      // 32 MB), and so do the reports' ledger and invoices (a month at a glance at full size: 7.8–9.7 s
      // with 32 MB, the ledger's index alone larger than the cache; 4.1 s with 64 MB; docs/performance.md).
      await s.exec(db, 'PRAGMA cache_size = -64000');
      return [];
    }
    case 'exec':
      return exec(req.sql, req.params);
    case 'execMany':
      await execMany(req.sql, req.rows);
      return [];
    case 'close':
      if (db !== null && api) await api.close(db);
      db = null;
      return [];
    case 'deleteFile': {
      if (db !== null && api) await api.close(db);
      db = null;
      const root = await navigator.storage.getDirectory();
      for (const name of [req.file, `${req.file}-journal`, `${req.file}-wal`]) {
        await root.removeEntry(name).catch(() => undefined);
      }
      return [];
    }
  }
}

// Strictly one request at a time: SQLite statements of one connection must not interleave.
let queue: Promise<unknown> = Promise.resolve();
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  queue = queue.then(async () => {
    let res: WorkerResponse;
    try {
      res = { id: req.id, ok: true, rows: await handle(req) };
    } catch (err) {
      res = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    self.postMessage(res);
  });
};
