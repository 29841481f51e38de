import { sql, type RawBuilder } from 'kysely';
import { pageEnd } from './sync.store';
import { isCompanyRole, readAccess, scopeOrder, type ReadAccess, type Role, type TableDef } from '@roaauto/shared';
import type { TenantTx } from '../core/tenancy/tenant-scope';

/**
 * Reads scoped by role, on the server. A table's `read` declaration (packages/shared/src/schema/scope.ts)
 * says which rows a user without its `all` permission reads; this file keeps, per such user, the set
 * of those rows in `sync_scope` (migration 0009), so a pull can send a row that entered the set after
 * the device's cursor (even when the row itself is older) and take out a row that left it.
 *
 * The sets are worked out again, in SQL, inside every write that may change them (a push or a server
 * write touching a table a scope depends on), for every user of the company whose role reads some
 * table row by row: a shop has a handful. Rows that enter or leave take the write's own version, so
 * they reach devices in commit order like any change.
 */

export type ScopeAccess = Map<string, ReadAccess>;

/** The access of a user's role to each of the company's tables; the platform role reads nothing. */
export function accessOf(role: Role, tables: readonly TableDef[]): ScopeAccess {
  if (!isCompanyRole(role)) return new Map(tables.map((t) => [t.name, 'none']));
  return readAccess(role, tables);
}

export function isScoped(access: ScopeAccess): boolean {
  for (const a of access.values()) if (a === 'scoped') return true;
  return false;
}

/**
 * Per table, what a write must do to it for some user's scope to change: change one of `columns` of a
 * stored row, or (`onInsert`) add a row. Columns of a table's clauses: an assignment's column and its
 * link table's, the parent column, and the columns that name a row of a `referencedBy` clause. A new
 * row of a `createdBy`-only table changes no scope but its maker's (pinCreated).
 */
type ScopeTrigger = { columns: Set<string>; onInsert: boolean; followsParent?: TableDef };
export type ScopeTriggers = Map<string, ScopeTrigger>;

export function scopeTriggers(tables: readonly TableDef[]): ScopeTriggers {
  const out: ScopeTriggers = new Map();
  const at = (table: string): ScopeTrigger => {
    let trigger = out.get(table);
    if (!trigger) out.set(table, (trigger = { columns: new Set(), onInsert: false }));
    return trigger;
  };
  for (const def of tables) {
    const r = def.read;
    if (!r) continue;
    if (r.assigned) {
      Object.assign(at(def.name), { onInsert: true }).columns.add(r.assigned.column);
      if (r.assigned.through) {
        const link = Object.assign(at(r.assigned.through.table), { onInsert: true });
        link.columns.add(r.assigned.through.column);
        link.columns.add('deleted_at');
      }
    }
    if (r.withParent && def.parent) Object.assign(at(def.name), { onInsert: true }).columns.add(def.parent.column);
    for (const ref of r.referencedBy ?? []) Object.assign(at(ref.table), { onInsert: true }).columns.add(ref.column);
  }
  // A table whose rows only follow their parent, and whose rows no other scope reads (an order's lines):
  // a new row joins the scopes its parent is in, without working anything out again.
  const sources = new Set(tables.flatMap((d) => [
    ...(d.read?.withParent && d.parent ? [d.parent.table] : []),
    ...(d.read?.referencedBy ?? []).map((x) => x.table),
    ...(d.read?.assigned?.through ? [d.read.assigned.through.table] : []),
  ]));
  for (const def of tables) {
    const r = def.read;
    if (r?.withParent && def.parent && !r.assigned && !r.referencedBy?.length && !sources.has(def.name)) at(def.name).followsParent = def;
  }
  return out;
}

/**
 * What a write means for the scopes: nothing; new rows that only follow their parent (`children`,
 * per table); or a change that needs them all worked out again (`full`): a row added to a table whose
 * new rows may enter a scope, or a column a scope reads changed. `before` holds the stored rows as
 * they were (a row it lacks is taken as changed).
 */
