import { defineModule } from '../../module-kit';
import { warehouseRefusals } from './refusals';
import {
  productCostsTable, productsTable, productSupplierCodesTable, stockLocationsTable, stockMovementCostsTable, stockMovementsTable,
  warehouseSettingsTable,
} from './warehouse.tables';

/** Products, stock locations and the stock ledger with its valuation (docs/warehouse.md). */
export const warehouseModule = defineModule({
  id: 'warehouse',
  name: 'Warehouse',
  description: 'Products, stock, receipts and issues, transfers, inventory counts, barcodes',
  requires: ['core'],
  uses: [],
  tables: [
    warehouseSettingsTable, productsTable, productSupplierCodesTable, productCostsTable, stockLocationsTable, stockMovementsTable,
    stockMovementCostsTable,
  ],
  serverTables: [],
  permissions: ['warehouse.read', 'warehouse.write', 'warehouse.costs', 'tyre_hotel.write'],
  bridges: [],
  refusals: warehouseRefusals.texts,
});

export * from './ean';
export * from './quantity';
export * from './stock';
export * from './tyre-size';
export * from './valuation';
export * from './warehouse.tables';
export { warehouseRefusals } from './refusals';
