import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import getPort from 'get-port';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { diskStorage } from '../../core/storage';
import { testEngine } from '../../test/test-db';
import { createBackup, manifestFile, sha256File, verifyBackup, type BackupManifest } from './backup';
import { restoreBackup, RestoreRefused } from './restore';
import { scheduleBackups } from './schedule';
import { folderTarget } from './target';

const serverRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Rows of `probe_a` and `probe_b`, written in pairs in one transaction: a consistent copy has both equal. */
const probeTables = `
  create table if not exists probe_a (id integer primary key, v text not null);
  create table if not exists probe_b (id integer primary key, v text not null);`;

type Dirs = { root: string; dataDir: string; databaseFile: string; storageDir: string; backupDir: string };

function makeDirs(): Dirs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-backup-'));
  const dataDir = path.join(root, 'data');
  return { root, dataDir, databaseFile: path.join(dataDir, 'roaauto.sqlite'), storageDir: path.join(dataDir, 'files'), backupDir: path.join(root, 'backups') };
}

/** The real application on the data folder (migrations applied), with the two probe tables. */
async function startApp(dirs: Dirs) {
  const app = await buildApp({ database: { engine: 'sqlite', file: dirs.databaseFile }, storage: { dir: dirs.storageDir } });
  const conn = app.database.sqlite;
  if (!conn) throw new Error('expected SQLite');
  conn.exec(probeTables);
  return { app, conn };
}

function writePairs(conn: SQLite.Database, from: number, count: number): void {
  const a = conn.prepare('insert into probe_a (id, v) values (?, ?)');
  const b = conn.prepare('insert into probe_b (id, v) values (?, ?)');
  conn.transaction(() => {
    for (let i = from; i < from + count; i++) {
      const v = `row ${i} ${'x'.repeat(200)}`;
      a.run(i, v);
      b.run(i, v);
    }
  })();
}

/** Every table's rows (sorted), for comparing two databases whole. */
function dumpTables(file: string): Record<string, string[]> {
  const conn = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const names = conn.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
    const out: Record<string, string[]> = {};
    for (const name of names) out[name] = conn.prepare(`select * from "${name}"`).all().map((r) => JSON.stringify(r)).sort();
    return out;
  } finally {
    conn.close();
  }
}

/** Every stored file under a folder, with its bytes in hex. */
function dumpFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, rel);
    if (fs.statSync(file).isFile()) out[rel.split(path.sep).join('/')] = fs.readFileSync(file).toString('hex');
  }
  return out;
}

function readProbe(file: string): { a: number[]; b: number } {
  const conn = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return {
      a: conn.prepare('select id from probe_a order by id').pluck().all() as number[],
      b: conn.prepare('select count(*) from probe_b').pluck().get() as number,
    };
  } finally {
    conn.close();
  }
}

/** One backup of the data folder into the backup folder, as `npm run backup` (or the server, given its connection). */
function backupNow(dirs: Dirs, connection?: SQLite.Database) {
  return createBackup({ source: { databaseFile: dirs.databaseFile, connection, storageDir: dirs.storageDir }, target: folderTarget(dirs.backupDir), workDir: dirs.backupDir });
}

const sqliteOnly = testEngine() !== 'sqlite';

