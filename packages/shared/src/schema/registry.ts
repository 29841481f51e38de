import { moduleDefinitions } from '../modules';
import type { TableDef } from './table';

/** Every synced table's declaration, with its literal name and columns (the server's row types come from these). */
export type SyncedTableDef = (typeof moduleDefinitions)[number]['tables'][number];
export type SyncedTableName = SyncedTableDef['name'];

/**
 * Every synced table, from the modules' definitions in the list's order (a module after those it
 * requires), each module's in its own order: owners before what they own (an order before its lines; a
 * vehicle after the customers it names). A table may name one of a module listed later (an order names
 * its invoice): rules read it, nothing is written in this order. A test holds the order to this rule.
 * The one declaration each table has: the browser's DDL, the row validators of the server and the
 * forms, and the row types come from here.
 */
export const syncTables: readonly TableDef[] = moduleDefinitions.flatMap((m): readonly TableDef[] => m.tables);

/** The synced tables' names, in the same order, typed: what the server's data layer queries by name. */
export const syncedTableNames: readonly SyncedTableName[] = moduleDefinitions.flatMap((m) => m.tables.map((t): SyncedTableName => t.name));

const byName = new Map(syncTables.map((t) => [t.name, t]));

export function syncTable(name: string): TableDef | undefined {
  return byName.get(name);
}
