import type { ReferenceTarget, TableDef } from '@roaauto/shared';
import type { Row, SyncStore } from './sync.store';
import type { TenantTx } from '../core/tenancy/tenant-scope';

type ReferenceColumn = readonly [column: string, targets: readonly ReferenceTarget[]];

const cache = new WeakMap<TableDef, readonly ReferenceColumn[]>();

/** The id columns of a table that name other rows, with the tables each may name. */
export function referenceColumns(def: TableDef): readonly ReferenceColumn[] {
  let list = cache.get(def);
  if (!list) {
    list = Object.entries(def.columns).flatMap(([k, c]) => (c.kind === 'id' && c.references?.length ? [[k, c.references] as const] : []));
    cache.set(def, list);
  }
  return list;
}

/**
 * The company's rows that references may name, beyond those a push already holds: looked up in
 * batches, one query per target table, within the company only (see SyncStore.knownIds).
 */
export async function knownReferences(
  tx: TenantTx,
  store: SyncStore,
  candidates: Iterable<{ def: TableDef; values: Record<string, unknown> }>,
  have: (key: string) => boolean,
): Promise<Set<string>> {
  const wanted = new Map<ReferenceTarget, Set<string>>();
  for (const { def, values } of candidates) {
    for (const [column, targets] of referenceColumns(def)) {
      const id = values[column];
      if (typeof id !== 'string') continue;
      for (const t of targets) if (!have(`${t}:${id}`)) (wanted.get(t) ?? wanted.set(t, new Set()).get(t))?.add(id);
    }
  }
  const known = new Set<string>();
  for (const [target, ids] of wanted) for (const id of await store.knownIds(tx, target, [...ids])) known.add(`${target}:${id}`);
  return known;
}

/**
 * Why a row's references cannot be stored, or null: a reference among the columns `checked` that
 * names no row of the company (`exists` says which `table:id` do). Another company's id and an id
 * nobody uses get the same answer, so the answer tells nothing about other companies.
 */
export function missingReference(def: TableDef, row: Row | Record<string, unknown>, checked: (column: string) => boolean, exists: (key: string) => boolean): string | null {
  for (const [column, targets] of referenceColumns(def)) {
    const id = row[column];
    if (typeof id !== 'string' || !checked(column)) continue;
    if (!targets.some((t) => exists(`${t}:${id}`))) return `${column}: the record it names does not exist`;
  }
  return null;
}
