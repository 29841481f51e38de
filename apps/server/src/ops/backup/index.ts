export { applyRetention, BackupBusy, createBackup, verifyBackup, type BackupManifest, type BackupResult } from './backup';
export { restoreBackup, RestoreRefused } from './restore';
export { backupsToKeep, defaultRetention, type RetentionRule } from './retention';
export { backupTarget, nextBackupAt, scheduleBackups, type BackupSettings } from './schedule';
export { backupDate, backupName, folderTarget, type BackupTarget } from './target';
export { s3Target, type S3Settings, type S3TargetOptions } from './s3-target';
