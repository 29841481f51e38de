import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { serverVersion } from '../../version';
import { backupsToKeep, type RetentionRule } from './retention';
import { backupDate, backupName, type BackupTarget } from './target';

/** The manifest's format; a backup of another format is refused rather than read wrongly. */
export const backupFormat = 1;
export const manifestFile = 'manifest.json';
/** The database's name inside a backup, and the folder of the companies' files. */
export const databaseEntry = 'roaauto.sqlite';
export const filesEntry = 'files';

export type FileEntry = { path: string; bytes: number; sha256: string };

export type BackupManifest = {
  format: number;
  engine: 'sqlite';
  createdAt: string;
  serverVersion: string;
  /** How the copy of the live database was taken (SQLite's online backup API, or VACUUM INTO). */
  method: 'backup-api' | 'vacuum-into';
  /** The migrations applied to the copy, in order. */
  migrations: string[];
  database: FileEntry;
  /** Rows of every table of the copy. */
  tables: Record<string, number>;
  /** The companies' stored files, paths under `files/`. */
  files: FileEntry[];
  totalBytes: number;
};

export type BackupSource = {
  /** The live database file. */
  databaseFile: string;
  /**
   * The server's own connection to it: the copy then goes through SQLite's online backup API step by
   * step without blocking the server, and the server's writes meanwhile reach the copy. Without it a
   * connection of this process takes one consistent snapshot with VACUUM INTO (writers in other
   * processes go on: the database is in WAL mode).
   */
  connection?: SQLite.Database | undefined;
  /** The folder of the companies' files (DATA_DIR/files); absent or missing: no files. */
  storageDir?: string | undefined;
};

export type BackupResult = { name: string; manifest: BackupManifest; removed: string[] };

