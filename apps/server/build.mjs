// Bundles the server into dist/server.js and the migration command (npm run migrate) into
// dist/migrate-cli.js. Workspace packages (TypeScript sources) are bundled in; npm dependencies
// stay external and load from node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@roaauto/'));

await build({
  entryPoints: ['src/server.ts', 'src/migrate-cli.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'info',
});
