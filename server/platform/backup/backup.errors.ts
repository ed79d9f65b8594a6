import { createErrorFactory } from '../errors/app-error.js';

/** The archive is damaged, incomplete or not a backup of this application. */
export const createBackupCorruptError = createErrorFactory({
  code: 'backup.corrupt',
  message: 'Tệp sao lưu bị hỏng hoặc không đầy đủ; không có gì bị thay đổi.',
  status: 400,
});

/** The target (database, files folder or keystore) already holds data and --force was not given. */
export const createBackupTargetNotEmptyError = createErrorFactory({
  code: 'backup.target_not_empty',
  message: 'Nơi khôi phục đã có dữ liệu; thêm --force để xoá và thay bằng bản sao lưu.',
  status: 409,
});

/** The backup cannot be restored by this build (newer migrations, other engine, other format). */
export const createBackupIncompatibleError = createErrorFactory({
  code: 'backup.incompatible',
  message: 'Bản sao lưu không khôi phục được bằng phiên bản ứng dụng này.',
  status: 409,
});

/** The database is in use by a running server (PGlite folder lock, or live connections). */
export const createBackupDatabaseBusyError = createErrorFactory({
  code: 'backup.database_busy',
  message: 'Cơ sở dữ liệu đang được máy chủ OpenDVC sử dụng; hãy dừng máy chủ rồi chạy lại.',
  status: 409,
});

/** pg_dump / pg_restore missing, too old, or failed. */
export const createBackupToolError = createErrorFactory({
  code: 'backup.tool_failed',
  message: 'Công cụ sao lưu PostgreSQL (pg_dump / pg_restore) không chạy được.',
  status: 500,
});
