/**
 * The reporting fact table as a projection of the dossier event stream (ADR 5). For each event of
 * a filed dossier, the consumer `statistics.facts` folds ALL the dossier's events (in position
 * order) with the dossier's due date into its fact row and marks, and replaces them: the result
 * depends only on the events and the dossier, so a redelivered event, a replay or a rebuild
 * (`npm run cli -- statistics rebuild`) gives the same rows. The daily counts the reports sum
 * move with the rows, in the same transaction (statistics.rules.ts `contributions`). The fold is pure (`foldDossier`);
 * the rules are written down in docs/statistics.md.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { addDays, classifyTimeliness, fromLocal, toLocal } from '../../../common/calendar/index.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import type { EventConsumer } from '../../platform/events/index.js';
import { proceduresTable, procedureSearchTable } from '../catalog/index.js';
import { dossierEventSource, dossierEventsTable, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
import { applyContributions } from './statistics.rules.js';
import { statisticsFactsTable, statisticsMarksTable, type FactChannel, type FactOutcome } from './statistics.tables.js';

export const STATISTICS_CONSUMER = 'statistics.facts';

/** What the fold reads of an event. */
export interface FoldEvent {
  position: number;
  type: string;
  at: Date;
  toStatus: string;
  payload: Record<string, unknown>;
}

export interface FoldDossier {
  id: string;
  code: string | null;
  channel: string;
  /** Where the dossier was filed (dossiers.origin): OPENDVC, or NSW for filings relayed by the National Single Window. */
  origin?: string;
  receivingUnitId: string;
  processingUnitId: string | null;
  procedureId: string;
  caseId: string;
  fieldCode: string;
  procedureOnline: boolean;
  /** The statutory due instant, stops included (dossiers.due_at). */
  dueAt: Date | null;
  demo?: boolean;
}

export type FactRow = typeof statisticsFactsTable.$inferInsert;
export type MarkRow = typeof statisticsMarksTable.$inferInsert;

/** Events that change nothing in a fact row: the consumer skips them. */
const IGNORED = new Set(['dossier.created', 'dossier.claimed', 'dossier.assigned', 'dossier.result_drafted', 'dossier.result_shipped', 'dossier.attachment_infected', 'dossier.personal_data_purged']);
const ONLINE_PROVIDERS = new Set(['national', 'vnpay']);
const RESOLVED_STATUSES = new Set(['RESULT_READY', 'RESULT_RETURNED']);

export const localDate = (at: Date) => toLocal(at).date;

/** The channel a dossier came in by, from the submission / intake payload, else the dossier. */
export function channelOf(raw: string): FactChannel {
  switch (raw) {
    case 'ONLINE': return 'ONLINE';
    case 'IN_PERSON': case 'COUNTER': return 'COUNTER';
    case 'POSTAL': case 'POST': return 'POST';
    case 'NATIONAL_PORTAL': case 'DVCQG': return 'NATIONAL_PORTAL';
    case 'NSW': return 'NSW';
    default: return 'ONLINE';
  }
}

/**
 * The channel of a filing relayed by another system, which outranks the channel it arrived by
 * (such filings come in as ONLINE): `origin` of the submission payload (DVCQG: the national
 * portal; NSW) or the dossier's own origin; null for a filing made here.
 */
export function relayChannelOf(origin: unknown): FactChannel | null {
  if (origin === 'DVCQG' || origin === 'NATIONAL_PORTAL') return 'NATIONAL_PORTAL';
  if (origin === 'NSW') return 'NSW';
  return null;
}

/**
 * The first local date on which an open dossier due at `dueAt` is overdue, by THE on-time rule
 * (classifyTimeliness): the day after the due date. Checked against the rule itself, so that a
 * change of the rule cannot leave the projection behind silently.
 */
export function overdueFromDate(dueAt: Date): string {
  const dueDay = localDate(dueAt);
  const next = addDays(dueDay, 1);
  if (classifyTimeliness({ dueAt, at: fromLocal(next, 0) }) !== 'OVERDUE' || classifyTimeliness({ dueAt, at: fromLocal(dueDay, 24 * 60 - 1) }) !== 'WITHIN_DEADLINE') {
    throw new Error('classifyTimeliness no longer decides by local date: update statistics.projection overdueFromDate');
  }
  return next;
}

