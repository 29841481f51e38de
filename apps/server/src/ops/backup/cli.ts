import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config';
import { createBackup, verifyBackup } from './backup';
import { restoreBackup } from './restore';
import { backupTarget } from './schedule';

/**
 * `npm run backup`: one backup now into BACKUP_DIR, or through it to the S3 bucket when BACKUP_S3_BUCKET is
 * set (SQLite). `npm run restore -- <backup>`: restores a backup (a folder, or a name inside BACKUP_DIR or
 * the bucket, fetched first) into the stopped server's DATA_DIR. `verify <backup>`
 * checks one without restoring. The settings are the server's environment (docs/backups.md).
 */
async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  const config = loadConfig();
  if (config.database.engine !== 'sqlite') {
    console.error('The database is PostgreSQL: use scripts/pg-backup.sh and pg_restore (docs/backups.md).');
    return 2;
  }
  const databaseFile = config.database.file;
  const backupDir = config.backup.dir;
  const target = backupDir ? backupTarget({ dir: backupDir, s3: config.backup.s3 }) : null;
  /** A local folder holding the backup: a folder given, else the backup of that name fetched from the target. */
  const withBackup = async <T>(name: string | undefined, use: (dir: string) => Promise<T>): Promise<T> => {
    if (!name) throw new Error(`Usage: ${command} <backup folder, or name of a backup in BACKUP_DIR or the S3 bucket>`);
    if (fs.existsSync(name) || !target) return use(path.resolve(name));
    if (config.backup.s3) console.log(`Fetching ${name} from ${target.description}...`);
    const dir = await target.fetch(name);
    try {
      return await use(dir);
    } finally {
      await target.release?.(dir);
    }
  };

  if (command === 'backup') {
    if (!backupDir || !target) {
      console.error('Set BACKUP_DIR to the folder backups are kept in (with BACKUP_S3_BUCKET: written and verified in).');
      return 2;
    }
    const started = Date.now();
    const result = await createBackup({
      source: { databaseFile, storageDir: config.storageDir },
      target,
      workDir: backupDir,
      retention: config.backup.keep,
    });
    const m = result.manifest;
    const where = config.backup.s3 ? `${result.name} in ${target.description}` : path.join(backupDir, result.name);
    console.log(`Backup ${where} written and verified in ${Date.now() - started} ms:`);
    console.log(`  ${Object.keys(m.tables).length} tables, ${Object.values(m.tables).reduce((a, b) => a + b, 0)} rows, ${m.files.length} files, ${m.totalBytes} bytes`);
    if (result.removed.length) console.log(`  removed by the retention rule: ${result.removed.join(', ')}`);
    return 0;
  }
  if (command === 'verify') {
    return withBackup(arg, async (dir) => {
      const v = await verifyBackup(dir);
      if (v.ok) console.log(`${arg ?? dir}: verified (${v.manifest?.createdAt ?? ''})`);
      else console.error(`${arg ?? dir}: failed\n  ${v.problems.join('\n  ')}`);
      return v.ok ? 0 : 1;
    });
  }
  if (command === 'restore') {
    return withBackup(arg, async (dir) => {
      const result = await restoreBackup({
        backupDir: dir,
        databaseFile,
        storageDir: config.storageDir,
        server: { host: config.host, port: config.port },
      });
      console.log(`Restored ${arg ?? dir} (taken ${result.manifest.createdAt}) into ${path.dirname(databaseFile)}.`);
      if (result.asideDir) console.log(`The replaced database and files are in ${result.asideDir}.`);
      return 0;
    });
  }
  console.error('Usage: backup | verify <backup> | restore <backup>');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
