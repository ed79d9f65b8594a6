/**
 * The portal sync as a consumer of the dossier event stream. The stream is the outbox: every
 * dossier change wrote its `dossier_events` row in the change's transaction. In the transaction
 * that moves its checkpoint, this consumer turns each event the portal is told of into sync work:
 * the dossier record is due again (`wanted_version` + 1) and the event's history step is stored,
 * keyed by the event id, so a redelivered or replayed event adds nothing. The HTTP calls are made
 * later by the sync worker (integration.sync.ts), per dossier, so that one dossier the portal
 * refuses never holds up the others.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import { inOneSavepoint, type EventConsumer } from '../../platform/events/index.js';
import { proceduresTable } from '../catalog/index.js';
import { dossierEventSource, dossierEventsTable, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
import { DVCQG_ORIGIN } from './integration.inbound.js';
import { emcBodyOf, emcStatusOf, portalCodeFor, stepOf, SYNCED_EVENT_TYPES } from './integration.mapping.js';
import { dvcqgEmcEventsTable, dvcqgSyncDossiersTable, dvcqgSyncStepsTable } from './integration.tables.js';

export const DVCQG_CONSUMER = 'integration.dvcqg';

export function createPortalSyncConsumer(config: Pick<Config, 'dvcqgAgencyCode'>): EventConsumer<DossierStreamEvent> {
  // Most events need nothing here: a batch is applied in one savepoint.
  return inOneSavepoint({
    name: DVCQG_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      const e = event.row;
      if (!SYNCED_EVENT_TYPES.has(e.type) || e.nationalStatusAfter === null) return;
      const [dossier] = await tx.select().from(dossiersTable).where(eq(dossiersTable.id, e.dossierId));
      if (!dossier?.code) return;
      const t = dvcqgSyncDossiersTable;
      let [row] = await tx.select({ portalCode: t.portalCode }).from(t).where(eq(t.dossierId, dossier.id));
      if (!row) {
        // Filed on the portal: the portal holds it under its own code, which is the code here too.
        const fromPortal = (e.payload as Record<string, unknown>).origin === DVCQG_ORIGIN;
        const codes = fromPortal ? { portalCode: dossier.code, otherCode: null } : portalCodeFor(dossier.code, config.dvcqgAgencyCode, dossier.submittedAt ?? dossier.receivedAt ?? e.at);
        await tx.insert(t).values({ dossierId: dossier.id, ...codes, createdOnPortal: fromPortal, state: 'PENDING', wantedVersion: 1, pendingSince: e.at }).onConflictDoNothing();
        [row] = await tx.select({ portalCode: t.portalCode }).from(t).where(eq(t.dossierId, dossier.id));
      } else {
        // A dead dossier stays parked (its later steps must not overtake the failed one) until replayed.
        await tx.update(t).set({
          wantedVersion: sql`${t.wantedVersion} + 1`,
          state: sql`CASE WHEN ${t.state} = 'DEAD' THEN 'DEAD' WHEN ${t.state} = 'FAILING' THEN 'FAILING' ELSE 'PENDING' END`,
          pendingSince: sql`COALESCE(${t.pendingSince}, ${e.at})`,
          updatedAt: new Date(),
        }).where(eq(t.dossierId, dossier.id));
      }
      const step = await stepOf(tx, e, dossier, row!.portalCode);
      await tx.insert(dvcqgSyncStepsTable).values({ eventId: e.id, dossierId: dossier.id, position: Number(e.position), step: { ...step } }).onConflictDoNothing();
      // An EMC usage event per milestone (§5.6), each milestone once per dossier.
      const sent = new Set((await tx.select({ body: dvcqgEmcEventsTable.body, eventId: dvcqgEmcEventsTable.eventId }).from(dvcqgEmcEventsTable).where(eq(dvcqgEmcEventsTable.dossierId, dossier.id)))
        .filter((r) => r.eventId !== e.id).map((r) => String(r.body.TrangThai)));
      const emcStatus = emcStatusOf({ type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus }, sent);
      if (emcStatus) {
        const [procedure] = await tx.select({ code: proceduresTable.code }).from(proceduresTable).where(eq(proceduresTable.id, dossier.procedureId));
        const [paid] = await tx.select({ id: dossierEventsTable.id }).from(dossierEventsTable)
          .where(and(eq(dossierEventsTable.dossierId, dossier.id), eq(dossierEventsTable.type, 'dossier.paid'), lte(dossierEventsTable.position, e.position))).limit(1);
        const [first] = await tx.select({ payload: dossierEventsTable.payload }).from(dossierEventsTable)
          .where(and(eq(dossierEventsTable.dossierId, dossier.id), eq(dossierEventsTable.type, 'dossier.submitted'))).limit(1);
        const body = emcBodyOf({ status: emcStatus, at: e.at, portalCode: row!.portalCode, procedureCode: procedure?.code ?? '', dossier, paidOnline: Boolean(paid), fromPortal: (first?.payload as Record<string, unknown> | undefined)?.origin === DVCQG_ORIGIN });
        await tx.insert(dvcqgEmcEventsTable).values({ eventId: e.id, dossierId: dossier.id, position: Number(e.position), body: { ...body } }).onConflictDoNothing();
      }
    },
  });
}
