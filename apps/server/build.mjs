// Bundles the server into dist/server.js and the migration command (npm run migrate) into
// dist/migrate-cli.js. Workspace packages (TypeScript sources) are bundled in; npm dependencies
// stay external and load from node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@roaauto/'));

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: true, external, logLevel: 'info' };
await build({ ...common, entryPoints: ['src/server.ts'], outfile: 'dist/server.js' });
// The backup and restore commands (npm run backup, npm run restore): the same settings as the server.
await build({ ...common, entryPoints: ['src/ops/backup/cli.ts'], outfile: 'dist/backup.js' });
// The migration command (npm run migrate): applies what is pending and exits.
await build({ ...common, entryPoints: ['src/migrate-cli.ts'], outfile: 'dist/migrate-cli.js' });
