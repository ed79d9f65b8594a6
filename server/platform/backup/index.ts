/** Backup and restore of the database, stored files and signing keystore (docs/operations.md). */
export { BACKUP_FORMAT_VERSION, createBackup, restoreBackup, verifyBackup, vietnamTimestamp, type BackupConfig, type BackupManifest, type ManifestEntry, type Report } from './backup.js';
export { backupUsage, BackupUsageError, runBackupCommand } from './backup.commands.js';
export { createBackupCorruptError, createBackupDatabaseBusyError, createBackupIncompatibleError, createBackupTargetNotEmptyError, createBackupToolError } from './backup.errors.js';
