// The route optimiser of the logistics module (docs/logistics-routing.md).
export * from './types';
export * from './matrix';
export * from './random';
export * from './solver';
export * from './check';
export * from './instances';
