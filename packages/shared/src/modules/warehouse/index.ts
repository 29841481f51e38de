import { defineModule } from '../../module-kit';
import { orderStockBridge } from './bridges/order-stock';
import { stockCountLinesTable, stockCountsTable } from './count';
import { warehouseRefusals } from './refusals';
import { stockMinimumsTable } from './stock-minimums';
import { deliveryNotesTable, stockReceiptsTable, warehouseSeriesTable } from './stock-documents.tables';
import { tyreHotelRefusals } from './tyre-hotel-refusals';
import { tyreSetPhotosTable, tyreSetsTable, tyreSetWheelsTable } from './tyre-sets.tables';
import {
  productCostsTable, productsTable, productSupplierCodesTable, stockLocationsTable, stockMovementCostsTable, stockMovementsTable,
  warehouseSettingsTable,
} from './warehouse.tables';

/**
 * Products, stock locations and the stock ledger with its valuation (docs/warehouse.md), and the tyre
 * hotel (docs/tyre-hotel.md): its sets name the workshop's customers' vehicles and bill their fee on its
 * orders; its season reminders go as the sms module's messages.
 */
export const warehouseModule = defineModule({
  id: 'warehouse',
  name: 'Warehouse',
  description: 'Products, stock, receipts and issues, transfers, inventory counts, barcodes',
  requires: ['core'],
  uses: ['workshop', 'sms'],
  tables: [
    warehouseSettingsTable, productsTable, productSupplierCodesTable, productCostsTable, stockLocationsTable, stockMovementsTable,
    stockMovementCostsTable, tyreSetsTable, tyreSetWheelsTable, stockCountsTable, stockCountLinesTable, warehouseSeriesTable, stockReceiptsTable,
    deliveryNotesTable, stockMinimumsTable, tyreSetPhotosTable,
  ],
  // Server only: the tyre hotel's season reminders sent (one per set per season change).
  serverTables: ['tyre_set_reminders'],
  permissions: ['warehouse.read', 'warehouse.write', 'warehouse.costs', 'tyre_hotel.write'],
  bridges: [orderStockBridge],
  refusals: { ...warehouseRefusals.texts, ...tyreHotelRefusals.texts },
});

export * from './bridges/order-stock';
export * from './count';
export * from './dot';
export * from './labels/barcode';
export * from './product-search';
export * from './quantity';
export * from './stock';
export * from './stock-documents';
export * from './stock-documents-issue';
export * from './stock-documents.tables';
export * from './stock-documents-pdf';
export * from './stock-minimums';
export * from './tyre-size';
export * from './tyre-hotel';
export * from './tyre-sets.tables';
export * from './tyre-label-pdf';
export { tyreHotelRefusals } from './tyre-hotel-refusals';
export * from './valuation';
export * from './warehouse.tables';
export { warehouseRefusals } from './refusals';
