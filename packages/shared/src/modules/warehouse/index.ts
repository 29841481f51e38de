import { defineModule } from '../../module-kit';

/** Not built yet: its definition (entitlements, dependencies) is what exists; its tables come with it. */
export const warehouseModule = defineModule({
  id: 'warehouse',
  name: 'Warehouse',
  description: 'Products, stock, receipts and issues, transfers, inventory counts, barcodes',
  requires: ['core'],
  uses: [],
  tables: [],
  serverTables: [],
  permissions: ['warehouse.read', 'warehouse.write', 'warehouse.costs', 'tyre_hotel.write'],
  bridges: [],
});

export * from './tyre-size';
