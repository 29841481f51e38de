import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { printTable, time, type BenchRow } from './table';

/**
 * Server-side SQLite write paths for bulk work (sync apply, bootstrap, imports): one prepared
 * statement reused in a transaction (baseline) against Kysely building one INSERT per row.
 */
type Row = { id: string; tenant_id: string; name: string; qty: number };
type Schema = { items: Row };

function rows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, tenant_id: 't1', name: `Item ${i} ș`, qty: i }));
}

function open(dir: string, name: string): SQLite.Database {
  const db = new SQLite(path.join(dir, `${name}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table items (id text primary key, tenant_id text not null, name text not null, qty integer not null)');
  return db;
}

export async function sqliteInsertBench(n = Number(process.env.BENCH_ROWS ?? 50_000)): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-bench-'));
  const data = rows(n);
  const results: BenchRow[] = [];
  try {
    const a = open(dir, 'prepared');
    const insert = a.prepare('insert into items (id, tenant_id, name, qty) values (@id, @tenant_id, @name, @qty)');
    results.push({
      name: 'prepared statement, one transaction',
      ops: n,
      ms: await time(() => a.transaction((all: Row[]) => all.forEach((r) => insert.run(r)))(data)),
    });
    a.close();

    const b = open(dir, 'kysely');
    const k = new Kysely<Schema>({ dialect: new SqliteDialect({ database: b }) });
    results.push({
      name: 'Kysely insert per row, one transaction',
      ops: n,
      ms: await time(() =>
        k.transaction().execute(async (trx) => {
          for (const r of data) await trx.insertInto('items').values(r).execute();
        }),
      ),
    });
    await k.destroy();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  printTable(`SQLite bulk insert, ${n.toLocaleString('en-US')} rows`, results);
}