/** The fact row and marks of one dossier from its events (position order); null before filing. */
export function foldDossier(dossier: FoldDossier, events: readonly FoldEvent[]): { fact: FactRow; marks: MarkRow[] } | null {
  let channel: FactChannel = channelOf(dossier.channel);
  let filedOn: string | null = null;
  let receivedOn: string | null = null;
  let outcome: FactOutcome | null = null;
  let endedAt: Date | null = null;
  let resolvedAt: Date | null = null;
  let returnedOn: string | null = null;
  let supplementRounds = 0;
  let paymentRequested = false;
  let paidOnline = false;
  let feesPaid = 0;
  let rating: number | null = null;
  let ratedOn: string | null = null;
  let apologyOn: string | null = null;
  let lastPosition = 0;
  const marks: MarkRow[] = [];
  let openSupplement: MarkRow | null = null;
  let openPayment: MarkRow | null = null;
  const close = (mark: MarkRow | null, at: Date) => { if (mark) mark.endOn = localDate(at); };

  for (const e of events) {
    lastPosition = Math.max(lastPosition, e.position);
    const day = localDate(e.at);
    const p = e.payload;
    if ((e.type === 'dossier.submitted' || e.type === 'dossier.intake_started') && typeof p.channel === 'string') channel = channelOf(p.channel);
    if (e.type === 'dossier.submitted') channel = relayChannelOf(p.origin) ?? channel;
    if (e.type === 'dossier.submitted' || e.type === 'dossier.received') filedOn ??= day;
    if (e.type === 'dossier.received') receivedOn ??= day;
    if (outcome === null) {
      // The awaiting-payment interval follows the status; it ends with any move out of it.
      if (e.toStatus === 'AWAITING_PAYMENT' && !openPayment) {
        openPayment = { dossierId: dossier.id, seq: 0, kind: 'AWAITING_PAYMENT', startOn: day, endOn: null };
        marks.push(openPayment);
      } else if (e.toStatus !== 'AWAITING_PAYMENT' && openPayment) {
        close(openPayment, e.at);
        openPayment = null;
      }
      if (e.type === 'dossier.supplement_requested' && !openSupplement) {
        supplementRounds += 1;
        openSupplement = { dossierId: dossier.id, seq: 0, kind: 'SUPPLEMENT', startOn: day, endOn: null };
        marks.push(openSupplement);
      } else if (e.type === 'dossier.supplement_answered' && openSupplement) {
        close(openSupplement, e.at);
        openSupplement = null;
      }
      const ending: FactOutcome | null =
        e.type === 'dossier.refused' ? 'REFUSED'
        : e.type === 'dossier.withdrawn' ? 'WITHDRAWN'
        : e.type === 'dossier.stopped' ? 'STOPPED'
        : RESOLVED_STATUSES.has(e.toStatus) ? 'RESOLVED'
        : null;
      if (ending) {
        outcome = ending;
        endedAt = e.at;
        if (ending === 'RESOLVED') resolvedAt = e.at;
        close(openSupplement, e.at);
        close(openPayment, e.at);
        openSupplement = null;
        openPayment = null;
      }
    }
    if (e.type === 'dossier.payment_requested') paymentRequested = true;
    if (e.type === 'dossier.paid') {
      const amount = typeof p.amount === 'number' ? p.amount : 0;
      const online = ONLINE_PROVIDERS.has(String(p.provider));
      feesPaid += amount;
      paidOnline ||= online;
      marks.push({ dossierId: dossier.id, seq: 0, kind: 'PAID', startOn: day, endOn: day, amount, online });
    }
    if (e.type === 'dossier.returned') returnedOn ??= day;
    if (e.type === 'dossier.rated' && typeof p.score === 'number') { rating = p.score; ratedOn = day; }
    if (e.type === 'dossier.apology_issued') apologyOn ??= day;
  }
  if (filedOn === null) return null;
  channel = relayChannelOf(dossier.origin) ?? channel;
  marks.forEach((m, i) => { m.seq = i + 1; });
  const dueAt = dossier.dueAt;
  return {
    fact: {
      dossierId: dossier.id,
      code: dossier.code,
      channel,
      unitId: dossier.processingUnitId ?? dossier.receivingUnitId,
      receivingUnitId: dossier.receivingUnitId,
      fieldCode: dossier.fieldCode,
      procedureId: dossier.procedureId,
      caseId: dossier.caseId,
      procedureOnline: dossier.procedureOnline,
      filedOn,
      receivedOn,
      dueAt,
      overdueFrom: dueAt && receivedOn ? overdueFromDate(dueAt) : null,
      outcome,
      endedOn: endedAt ? localDate(endedAt) : null,
      resolvedAt,
      timeliness: resolvedAt && dueAt ? (classifyTimeliness({ dueAt, resolvedAt, at: resolvedAt }) as 'EARLY' | 'ON_TIME' | 'LATE') : null,
      returnedOn,
      supplementRounds,
      paymentDays: new Set(marks.filter((m) => m.kind === 'PAID').map((m) => m.startOn)).size,
      paymentRequested,
      paidOnline,
      feesPaid,
      rating,
      ratedOn,
      apologyOn,
      demo: dossier.demo ?? false,
      lastPosition,
      updatedAt: new Date(),
    },
    marks,
  };
}

/**
 * Recomputes the facts of the given dossiers from their events (idempotent), and moves the daily
 * counts by the difference: the dossiers' old contributions are subtracted before their rows are
 * replaced and the new ones added after, in the caller's transaction (`counts: false` during a
 * rebuild, which sums the counts afresh at the end).
 */
