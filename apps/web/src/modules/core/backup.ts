import { BackupError, validateBackup, type Backup, type LocalDatabase } from '@/db/local-database';

const lastKey = 'roaauto.lastBackupAt';
const firstUseKey = 'roaauto.firstUseAt';

export function lastBackupAt(): string | null {
  return localStorage.getItem(lastKey);
}

/** When the app was first used in this browser (the backup reminder counts from there). */
export function firstUseAt(): string {
  let v = localStorage.getItem(firstUseKey);
  if (!v) {
    v = new Date().toISOString();
    localStorage.setItem(firstUseKey, v);
  }
  return v;
}

/** Saves every table as a JSON file (download); the browser asks where on phones. */
export async function saveBackup(db: LocalDatabase): Promise<void> {
  const backup = await db.exportBackup();
  const blob = new Blob([JSON.stringify(backup)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `roaauto-backup-${backup.createdAt.slice(0, 10)}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  localStorage.setItem(lastKey, backup.createdAt);
}

/** Reads and checks a backup file before anything is replaced. */
export async function readBackup(file: File): Promise<Backup> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    throw new BackupError('not_backup');
  }
  validateBackup(parsed);
  return parsed;
}
