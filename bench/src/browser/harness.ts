import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { build, type BuildOptions } from 'esbuild';

/**
 * What every browser bench shares: Debian's Chromium launched headless with the same flags, code bundled for
 * the page with esbuild, and a small local server for the page, its scripts and its data.
 */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Headless Chromium (`CHROMIUM_PATH`, or Debian's). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
}

const browserBuild = { bundle: true, format: 'esm', write: false, platform: 'browser', target: 'es2022' } as const;

/** One module for the page: `entry` is a file beside the bench (`./browser/x.ts`), or esbuild options of its own. */
export async function bundleForBrowser(entry: string | BuildOptions): Promise<string> {
  const options: BuildOptions = typeof entry === 'string' ? { entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))] } : entry;
  return (await build({ ...browserBuild, ...options })).outputFiles?.[0]?.text ?? '';
}

export type Served = { type: string; body: string | Buffer };

/**
 * Serves `files` by path on a free local port; any other path answers the page: `pageScript`'s module, or
 * an empty page. Answers the address and a function that stops it.
 */
export async function serveBench(files: Record<string, Served>, pageScript?: string): Promise<{ url: string; close: () => void }> {
  const page = `<!doctype html><title>bench</title>${pageScript ? `<script type="module" src="${pageScript}"></script>` : ''}`;
  const server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (file) return res.writeHead(200, { 'content-type': file.type }).end(file.body);
    return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://localhost:${typeof address === 'object' && address ? address.port : 0}`, close: () => server.close() };
}

export const js = (body: string): Served => ({ type: 'text/javascript', body });
