import { syncTables, type TableDef, type WriteOp } from '@roaauto/shared';

/**
 * Merging two customers who are one, and deleting one, as local writes: every change goes through the
 * device's database in one transaction and reaches the server by sync like any other (so it works
 * offline). The columns that name a customer are found in the tables' declarations (an id column whose
 * `references` include `clients`), so a module that adds one is covered without a change here.
 */
export type Reference = { table: string; column: string };

export function customerReferences(tables: readonly TableDef[] = syncTables): Reference[] {
  return tables.flatMap((t) =>
    Object.entries(t.columns)
      .filter(([, c]) => c.kind === 'id' && (c.references ?? []).includes('clients'))
      .map(([column]) => ({ table: t.name, column })),
  );
}

/** The rows that name a customer: one query over every referencing column, given the customer's id. */
export function referencingRowsQuery(clientId: string, refs: readonly Reference[] = customerReferences()): { sql: string; params: string[] } {
  return {
    sql: refs.map((r) => `SELECT '${r.table}' AS tbl, '${r.column}' AS col, id FROM "${r.table}" WHERE "${r.column}" = ?`).join(' UNION ALL '),
    params: refs.map(() => clientId),
  };
}
export type ReferencingRow = { tbl: string; col: string; id: string };

/** How many rows of each table name the customer ({ vehicles: 2, orders: 5 }). */
export function referenceCounts(rows: readonly ReferencingRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.tbl] = (counts[r.tbl] ?? 0) + 1;
  return counts;
}

type Row = Record<string, unknown>;
const empty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Single fields the kept customer takes from the other when it has none. */
const single = ['telefon', 'email', 'cnp', 'cod_fiscal', 'reg_com', 'platitor_tva'] as const;
/** The address is taken whole, or not at all: a street of one with the county of the other is no address. */
const address = ['judet', 'localitate', 'adresa', 'sector'] as const;

/**
 * The kept customer's changes: its empty fields filled from the other's, the address whole when it has none,
 * both notes kept, and the newer marketing decision (a withdrawal dated later than a consent wins).
 */
export function mergedFields(keep: Row, drop: Row): Row {
  const patch: Row = {};
  for (const f of single) if (empty(keep[f]) && !empty(drop[f])) patch[f] = drop[f];
  if (address.every((f) => empty(keep[f])) && address.some((f) => !empty(drop[f]))) for (const f of address) patch[f] = drop[f] ?? null;
  const notes = [keep.observatii, drop.observatii].filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  if (notes.length === 2 && notes[0] !== notes[1]) patch.observatii = `${notes[0]}\n${notes[1]}`.slice(0, 2000);
  else if (notes.length === 1 && empty(keep.observatii)) patch.observatii = notes[0];
  const keepDate = typeof keep.marketing_data === 'string' ? keep.marketing_data : '';
  const dropDate = typeof drop.marketing_data === 'string' ? drop.marketing_data : '';
  if (!empty(drop.marketing_canal) && dropDate > keepDate) {
    patch.marketing_canal = drop.marketing_canal;
    patch.marketing_data = drop.marketing_data;
  }
  return patch;
}

/**
 * The writes of a merge: the kept customer completed, every row that named the other now naming the kept
 * one, and the other deleted (the sync engine's soft delete).
 */
export function mergePlan(keep: Row & { id: string }, drop: Row & { id: string }, rows: readonly ReferencingRow[]): WriteOp[] {
  if (keep.id === drop.id) throw new Error('A customer cannot be merged with itself');
  const ops: WriteOp[] = [];
  const patch = mergedFields(keep, drop);
  if (Object.keys(patch).length > 0) ops.push({ op: 'update', table: 'clients', id: keep.id, patch });
  for (const r of rows) ops.push({ op: 'update', table: r.tbl, id: r.id, patch: { [r.col]: keep.id } });
  ops.push({ op: 'delete', table: 'clients', id: drop.id });
  return ops;
}
