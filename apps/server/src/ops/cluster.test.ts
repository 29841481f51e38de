import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { allMigrations } from '../module-kit';
import { serverModules } from '../modules';
import { migrations as platformMigrations } from '../../migrations';
import { openDatabase } from '../core/db';
import { createTestDatabase, testEngine, type TestDatabase } from '../test/test-db';
import { clusterProblem } from './cluster';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const serverEntry = fileURLToPath(new URL('../server.ts', import.meta.url));
const allNames = Object.keys(allMigrations(platformMigrations, serverModules));

type Running = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

/** `npm start` as an operator runs it, with WORKERS=`workers`, on a fresh database of the engine under test. */
async function start(database: TestDatabase, dataDir: string, workers: number): Promise<Running> {
  const port = await getPort({ host: '127.0.0.1' });
  const db = database.config;
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', WORKERS: String(workers) };
  delete env.DATABASE_URL;
  if (db.engine === 'postgres') {
    env.DATABASE_URL = `${db.url}${db.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${db.schema ?? 'public'}`)}`;
  }
  // A process group of its own: the test can send a Ctrl-C to all of it, as a terminal does.
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, output: () => log, exited };
}

/** The pids of the processes that logged `text` (pino writes one JSON object per line). */
function pidsLogging(output: string, text: string): Set<number> {
  return new Set(output.split('\n').filter((l) => l.startsWith('{') && l.includes(text)).map((l) => (JSON.parse(l) as { pid: number }).pid));
}

/** One request on a connection of its own (the cluster hands connections, not requests, to workers). */
function getOnce(port: number, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: url, agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    }).once('error', reject);
  });
}

describe(`npm start with WORKERS on ${testEngine()}`, () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let running: Running | undefined;
  afterEach(async () => {
    if (running && running.child.exitCode === null && running.child.pid) process.kill(-running.child.pid, 'SIGKILL');
    await running?.exited;
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    running = undefined;
    database = undefined;
    dataDir = undefined;
  });

  it('refuses several processes on SQLite with the reason, and allows them on PostgreSQL', () => {
    expect(clusterProblem({ workers: 1, database: { engine: 'sqlite', file: 'x.sqlite' } })).toBeNull();
    expect(clusterProblem({ workers: 4, database: { engine: 'postgres', url: 'postgres://x' } })).toBeNull();
    expect(clusterProblem({ workers: 2, database: { engine: 'sqlite', file: 'x.sqlite' } })).toMatch(/WORKERS=2 needs PostgreSQL/);
  });

  it(testEngine() === 'postgres'
    ? 'migrates once in the primary, serves from every worker, and stops them all gracefully on a Ctrl-C'
    : 'stops at start with the reason when asked for several processes', async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-cluster-'));
    running = await start(database, dataDir, 2);
    const server = running;

    if (testEngine() === 'sqlite') {
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain('WORKERS=2 needs PostgreSQL');
      return;
    }

    const deadline = Date.now() + 60_000;
    while (pidsLogging(server.output(), 'ROA AUTO is ready').size < 2) {
      if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
      if (Date.now() > deadline) throw new Error(`the workers did not start:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const workers = pidsLogging(server.output(), 'ROA AUTO is ready');
    expect(workers.has(server.child.pid ?? -1)).toBe(false);
    // The primary applied every migration; no worker applied any.
    expect(server.output()).toContain(`primary: applied ${allNames.length} migration(s)`);
    expect(pidsLogging(server.output(), 'migrations applied').size).toBe(0);
    const opened = openDatabase(database.config);
    try {
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from kysely_migration`.execute(opened.db);
      expect(Number(rows[0]?.n)).toBe(allNames.length);
    } finally {
      await opened.close();
    }

    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push(await getOnce(server.port, '/api/ready'));
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Both workers answered some of them.
    expect(pidsLogging(server.output(), '"url":"/api/ready"')).toEqual(workers);

    // Ctrl-C in a terminal: every process of the group gets SIGINT, and the primary passes a SIGTERM on
    // to each worker as well; each still finishes gracefully, once.
    process.kill(-(server.child.pid ?? 0), 'SIGINT');
    expect(await server.exited, server.output()).toBe(0);
    expect(pidsLogging(server.output(), 'server closed, database closed')).toEqual(workers);
    expect(server.output()).toContain('primary: every worker has stopped');
  }, 120_000);
});
