import fs from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { databaseEntry, filesEntry, sha256File, verifyBackup, type BackupManifest } from './backup';

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export type RestoreOptions = {
  /** The backup folder to restore. */
  backupDir: string;
  /** The server's database file (DATA_DIR/roaauto.sqlite). */
  databaseFile: string;
  /** The server's folder of companies' files (DATA_DIR/files). */
  storageDir: string;
  /** Where the server listens: a server that answers there is running, and the restore is refused. */
  server?: { host: string; port: number } | undefined;
  now?: Date | undefined;
};

export type RestoreResult = { manifest: BackupManifest; asideDir: string | null };

/** Answers whether anything answers HTTP at the address (any status counts: something listens there). */
async function answers(host: string, port: number): Promise<boolean> {
  const address = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const hostPart = address.includes(':') ? `[${address}]` : address;
  try {
    await fetch(`http://${hostPart}:${port}/api/health`, { signal: AbortSignal.timeout(1500) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes SQLite's exclusive lock on the live database, or refuses. A connection in WAL mode (the server's)
 * holds a shared lock on the database file from its first read until it closes, so the exclusive lock is
 * granted only when no process has the database open; a crashed server holds nothing. The lock is kept
 * while the backup is copied in, so a server starting meanwhile waits for it.
 */
function lockDatabase(file: string): SQLite.Database {
  const conn = new SQLite(file, { fileMustExist: true });
  try {
    conn.pragma('busy_timeout = 0');
    conn.pragma('locking_mode = EXCLUSIVE');
    conn.exec('begin exclusive');
    return conn;
  } catch (err) {
    conn.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new RestoreRefused(`The database ${file} is in use by another process: stop the server before restoring`);
    }
    throw err;
  }
}

async function exists(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => null)) !== null;
}

/**
 * Restores a backup into a stopped server's data folder: verifies the backup, refuses while a server
 * answers at its address or any process has the database open, copies the backup beside the live files,
 * then moves the database (with its -wal and -shm) and the files folder aside into
 * `<data>/replaced-<time>/` and the copies into their place.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { backupDir, databaseFile, storageDir } = options;
  const verification = await verifyBackup(backupDir);
  if (!verification.ok || !verification.manifest) {
    throw new RestoreRefused(`The backup ${backupDir} failed its verification: ${verification.problems.join('; ')}`);
  }
  const manifest = verification.manifest;
  if (options.server && (await answers(options.server.host, options.server.port))) {
    throw new RestoreRefused(`A server answers on ${options.server.host}:${options.server.port}: stop it before restoring`);
  }
  const lock = (await exists(databaseFile)) ? lockDatabase(databaseFile) : null;
  const stamp = (options.now ?? new Date()).toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z');
  const dataDir = path.dirname(databaseFile);
  const incomingDb = `${databaseFile}.restoring`;
  const incomingFiles = `${storageDir}.restoring`;
  let asideDir: string | null = null;
  try {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.rm(incomingDb, { force: true });
    await fs.rm(incomingFiles, { recursive: true, force: true });
    await fs.copyFile(path.join(backupDir, databaseEntry), incomingDb);
    if ((await sha256File(incomingDb)) !== manifest.database.sha256) throw new Error('The copied database differs from the backup');
    await fs.mkdir(incomingFiles, { recursive: true });
    const backupFiles = path.join(backupDir, filesEntry);
    if (await exists(backupFiles)) await fs.cp(backupFiles, incomingFiles, { recursive: true });

    const live = [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`, storageDir];
    const present: string[] = [];
    for (const file of live) if (await exists(file)) present.push(file);
    if (present.length) {
      asideDir = path.join(dataDir, `replaced-${stamp}`);
      await fs.mkdir(asideDir, { recursive: true });
    }
    // The lock is released only now: closing it may fold the -wal into the old database, which goes aside whole.
    if (lock) {
      lock.exec('rollback');
      lock.close();
    }
    for (const file of present) {
      if (asideDir && (await exists(file))) await fs.rename(file, path.join(asideDir, path.basename(file)));
    }
    await fs.rename(incomingDb, databaseFile);
    await fs.rename(incomingFiles, storageDir);
    return { manifest, asideDir };
  } catch (err) {
    if (lock?.open) lock.close();
    await fs.rm(incomingDb, { force: true });
    await fs.rm(incomingFiles, { recursive: true, force: true });
    throw err;
  }
}
