/**
 * CLI commands over the identity use cases:
 *   users create-admin --email E --password P --unit CODE [--name N]
 *   users create-official --email E --password P --unit CODE --role ROLE [--name N]
 *   users grant --email E --role ROLE --unit CODE [--fields A,B]
 */
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { createOfficial, grantRole } from './identity.admin.usecases.js';
import { MIN_PASSWORD_LENGTH } from './identity.passwords.js';
import { officialRoles, type OfficialRole } from './identity.tables.js';

export const usersUsage = `  npm run cli -- users create-admin --email E --password P --unit CODE [--name "Họ tên"]
  npm run cli -- users create-official --email E --password P --unit CODE --role ROLE [--name "Họ tên"]
  npm run cli -- users grant --email E --role ROLE --unit CODE [--fields MA_LINH_VUC,...]
  (ROLE: ${officialRoles.join(' | ')})`;

export class UsageError extends Error {}

/** `--key value` pairs from the arguments after the command. */
export function parseFlags(args: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const key = args[i]!;
    const value = args[i + 1];
    if (!key.startsWith('--') || value === undefined || value.startsWith('--')) throw new UsageError(`Thiếu giá trị cho ${key}`);
    flags[key.slice(2)] = value;
    i++;
  }
  return flags;
}

function required(flags: Record<string, string>, name: string): string {
  const value = flags[name];
  if (!value) throw new UsageError(`Thiếu --${name}`);
  return value;
}

function roleFrom(flags: Record<string, string>): OfficialRole {
  const role = required(flags, 'role').toUpperCase();
  if (!(officialRoles as readonly string[]).includes(role)) throw new UsageError(`Vai trò không hợp lệ: ${role}`);
  return role as OfficialRole;
}

type Out = (human: string, data: unknown) => void;

/** Runs a `users …` command; returns the exit code. */
export async function runUsersCommand({ db, config, command, args, out }: { db: Database; config: Config; command: string | undefined; args: string[]; out: Out }): Promise<number> {
  const flags = parseFlags(args);
  if (command === 'create-admin' || command === 'create-official') {
    const password = required(flags, 'password');
    if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự`);
    const role = command === 'create-admin' ? 'ADMINISTRATOR' : roleFrom(flags);
    const result = await createOfficial({
      db, config, input: { email: required(flags, 'email'), password, fullName: flags.name, unitCode: required(flags, 'unit'), role },
    });
    out(
      [
        `Đã tạo cán bộ ${result.user.email} (${role}) / official created.`,
        `Khóa TOTP (nhập vào ứng dụng xác thực) / TOTP secret: ${result.totpSecret}`,
        `URI: ${result.otpauthUri}`,
        'Mã khôi phục (mỗi mã dùng một lần; chỉ hiện lần này) / recovery codes:',
        ...result.recoveryCodes.map((c) => `  ${c}`),
      ].join('\n'),
      { userId: result.user.id, email: result.user.email, role, totpSecret: result.totpSecret, otpauthUri: result.otpauthUri, recoveryCodes: result.recoveryCodes },
    );
    return 0;
  }
  if (command === 'grant') {
    const role = roleFrom(flags);
    const fieldCodes = flags.fields ? flags.fields.split(',').map((f) => f.trim()).filter(Boolean) : [];
    const { user, created } = await grantRole({ db, email: required(flags, 'email'), role, unitCode: required(flags, 'unit'), fieldCodes });
    out(created ? `Đã cấp vai trò ${role} cho ${user.email}.` : `${user.email} đã có vai trò ${role} tại đơn vị này.`, { userId: user.id, role, created });
    return 0;
  }
  throw new UsageError(`Lệnh không rõ: users ${command ?? ''}`);
}
