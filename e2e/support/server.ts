import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const serverEntry = path.join(repoRoot, 'apps/server/dist/server.js');

/** The platform operator every e2e server starts with. */
export const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };

export type RunningServer = {
  baseURL: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed, for assertions on its logs and for failure reports. */
  output: () => string;
  /** Stops the process; the data folder is removed unless `keepData` (to start again on it). */
  stop: (signal?: NodeJS.Signals, options?: { keepData?: boolean }) => Promise<number | null>;
  port: number;
};

/** A busy 2-core machine can take long to start a process; a server that never answers still fails. */
const healthWaitMs = 60_000;

async function waitForHealth(baseURL: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + healthWaitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy in ${healthWaitMs / 1000} s:\n${output()}`);
}

/** Starts the real built server (npm run build first) on a free port with a temporary SQLite database. */
export async function startServer(
  env: Record<string, string> = {},
  reuse: { dataDir?: string; port?: number } = {},
): Promise<RunningServer> {
  if (!fs.existsSync(serverEntry)) throw new Error(`${serverEntry} is missing: run "npm run build" first`);
  const dataDir = reuse.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-e2e-'));
  const port = reuse.port ?? (await getPort({ host: '127.0.0.1' }));
  const baseURL = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ROAAUTO_AUTH_RATE_LIMIT: '1000',
      ROAAUTO_SUPERADMIN_EMAIL: superAdmin.email,
      ROAAUTO_SUPERADMIN_PASSWORD: superAdmin.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const output = () => log;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitForHealth(baseURL, child, output);

  return {
    baseURL,
    dataDir,
    process: child,
    output,
    port,
    stop: async (signal = 'SIGTERM', options = {}) => {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