// Real databases, files and a second process on a shared machine: generous time.
describe.skipIf(sqliteOnly)('SQLite backups', { timeout: 60_000 }, () => {
  let dirs: Dirs;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dirs = makeDirs();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    fs.rmSync(dirs.root, { recursive: true, force: true });
  });

  it('copies a live database while another process writes to it (VACUUM INTO), consistent and verified', async () => {
    const { app } = await startApp(dirs);
    const storage = diskStorage(dirs.storageDir);
    const tenant = randomUUID();
    await storage.put(tenant, 'photos/one', randomBytes(30_000), { contentType: 'image/jpeg' });
    await storage.put(tenant, 'photos/two', randomBytes(10), { contentType: 'image/png' });
    await app.close();

    // A writer in another process: pairs of rows in one transaction each, as fast as it can.
    const writer = spawn(process.execPath, ['-e', `
      const SQLite = require('better-sqlite3');
      const db = new SQLite(process.env.DB_FILE);
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      const a = db.prepare('insert into probe_a (id, v) values (?, ?)');
      const b = db.prepare('insert into probe_b (id, v) values (?, ?)');
      const pair = db.transaction((i) => { const v = 'row ' + i + ' ' + 'x'.repeat(200); a.run(i, v); b.run(i, v); });
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let i = 1; ; i++) { pair(i); if (i % 20 === 0) Atomics.wait(pause, 0, 0, 1); }
    `], { cwd: serverRoot, env: { ...process.env, DB_FILE: dirs.databaseFile }, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(writer);
    let stderr = '';
    writer.stderr.on('data', (d: Buffer) => (stderr += d.toString()));

    const observer = new SQLite(dirs.databaseFile, { readonly: true });
    const rows = () => observer.prepare('select count(*) from probe_a').pluck().get() as number;
    const deadline = Date.now() + 20_000;
    while (rows() < 2000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(rows(), stderr).toBeGreaterThanOrEqual(2000);

    const before = rows();
    const result = await backupNow(dirs);
    // The writer goes on after the backup.
    const stillWriting = Date.now() + 10_000;
    while (rows() <= (result.manifest.tables.probe_a ?? 0) && Date.now() < stillWriting) await new Promise((r) => setTimeout(r, 20));
    const after = rows();
    observer.close();

    const m = result.manifest;
    expect(m.method).toBe('vacuum-into');
    const copied = m.tables.probe_a ?? -1;
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThan(after);
    // One moment's snapshot: both tables of every transaction, the ids without a hole.
    expect(m.tables.probe_b).toBe(copied);
    const dir = path.join(dirs.backupDir, result.name);
    const probe = readProbe(path.join(dir, 'roaauto.sqlite'));
    expect(probe.a).toEqual(Array.from({ length: copied }, (_, i) => i + 1));
    expect(m.migrations.length).toBeGreaterThan(10);
    const photos = ['photos/one', 'photos/one~meta', 'photos/two', 'photos/two~meta'].map((key) => `files/${tenant}/${key}`);
    expect(m.files.map((f) => f.path).sort()).toEqual(photos);
    expect((await verifyBackup(dir)).problems).toEqual([]);
    // The copy is one file: no -wal or -shm beside it, readable read-only.
    expect(fs.readdirSync(dir).sort()).toEqual(['files', manifestFile, 'roaauto.sqlite']);
  });

  it('copies through the server\'s own connection (the online backup API) while the server writes', async () => {
    const { app, conn } = await startApp(dirs);
    writePairs(conn, 1, 5000); // about 300 pages: the copy takes several steps
    let next = 5001;
    let writing = true;
    let writesDuring = 0;
    const loop = () => {
      if (!writing) return;
      writePairs(conn, next, 5);
      next += 5;
      writesDuring++;
      setImmediate(loop);
    };
    const before = next - 1;
    setImmediate(loop);
    const result = await backupNow(dirs, conn);
    writing = false;
    await app.close();

    expect(result.manifest.method).toBe('backup-api');
    expect(writesDuring).toBeGreaterThan(0);
    const copied = result.manifest.tables.probe_a ?? -1;
    // Writes made through the same connection while the copy ran reach the copy.
    expect(copied).toBeGreaterThan(before);
    expect(result.manifest.tables.probe_b).toBe(copied);
    expect(readProbe(path.join(dirs.backupDir, result.name, 'roaauto.sqlite')).a).toEqual(Array.from({ length: copied }, (_, i) => i + 1));
    expect((await verifyBackup(path.join(dirs.backupDir, result.name))).ok).toBe(true);
  });

  describe('verification', () => {
    let dir = '';
    let manifest: BackupManifest;
    beforeEach(async () => {
      const { app, conn } = await startApp(dirs);
      writePairs(conn, 1, 3000);
      await diskStorage(dirs.storageDir).put(randomUUID(), 'photos/a', randomBytes(5000), { contentType: 'image/jpeg' });
      await app.close();
      const result = await backupNow(dirs);
      dir = path.join(dirs.backupDir, result.name);
      manifest = result.manifest;
      expect((await verifyBackup(dir)).ok).toBe(true);
    });
    const dbFile = () => path.join(dir, 'roaauto.sqlite');
    const rewriteManifest = (change: (m: BackupManifest) => void) => {
      const m = JSON.parse(fs.readFileSync(path.join(dir, manifestFile), 'utf8')) as BackupManifest;
      change(m);
      fs.writeFileSync(path.join(dir, manifestFile), JSON.stringify(m));
    };

    it('finds a truncated database', async () => {
      fs.truncateSync(dbFile(), Math.floor(manifest.database.bytes / 2));
      const v = await verifyBackup(dir);
      expect(v.ok).toBe(false);
      expect(v.problems.join('\n')).toContain(`roaauto.sqlite: ${Math.floor(manifest.database.bytes / 2)} bytes`);
    });

    it('finds a truncated database even when the manifest was rewritten to match it (integrity check)', async () => {
      const half = Math.floor(manifest.database.bytes / 2);
      fs.truncateSync(dbFile(), half);
      const sha = await sha256File(dbFile());
      rewriteManifest((m) => {
        m.database.bytes = half;
        m.database.sha256 = sha;
      });
      const v = await verifyBackup(dir);
      expect(v.ok).toBe(false);
      expect(v.problems.some((p) => p.startsWith('integrity check') || p.startsWith('database:') || p.startsWith('table '))).toBe(true);
    });

    it('finds a corrupted page whose checksum was made to match (integrity check)', async () => {
      const conn = new SQLite(dbFile(), { readonly: true });
      const pageSize = conn.pragma('page_size', { simple: true }) as number;
      const root = conn.prepare("select rootpage from sqlite_master where name = 'probe_a'").pluck().get() as number;
      conn.close();
      // Scribble over the b-tree page header of probe_a's root page.
      const fd = fs.openSync(dbFile(), 'r+');
      fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (root - 1) * pageSize);
      fs.closeSync(fd);
      const sha = await sha256File(dbFile());
      rewriteManifest((m) => {
        m.database.sha256 = sha;
      });
      const v = await verifyBackup(dir);
      expect(v.ok).toBe(false);
      expect(v.problems.join('\n')).toMatch(/integrity check|database:|table probe_a/);
    });

    it('finds rows missing against the manifest, a changed file and a missing manifest', async () => {
      rewriteManifest((m) => {
        m.tables.probe_b = 3001;
      });
      expect((await verifyBackup(dir)).problems).toEqual(['table probe_b: 3000 rows, the manifest says 3001']);
      rewriteManifest((m) => {
        m.tables.probe_b = 3000;
      });
      const photo = manifest.files.find((f) => f.path.endsWith('photos/a'));
      if (!photo) throw new Error('expected the photo in the backup');
      const file = path.join(dir, ...photo.path.split('/'));
      const bytes = fs.readFileSync(file);
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      fs.writeFileSync(file, bytes);
      expect((await verifyBackup(dir)).problems).toEqual([`${photo.path}: checksum differs from the manifest`]);
      fs.rmSync(path.join(dir, manifestFile));
      expect((await verifyBackup(dir)).ok).toBe(false);
    });
  });

  describe('restore', () => {
    it('restores rows and files equal to the backup, into a new folder and over the live data', async () => {
      const { app, conn } = await startApp(dirs);
      writePairs(conn, 1, 2000);
      const storage = diskStorage(dirs.storageDir);
      const tenant = randomUUID();
      await storage.put(tenant, 'photos/a', randomBytes(20_000), { contentType: 'image/jpeg' });
      await storage.put(tenant, 'photos/b', randomBytes(300), { contentType: 'image/jpeg' });
      await app.close();
      const tablesAtBackup = dumpTables(dirs.databaseFile);
      const filesAtBackup = dumpFiles(dirs.storageDir);
      const result = await backupNow(dirs);
      const backupDir = path.join(dirs.backupDir, result.name);

      // Into a new, empty folder.
      const fresh = path.join(dirs.root, 'fresh');
      const first = await restoreBackup({ backupDir, databaseFile: path.join(fresh, 'roaauto.sqlite'), storageDir: path.join(fresh, 'files') });
      expect(first.asideDir).toBeNull();
      expect(dumpTables(path.join(fresh, 'roaauto.sqlite'))).toEqual(tablesAtBackup);
      expect(dumpFiles(path.join(fresh, 'files'))).toEqual(filesAtBackup);

      // The live data changes after the backup, then the backup is restored over it.
      const again = await startApp(dirs);
      writePairs(again.conn, 2001, 100);
      again.conn.exec('delete from probe_a where id < 10');
      await storage.delete(tenant, 'photos/a');
      await storage.put(tenant, 'photos/c', randomBytes(50), { contentType: 'image/jpeg' });
      await again.app.close();
      const changedTables = dumpTables(dirs.databaseFile);
      expect(changedTables).not.toEqual(tablesAtBackup);

      const second = await restoreBackup({ backupDir, databaseFile: dirs.databaseFile, storageDir: dirs.storageDir });
      expect(dumpTables(dirs.databaseFile)).toEqual(tablesAtBackup);
      expect(dumpFiles(dirs.storageDir)).toEqual(filesAtBackup);
      // What was replaced is kept aside, whole.
      if (!second.asideDir) throw new Error('expected the replaced data kept aside');
      expect(dumpTables(path.join(second.asideDir, 'roaauto.sqlite'))).toEqual(changedTables);
      const replaced = ['photos/b', 'photos/b~meta', 'photos/c', 'photos/c~meta'].map((key) => `${tenant}/${key}`);
      expect(Object.keys(dumpFiles(path.join(second.asideDir, 'files'))).sort()).toEqual(replaced);
      // The server starts on the restored database.
      const restarted = await startApp(dirs);
      expect(readProbe(dirs.databaseFile).a).toHaveLength(2000);
      await restarted.app.close();
    });

    it('refuses while a server answers at its address or holds the database, and restores once it stopped', async () => {
      const { app, conn } = await startApp(dirs);
      writePairs(conn, 1, 10);
      await app.close();
      const result = await backupNow(dirs);
      const backupDir = path.join(dirs.backupDir, result.name);

      const running = await startApp(dirs);
      writePairs(running.conn, 11, 5);
      const port = await getPort({ host: '127.0.0.1' });
      await running.app.listen({ host: '127.0.0.1', port });
      const options = { backupDir, databaseFile: dirs.databaseFile, storageDir: dirs.storageDir };
      await expect(restoreBackup({ ...options, server: { host: '127.0.0.1', port } })).rejects.toThrow(/A server answers on 127\.0\.0\.1:\d+/);
      // Even when its address is not known: the server's connection holds the database file.
      await expect(restoreBackup(options)).rejects.toThrow(RestoreRefused);
      await expect(restoreBackup(options)).rejects.toThrow(/in use by another process/);
      // Nothing was touched.
      expect(readProbe(dirs.databaseFile).a).toHaveLength(15);
      expect(fs.readdirSync(dirs.dataDir).filter((n) => n.startsWith('replaced-') || n.endsWith('.restoring'))).toEqual([]);
      await running.app.close();

      const restored = await restoreBackup({ ...options, server: { host: '127.0.0.1', port } });
      expect(restored.asideDir).not.toBeNull();
      expect(readProbe(dirs.databaseFile).a).toHaveLength(10);
    });

    it('refuses a backup that fails verification, leaving the live data alone', async () => {
      const { app, conn } = await startApp(dirs);
      writePairs(conn, 1, 10);
      await app.close();
      const result = await backupNow(dirs);
      const backupDir = path.join(dirs.backupDir, result.name);
      fs.truncateSync(path.join(backupDir, 'roaauto.sqlite'), 1000);
      await expect(restoreBackup({ backupDir, databaseFile: dirs.databaseFile, storageDir: dirs.storageDir })).rejects.toThrow(/failed its verification/);
      expect(readProbe(dirs.databaseFile).a).toHaveLength(10);
    });
  });

  it('backs up on the schedule in the server process, verified and kept by the rule', async () => {
    const { app, conn } = await startApp(dirs);
    writePairs(conn, 1, 50);
    // Every 60 ms (the environment allows 5 minutes at least), keeping only the newest backup of the day.
    const settings = { dir: dirs.backupDir, intervalMinutes: 0.001, keep: { daily: 1, weekly: 0, monthly: 0 } };
    scheduleBackups(app, app.database, settings, { databaseFile: dirs.databaseFile, storageDir: dirs.storageDir });
    // Backups are background jobs: the runner polls once the server is ready (listen does it in server.ts).
    await app.ready();
    const target = folderTarget(dirs.backupDir);
    const deadline = Date.now() + 30_000;
    const seen = new Set<string>();
    while (seen.size < 2 && Date.now() < deadline) {
      for (const name of await target.list()) seen.add(name);
      await new Promise((r) => setTimeout(r, 50));
    }
    await app.close();
    expect(seen.size).toBeGreaterThanOrEqual(2);
    const left = await target.list();
    expect(left).toHaveLength(1);
    const v = await verifyBackup(path.join(dirs.backupDir, left[0] ?? ''));
    expect(v.manifest?.method).toBe('backup-api');
    expect(v.problems).toEqual([]);
  });

  it('takes one backup at a time in a folder', async () => {
    const { app, conn } = await startApp(dirs);
    writePairs(conn, 1, 10);
    const target = folderTarget(dirs.backupDir);
    const source = { databaseFile: dirs.databaseFile, connection: conn, storageDir: dirs.storageDir };
    const now = new Date('2026-12-07T03:00:00Z');
    const [first, second] = await Promise.allSettled([
      createBackup({ source, target, workDir: dirs.backupDir, now }),
      createBackup({ source, target, workDir: dirs.backupDir, now: new Date(now.getTime() + 1000) }),
    ]);
    await app.close();
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' ? String(second.reason) : '').toMatch(/Another backup is running/);
    expect(await target.list()).toEqual(['roaauto-20261207T030000Z']);
  });
});