export function scopeChange(
  triggers: ScopeTriggers,
  rows: Iterable<{ table: string; row: Record<string, unknown>; isNew: boolean; key: string }>,
  before: ReadonlyMap<string, Record<string, unknown> | null>,
): 'full' | Map<TableDef, string[]> {
  const children = new Map<TableDef, string[]>();
  for (const { table, row, isNew, key } of rows) {
    const trigger = triggers.get(table);
    if (!trigger) continue;
    if (isNew) {
      if (trigger.followsParent) (children.get(trigger.followsParent) ?? children.set(trigger.followsParent, []).get(trigger.followsParent))?.push(String(row.id));
      else if (trigger.onInsert) return 'full';
      continue;
    }
    const old = before.get(key);
    if (!old) return 'full';
    for (const c of trigger.columns) if ((old[c] ?? null) !== (row[c] ?? null)) return 'full';
  }
  return children;
}

/** New rows of a table that only follows its parent join the scopes their parent is in, at `version`. */
export async function addChildren(tx: TenantTx, table: TableDef, ids: readonly string[], version: number): Promise<void> {
  const parent = table.parent;
  if (!parent || !ids.length) return;
  await sql`INSERT INTO sync_scope (tenant_id, user_id, table_name, row_id, in_scope, pinned, version)
    SELECT m.tenant_id, m.user_id, ${table.name}, c.id, 1, 0, ${version} FROM ${t(table.name)} AS c
    JOIN sync_scope AS m ON m.tenant_id = c.tenant_id AND m.table_name = ${parent.table} AND m.row_id = c.${c(parent.column)} AND m.in_scope = 1
    WHERE c.tenant_id = ${tx.tenantId} AND c.id IN (${sql.join([...ids])})
    ON CONFLICT (tenant_id, user_id, table_name, row_id) DO UPDATE SET in_scope = 1, version = excluded.version`.execute(tx.db.withoutPlugins());
}

const t = (name: string) => sql.table(name);
const c = (name: string) => sql.ref(name);

/**
 * The ids of the rows of each scoped table that `userId` reads now, as SQL subqueries (one per table,
 * each built on those of the tables it follows), in the order `scopeOrder` gives.
 */
function scopeSets(tenantId: string, userId: string, tables: readonly TableDef[], access: ScopeAccess): Map<string, RawBuilder<unknown>> {
  const sets = new Map<string, RawBuilder<unknown>>();
  const setOf = (name: string): RawBuilder<unknown> | null => {
    const a = access.get(name);
    if (a === 'all') return sql`SELECT id FROM ${t(name)} WHERE tenant_id = ${tenantId}`;
    return a === 'scoped' ? (sets.get(name) ?? null) : null;
  };
  for (const def of scopeOrder(tables)) {
    if (access.get(def.name) !== 'scoped' || !def.read) continue;
    const r = def.read;
    const arms: RawBuilder<unknown>[] = [];
    if (r.assigned) {
      const through = r.assigned.through;
      const mine = through
        ? sql`SELECT id FROM ${t(through.table)} WHERE tenant_id = ${tenantId} AND ${c(through.column)} = ${userId} AND deleted_at IS NULL`
        : null;
      arms.push(mine
        ? sql`SELECT id FROM ${t(def.name)} WHERE tenant_id = ${tenantId} AND ${c(r.assigned.column)} IN (${mine})`
        : sql`SELECT id FROM ${t(def.name)} WHERE tenant_id = ${tenantId} AND ${c(r.assigned.column)} = ${userId}`);
    }
    if (r.withParent && def.parent) {
      const parents = setOf(def.parent.table);
      if (parents) arms.push(sql`SELECT id FROM ${t(def.name)} WHERE tenant_id = ${tenantId} AND ${c(def.parent.column)} IN (${parents})`);
    }
    for (const ref of r.referencedBy ?? []) {
      const referrers = setOf(ref.table);
      if (!referrers) continue;
      arms.push(sql`SELECT id FROM ${t(def.name)} WHERE tenant_id = ${tenantId} AND id IN (SELECT ${c(ref.column)} FROM ${t(ref.table)} WHERE tenant_id = ${tenantId} AND id IN (${referrers}) AND ${c(ref.column)} IS NOT NULL)`);
    }
    if (r.createdBy) {
      arms.push(sql`SELECT row_id AS id FROM sync_scope WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND table_name = ${def.name} AND pinned = 1`);
    }
    sets.set(def.name, arms.length ? sql.join(arms, sql` UNION `) : sql`SELECT id FROM ${t(def.name)} WHERE 1 = 0`);
  }
  return sets;
}

