/**
 * `npm run cli -- backup create --out FILE` and `backup restore FILE [--force]`.
 * Progress goes to stdout, Vietnamese first.
 */
import type { BackupConfig, Report } from './backup.js';
import { createBackup, restoreBackup } from './backup.js';

export const backupUsage = `  npm run cli -- backup create --out FILE      database, stored files and signing keystore in one .tar.gz (stop the server first on PGlite)
  npm run cli -- backup restore FILE [--force] verify every checksum, then restore into an empty database and files folder`;

export class BackupUsageError extends Error {}

export async function runBackupCommand({ config, command, args, out, report }: { config: BackupConfig; command: string | undefined; args: string[]; out: (human: string, data: unknown) => void; report: Report }): Promise<number> {
  if (command === 'create') {
    const i = args.indexOf('--out');
    const file = i >= 0 ? args[i + 1] : undefined;
    if (!file || file.startsWith('--')) throw new BackupUsageError('Thiếu --out FILE: tệp sao lưu cần tạo, ví dụ --out /var/backups/opendvc-2026-12-05.tar.gz / --out FILE is required');
    const result = await createBackup({ config, out: file, report });
    out(`Sao lưu xong: ${result.file} (${result.manifest.entries.length} mục, SHA-256 ${result.sha256})`, {
      file: result.file,
      size: result.size,
      sha256: result.sha256,
      createdAt: result.manifest.createdAt,
      engine: result.manifest.engine,
      migrations: result.manifest.migrations,
      totals: result.manifest.totals,
    });
    return 0;
  }
  if (command === 'restore') {
    const force = args.includes('--force');
    const rest = args.filter((a) => a !== '--force');
    const unknown = rest.filter((a) => a.startsWith('--'));
    if (unknown.length > 0) throw new BackupUsageError(`Tuỳ chọn không rõ: ${unknown.join(', ')} / unknown option`);
    const file = rest[0];
    if (!file || rest.length > 1) throw new BackupUsageError('Cần đúng một tệp sao lưu: backup restore FILE [--force] / exactly one backup file is required');
    const result = await restoreBackup({ config, file, force, report });
    out(`Khôi phục xong từ bản sao lưu tạo lúc ${result.manifest.createdAtLocal}: ${result.files} tệp, ${result.keystoreFiles} tệp kho khoá`, {
      createdAt: result.manifest.createdAt,
      engine: result.manifest.engine,
      migrations: result.manifest.migrations,
      files: result.files,
      keystoreFiles: result.keystoreFiles,
      force,
    });
    return 0;
  }
  throw new BackupUsageError(`Lệnh không rõ: backup ${command ?? ''}`);
}
