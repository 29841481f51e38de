import fs from 'node:fs/promises';
import path from 'node:path';

/** A backup's name: `roaauto-20261207T030000Z`, the moment it was taken (UTC). */
const namePattern = /^roaauto-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function backupName(at: Date): string {
  const iso = at.toISOString(); // 2026-12-07T03:00:00.000Z
  return `roaauto-${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 19).replaceAll(':', '')}Z`;
}

/** The moment a backup's name tells, or null for a name that is not a backup's. */
export function backupDate(name: string): Date | null {
  const m = namePattern.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/**
 * Where finished backups are kept. A backup is first written and verified in a local folder, then handed
 * to the target whole; the retention rule lists and removes through it. A folder (a local disk, a mounted
 * network share) or an S3-compatible object store (s3-target.ts).
 */
export type BackupTarget = {
  readonly description: string;
  /** Stores the finished backup in `localDir` under `name` (the local folder may be moved away). */
  put(localDir: string, name: string): Promise<void>;
  /** The names of the backups stored, in no particular order. */
  list(): Promise<string[]>;
  remove(name: string): Promise<void>;
  /** A local folder holding the backup, to verify or restore from. */
  fetch(name: string): Promise<string>;
  /** Done with a folder `fetch` answered: a target that downloaded it removes it. */
  release?(dir: string): Promise<void>;
  /** The text of a stored backup's manifest, or null when it has none. */
  readManifest(name: string): Promise<string | null>;
};

/** Backups as folders inside `root`; a folder without its manifest (a backup not finished) is not listed. */
export function folderTarget(root: string): BackupTarget {
  const base = path.resolve(root);
  return {
    description: base,
    async put(localDir, name) {
      if (!backupDate(name)) throw new Error(`Not a backup name: ${name}`);
      await fs.mkdir(base, { recursive: true });
      const dest = path.join(base, name);
      try {
        await fs.rename(localDir, dest);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        // Another file system: copy beside, then rename, so the name appears only when the copy is whole.
        const temp = path.join(base, `.partial-${name}`);
        await fs.cp(localDir, temp, { recursive: true });
        await fs.rename(temp, dest);
        await fs.rm(localDir, { recursive: true, force: true });
      }
    },
    async list() {
      let entries: string[];
      try {
        entries = await fs.readdir(base);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
      const names: string[] = [];
      for (const name of entries) {
        if (!backupDate(name)) continue;
        const manifest = await fs.stat(path.join(base, name, 'manifest.json')).catch(() => null);
        if (manifest?.isFile()) names.push(name);
      }
      return names;
    },
    async remove(name) {
      if (!backupDate(name)) throw new Error(`Not a backup name: ${name}`);
      await fs.rm(path.join(base, name), { recursive: true, force: true });
    },
    async fetch(name) {
      if (!backupDate(name)) throw new Error(`Not a backup name: ${name}`);
      return path.join(base, name);
    },
    async readManifest(name) {
      if (!backupDate(name)) throw new Error(`Not a backup name: ${name}`);
      return fs.readFile(path.join(base, name, 'manifest.json'), 'utf8').catch(() => null);
    },
  };
}
