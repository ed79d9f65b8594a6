/**
 * CLI: `npm run cli -- audit verify [--batch N]` checks the audit trail's hash chain; exit code 1
 * when it is broken (the first broken row is named).
 */
import type { DbExecutor } from '../db/create-database.js';
import { describeChainVerification, verifyAuditChain } from './audit-verify.js';

export const auditUsage = '  npm run cli -- audit verify [--batch N]     check the hash chain of the audit trail (exit 1 when broken)';

type Out = (human: string, data: unknown) => void;

export class AuditUsageError extends Error {}

export async function runAuditCommand({ db, command, args = [], out }: { db: Pick<DbExecutor, 'select'>; command: string | undefined; args?: string[]; out: Out }): Promise<number> {
  if (command !== 'verify') throw new AuditUsageError(`Lệnh không rõ: audit ${command ?? ''}`);
  const i = args.indexOf('--batch');
  const batchSize = i >= 0 ? Number(args[i + 1]) : 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new AuditUsageError('--batch phải là số nguyên dương');
  const result = await verifyAuditChain(db, { batchSize });
  out(describeChainVerification(result), result);
  return result.ok ? 0 : 1;
}