export class BackupBusy extends Error {
  constructor(holder: string) {
    super(`Another backup is running (${holder})`);
    this.name = 'BackupBusy';
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function describeFile(root: string, rel: string): Promise<FileEntry> {
  const file = path.join(root, rel);
  const { size } = await fs.stat(file);
  return { path: rel.split(path.sep).join('/'), bytes: size, sha256: await sha256File(file) };
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows per table and the migrations applied, read from an open database. */
export function describeDatabase(conn: SQLite.Database): { tables: Record<string, number>; migrations: string[] } {
  const names = conn
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name")
    .pluck()
    .all() as string[];
  const tables: Record<string, number> = {};
  for (const name of names) tables[name] = conn.prepare(`select count(*) from ${quoteIdent(name)}`).pluck().get() as number;
  const migrations = names.includes('kysely_migration')
    ? (conn.prepare('select name from kysely_migration order by name').pluck().all() as string[])
    : [];
  return { tables, migrations };
}

/** Copies the live database to `dest` (a new file) online, then leaves the copy as one self-contained file. */
async function snapshotDatabase(source: BackupSource, dest: string): Promise<BackupManifest['method']> {
  let method: BackupManifest['method'];
  if (source.connection) {
    await source.connection.backup(dest);
    method = 'backup-api';
  } else {
    const conn = new SQLite(source.databaseFile, { fileMustExist: true });
    try {
      conn.pragma('busy_timeout = 5000');
      conn.prepare('vacuum into ?').run(dest);
    } finally {
      conn.close();
    }
    method = 'vacuum-into';
  }
  // The copy carries the live database's WAL mode; a backup is one file, readable without a -wal or -shm.
  const copy = new SQLite(dest, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return method;
}

/** Every regular file under `root`, relative paths; temporary files of writes in progress are left out. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const entry of entries) {
      const child = rel ? path.join(rel, entry.name) : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && !entry.name.includes('~tmp-')) out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

/**
 * Copies the companies' files. A file is replaced by a rename (docs/storage.md), so a copy opens one whole
 * version; a file removed meanwhile is skipped. The checksum is of the copy.
 */
async function copyFiles(storageDir: string, destRoot: string): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  for (const rel of await listFiles(storageDir)) {
    const dest = path.join(destRoot, rel);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    try {
      await fs.copyFile(path.join(storageDir, rel), dest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const entry = await describeFile(destRoot, rel);
    entries.push({ ...entry, path: `${filesEntry}/${entry.path}` });
  }
  return entries;
}

export type Verification = { ok: boolean; problems: string[]; manifest: BackupManifest | null };

function parseManifest(text: string): BackupManifest {
  const value = JSON.parse(text) as Partial<BackupManifest> | null;
  if (!value || typeof value !== 'object') throw new Error('the manifest is not an object');
  if (value.format !== backupFormat) throw new Error(`the manifest's format is ${String(value.format)}, this server reads ${backupFormat}`);
  if (value.engine !== 'sqlite' || !value.database || !value.tables || !Array.isArray(value.files) || !Array.isArray(value.migrations)) {
    throw new Error('the manifest is incomplete');
  }
  return value as BackupManifest;
}

/** Checks a file of the backup against its entry; answers the problem or null. */
async function checkEntry(dir: string, entry: FileEntry): Promise<string | null> {
  const file = path.join(dir, ...entry.path.split('/'));
  if (!path.resolve(file).startsWith(path.resolve(dir) + path.sep)) return `${entry.path}: a path outside the backup`;
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return `${entry.path}: missing`;
  if (stat.size !== entry.bytes) return `${entry.path}: ${stat.size} bytes, the manifest says ${entry.bytes}`;
  if ((await sha256File(file)) !== entry.sha256) return `${entry.path}: checksum differs from the manifest`;
  return null;
}

/**
 * Verifies a backup folder: the manifest, every file's size and checksum, then the database opened
 * read-only: `PRAGMA integrity_check` and the rows of every table equal to the manifest's.
 */
export async function verifyBackup(dir: string): Promise<Verification> {
  const problems: string[] = [];
  let manifest: BackupManifest;
  try {
    manifest = parseManifest(await fs.readFile(path.join(dir, manifestFile), 'utf8'));
  } catch (err) {
    return { ok: false, problems: [`manifest: ${err instanceof Error ? err.message : String(err)}`], manifest: null };
  }
  for (const entry of [manifest.database, ...manifest.files]) {
    const problem = await checkEntry(dir, entry);
    if (problem) problems.push(problem);
  }
  const databaseProblem = problems.find((p) => p.startsWith(`${manifest.database.path}:`));
  if (!databaseProblem || !databaseProblem.endsWith('missing')) {
    try {
      const conn = new SQLite(path.join(dir, manifest.database.path), { readonly: true, fileMustExist: true });
      try {
        const integrity = conn.pragma('integrity_check') as { integrity_check: string }[];
        const messages = integrity.map((r) => r.integrity_check);
        if (messages.length !== 1 || messages[0] !== 'ok') problems.push(`integrity check: ${messages.slice(0, 5).join('; ')}`);
        const { tables } = describeDatabase(conn);
        for (const [table, rows] of Object.entries(manifest.tables)) {
          if (tables[table] === undefined) problems.push(`table ${table}: missing`);
          else if (tables[table] !== rows) problems.push(`table ${table}: ${tables[table]} rows, the manifest says ${rows}`);
        }
        for (const table of Object.keys(tables)) {
          if (manifest.tables[table] === undefined) problems.push(`table ${table}: not in the manifest`);
        }
      } finally {
        conn.close();
      }
    } catch (err) {
      problems.push(`database: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { ok: problems.length === 0, problems, manifest };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One backup at a time in a folder, across processes (the server's schedule and `npm run backup`): a lock
 * file holding the pid, created exclusively. A lock whose process has died is taken over.
 */
async function takeLock(dir: string): Promise<() => Promise<void>> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, '.backup.lock');
  // The pid is written first and linked into place: whoever finds the lock finds it whole.
  const mine = path.join(dir, `.backup.lock-${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.writeFile(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.link(mine, file);
        return () => fs.rm(file, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const pid = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
        if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) throw new BackupBusy(`process ${pid}`);
        await fs.rm(file, { force: true });
      }
    }
    throw new BackupBusy(file);
  } finally {
    await fs.rm(mine, { force: true });
  }
}

export type BackupOptions = {
  source: BackupSource;
  target: BackupTarget;
  /** A local folder where the backup is written and verified before it goes to the target. */
  workDir: string;
  retention?: RetentionRule | undefined;
  now?: Date | undefined;
};

/**
 * Takes one backup: the database online and the companies' files into `<workDir>/.partial-<name>`, the
 * manifest, a verification of what was written; then hands it to the target and applies the retention
 * rule to the target's backups. A backup that fails verification is removed and the call throws.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const { source, target, workDir } = options;
  const release = await takeLock(workDir);
  const now = options.now ?? new Date();
  const name = backupName(now);
  const staging = path.join(workDir, `.partial-${name}`);
  try {
    if ((await target.list()).includes(name)) throw new Error(`A backup named ${name} exists already`);
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging, { recursive: true });
    const method = await snapshotDatabase(source, path.join(staging, databaseEntry));
    const files = source.storageDir ? await copyFiles(source.storageDir, path.join(staging, filesEntry)) : [];
    const conn = new SQLite(path.join(staging, databaseEntry), { readonly: true, fileMustExist: true });
    let described;
    try {
      described = describeDatabase(conn);
    } finally {
      conn.close();
    }
    const database = await describeFile(staging, databaseEntry);
    const manifest: BackupManifest = {
      format: backupFormat,
      engine: 'sqlite',
      createdAt: now.toISOString(),
      serverVersion,
      method,
      migrations: described.migrations,
      database,
      tables: described.tables,
      files,
      totalBytes: database.bytes + files.reduce((sum, f) => sum + f.bytes, 0),
    };
    await fs.writeFile(path.join(staging, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
    const verification = await verifyBackup(staging);
    if (!verification.ok) throw new Error(`The backup failed its verification: ${verification.problems.join('; ')}`);
    await target.put(staging, name);
    const removed = options.retention ? await applyRetention(target, options.retention) : [];
    return { name, manifest, removed };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
    await release();
  }
}

/** Removes the target's backups the rule does not keep; answers their names. */
export async function applyRetention(target: BackupTarget, rule: RetentionRule): Promise<string[]> {
  const dated = (await target.list()).flatMap((name) => {
    const at = backupDate(name);
    return at ? [{ name, at }] : [];
  });
  const keep = backupsToKeep(dated, rule);
  const removed: string[] = [];
  for (const { name } of dated) {
    if (keep.has(name)) continue;
    await target.remove(name);
    removed.push(name);
  }
  return removed.sort();
}
