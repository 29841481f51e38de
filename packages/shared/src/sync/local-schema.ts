import { localMissingColumnsDdl, localTableDdl, type TableDef } from '../schema/table';
import type { SqlExecutor } from './client';

/**
 * Migrations of the browser's database, numbered by SQLite's `user_version`. They only add: a
 * migration never drops or rewrites `_sync_queue`, so changes made offline survive any app update.
 * New synced tables appear by themselves (every declared table is created if missing after the
 * migrations), and so do the columns a declaration gained since a table was made (added empty, after the
 * migrations). A migration here is needed only to fill such a column for the rows already on the device, or
 * for anything else (a local table, a search column).
 */
export type LocalMigration = {
  version: number;
  description: string;
  up(tx: SqlExecutor, tables: readonly TableDef[]): Promise<void>;
};

export const localMigrations: readonly LocalMigration[] = [
  {
    version: 1,
    description: 'sync queue, sync bookkeeping and rejected changes',
    up: async (tx) => {
      await tx.run(`CREATE TABLE IF NOT EXISTS _sync_queue (id INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL, row_id TEXT NOT NULL, op TEXT NOT NULL, data TEXT, base_version INTEGER, created_at TEXT NOT NULL)`);
      await tx.run(`CREATE INDEX IF NOT EXISTS _sync_queue_row_idx ON _sync_queue (table_name, row_id)`);
      await tx.run(`CREATE TABLE IF NOT EXISTS _sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
      await tx.run(`CREATE TABLE IF NOT EXISTS _sync_rejections (id INTEGER PRIMARY KEY AUTOINCREMENT, mutation_id INTEGER NOT NULL, table_name TEXT NOT NULL, row_id TEXT NOT NULL, op TEXT NOT NULL, data TEXT, code TEXT NOT NULL, message TEXT NOT NULL, created_at TEXT NOT NULL)`);
    },
  },
  {
    version: 2,
    description: 'the local search column of tables that declare one, filled for the rows already there',
    up: async (tx, tables) => {
      for (const t of tables) {
        if (!t.search) continue;
        const columns = await tx.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [t.name]);
        if (columns.length === 0 || columns.some((c) => c.name === '_search')) continue;
        await tx.run(`ALTER TABLE "${t.name}" ADD COLUMN _search TEXT`);
        for (const row of await tx.all(`SELECT * FROM "${t.name}"`)) {
          await tx.run(`UPDATE "${t.name}" SET _search = ? WHERE id = ?`, [t.search(row as never), row.id ?? null]);
        }
      }
    },
  },
  {
    version: 3,
    description: 'blocks of document numbers the server reserved for this device',
    up: async (tx) => {
      await tx.run(`CREATE TABLE IF NOT EXISTS _number_blocks (kind TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, next INTEGER NOT NULL, PRIMARY KEY (kind, first))`);
    },
  },
  {
    version: 4,
    description: 'the refusal code and parameters of a change a table rule rejected',
    up: async (tx) => {
      await tx.run(`ALTER TABLE _sync_rejections ADD COLUMN rule TEXT`);
      await tx.run(`ALTER TABLE _sync_rejections ADD COLUMN params TEXT`);
    },
  },
  {
    version: 5,
    description: 'the mechanic an order is assigned to',
    up: async (tx) => {
      const columns = await tx.all<{ name: string }>(`SELECT name FROM pragma_table_info('orders')`);
      if (columns.length > 0 && !columns.some((c) => c.name === 'mecanic_id')) await tx.run(`ALTER TABLE orders ADD COLUMN mecanic_id TEXT`);
    },
  },
  {
    version: 6,
    description: 'order numbers come from the server at sync: the blocks it reserved for this device are gone',
    up: async (tx) => {
      await tx.run(`DROP TABLE IF EXISTS _number_blocks`);
    },
  },
  {
    version: 7,
    description: "a vehicle's make and model as text (from the catalog for the rows already there); customers searchable",
    up: async (tx, tables) => {
      const has = async (table: string) => (await tx.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [table])).map((c) => c.name);
      const vehicles = await has('vehicles');
      if (vehicles.length > 0) {
        if (!vehicles.includes('marca')) await tx.run(`ALTER TABLE vehicles ADD COLUMN marca TEXT`);
        if (!vehicles.includes('model')) await tx.run(`ALTER TABLE vehicles ADD COLUMN model TEXT`);
        // The server's migration 0010 fills its rows the same way, from the same catalog.
        if ((await has('catalog_marci')).length > 0) {
          await tx.run(`UPDATE vehicles SET marca = (SELECT denumire FROM catalog_marci WHERE id = vehicles.marca_id) WHERE marca IS NULL AND marca_id IS NOT NULL`);
        }
        if ((await has('catalog_modele')).length > 0) {
          await tx.run(`UPDATE vehicles SET model = (SELECT denumire FROM catalog_modele WHERE id = vehicles.model_id) WHERE model IS NULL AND model_id IS NOT NULL`);
        }
      }
      // The search text of vehicles now holds the make and model; customers have one from now on.
      for (const t of tables) {
        if (!t.search || (t.name !== 'vehicles' && t.name !== 'clients')) continue;
        const columns = await has(t.name);
        if (columns.length === 0) continue;
        if (!columns.includes('_search')) await tx.run(`ALTER TABLE "${t.name}" ADD COLUMN _search TEXT`);
        const rows = await tx.all(t.name === 'vehicles' ? `SELECT * FROM vehicles WHERE marca IS NOT NULL OR model IS NOT NULL` : `SELECT * FROM "${t.name}"`);
        const sql = `UPDATE "${t.name}" SET _search = ? WHERE id = ?`;
        const params = rows.map((row) => [t.search?.(row as never) ?? null, row.id ?? null] as const);
        // One message to a worker's database for all the rows, where it can.
        if (tx.runMany) await tx.runMany(sql, params);
        else for (const p of params) await tx.run(sql, p);
      }
    },
  },
  {
    version: 8,
    description: "a vehicle's due dates (ITP, RCA, next service) and their reminded marks; order types' service intervals",
    up: async (tx) => {
      const add = async (table: string, columns: readonly [string, string][]) => {
        const have = (await tx.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [table])).map((c) => c.name);
        if (have.length === 0) return;
        for (const [name, type] of columns) if (!have.includes(name)) await tx.run(`ALTER TABLE "${table}" ADD COLUMN ${name} ${type}`);
      };
      await add('vehicles', [
        ['itp_expira', 'TEXT'], ['rca_expira', 'TEXT'], ['revizie_data', 'TEXT'], ['revizie_km', 'INTEGER'],
        ['itp_anuntat', 'TEXT'], ['rca_anuntat', 'TEXT'], ['revizie_anuntat', 'TEXT'],
      ]);
      await add('catalog_tipuri_deviz', [['interval_luni', 'INTEGER'], ['interval_km', 'INTEGER']]);
    },
  },
  {
    version: 9,
    description: "customers in full (CNP, trade register, VAT payer, locality, sector, marketing consent); an order's customer",
    up: async (tx) => {
      const has = async (table: string) => (await tx.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [table])).map((c) => c.name);
      const clients = await has('clients');
      if (clients.length > 0) {
        for (const [name, type] of [['cnp', 'TEXT'], ['reg_com', 'TEXT'], ['platitor_tva', 'INTEGER'], ['localitate', 'TEXT'], ['sector', 'INTEGER'], ['marketing_canal', 'TEXT'], ['marketing_data', 'TEXT']] as const) {
          if (!clients.includes(name)) await tx.run(`ALTER TABLE clients ADD COLUMN ${name} ${type}`);
        }
      }
      const orders = await has('orders');
      if (orders.length > 0 && !orders.includes('client_id')) {
        await tx.run(`ALTER TABLE orders ADD COLUMN client_id TEXT`);
        // The server's migration 0016 fills its rows the same way, from the order's vehicle.
        if ((await has('vehicles')).length > 0) {
          await tx.run(`UPDATE orders SET client_id = (SELECT client_id FROM vehicles WHERE id = orders.vehicle_id) WHERE client_id IS NULL AND vehicle_id IS NOT NULL`);
        }
      }
    },
  },
];

/** Brings the local database up to the latest version, inside the caller's transaction. */
export async function migrateLocal(
  tx: SqlExecutor,
  tables: readonly TableDef[],
  migrations: readonly LocalMigration[] = localMigrations,
): Promise<{ from: number; to: number }> {
  const [row] = await tx.all<{ user_version: number }>('PRAGMA user_version');
  const from = row?.user_version ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new Error('This data was written by a newer version of the app; reload to update it');
  for (const m of migrations) {
    if (m.version <= from) continue;
    await m.up(tx, tables);
    await tx.run(`PRAGMA user_version = ${m.version}`);
  }
  for (const t of tables) {
    // The table, then its missing columns, then its indexes (which may name those columns).
    const [create = '', ...indexes] = localTableDdl(t);
    await tx.run(create);
    const have = new Set((await tx.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [t.name])).map((c) => c.name));
    for (const stmt of [...localMissingColumnsDdl(t, have), ...indexes]) await tx.run(stmt);
  }
  return { from, to: Math.max(from, latest) };
}
