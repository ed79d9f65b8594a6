/**
 * Payments as a consumer of the dossier event stream: a dossier submitted online whose case
 * has FILING fees (or whose result goes by post) gets its payment request (keyed by the event,
 * so a replay creates nothing); a dossier withdrawn, stopped or refused has its open requests
 * cancelled, and a refused or stopped one has each fee it paid at filing returned (a job sends
 * the provider's refund message; fees requested after appraisal are kept).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { channelFees } from '../../../common/payments/fees.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import type { EventConsumer } from '../../platform/events/index.js';
import { procedureCasesTable } from '../catalog/index.js';
import { dossierEventSource, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
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

/** The event of an online submission, which may request the filing fees. */
const isFiling = (event: DossierStreamEvent) => !closing[event.row.type] && event.row.action === 'dossier.submitted' && event.row.fromStatus === 'DRAFT';

export function createPaymentsConsumer(): EventConsumer<DossierStreamEvent> {
  const consumer: EventConsumer<DossierStreamEvent> = {
    name: PAYMENTS_CONSUMER,
    source: dossierEventSource,
    handle: (tx, event) => handle(tx, event),
    /**
     * A batch in one savepoint (most events need nothing here); the submissions' dossiers and
     * their cases' fees read once for the batch instead of per event.
     */
    async handleBatch(tx, events) {
      const filed = events.filter(isFiling);
      const dossiers = new Map(filed.length === 0 ? [] : (await tx.select().from(dossiersTable).where(inArray(dossiersTable.id, [...new Set(filed.map((e) => e.aggregateId))]))).map((d) => [d.id, d]));
      const caseIds = [...new Set([...dossiers.values()].map((d) => d.caseId))];
      const channels = new Map(caseIds.length === 0 ? [] : (await tx.select({ id: procedureCasesTable.id, channels: procedureCasesTable.channels }).from(procedureCasesTable).where(inArray(procedureCasesTable.id, caseIds))).map((c) => [c.id, c.channels]));
      for (const event of events) {
        if (!isFiling(event)) {
          await handle(tx, event);
          continue;
        }
        const dossier = dossiers.get(event.aggregateId);
        if (dossier) await requestFilingPayment(tx, { dossier, eventId: event.row.id, fees: channelFees(channels.get(dossier.caseId) ?? [], dossier.channel) });
      }
    },
  };
  return consumer;

  async function handle(tx: DbExecutor, event: DossierStreamEvent) {
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
  }
}
