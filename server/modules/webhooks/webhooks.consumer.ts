/**
 * Webhooks as a consumer of the dossier event stream: in the transaction that moves its
 * checkpoint, each event becomes one message per active subscription that asked for its type
 * (and one `dossier.status_changed` message when the national status changed), keyed by
 * (subscription, event, type), so a redelivered or replayed event adds nothing. The worker
 * (webhooks.delivery.ts) sends them. Drafts (no dossier code yet) are not published.
 */
import { eq } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/create-database.js';
import type { EventConsumer } from '../../platform/events/index.js';
import { createId } from '../../platform/db/ids.js';
import { proceduresTable } from '../catalog/index.js';
import { dossierEventSource, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
import { systemClock, type Clock } from './webhooks.delivery.js';
import { STATUS_CHANGED, type WebhookBody } from './webhooks.models.js';
import { webhookMessagesTable, webhookSubscriptionsTable } from './webhooks.tables.js';

export const WEBHOOKS_CONSUMER = 'webhooks.deliveries';

type ActiveSubscription = { id: string; eventTypes: string[] };

const activeSubscriptions = (tx: DbExecutor): Promise<ActiveSubscription[]> =>
  tx.select({ id: webhookSubscriptionsTable.id, eventTypes: webhookSubscriptionsTable.eventTypes })
    .from(webhookSubscriptionsTable).where(eq(webhookSubscriptionsTable.status, 'ACTIVE'));

export function createWebhooksConsumer({ clock = systemClock }: { clock?: Clock } = {}): EventConsumer<DossierStreamEvent> {
  return {
    name: WEBHOOKS_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      await handleWith(tx, event, await activeSubscriptions(tx));
    },
    // A batch in one savepoint, the active subscriptions read once for it (none: nothing more).
    async handleBatch(tx, events) {
      const subs = await activeSubscriptions(tx);
      if (subs.length === 0) return;
      for (const event of events) await handleWith(tx, event, subs);
    },
  };

  async function handleWith(tx: DbExecutor, event: DossierStreamEvent, subs: ActiveSubscription[]) {
    const e = event.row;
    if (subs.length === 0) return;
    const statusChanged = e.nationalStatusAfter !== null && e.nationalStatusAfter !== e.nationalStatusBefore;
    const wanted = subs.flatMap((s) => [
      ...(statusChanged && s.eventTypes.includes(STATUS_CHANGED) ? [{ sub: s.id, type: STATUS_CHANGED, rank: 0 }] : []),
      ...(s.eventTypes.includes(e.type) ? [{ sub: s.id, type: e.type, rank: 1 }] : []),
    ]);
    if (wanted.length === 0) return;
    const [dossier] = await tx.select({ code: dossiersTable.code, procedureCode: proceduresTable.code })
      .from(dossiersTable).innerJoin(proceduresTable, eq(proceduresTable.id, dossiersTable.procedureId)).where(eq(dossiersTable.id, e.dossierId));
    if (!dossier?.code) return;
    const queuedAt = clock();
    await tx.insert(webhookMessagesTable).values(wanted.map((w) => {
      const body: WebhookBody = {
        type: w.type,
        timestamp: e.at.toISOString(),
        data: {
          dossierCode: dossier.code,
          status: e.nationalStatusAfter,
          previousStatus: e.nationalStatusBefore,
          procedureCode: dossier.procedureCode,
          eventId: e.id,
          eventType: e.type,
          position: Number(e.position),
          occurredAt: e.at.toISOString(),
        },
      };
      return { id: createId('msg'), subscriptionId: w.sub, eventId: e.id, position: Number(e.position), rank: w.rank, type: w.type, dossierCode: dossier.code, body: JSON.stringify(body), queuedAt };
    })).onConflictDoNothing();
  }
}
