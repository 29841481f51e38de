import type { FastifyInstance } from 'fastify';
import type { Database } from '../../core/db';
import type {} from '../../core/jobs/runner';
import { createBackup, type BackupResult } from './backup';
import type { RetentionRule } from './retention';
import { s3Target, type S3Settings } from './s3-target';
import { folderTarget, type BackupTarget } from './target';

export type BackupSettings = {
  /** BACKUP_DIR: the folder backups are kept in; unset: no scheduled backups. */
  dir?: string | undefined;
  /** BACKUP_AT: the backups' time of day (`HH:MM`, the server's time zone); unset: multiples of the interval (UTC). */
  at?: string | undefined;
  /** BACKUP_INTERVAL_MINUTES: the time between backups. */
  intervalMinutes: number;
  /** BACKUP_KEEP_DAILY, BACKUP_KEEP_WEEKLY, BACKUP_KEEP_MONTHLY. */
  keep: RetentionRule;
  /** BACKUP_S3_*: the bucket the finished backups go to; unset: they stay in `dir`. */
  s3?: S3Settings | undefined;
};

/** Where finished backups are kept: the S3 bucket when one is set (`dir` is then the work folder), else `dir`. */
export function backupTarget(settings: Pick<BackupSettings, 's3'> & { dir: string }): BackupTarget {
  return settings.s3 ? s3Target({ ...settings.s3, workDir: settings.dir }) : folderTarget(settings.dir);
}

/** The moment of the next backup after `now`. */
export function nextBackupAt(now: Date, settings: Pick<BackupSettings, 'at' | 'intervalMinutes'>): Date {
  const interval = settings.intervalMinutes * 60_000;
  if (!settings.at) return new Date(now.getTime() + interval);
  const [hours = 0, minutes = 0] = settings.at.split(':').map(Number);
  const next = new Date(now);
  next.setHours(hours, minutes, 0, 0);
  // From the day's time, the interval's steps: the first one still ahead.
  while (next.getTime() > now.getTime() + interval) next.setTime(next.getTime() - interval);
  while (next.getTime() <= now.getTime()) next.setTime(next.getTime() + interval);
  return next;
}

/**
 * Scheduled backups (SQLite only) as a background job (`ops.backup`, src/core/jobs): each slot (`at` and
 * every `intervalMinutes` from it, or every `intervalMinutes` when `at` is unset) is one job, taken by one
 * process, through the server's own connection; each backup is verified and followed by the retention rule.
 * A backup that fails is retried after a backoff, then listed among the dead jobs in the operator console.
 * On PostgreSQL the database is backed up by its own tools (docs/backups.md); this logs so and schedules nothing.
 */
export function scheduleBackups(
  app: FastifyInstance,
  database: Database,
  settings: BackupSettings,
  paths: { databaseFile: string; storageDir: string },
): void {
  const dir = settings.dir;
  if (!dir) return;
  const connection = database.sqlite;
  if (database.engine !== 'sqlite' || !connection) {
    app.log.warn('BACKUP_DIR is set but the database is PostgreSQL: back it up with scripts/pg-backup.sh (docs/backups.md)');
    return;
  }
  const target = backupTarget({ dir, s3: settings.s3 });
  app.jobs.schedule({
    name: 'ops.backup',
    everyMinutes: settings.intervalMinutes,
    at: settings.at,
    maxAttempts: 2,
    run: async () => {
      const started = Date.now();
      const source = { databaseFile: paths.databaseFile, connection, storageDir: paths.storageDir };
      const result: BackupResult = await createBackup({ source, target, workDir: dir, retention: settings.keep });
      app.log.info({ backup: result.name, bytes: result.manifest.totalBytes, files: result.manifest.files.length, removed: result.removed, ms: Date.now() - started }, 'backup written and verified');
    },
  });
  app.log.info({ dir, target: target.description, at: settings.at ?? null, everyMinutes: settings.intervalMinutes }, 'backups scheduled');
}
