import { can, type CompanyRole } from '../auth/roles';
import type { TableDef } from './table';

/**
 * What a role reads of a table: every row, some rows (worked out per user, see the server's
 * sync/scope.ts), or none. The tables' `read` declarations decide; the role's permissions answer.
 */
export type ReadAccess = 'all' | 'scoped' | 'none';

/** The tables whose rows decide which rows of `t` a user reads (its parent, the tables that name it). */
export function scopeSources(t: TableDef): string[] {
  const r = t.read;
  if (!r) return [];
  return [...(r.withParent && t.parent ? [t.parent.table] : []), ...(r.referencedBy ?? []).map((ref) => ref.table)];
}

/**
 * `tables` in the order their scopes are worked out: a table after the tables its scope follows (a
 * customer after the vehicles that name it, though the registry lists customers first). Tables a
 * company does not have are left out of a clause.
 */
export function scopeOrder(tables: readonly TableDef[]): TableDef[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableDef[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: TableDef) => {
    const s = state.get(t.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`${t.name}: its read scope follows itself`);
    state.set(t.name, 'visiting');
    for (const name of scopeSources(t)) {
      const source = byName.get(name);
      if (source) visit(source);
    }
    state.set(t.name, 'done');
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

/**
 * The access of `role` to each table of `tables` (a company's tables: a clause that follows a table
 * the company does not have gives nothing).
 */
export function readAccess(role: CompanyRole, tables: readonly TableDef[]): Map<string, ReadAccess> {
  const access = new Map<string, ReadAccess>();
  const reads = (name: string) => {
    const a = access.get(name);
    return a !== undefined && a !== 'none';
  };
  for (const t of scopeOrder(tables)) {
    const r = t.read;
    let a: ReadAccess;
    if (!r || can(role, r.all)) a = 'all';
    else {
      const some = (r.assigned !== undefined && can(role, r.assigned.permission))
        || (r.withParent === true && t.parent !== undefined && reads(t.parent.table))
        || (r.referencedBy ?? []).some((ref) => reads(ref.table))
        || (r.createdBy === true && can(role, t.writePermission));
      a = some ? 'scoped' : 'none';
    }
    access.set(t.name, a);
  }
  return access;
}

/** Whether any table of `tables` is read row by row by `role` (its pulls take the scoped path). */
export function hasScopedReads(role: CompanyRole, tables: readonly TableDef[]): boolean {
  for (const a of readAccess(role, tables).values()) if (a === 'scoped') return true;
  return false;
}
