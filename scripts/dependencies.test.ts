import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * The Node versions the project supports: the oldest release of each line it runs on. Every installed
 * package must accept each of them, or `npm install` prints an EBADENGINE warning (and the package may
 * not run there).
 */
const supportedNodes = ['20.19.0', '22.13.0', '24.0.0'];

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string): unknown => JSON.parse(fs.readFileSync(`${root}/${file}`, 'utf8'));
const pkg = read('package.json') as { engines: { node: string } };
const lock = read('package-lock.json') as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

describe('dependencies', () => {
  it('the supported Node versions are what package.json and the README say', () => {
    const minimum = semver.minVersion(pkg.engines.node)?.version;
    expect(minimum).toBe(supportedNodes[0]);
    for (const v of supportedNodes) expect(semver.satisfies(v, pkg.engines.node), v).toBe(true);
    // "20.19+, 22.13+ or 24+"
    const named = supportedNodes.map((v) => `${v.replace(/\.0$/, '').replace(/\.0$/, '')}+`);
    const readme = fs.readFileSync(`${root}/README.md`, 'utf8');
    expect(readme).toContain(`Node.js **${named.slice(0, -1).join(', ')} or ${named.at(-1) ?? ''}**`);
  });

  it('every package of the lockfile runs on every supported Node version (no EBADENGINE on install)', () => {
    const refused: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!where || !range) continue;
      for (const v of supportedNodes) {
        if (!semver.satisfies(v, range)) refused.push(`${where.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'} wants Node ${range}, not ${v}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
