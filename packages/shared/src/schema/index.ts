export * from './columns';
export * from './table';
export * from './registry';
export { clientsTable } from '../modules/core/clients.table';
export * from '../modules/workshop/vehicles.table';
export * from '../modules/workshop/catalog.tables';
export * from '../modules/workshop/orders.tables';
export * from '../modules/workshop/order-rules';
