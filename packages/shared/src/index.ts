export * from './errors';
export * from './app-info';
export * from './entitlements';
export * from './auth/roles';
export * from './auth/password';
export * from './validation/cui';
export * from './ids';
