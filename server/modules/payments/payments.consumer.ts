/**
 * Payments as a consumer of the dossier event stream: a dossier submitted online whose case
 * has FILING fees (or whose result goes by post) gets its payment request (keyed by the event,
 * so a replay creates nothing); a dossier withdrawn, stopped or refused has its open requests
 * cancelled.
 */
import type { EventConsumer } from '../../platform/events/index.js';
import { dossierEventSource, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
import { eq } from 'drizzle-orm';
import { cancelOpenRequests, requestFilingPayment } from './payments.usecases.js';

export const PAYMENTS_CONSUMER = 'payments.requests';

const closing: Record<string, string> = {
  'dossier.withdrawn': 'Hồ sơ đã được rút.',
  'dossier.stopped': 'Hồ sơ đã dừng xử lý.',
  'dossier.refused': 'Hồ sơ bị từ chối tiếp nhận.',
};

export function createPaymentsConsumer(): EventConsumer<DossierStreamEvent> {
  return {
    name: PAYMENTS_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      const e = event.row;
      const reason = closing[event.row.type];
      if (reason) {
        await cancelOpenRequests(tx, { dossierId: event.aggregateId, reason });
        return;
      }
      if (e.action !== 'dossier.submitted' || e.fromStatus !== 'DRAFT') return;
      const [dossier] = await tx.select().from(dossiersTable).where(eq(dossiersTable.id, event.aggregateId));
      if (!dossier) return;
      await requestFilingPayment(tx, { dossier, eventId: e.id });
    },
  };
}
