import Database from 'better-sqlite3';
import type { ColumnDef } from '../../schema/columns';
import { localTableDdl, type TableDef } from '../../schema/table';
import type { SqlValue } from '../../sync/client';
import type { GlanceQuery } from './glance';

/**
 * For the reports' tests (not used by the app): an in-memory SQLite database with the device's own tables (`localTableDdl`),
 * rows inserted with only the columns a test cares about (the others get a neutral value), and the
 * `GlanceQuery` the sources read it through.
 */
export type TestDb = { db: Database.Database; insert: (table: string, row: Record<string, SqlValue>) => void; query: GlanceQuery; close: () => void };

function neutral(c: ColumnDef): SqlValue {
  if (c.nullable) return null;
  switch (c.kind) {
    case 'text': case 'id': return '';
    case 'integer': return Math.max(0, c.min);
    case 'money': case 'boolean': return 0;
    case 'decimal': return '0';
    case 'date': return '2000-01-01';
    case 'timestamp': return '2000-01-01T00:00:00.000Z';
    case 'enum': return c.values[0];
  }
}

export function glanceTestDb(tables: readonly TableDef[]): TestDb {
  const db = new Database(':memory:');
  for (const def of tables) for (const sql of localTableDdl(def)) db.exec(sql);
  let n = 0;
  const insert = (table: string, row: Record<string, SqlValue>) => {
    const def = tables.find((t) => t.name === table);
    if (!def) throw new Error(`${table} is not a synced table`);
    n += 1;
    const full: Record<string, SqlValue> = { id: `${table}-${n}`, created_at: '2000-01-01T00:00:00.000Z', updated_at: '2000-01-01T00:00:00.000Z' };
    for (const [k, c] of Object.entries(def.columns)) full[k] = neutral(c);
    Object.assign(full, row);
    const cols = Object.keys(full);
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(full);
  };
  const query: GlanceQuery = <T extends Record<string, SqlValue>>(sql: string, params: readonly SqlValue[]) =>
    Promise.resolve(db.prepare<SqlValue[], T>(sql).all(...params));
  return { db, insert, query, close: () => db.close() };
}
