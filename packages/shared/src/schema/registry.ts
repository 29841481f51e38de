import { invoiceSeriesTable, invoicesTable } from '../modules/accounting/invoices.tables';
import { clientsTable } from '../modules/core/clients.table';
import { companyProfileTable } from '../modules/core/company-profile.table';
import { documentEventsTable } from '../modules/core/document-events.table';
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
 * Every synced table, owners before what they own (an order before its lines; an order names its
 * invoice, which comes later: rules read it, nothing is written in this order). The one declaration each
 * table has: the browser's DDL, the row validators of the server and the forms, and the row types come from here.
 */
export const syncTables: readonly TableDef[] = [
  clientsTable,
  companyProfileTable,
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
  invoiceSeriesTable,
  invoicesTable,
  documentEventsTable,
] as unknown as readonly TableDef[];

const byName = new Map(syncTables.map((t) => [t.name, t]));

export function syncTable(name: string): TableDef | undefined {
  return byName.get(name);
}
