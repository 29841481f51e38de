import { productCostsTable, productsTable, warehouseSettingsTable } from '@roaauto/shared';

/** Who may change products and the ledger; who sees costs and values; who changes the settings. */
export const writeWarehouse = productsTable.writePermission;
export const seeCosts = productCostsTable.writePermission;
export const manageWarehouse = warehouseSettingsTable.writePermission;