export async function refreshFacts(db: DbExecutor, dossierIds: readonly string[], options: { counts?: boolean } = {}) {
  if (dossierIds.length === 0) return 0;
  const counts = options.counts ?? true;
  const these = sql`f.dossier_id IN (${sql.join(dossierIds.map((id) => sql`${id}`), sql`, `)})`;
  if (counts) await db.execute(applyContributions(these, -1));
  const d = dossiersTable;
  const dossiers = await db.select({
    id: d.id, code: d.code, channel: d.channel, origin: d.origin, receivingUnitId: d.receivingUnitId, processingUnitId: d.processingUnitId,
    procedureId: d.procedureId, caseId: d.caseId, dueAt: d.dueAt, fieldCode: proceduresTable.fieldCode, onlineLevel: procedureSearchTable.onlineLevel,
  }).from(d)
    .innerJoin(proceduresTable, eq(proceduresTable.id, d.procedureId))
    .leftJoin(procedureSearchTable, eq(procedureSearchTable.procedureId, d.procedureId))
    .where(inArray(d.id, [...dossierIds]));
  const ev = dossierEventsTable;
  const events = await db.select({ dossierId: ev.dossierId, position: ev.position, type: ev.type, at: ev.at, toStatus: ev.toStatus, payload: ev.payload })
    .from(ev).where(inArray(ev.dossierId, [...dossierIds])).orderBy(asc(ev.position));
  const byDossier = new Map<string, FoldEvent[]>();
  for (const e of events) {
    const list = byDossier.get(e.dossierId) ?? [];
    list.push({ ...e, position: Number(e.position) });
    byDossier.set(e.dossierId, list);
  }
  let written = 0;
  for (const dossier of dossiers) {
    const folded = foldDossier({ ...dossier, procedureOnline: dossier.onlineLevel === 'PARTIAL' || dossier.onlineLevel === 'FULL' }, byDossier.get(dossier.id) ?? []);
    await db.delete(statisticsMarksTable).where(eq(statisticsMarksTable.dossierId, dossier.id));
    if (!folded) {
      await db.delete(statisticsFactsTable).where(eq(statisticsFactsTable.dossierId, dossier.id));
      continue;
    }
    const { dossierId: _id, ...set } = folded.fact;
    await db.insert(statisticsFactsTable).values(folded.fact).onConflictDoUpdate({ target: statisticsFactsTable.dossierId, set });
    if (folded.marks.length) await db.insert(statisticsMarksTable).values(folded.marks);
    written += 1;
  }
  if (counts) await db.execute(applyContributions(these, 1));
  return written;
}

/** Sums the daily counts afresh from every fact row (rebuild, bench, demo seed). */
export async function rebuildCounts(db: DbExecutor) {
  await db.execute(sql`DELETE FROM statistics_daily_counts`);
  await db.execute(applyContributions(sql`TRUE`, 1));
}

export function createStatisticsConsumer(): EventConsumer<DossierStreamEvent> {
  return {
    name: STATISTICS_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      if (IGNORED.has(event.type)) return;
      // Events of one dossier delivered together: the first refresh folded them all.
      const [folded] = await tx.select({ lastPosition: statisticsFactsTable.lastPosition }).from(statisticsFactsTable).where(eq(statisticsFactsTable.dossierId, event.aggregateId));
      if (folded && folded.lastPosition >= event.position) return;
      await refreshFacts(tx, [event.aggregateId]);
    },
  };
}

/**
 * Rebuilds the whole fact table from the events: empties it, folds every filed dossier in
 * batches, and moves the consumer's checkpoints to the head of the stream, in one transaction.
 */
export async function rebuildFacts(executor: DbExecutor, options: { batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? 500;
  await executor.execute(sql`DELETE FROM ${statisticsMarksTable} WHERE NOT EXISTS (SELECT 1 FROM ${statisticsFactsTable} f WHERE f.dossier_id = ${statisticsMarksTable.dossierId} AND f.demo)`);
  await executor.execute(sql`DELETE FROM ${statisticsFactsTable} WHERE NOT demo`);
  const heads = await dossierEventSource.heads(executor);
  let after = '';
  let written = 0;
  for (;;) {
    const rows = await executor.select({ id: dossiersTable.id }).from(dossiersTable)
      .where(sql`${dossiersTable.id} > ${after} AND ${dossiersTable.status} NOT IN ('DRAFT', 'INTAKE')`)
      .orderBy(asc(dossiersTable.id)).limit(batchSize);
    if (rows.length === 0) break;
    written += await refreshFacts(executor, rows.map((r) => r.id), { counts: false });
    after = rows[rows.length - 1]!.id;
  }
  await rebuildCounts(executor);
  for (const [partition, position] of heads) {
    await executor.execute(sql`
      INSERT INTO event_consumer_checkpoints (consumer, partition, position) VALUES (${STATISTICS_CONSUMER}, ${partition}, ${position})
      ON CONFLICT (consumer, partition) DO UPDATE SET position = GREATEST(event_consumer_checkpoints.position, EXCLUDED.position), status = 'ACTIVE', attempts = 0, last_error = NULL, failed_position = NULL, next_attempt_at = NULL`);
  }
  return { dossiers: written };
}
