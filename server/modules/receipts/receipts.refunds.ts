/**
 * A refunded payment on its receipt (Decree 123/2020/NĐ-CP: a receipt issued is not deleted nor
 * renumbered). A refund of the whole amount cancels the receipt (hủy biên lai: status CANCELLED
 * with the reason and the time; its number stays taken, so the series keeps no gap and reuses no
 * number); a partial refund is recorded on the receipt as an adjustment ("đã hoàn … đồng"), shown
 * in the dossier's list and on the verification page. Called by the payments module's refund use
 * case in its transaction, through this module's index.
 */
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { receiptsTable, type ReceiptRefund, type ReceiptRow } from './receipts.tables.js';

export interface PaymentRefundFacts {
  paymentId: string;
  refundId: string;
  /** Integer VND returned by this refund. */
  amount: number;
  /** True when, with this refund, the whole payment has been returned. */
  full: boolean;
  reason: string;
  at: Date;
  actorUserId?: string | null;
}

/**
 * Records a refund of a payment on its receipt; cancels the receipt when the payment is returned in
 * full. Nothing when the payment has no receipt yet (returns undefined) or the refund is already
 * recorded (a repeated call changes nothing).
 */
export async function recordRefundOnReceipt(tx: DbExecutor, facts: PaymentRefundFacts): Promise<ReceiptRow | undefined> {
  const [receipt] = await tx.select().from(receiptsTable).where(eq(receiptsTable.paymentId, facts.paymentId)).for('update');
  if (!receipt) return undefined;
  if (receipt.refunds.some((r) => r.refundId === facts.refundId)) return receipt;
  const entry: ReceiptRefund = { refundId: facts.refundId, amount: facts.amount, full: facts.full, reason: facts.reason, at: facts.at.toISOString() };
  const cancel = facts.full && receipt.status !== 'CANCELLED';
  const [updated] = await tx.update(receiptsTable).set({
    refunds: [...receipt.refunds, entry],
    ...(cancel ? { status: 'CANCELLED' as const, cancelledAt: facts.at, cancelReason: facts.reason } : {}),
  }).where(eq(receiptsTable.id, receipt.id)).returning();
  await recordAuditEvent({ db: tx, event: {
    actorUserId: facts.actorUserId ?? null, action: cancel ? 'RECEIPT_CANCELLED' : 'RECEIPT_REFUND_RECORDED', subject: `receipt:${receipt.id}`, outcome: 'SUCCESS',
    details: { dossierId: receipt.dossierId, paymentId: receipt.paymentId, symbol: receipt.symbol, number: receipt.number, refundId: facts.refundId, amount: facts.amount, reason: facts.reason },
  } });
  return updated;
}

/** The total refunded on a receipt (integer VND). */
export const refundedAmountOf = (r: Pick<ReceiptRow, 'refunds'>) => r.refunds.reduce((sum, x) => sum + x.amount, 0);
