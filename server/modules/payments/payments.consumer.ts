/**
 * Payments as a consumer of the dossier event stream: a dossier submitted online whose case
 * has FILING fees gets its payment request (keyed by the event, so a replay creates nothing).
 */
import type { EventConsumer } from '../../platform/events/index.js';
import { dossierEventSource, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
import { eq } from 'drizzle-orm';
import { requestFilingPayment } from './payments.usecases.js';

export const PAYMENTS_CONSUMER = 'payments.requests';

export function createPaymentsConsumer(): EventConsumer<DossierStreamEvent> {
  return {
    name: PAYMENTS_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      const e = event.row;
      if (e.action !== 'dossier.submitted' || e.fromStatus !== 'DRAFT') return;
      const [dossier] = await tx.select().from(dossiersTable).where(eq(dossiersTable.id, event.aggregateId));
      if (!dossier) return;
      await requestFilingPayment(tx, { dossier, eventId: e.id });
    },
  };
}
