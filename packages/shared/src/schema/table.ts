import { z } from 'zod';
import type { Permission } from '../auth/roles';
import type { ModuleId } from '../module-kit';
import { columnSchema, sqliteType, type ColumnDef, type ValueOf } from './columns';
import type { Refusal } from './refusals';

export type Columns = Record<string, ColumnDef>;

/** Columns every synced table has besides its own. The server adds tenant_id, version and deleted_at. */
export const systemColumns = ['id', 'created_at', 'updated_at'] as const;

export type RowOf<C extends Columns> = { id: string; created_at: string; updated_at: string } & {
  -readonly [K in keyof C]: ValueOf<C[K]>;
};

export type TableDef<C extends Columns = Columns, N extends string = string> = {
  name: N;
  module: ModuleId;
  columns: C;
  /** Extra indexes of the local database (the server declares its own in migrations). */
  indexes: readonly (readonly string[])[];
  /** Who may create, change and delete rows. */
  writePermission: Permission;
  /**
   * Who may read which rows (reading needs the module anyway). Without it, every user of the company
   * reads every row. See `schema/scope.ts` and docs/modules.md "Reads scoped by role".
   */
  read?: ReadScope;
  /**
   * 'field': last write wins per changed field, in the order the server receives them.
   * 'base-version': a change made on a copy older than the server's row is rejected.
   */
  conflict: 'field' | 'base-version';
  /**
   * The row this one belongs to (an order line's order): its current copy is handed to `check`, so a
   * rule can depend on it (no line changes on a validated order).
   */
  parent?: { table: string; column: string };
  /**
   * A business rule over a change: `row` is the row after it (for a delete, the row being deleted),
   * `previous` the stored row before it (null for a new row), `parent` the parent's current row,
   * `clientId` the device making the change.
   * Run by the device before it writes and by the server on every push; a refusal (a code of the
   * module's `defineRefusals`) means "refused".
   */
  // Method signatures, so a table with its own columns is also a TableDef of any columns (a list of them).
  check?(change: RowChange<C>): Refusal | null;
  /**
   * Local-only text the device searches (lower case, no diacritics): kept in an indexed `_search`
   * column of the browser's table, never synced.
   */
  search?(row: RowOf<C>): string;
};

/**
 * Which rows of a table a user reads. `all`: the permission that reads every row. A user without it
 * reads the rows that one of the other clauses gives them, and none when no clause applies to them.
 */
export type ReadScope<K extends string = string> = {
  all: Permission;
  /**
   * Rows assigned to the user, with `permission`: `column` holds the user's id or, with `through`,
   * the id of a row of `through.table` whose `through.column` holds it (an order's mechanic, linked to
   * the mechanic's account).
   */
  assigned?: { permission: Permission; column: K; through?: { table: string; column: string } };
  /** Rows whose parent (the table's `parent`) the user reads: an order's lines. */
  withParent?: boolean;
  /** Rows that a row the user reads of `table` names in `column`: the vehicle of an order. */
  referencedBy?: readonly { table: string; column: string }[];
  /** Rows the user created, when they may write the table: the vehicle a mechanic adds at reception. */
  createdBy?: boolean;
};

export type RowChange<C extends Columns = Columns> = {
  row: RowOf<C>;
  previous: RowOf<C> | null;
  parent: Record<string, unknown> | null;
  deleting: boolean;
  /** The device making the change (its sync client id): a rule may tie rows to one device. */
  clientId: string;
};

/**
 * Column names in `indexes` and `parent` are checked here, against the table's own columns (an index
 * may also name the row's id and timestamps); the declaration it returns is also a TableDef of any columns
 * (a module's list of tables).
 */
export function defineTable<const C extends Columns, const N extends string>(
  def: TableDef<C, N> & {
    indexes: readonly (readonly ((keyof C & string) | (typeof systemColumns)[number])[])[];
    parent?: { table: string; column: keyof C & string };
    read?: ReadScope<keyof C & string>;
  },
): TableDef<C, N> {
  for (const name of Object.keys(def.columns)) {
    if ((systemColumns as readonly string[]).includes(name) || name === 'tenant_id' || name.startsWith('_')) {
      throw new Error(`${def.name}.${name}: reserved column name`);
    }
  }
  return def;
}

const cache = new WeakMap<TableDef, { full: z.ZodType; patch: z.ZodType }>();

/** Validators of the data of a synced row: `full` for a new row, `patch` for changed fields. */
export function rowSchemas(table: TableDef): { full: z.ZodType<Record<string, unknown>>; patch: z.ZodType<Record<string, unknown>> } {
  let s = cache.get(table);
  if (!s) {
    const shape = Object.fromEntries(
      Object.entries(table.columns).map(([k, c]) => [k, c.nullable ? columnSchema(c).optional().default(null) : columnSchema(c)]),
    );
    const patchShape = Object.fromEntries(Object.entries(table.columns).map(([k, c]) => [k, columnSchema(c).optional()]));
    s = { full: z.object(shape).strict(), patch: z.object(patchShape).strict() };
    cache.set(table, s);
  }
  return s as { full: z.ZodType<Record<string, unknown>>; patch: z.ZodType<Record<string, unknown>> };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The browser's table: the declared columns, the system columns and `_version`, the server version
 * this copy of the row is based on (null for a row not yet synced).
 */
/**
 * `ALTER TABLE … ADD COLUMN` for each declared column that `existing` (the names the device's table has)
 * lacks: a column a module added since the table was made. Added without NOT NULL (SQLite cannot add one
 * without a default); rows already there have it empty, as the server's migration left its own rows.
 */
export function localMissingColumnsDdl(table: TableDef, existing: ReadonlySet<string>): string[] {
  return Object.entries(table.columns)
    .filter(([k]) => !existing.has(k))
    .map(([k, c]) => `ALTER TABLE ${quote(table.name)} ADD COLUMN ${quote(k)} ${sqliteType(c)}`);
}

export function localTableDdl(table: TableDef): string[] {
  const cols = Object.entries(table.columns).map(([k, c]) => `${quote(k)} ${sqliteType(c)}${c.nullable ? '' : ' NOT NULL'}`);
  if (table.search) cols.push('_search TEXT');
  const ddl = [
    `CREATE TABLE IF NOT EXISTS ${quote(table.name)} (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, ${cols.join(', ')}, _version INTEGER)`,
  ];
  if (table.search) ddl.push(`CREATE INDEX IF NOT EXISTS ${quote(`${table.name}__search_idx`)} ON ${quote(table.name)} (_search)`);
  for (const idx of table.indexes) {
    ddl.push(`CREATE INDEX IF NOT EXISTS ${quote(`${table.name}_${idx.join('_')}_idx`)} ON ${quote(table.name)} (${idx.map(quote).join(', ')})`);
  }
  return ddl;
}
