export * from './columns';
export * from './table';
export * from './registry';
