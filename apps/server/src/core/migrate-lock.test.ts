import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations as platformMigrations } from '../../migrations';
import { allMigrations } from '../module-kit';
import { serverModules } from '../modules';
import { buildApp } from '../app';
import { createTestDatabase, testEngine, type TestDatabase } from '../test/test-db';
import { openDatabase } from './db';
import { migrateToLatest, pendingMigrations } from './migrate';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const childEntry = fileURLToPath(new URL('../test/migrate-child.ts', import.meta.url));
const cliEntry = fileURLToPath(new URL('../migrate-cli.ts', import.meta.url));
const allNames = Object.keys(allMigrations(platformMigrations, serverModules)).sort();

type Child = { ready: Promise<void>; go(): void; result: Promise<string[]> };

/** A separate process that migrates `database` once released (src/test/migrate-child.ts). */
function migratingProcess(database: TestDatabase): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', childEntry, JSON.stringify(database.config)], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const result = new Promise<string[]>((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) reject(new Error(`migrating process exited with ${code}:\n${out}\n${err}`));
      else resolve((JSON.parse(line) as { applied: string[] }).applied);
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), result };
}

/** The environment the real commands read the test database from. */
function databaseEnv(database: TestDatabase, dataDir: string): NodeJS.ProcessEnv {
  const db = database.config;
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  if (db.engine === 'postgres') {
    env.DATABASE_URL = `${db.url}${db.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${db.schema ?? 'public'}`)}`;
  }
  return env;
}

function runCli(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cliEntry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe(`migrations run once on ${testEngine()}`, () => {
  let target: TestDatabase | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await target?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    target = undefined;
    dataDir = undefined;
  });

  /** A fresh database that `npm run migrate` (DATA_DIR) and the test (its config) both address. */
  async function freshTarget(): Promise<TestDatabase> {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-migrate-'));
    const created = await createTestDatabase();
    target = created.config.engine === 'sqlite'
      ? { config: { engine: 'sqlite', file: path.join(dataDir, 'roaauto.sqlite') }, drop: () => created.drop() }
      : created;
    return target;
  }

  it('two processes released together apply every migration once between them, and both succeed', async () => {
    const database = await freshTarget();
    const children = [migratingProcess(database), migratingProcess(database)];
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.go();
    const [first = [], second = []] = await Promise.all(children.map((c) => c.result));

    expect([...first, ...second].sort()).toEqual(allNames);
    // One process applied them all while the other waited for its lock, then found nothing to do.
    expect([first.length, second.length].sort((a, b) => a - b)).toEqual([0, allNames.length]);
    const opened = openDatabase(database.config);
    try {
      const { rows } = await sql<{ name: string; n: number | string }>`select name, count(*) as n from kysely_migration group by name`.execute(opened.db);
      expect(rows.length).toBe(allNames.length);
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
      expect(await pendingMigrations(opened)).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 120_000);

  it('npm run migrate applies the migrations and exits; a server told not to migrate refuses a database that lacks one', async () => {
    const database = await freshTarget();
    const dir = dataDir ?? '';
    await expect(buildApp({ database: database.config, migrateOnStart: false })).rejects.toThrow(/lacks \d+ migration\(s\).*npm run migrate/);

    const env = databaseEnv(database, dir);
    const first = await runCli(env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(`applied ${allNames.length} migration(s)`);
    const again = await runCli(env);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('the database is up to date');

    const app = await buildApp({ database: database.config, migrateOnStart: false });
    try {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('applies nothing and reports nothing pending on a database already current', async () => {
    const database = await freshTarget();
    const opened = openDatabase(database.config);
    try {
      expect(await pendingMigrations(opened)).toEqual(allNames);
      expect(await migrateToLatest(opened)).toEqual(allNames);
      expect(await migrateToLatest(opened)).toEqual([]);
      expect(await pendingMigrations(opened)).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 60_000);
});