/** The company's active users whose role reads some of `tables` row by row. */
async function scopedUsers(tx: TenantTx, tables: readonly TableDef[], only?: readonly string[]): Promise<{ id: string; access: ScopeAccess }[]> {
  const users = await sql<{ id: string; role: string }>`SELECT id, role FROM users WHERE tenant_id = ${tx.tenantId} AND active = 1`.execute(tx.db.withoutPlugins());
  const out: { id: string; access: ScopeAccess }[] = [];
  const byRole = new Map<string, ScopeAccess>();
  for (const u of users.rows) {
    if (only && !only.includes(u.id)) continue;
    if (!isCompanyRole(u.role)) continue;
    let access = byRole.get(u.role);
    if (!access) byRole.set(u.role, (access = accessOf(u.role, tables)));
    if (isScoped(access)) out.push({ id: u.id, access });
  }
  return out;
}

/**
 * Works out again the scopes of the company's scoped users (or of `only`), inside the caller's
 * transaction: rows that entered a user's set are marked in scope, rows that left it out of scope,
 * both at `version`. Returns whether anything changed.
 */
export async function refreshScopes(tx: TenantTx, tables: readonly TableDef[], version: number, only?: readonly string[]): Promise<boolean> {
  const db = tx.db.withoutPlugins();
  const tenantId = tx.tenantId;
  let changed = false;
  for (const user of await scopedUsers(tx, tables, only)) {
    const sets = scopeSets(tenantId, user.id, tables, user.access);
    for (const [table, set] of sets) {
      const mine = sql`SELECT row_id FROM sync_scope WHERE tenant_id = ${tenantId} AND user_id = ${user.id} AND table_name = ${table} AND in_scope = 1`;
      const entered = await sql`INSERT INTO sync_scope (tenant_id, user_id, table_name, row_id, in_scope, pinned, version)
        SELECT ${tenantId}, ${user.id}, ${table}, s.id, 1, 0, ${version} FROM (${set}) AS s WHERE s.id NOT IN (${mine})
        ON CONFLICT (tenant_id, user_id, table_name, row_id) DO UPDATE SET in_scope = 1, version = excluded.version`.execute(db);
      const left = await sql`UPDATE sync_scope SET in_scope = 0, version = ${version}
        WHERE tenant_id = ${tenantId} AND user_id = ${user.id} AND table_name = ${table} AND in_scope = 1 AND row_id NOT IN (${set})`.execute(db);
      if (Number(entered.numAffectedRows ?? 0) > 0 || Number(left.numAffectedRows ?? 0) > 0) changed = true;
    }
  }
  return changed;
}

/**
 * Rows a scoped user made, in tables whose scope keeps what its users created: they stay in that
 * user's scope (a vehicle a mechanic adds at reception, before any order names it).
 */
