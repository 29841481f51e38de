export * from './columns';
export * from './table';
export * from './registry';
export * from './refusals';
export * from './scope';
