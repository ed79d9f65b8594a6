/**
 * CLI over the secrets at rest (docs/adr/0020-secrets-at-rest.md):
 *   npm run cli -- secrets status              values in clear and sealed, per column and key id
 *   npm run cli -- secrets encrypt-existing    seal values still in clear (the start does it too)
 *   npm run cli -- secrets rotate-key [--batch N]   re-wrap every value under the current SECRETS_KEY
 *   npm run cli -- secrets new-key             print a new random key for SECRETS_KEY
 * Rotation: set SECRETS_KEY to the new key and SECRETS_KEY_PREVIOUS to the old one on every node,
 * restart them, run `secrets rotate-key` (idempotent; run it again after an interruption), then
 * remove the old key from SECRETS_KEY_PREVIOUS.
 */
import { randomBytes } from 'node:crypto';
import type { DbExecutor } from '../db/create-database.js';
import { SecretDecryptionError } from './envelope.js';
import { activeKeyring } from './keyring.js';
import { encryptExistingSecrets, rewrapSecrets, secretsStatus, type SecretColumn, type SecretColumnStatus, type SweepReport } from './sweep.js';

export const secretsUsage = `  npm run cli -- secrets status                values in clear / sealed, per column and key id
  npm run cli -- secrets encrypt-existing      seal the values still in clear
  npm run cli -- secrets rotate-key [--batch N]   re-wrap every value under the current SECRETS_KEY (old key in SECRETS_KEY_PREVIOUS)
  npm run cli -- secrets new-key               print a new random key for SECRETS_KEY`;

type Out = (human: string, data: unknown) => void;

export class SecretsUsageError extends Error {}

const describeStatus = (status: SecretColumnStatus[]) =>
  status.map((s) => `  ${s.column}: ${s.clear} chưa mã hóa / in clear${Object.entries(s.sealed).map(([kid, n]) => `, ${n} mã hóa bằng khóa ${kid} / sealed`).join('')}`).join('\n');
const describeReports = (reports: SweepReport[]) => reports.map((r) => `  ${r.column}: ${r.updated} đã cập nhật / updated${r.skipped ? `, ${r.skipped} bị thay đổi đồng thời, chạy lại lệnh / changed meanwhile, run again` : ''}`).join('\n');

/** Runs one `secrets` command; every one but `new-key` needs the database. */
export async function runSecretsCommand({ db, columns, command, args = [], out }: { db?: DbExecutor; columns: readonly SecretColumn[]; command: string | undefined; args?: string[]; out: Out }): Promise<number> {
  if (command === 'new-key') {
    const key = randomBytes(32).toString('base64');
    out(`SECRETS_KEY=${key}`, { key });
    return 0;
  }
  const i = args.indexOf('--batch');
  const batchSize = i >= 0 ? Number(args[i + 1]) : 200;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new SecretsUsageError('--batch phải là số nguyên từ 1 đến 100000 / must be an integer from 1 to 100000');
  if (!db) throw new SecretsUsageError(`Lệnh secrets ${command ?? ''} cần cơ sở dữ liệu / needs the database`);
  const keyring = activeKeyring();
  if (command === 'status') {
    const status = await secretsStatus({ db, columns });
    out(`Khóa hiện tại / current key: ${keyring.current.kid}\n${describeStatus(status)}`, { currentKid: keyring.current.kid, previousKids: keyring.previous.map((k) => k.kid), columns: status });
    return 0;
  }
  if (command === 'encrypt-existing') {
    const reports = await encryptExistingSecrets({ db, columns, batchSize });
    out(`Đã mã hóa các bí mật còn lưu rõ bằng khóa ${keyring.current.kid} / sealed values in clear:\n${describeReports(reports)}`, { currentKid: keyring.current.kid, columns: reports });
    return reports.some((r) => r.skipped > 0) ? 1 : 0;
  }
  if (command === 'rotate-key') {
    let reports: SweepReport[];
    try {
      reports = await rewrapSecrets({ db, columns, batchSize, keyring });
    } catch (e) {
      if (e instanceof SecretDecryptionError) {
        out(`${e.message}. Đặt khóa cũ vào SECRETS_KEY_PREVIOUS rồi chạy lại / put the old key in SECRETS_KEY_PREVIOUS and run again`, { error: e.reason, kid: e.kid ?? null });
        return 1;
      }
      throw e;
    }
    const status = await secretsStatus({ db, columns });
    const left = status.reduce((n, s) => n + s.clear + Object.entries(s.sealed).filter(([kid]) => kid !== keyring.current.kid).reduce((m, [, v]) => m + v, 0), 0);
    out(
      `Đã chuyển các bí mật sang khóa ${keyring.current.kid} / re-wrapped under the current key:\n${describeReports(reports)}\n${left === 0 ? 'Không còn giá trị nào dùng khóa cũ: có thể bỏ SECRETS_KEY_PREVIOUS / nothing is left under an old key' : `Còn ${left} giá trị chưa chuyển: chạy lại lệnh / ${left} values left: run again`}`,
      { currentKid: keyring.current.kid, columns: reports, left },
    );
    return left === 0 ? 0 : 1;
  }
  throw new SecretsUsageError(`Lệnh không rõ: secrets ${command ?? ''}`);
}
