/**
 * Verification of the audit trail's hash chain (`npm run cli -- audit verify`): reads every row
 * in `seq` order, a batch at a time, and names the first row where the chain breaks.
 */
import { asc, gt } from 'drizzle-orm';
import type { DbExecutor } from '../db/create-database.js';
import { createChainVerifier, type ChainVerification } from './audit-chain.js';
import { auditEventsTable } from './audit.tables.js';

export async function verifyAuditChain(db: Pick<DbExecutor, 'select'>, { batchSize = 1000 }: { batchSize?: number } = {}): Promise<ChainVerification> {
  const t = auditEventsTable;
  const verifier = createChainVerifier();
  let after = -1;
  for (;;) {
    const batch = await db.select({
      seq: t.seq, id: t.id, at: t.at, actorUserId: t.actorUserId, action: t.action, subject: t.subject,
      ip: t.ip, outcome: t.outcome, details: t.details, prevHash: t.prevHash, hash: t.hash,
    }).from(t).where(gt(t.seq, after)).orderBy(asc(t.seq)).limit(batchSize);
    for (const row of batch) {
      if (!verifier.push(row)) return verifier.result();
    }
    if (batch.length < batchSize) return verifier.result();
    after = batch[batch.length - 1]!.seq;
  }
}

const reasons = {
  hash_mismatch: 'nội dung bản ghi đã bị sửa sau khi ghi (mã băm không khớp)',
  prev_hash_mismatch: 'bản ghi không nối tiếp bản ghi đứng trước (một bản ghi trước nó đã bị xóa hoặc thay)',
  gap: 'bản ghi không có mã băm nằm giữa chuỗi (được ghi ngoài chuỗi nhật ký)',
} as const;

/** The verdict in Vietnamese, one line. */
export function describeChainVerification(result: ChainVerification): string {
  const legacy = result.legacy > 0 ? ` (và ${result.legacy} bản ghi cũ trước khi có chuỗi, không kiểm tra được)` : '';
  if (result.ok) return `Chuỗi nhật ký toàn vẹn: ${result.rows} bản ghi${legacy}.`;
  const { seq, id, reason } = result.firstBroken;
  return `Chuỗi bị phá vỡ tại bản ghi #${seq} (${id}): ${reasons[reason]}. ${result.rows} bản ghi trước đó hợp lệ.`;
}
