import { defineModule } from '../../module-kit';
import { tyreHotelRefusals } from './tyre-hotel-refusals';
import { tyreSetsTable, tyreSetWheelsTable } from './tyre-sets.tables';

/**
 * Products, stock and the tyre hotel (docs/tyre-hotel.md). The tyre hotel's sets name the workshop's
 * customers' vehicles and bill their fee on its orders; its season reminders go as the sms module's messages.
 */
export const warehouseModule = defineModule({
  id: 'warehouse',
  name: 'Warehouse',
  description: 'Products, stock, receipts and issues, transfers, inventory counts, barcodes',
  requires: ['core'],
  uses: ['workshop', 'sms'],
  tables: [tyreSetsTable, tyreSetWheelsTable],
  // Server only: the season reminders sent (one per set per season change).
  serverTables: ['tyre_set_reminders'],
  permissions: ['warehouse.read', 'warehouse.write', 'warehouse.costs', 'tyre_hotel.write'],
  bridges: [],
  refusals: tyreHotelRefusals.texts,
});

export * from './tyre-size';
export * from './tyre-hotel';
export * from './tyre-sets.tables';
export * from './tyre-label-pdf';
export { tyreHotelRefusals } from './tyre-hotel-refusals';
