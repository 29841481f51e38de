import fs from 'node:fs';

/** CHROMIUM_PATH overrides; Debian's package installs /usr/bin/chromium. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install it with "apt-get install -y chromium fonts-dejavu-core" `
        + 'or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return path;
}

/** Flags that keep Chromium off the network at start and let it run as root in CI. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
