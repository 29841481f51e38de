import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config';
import { createBackup, verifyBackup } from './backup';
import { restoreBackup } from './restore';
import { folderTarget } from './target';

/**
 * `npm run backup`: one backup now into BACKUP_DIR (SQLite). `npm run restore -- <backup>`: restores a
 * backup (a folder, or a name inside BACKUP_DIR) into the stopped server's DATA_DIR. `verify <backup>`
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
  const resolveBackup = (name: string | undefined): string => {
    if (!name) throw new Error(`Usage: ${command} <backup folder or name in BACKUP_DIR>`);
    if (fs.existsSync(name) || !backupDir) return path.resolve(name);
    return path.join(backupDir, name);
  };

  if (command === 'backup') {
    if (!backupDir) {
      console.error('Set BACKUP_DIR to the folder backups are kept in.');
      return 2;
    }
    const started = Date.now();
    const result = await createBackup({
      source: { databaseFile, storageDir: config.storageDir },
      target: folderTarget(backupDir),
      workDir: backupDir,
      retention: config.backup.keep,
    });
    const m = result.manifest;
    console.log(`Backup ${path.join(backupDir, result.name)} written and verified in ${Date.now() - started} ms:`);
    console.log(`  ${Object.keys(m.tables).length} tables, ${Object.values(m.tables).reduce((a, b) => a + b, 0)} rows, ${m.files.length} files, ${m.totalBytes} bytes`);
    if (result.removed.length) console.log(`  removed by the retention rule: ${result.removed.join(', ')}`);
    return 0;
  }
  if (command === 'verify') {
    const dir = resolveBackup(arg);
    const v = await verifyBackup(dir);
    if (v.ok) console.log(`${dir}: verified (${v.manifest?.createdAt ?? ''})`);
    else console.error(`${dir}: failed\n  ${v.problems.join('\n  ')}`);
    return v.ok ? 0 : 1;
  }
  if (command === 'restore') {
    const dir = resolveBackup(arg);
    const result = await restoreBackup({
      backupDir: dir,
      databaseFile,
      storageDir: config.storageDir,
      server: { host: config.host, port: config.port },
    });
    console.log(`Restored ${dir} (taken ${result.manifest.createdAt}) into ${path.dirname(databaseFile)}.`);
    if (result.asideDir) console.log(`The replaced database and files are in ${result.asideDir}.`);
    return 0;
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
