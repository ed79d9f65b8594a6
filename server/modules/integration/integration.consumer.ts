/**
 * The portal sync as a consumer of the dossier event stream. The stream is the outbox: every
 * dossier change wrote its `dossier_events` row in the change's transaction. In the transaction
 * that moves its checkpoint, this consumer turns each event the portal is told of into sync work:
 * the dossier record is due again (`wanted_version` + 1) and the event's history step is stored,
 * keyed by the event id, so a redelivered or replayed event adds nothing. The HTTP calls are made
 * later by the sync worker (integration.sync.ts), per dossier, so that one dossier the portal
 * refuses never holds up the others.
 *
 * A claim's batch is applied at once, with a fixed number of statements whatever its size (ADR
 * 0009, amendment of 2026-12-05): the dossiers, their sync rows (one upsert), the names of the
 * steps, the steps (one insert), the EMC rows so far and, when a milestone is reached, the
 * procedures and paid/submitted events, then the EMC rows (one insert). Its effects are those of
 * the events applied one after the other: per dossier, one more wanted version per event, the
 * steps and milestones in position order. A single event goes the same way (a batch of one).
 */
import { and, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { EventConsumer } from '../../platform/events/index.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { proceduresTable } from '../catalog/index.js';
import { dossierEventSource, dossierEventsTable, dossiersTable, type DossierRow, type DossierStreamEvent } from '../dossiers/index.js';
import { DVCQG_ORIGIN } from './integration.inbound.js';
import { emcBodyOf, emcStatusOf, portalCodeFor, stepNamesOf, stepOf, SYNCED_EVENT_TYPES } from './integration.mapping.js';
import { dvcqgEmcEventsTable, dvcqgSyncDossiersTable, dvcqgSyncStepsTable } from './integration.tables.js';

export const DVCQG_CONSUMER = 'integration.dvcqg';

type EventRow = DossierStreamEvent['row'];

export function createPortalSyncConsumer(config: Pick<Config, 'dvcqgAgencyCode'>): EventConsumer<DossierStreamEvent> {
  const apply = (tx: DbExecutor, events: readonly DossierStreamEvent[]) => applyEvents(tx, config, events.map((e) => e.row));
  return {
    name: DVCQG_CONSUMER,
    source: dossierEventSource,
    handle: (tx, event) => apply(tx, [event]),
    handleBatch: apply,
  };
}

/** The events (in position order) applied as if one after the other, in a fixed number of statements. */
async function applyEvents(tx: DbExecutor, config: Pick<Config, 'dvcqgAgencyCode'>, all: readonly EventRow[]) {
  // Most events need nothing here.
  const synced = all.filter((e) => SYNCED_EVENT_TYPES.has(e.type) && e.nationalStatusAfter !== null);
  if (synced.length === 0) return;
  const dossierIds = [...new Set(synced.map((e) => e.dossierId))];
  const dossiers = new Map((await tx.select().from(dossiersTable).where(inArray(dossiersTable.id, dossierIds))).map((d) => [d.id, d]));
  const events = synced.filter((e) => dossiers.get(e.dossierId)?.code);
  if (events.length === 0) return;

  // Per dossier, its events in position order: the first creates the sync row (wanted version 1),
  // each further one adds a version; a row already there gets one version per event.
  const byDossier = new Map<string, EventRow[]>();
  for (const e of events) byDossier.set(e.dossierId, [...(byDossier.get(e.dossierId) ?? []), e]);
  const t = dvcqgSyncDossiersTable;
  const now = new Date();
  const rows = [...byDossier].map(([dossierId, list]) => {
    const dossier = dossiers.get(dossierId)!;
    const first = list[0]!;
    // Filed on the portal: the portal holds it under its own code, which is the code here too.
    const fromPortal = (first.payload as Record<string, unknown>).origin === DVCQG_ORIGIN;
    const codes = fromPortal ? { portalCode: dossier.code!, otherCode: null } : portalCodeFor(dossier.code!, config.dvcqgAgencyCode, dossier.submittedAt ?? dossier.receivedAt ?? first.at);
    return { dossierId, ...codes, createdOnPortal: fromPortal, state: 'PENDING' as const, wantedVersion: list.length, pendingSince: first.at, updatedAt: now };
  });
  // A dead dossier stays parked (its later steps must not overtake the failed one) until replayed.
  const portalCodes = new Map((await tx.insert(t).values(rows).onConflictDoUpdate({
    target: t.dossierId,
    set: {
      wantedVersion: sql`${t.wantedVersion} + excluded.wanted_version`,
      state: sql`CASE WHEN ${t.state} = 'DEAD' THEN 'DEAD' WHEN ${t.state} = 'FAILING' THEN 'FAILING' ELSE 'PENDING' END`,
      pendingSince: sql`COALESCE(${t.pendingSince}, excluded.pending_since)`,
      updatedAt: sql`excluded.updated_at`,
    },
  }).returning({ dossierId: t.dossierId, portalCode: t.portalCode })).map((r) => [r.dossierId, r.portalCode]));

  const names = await stepNamesOf(tx, events);
  await tx.insert(dvcqgSyncStepsTable).values(events.map((e) => ({
    eventId: e.id, dossierId: e.dossierId, position: Number(e.position), step: { ...stepOf(e, dossiers.get(e.dossierId)!, portalCodes.get(e.dossierId)!, names) },
  }))).onConflictDoNothing();

  // An EMC usage event per milestone (§5.6), each milestone once per dossier: the rows so far,
  // and those the batch's earlier events add, count as sent.
  const emcRows = new Map<string, { eventId: string; status: string }[]>();
  for (const r of await tx.select({ dossierId: dvcqgEmcEventsTable.dossierId, eventId: dvcqgEmcEventsTable.eventId, body: dvcqgEmcEventsTable.body })
    .from(dvcqgEmcEventsTable).where(inArray(dvcqgEmcEventsTable.dossierId, [...byDossier.keys()]))) {
    emcRows.set(r.dossierId, [...(emcRows.get(r.dossierId) ?? []), { eventId: r.eventId, status: String(r.body.TrangThai) }]);
  }
  const milestones: { event: EventRow; status: '1' | '2' | '3' | '4' }[] = [];
  for (const e of events) {
    const known = emcRows.get(e.dossierId) ?? [];
    const sent = new Set(known.filter((r) => r.eventId !== e.id).map((r) => r.status));
    const status = emcStatusOf({ type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus }, sent);
    if (!status) continue;
    milestones.push({ event: e, status });
    // A redelivered event's row is already there (its insert adds nothing).
    if (!known.some((r) => r.eventId === e.id)) emcRows.set(e.dossierId, [...known, { eventId: e.id, status }]);
  }
  if (milestones.length === 0) return;
  const emcDossiers = [...new Set(milestones.map((m) => m.event.dossierId))];
  const procedureIds = [...new Set(emcDossiers.map((id) => dossiers.get(id)!.procedureId))];
  const procedures = new Map((await tx.select({ id: proceduresTable.id, code: proceduresTable.code }).from(proceduresTable).where(inArray(proceduresTable.id, procedureIds))).map((p) => [p.id, p.code]));
  const e = dossierEventsTable;
  const marks = await tx.select({ dossierId: e.dossierId, type: e.type, position: e.position, payload: e.payload }).from(e)
    .where(and(inArray(e.dossierId, emcDossiers), inArray(e.type, ['dossier.paid', 'dossier.submitted']))).orderBy(e.position);
  await tx.insert(dvcqgEmcEventsTable).values(milestones.map(({ event, status }) => {
    const dossier: DossierRow = dossiers.get(event.dossierId)!;
    const paid = marks.some((m) => m.dossierId === event.dossierId && m.type === 'dossier.paid' && Number(m.position) <= Number(event.position));
    const first = marks.find((m) => m.dossierId === event.dossierId && m.type === 'dossier.submitted');
    const body = emcBodyOf({
      status, at: event.at, portalCode: portalCodes.get(event.dossierId)!, procedureCode: procedures.get(dossier.procedureId) ?? '', dossier, paidOnline: paid,
      fromPortal: (first?.payload as Record<string, unknown> | undefined)?.origin === DVCQG_ORIGIN,
    });
    return { eventId: event.id, dossierId: event.dossierId, position: Number(event.position), body: { ...body } };
  })).onConflictDoNothing();
}
