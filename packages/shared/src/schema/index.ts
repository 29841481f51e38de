export * from './columns';
export * from './table';
export * from './registry';
export { clientsTable } from '../modules/core/clients.table';
export { vehiclesTable } from '../modules/workshop/vehicles.table';
