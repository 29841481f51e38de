export * from './modules';
export * from './plans';
export * from './entitlements';
export * from './standing';
export * from './limits';
