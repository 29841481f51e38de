import { defineModule } from '../../module-kit';
import { workshopRefusals } from './refusals';
import {
  catalogAnsambleTable, catalogMarciTable, catalogModeleTable, catalogNormeTable, catalogPreturiTable, catalogTipuriDevizTable,
  catalogTipuriMotoareTable, mecaniciTable,
} from './catalog.tables';
import { orderLinesTable, ordersTable } from './orders.tables';
import { vehiclesTable } from './vehicles.table';

export const workshopModule = defineModule({
  id: 'workshop',
  name: 'Workshop',
  description: 'Vehicles, repair orders with labour and materials, workflow, mechanics, catalog, the estimate (deviz)',
  requires: ['core'],
  uses: [],
  tables: [
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
  ],
  serverTables: [],
  permissions: ['vehicles.write', 'orders.read', 'orders.read_assigned', 'orders.write', 'catalog.write', 'documents.print'],
  bridges: [],
  refusals: workshopRefusals.texts,
});

// The module's public API (re-exported by the package's index through the list file).
export * from './catalog-seed';
export * from './catalog.tables';
export * from './deviz';
export { devizDefinition } from './deviz-pdf';
export * from './due-dates';
export * from './order-rules';
export * from './orders.tables';
export * from './suggestions';
export * from './vehicles.table';
export { workshopRefusals } from './refusals';
