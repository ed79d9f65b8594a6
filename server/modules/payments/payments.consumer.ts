/**
 * Payments as a consumer of the dossier event stream: a dossier submitted online whose case
 * has FILING fees (or whose result goes by post) gets its payment request (keyed by the event,
 * so a replay creates nothing); a dossier withdrawn, stopped or refused has its open requests
 * cancelled, and a refused or stopped one has each fee it paid at filing returned (a job sends
 * the provider's refund message; fees requested after appraisal are kept).
 */
import { inOneSavepoint, type EventConsumer } from '../../platform/events/index.js';
import { dossierEventSource, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
import { and, eq } from 'drizzle-orm';
import { enqueueInTransaction } from '../../platform/jobs/index.js';
import { PAYMENTS_REFUND_ON_CLOSE } from './payments.jobs.js';
import { paymentRequestsTable } from './payments.tables.js';
import { cancelOpenRequests, requestFilingPayment } from './payments.usecases.js';

export const PAYMENTS_CONSUMER = 'payments.requests';

/** The reason written on the refund of a filing fee, by the event that closed the dossier. */
const returning: Record<string, string> = {
  'dossier.stopped': 'Hoàn phí, lệ phí đã nộp khi nộp hồ sơ: hồ sơ đã dừng xử lý.',
  'dossier.refused': 'Hoàn phí, lệ phí đã nộp khi nộp hồ sơ: hồ sơ bị từ chối tiếp nhận.',
};

const closing: Record<string, string> = {
  'dossier.withdrawn': 'Hồ sơ đã được rút.',
  'dossier.stopped': 'Hồ sơ đã dừng xử lý.',
  'dossier.refused': 'Hồ sơ bị từ chối tiếp nhận.',
};

export function createPaymentsConsumer(): EventConsumer<DossierStreamEvent> {
  // Most events need nothing here: a batch is applied in one savepoint.
  return inOneSavepoint({
    name: PAYMENTS_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      const e = event.row;
      const reason = closing[event.row.type];
      if (reason) {
        await cancelOpenRequests(tx, { dossierId: event.aggregateId, reason });
        const refundReason = returning[event.row.type];
        if (refundReason) {
          const paid = await tx.select({ id: paymentRequestsTable.id }).from(paymentRequestsTable)
            .where(and(eq(paymentRequestsTable.dossierId, event.aggregateId), eq(paymentRequestsTable.stage, 'FILING'), eq(paymentRequestsTable.status, 'PAID')));
          for (const p of paid) await enqueueInTransaction(tx, PAYMENTS_REFUND_ON_CLOSE, { paymentId: p.id, reason: refundReason }, { singletonKey: `refund-on-close:${p.id}` });
        }
        return;
      }
      if (e.action !== 'dossier.submitted' || e.fromStatus !== 'DRAFT') return;
      const [dossier] = await tx.select().from(dossiersTable).where(eq(dossiersTable.id, event.aggregateId));
      if (!dossier) return;
      await requestFilingPayment(tx, { dossier, eventId: e.id });
    },
  });
}
