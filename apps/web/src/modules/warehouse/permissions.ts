import { productCostsTable, productsTable, stockMovementsTable, warehouseSettingsTable, type Permission } from '@roaauto/shared';

/** Who may change products and the ledger; who sees costs and values; who changes the settings. */
export const writeWarehouse = productsTable.writePermission;
export const seeCosts = productCostsTable.writePermission;
export const manageWarehouse = warehouseSettingsTable.writePermission;
/** Who reads products and stock: the permission the ledger's rows are read with (declared there, always). */
export const readWarehouse: Permission = stockMovementsTable.read?.all ?? writeWarehouse;
