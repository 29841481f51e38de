/// <reference lib="webworker" />
import * as SQLite from '@journeyapps/wa-sqlite';
import SQLiteESMFactory from '@journeyapps/wa-sqlite/dist/wa-sqlite.mjs';
import { OPFSCoopSyncVFS } from '@journeyapps/wa-sqlite/src/examples/OPFSCoopSyncVFS.js';

/**
 * A bench's SQL runner in the browser: the app's engine (wa-sqlite, the same build) over OPFS with the
 * app's VFS, in a dedicated worker as the app runs it. The page sends the schema, the rows (fetched from
 * the bench's server) and then queries; each answer carries the time the query took in the worker.
 */
declare const self: DedicatedWorkerGlobalScope;
type Param = string | number | null;
type Batch = { sql: string; rows: Param[][] };
type Request = ({ type: 'load'; ddl: string[]; dataUrl: string } | { type: 'query' | 'rows'; sql: string; params: Param[] }) & { id?: number };

let api: SQLiteAPI | null = null;
let db = 0;

/** Runs a statement; its rows as objects when `keep` (what a page gets), else only counted. */
async function run(sql: string, params: Param[] = [], keep?: Record<string, unknown>[]): Promise<number> {
  if (!api) throw new Error('not loaded');
  let rows = 0;
  for await (const stmt of api.statements(db, sql)) {
    if (params.length) api.bind_collection(stmt, params);
    const names = keep ? api.column_names(stmt) : [];
    while ((await api.step(stmt)) === SQLite.SQLITE_ROW) {
      const values = api.row(stmt);
      if (keep) keep.push(Object.fromEntries(names.map((n, i) => [n, values[i]])));
      rows++;
    }
  }
  return rows;
}

/** `INSERT INTO t (a, b) VALUES (?, 'x')` → the same insert of every row of a JSON array of arrays bound as its one parameter. */
function fromJson(insert: string): string {
  const match = /^(INSERT INTO [\s\S]+?\))\s*VALUES\s*\(([\s\S]*)\)\s*$/.exec(insert.trim());
  if (!match) throw new Error(`not a one-row insert: ${insert}`);
  let k = 0;
  const values = (match[2] ?? '').replace(/\?/g, () => `j.value ->> ${k++}`);
  return `${match[1] ?? ''} SELECT ${values} FROM json_each(?) j`;
}

async function load(ddl: string[], dataUrl: string): Promise<{ rows: number; insertMs: number }> {
  const module = await SQLiteESMFactory({ locateFile: (file: string) => `/${file}` });
  const s = SQLite.Factory(module);
  s.vfs_register(await OPFSCoopSyncVFS.create('opfs', module), true);
  api = s;
  db = await s.open_v2(`bench-${Date.now()}.db`);
  // As the app opens its database (db/sqlite.worker.ts, db/worker-executor.ts).
  await run('PRAGMA cache_size = -64000');
  await run('PRAGMA journal_mode = DELETE');
  // Tables first, their indexes once the rows are in (much faster than growing them row by row).
  const indexes = ddl.filter((sql) => /^CREATE (UNIQUE )?INDEX/i.test(sql));
  for (const sql of ddl) if (!indexes.includes(sql)) await run(sql);
  const batches = (await (await fetch(dataUrl)).json()) as Batch[];
  const t0 = performance.now();
  let rows = 0;
  // A big cache for the load alone (one transaction of 230,000 rows spills a 64 MB cache to OPFS over and
  // over); the queries then run with the app's.
  await run('PRAGMA cache_size = -400000');
  await run('BEGIN');
  for (const batch of batches) {
    // Rows go in as JSON arrays, a few thousand per statement, unpacked by the engine (json_each): the
    // load is the bench's setup, not what it measures, and one bound statement per row is far slower here.
    const sql = fromJson(batch.sql);
    for (let i = 0; i < batch.rows.length; i += 5000) {
      const chunk = batch.rows.slice(i, i + 5000);
      await run(sql, [JSON.stringify(chunk)]);
      rows += chunk.length;
    }
  }
  for (const sql of indexes) await run(sql);
  await run('COMMIT');
  // No ANALYZE: the app never runs it, so the planner works without statistics here too.
  await run('PRAGMA cache_size = -64000');
  return { rows, insertMs: performance.now() - t0 };
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const req = event.data;
  try {
    if (req.type === 'load') {
      self.postMessage({ id: req.id, ok: true, ...(await load(req.ddl, req.dataUrl)) });
    } else if (req.type === 'rows') {
      const rows: Record<string, unknown>[] = [];
      await run(req.sql, req.params, rows);
      self.postMessage({ id: req.id, ok: true, rows });
    } else {
      const t0 = performance.now();
      const rows = await run(req.sql, req.params);
      self.postMessage({ id: req.id, ok: true, rows, ms: performance.now() - t0 });
    }
  } catch (err) {
    self.postMessage({ id: req.id, ok: false, error: String(err) });
  }
};
