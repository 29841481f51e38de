export * from './modules';
export * from './plans';
export * from './entitlements';
