export * from './protocol';
export * from './client';
export * from './local-schema';