export async function pinCreated(tx: TenantTx, userId: string, access: ScopeAccess, rows: readonly { table: TableDef; id: string }[], version: number): Promise<void> {
  const db = tx.db.withoutPlugins();
  for (const { table, id } of rows) {
    if (!table.read?.createdBy || access.get(table.name) !== 'scoped') continue;
    await sql`INSERT INTO sync_scope (tenant_id, user_id, table_name, row_id, in_scope, pinned, version)
      VALUES (${tx.tenantId}, ${userId}, ${table.name}, ${id}, 1, 1, ${version})
      ON CONFLICT (tenant_id, user_id, table_name, row_id) DO UPDATE SET in_scope = 1, pinned = 1, version = excluded.version`.execute(db);
  }
}

/**
 * Rows a scoped user made that are not in their scope (an order with nobody's mechanic): marked as
 * having left it at `version`, so the device that made them drops its copy with its next pull instead of
 * keeping one the server will never update.
 */
export async function dropUnreadable(tx: TenantTx, userId: string, table: string, ids: readonly string[], version: number): Promise<void> {
  const visible = await inScope(tx, userId, table, ids);
  for (const id of ids) {
    if (visible.has(id)) continue;
    await sql`INSERT INTO sync_scope (tenant_id, user_id, table_name, row_id, in_scope, pinned, version)
      VALUES (${tx.tenantId}, ${userId}, ${table}, ${id}, 0, 0, ${version})
      ON CONFLICT (tenant_id, user_id, table_name, row_id) DO UPDATE SET in_scope = 0, version = excluded.version`.execute(tx.db.withoutPlugins());
  }
}

/** Of `ids` of a scoped table, those in the user's scope now. */
export async function inScope(tx: TenantTx, userId: string, table: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = await sql<{ row_id: string }>`SELECT row_id FROM sync_scope WHERE tenant_id = ${tx.tenantId} AND user_id = ${userId}
    AND table_name = ${table} AND in_scope = 1 AND row_id IN (${sql.join([...ids])})`.execute(tx.db.withoutPlugins());
  return new Set(found.rows.map((r) => r.row_id));
}

/** Whether the user reads the row `id` of `table` (for routes that serve a row: a PDF, an XML). */
export async function canRead(tx: TenantTx, auth: { userId: string; role: Role }, tables: readonly TableDef[], table: string, id: string): Promise<boolean> {
  const a = accessOf(auth.role, tables).get(table) ?? 'all';
  if (a !== 'scoped') return a === 'all';
  return (await inScope(tx, auth.userId, table, [id])).has(id);
}

/** What a scoped pull read in one snapshot: the device's state and its page (null: nothing after the cursor). */
export type ScopedPull = {
  lastMutationId: number;
  version: number;
  purgedBefore: number;
  page: { upTo: number; hasMore: boolean; changes: string[] } | null;
};

/** A synced row's fields a device receives, in its `data` (the store's publicRow, on a row read with `*`). */
function dataOf(def: TableDef, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id, created_at: row.created_at, updated_at: row.updated_at };
  for (const k of Object.keys(def.columns)) out[k] = row[k] ?? null;
  return out;
}

/**
 * A page of changes for a user who reads some tables row by row, inside the caller's snapshot: the
 * rows of the tables they read whole after `cursor`; of the scoped tables, the rows in their scope
 * that changed or entered it after `cursor` (at the later of the two versions); and a `remove` for each
 * row that left it after `cursor` (none on a first download, which has nothing to remove). Pages end
 * like the store's (pageEnd): never inside one version.
 */
