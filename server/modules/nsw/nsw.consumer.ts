/**
 * The NSW outbox as a consumer of the dossier event stream. For a dossier filed through the NSW
 * (origin NSW), the reception (`dossier.received`) becomes a reception notice (type 11, function
 * 03) and the issued result (`dossier.result_issued`) a result message (type 12, function 04),
 * written in the transaction that moves the consumer's checkpoint, keyed by the event id (a
 * redelivered event adds nothing). The sender (nsw.sender.ts) makes the calls, with retries.
 */
import { eq } from 'drizzle-orm';
import { NSW_FUNCTIONS, NSW_TYPES } from '../../../common/nsw/protocol.js';
import { inOneSavepoint, type EventConsumer } from '../../platform/events/index.js';
import { createId } from '../../platform/db/ids.js';
import { dossierEventSource, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
import { nswMessagesTable } from './nsw.tables.js';

export const NSW_CONSUMER = 'nsw.outbound';

/** Event type → the NSW message it becomes. */
export const NSW_OUTBOUND: Record<string, { type: string; function: string }> = {
  'dossier.received': { type: NSW_TYPES.receptionNotice, function: NSW_FUNCTIONS.acknowledgeReception },
  'dossier.result_issued': { type: NSW_TYPES.result, function: NSW_FUNCTIONS.sendResult },
};

export function createNswOutboundConsumer(): EventConsumer<DossierStreamEvent> {
  // Most events need nothing here: a batch is applied in one savepoint.
  return inOneSavepoint({
    name: NSW_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      const e = event.row;
      const kind = NSW_OUTBOUND[e.type];
      if (!kind) return;
      const [dossier] = await tx.select({ origin: dossiersTable.origin, externalRef: dossiersTable.externalRef, procedureId: dossiersTable.procedureId }).from(dossiersTable).where(eq(dossiersTable.id, e.dossierId));
      if (dossier?.origin !== 'NSW' || !dossier.externalRef) return;
      const [inbound] = await tx.select({ documentType: nswMessagesTable.documentType }).from(nswMessagesTable)
        .where(eq(nswMessagesTable.dossierId, e.dossierId)).limit(1);
      await tx.insert(nswMessagesTable).values({
        id: createId('nsw'), direction: 'OUT', eventId: e.id, dossierId: e.dossierId, documentNo: dossier.externalRef, documentType: inbound?.documentType ?? '',
        type: kind.type, function: kind.function, messageId: crypto.randomUUID(), state: 'PENDING', nextAttemptAt: null,
      }).onConflictDoNothing();
    },
  });
}
