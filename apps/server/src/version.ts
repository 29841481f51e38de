import pkg from '../package.json' with { type: 'json' };

export const serverVersion: string = pkg.version;