export async function readScopedPull(
  tx: TenantTx, userId: string, clientId: string, tables: readonly TableDef[], access: ScopeAccess, cursor: number, limit: number,
): Promise<ScopedPull> {
  const db = tx.db.withoutPlugins();
  const tenantId = tx.tenantId;
  const [state] = (await sql<{ last_mutation_id: number | null; version: number | null; purged_before: number | null }>`SELECT c.last_mutation_id, s.version, s.purged_before
    FROM (SELECT 1) AS one LEFT JOIN sync_clients AS c ON c.client_id = ${clientId} AND c.tenant_id = ${tenantId}
    LEFT JOIN sync_tenant_state AS s ON s.tenant_id = ${tenantId}`.execute(db)).rows;
  const out: ScopedPull = { lastMutationId: state?.last_mutation_id ?? 0, version: state?.version ?? 0, purgedBefore: state?.purged_before ?? 0, page: null };
  if (cursor >= out.version) return out;

  const whole = tables.filter((d) => access.get(d.name) === 'all');
  const scoped = tables.filter((d) => access.get(d.name) === 'scoped');
  const v = sql`CASE WHEN m.version > x.version THEN m.version ELSE x.version END`;
  const member = (name: string) => sql`FROM sync_scope AS m JOIN ${t(name)} AS x ON x.tenant_id = m.tenant_id AND x.id = m.row_id
    WHERE m.tenant_id = ${tenantId} AND m.user_id = ${userId} AND m.table_name = ${name} AND m.in_scope = 1`;
  const removed = cursor > 0 && scoped.length > 0
    ? sql`FROM sync_scope AS m WHERE m.tenant_id = ${tenantId} AND m.user_id = ${userId} AND m.in_scope = 0 AND m.table_name IN (${sql.join(scoped.map((d) => d.name))})`
    : null;
  // The versions of the changes after `after`: rows of whole tables, rows in scope (at the later of the
  // row's and the scope's version), rows that left the scope.
  const arms = (after: number) => [
    ...whole.map((d) => sql`SELECT version AS v FROM ${t(d.name)} WHERE tenant_id = ${tenantId} AND version > ${after}`),
    ...scoped.map((d) => sql`SELECT ${v} AS v ${member(d.name)} AND (x.version > ${after} OR m.version > ${after})`),
    ...(removed ? [sql`SELECT m.version AS v ${removed} AND m.version > ${after}`] : []),
  ];
  if (!arms(cursor).length) return out;
  const versions = async (after: number, n: number) =>
    (await sql<{ v: number }>`SELECT h.v FROM (${sql.join(arms(after), sql` UNION ALL `)}) AS h ORDER BY h.v LIMIT ${n}`.execute(db)).rows.map((r) => r.v);
  const end = pageEnd(await versions(cursor, limit + 1), limit);
  if (!end) return out;
  const hasMore = end.hasMore ?? (await versions(end.upTo, 1)).length > 0;

  const changes: { v: number; json: string }[] = [];
  const add = (v: number, change: Record<string, unknown>) => changes.push({ v, json: JSON.stringify(change) });
  const upsert = (def: TableDef, row: Record<string, unknown>, version: number) =>
    add(version, row.deleted_at
      ? { table: def.name, rowId: row.id, version, op: 'delete' }
      : { table: def.name, rowId: row.id, version, op: 'upsert', data: dataOf(def, row) });
  for (const d of whole) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${t(d.name)} WHERE tenant_id = ${tenantId} AND version > ${cursor} AND version <= ${end.upTo}`.execute(db);
    for (const row of rows.rows) upsert(d, row, Number(row.version));
  }
  for (const d of scoped) {
    const rows = await sql<Record<string, unknown>>`SELECT x.*, ${v} AS scope_v ${member(d.name)} AND ${v} > ${cursor} AND ${v} <= ${end.upTo}`.execute(db);
    for (const row of rows.rows) upsert(d, row, Number(row.scope_v));
  }
  if (removed) {
    const rows = await sql<{ table_name: string; row_id: string; version: number }>`SELECT m.table_name, m.row_id, m.version ${removed}
      AND m.version > ${cursor} AND m.version <= ${end.upTo}`.execute(db);
    for (const r of rows.rows) add(r.version, { table: r.table_name, rowId: r.row_id, version: r.version, op: 'remove' });
  }
  changes.sort((a, b) => a.v - b.v);
  out.page = { upTo: end.upTo, hasMore, changes: changes.map((c) => c.json) };
  return out;
}
