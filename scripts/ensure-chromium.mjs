// Makes sure Debian's Chromium (and a font with Romanian diacritics) is there for the browser tests.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const fontDir = '/usr/share/fonts/truetype/dejavu';

export function ensureChromium() {
  const missing = [];
  if (!fs.existsSync(chromium)) missing.push('chromium');
  if (!fs.existsSync(fontDir)) missing.push('fonts-dejavu-core');
  if (missing.length && process.env.CHROMIUM_PATH && fs.existsSync(chromium)) missing.length = 0;
  if (missing.length) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const hasApt = fs.existsSync('/usr/bin/apt-get');
    if (!isRoot || !hasApt) {
      throw new Error(
        `The browser tests need Debian's ${missing.join(' and ')}. Install with:\n`
          + `  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n`
          + 'or set CHROMIUM_PATH to a Chromium binary.',
      );
    }
    console.log(`Installing ${missing.join(', ')} with apt-get…`);
    for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
    }
  }
  const version = execFileSync(chromium, ['--version'], { encoding: 'utf8' }).trim();
  return { path: chromium, version };
}
