import { clientsTable } from '../modules/core/clients.table';
import {
  catalogAnsambleTable,
  catalogMarciTable,
  catalogModeleTable,
  catalogNormeTable,
  catalogPreturiTable,
  catalogTipuriDevizTable,
  catalogTipuriMotoareTable,
  mecaniciTable,
} from '../modules/workshop/catalog.tables';
import { orderLinesTable, ordersTable } from '../modules/workshop/orders.tables';
import { vehiclesTable } from '../modules/workshop/vehicles.table';
import type { TableDef } from './table';

/**
 * Every synced table, in dependency order (a parent before its children). The one declaration each
 * table has: the browser's DDL, the row validators of the server and the forms, and the row types come from here.
 */
export const syncTables: readonly TableDef[] = [
  clientsTable,
  catalogMarciTable,
  catalogModeleTable,
  catalogAnsambleTable,
  catalogNormeTable,
  catalogPreturiTable,
  catalogTipuriDevizTable,
  catalogTipuriMotoareTable,
  mecaniciTable,
  vehiclesTable,
  ordersTable,
  orderLinesTable,
] as unknown as readonly TableDef[];

const byName = new Map(syncTables.map((t) => [t.name, t]));

export function syncTable(name: string): TableDef | undefined {
  return byName.get(name);
}
