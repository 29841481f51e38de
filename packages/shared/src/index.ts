export * from './errors';
export * from './app-info';
