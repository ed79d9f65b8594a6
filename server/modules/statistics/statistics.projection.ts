/**
 * The reporting fact table as a projection of the dossier event stream (ADR 5). For each event of
 * a filed dossier, the consumer `statistics.facts` folds ALL the dossier's events (in position
 * order) with the dossier's due date into its fact row and marks, and replaces them: the result
 * depends only on the events and the dossier, so a redelivered event, a replay or a rebuild
 * (`npm run cli -- statistics rebuild`) gives the same rows. The daily counts the reports sum
 * move with the rows, in the same transaction (statistics.rules.ts `contributions`). The fold is pure (`foldDossier`);
 * the rules are written down in docs/statistics.md.
 */
import { asc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { addDays, classifyTimeliness, fromLocal, toLocal } from '../../../common/calendar/index.js';
import { preparedQuery, preparedStatement, queryRows, textArrayLiteral, type DbExecutor } from '../../platform/db/create-database.js';
import type { EventConsumer } from '../../platform/events/index.js';
import { proceduresTable, procedureSearchTable } from '../catalog/index.js';
import { dossierEventSource, dossierEventsTable, dossiersTable, type DossierStreamEvent } from '../dossiers/index.js';
import { addCountRows, applyContributions, counterColumns, keyColumns, monthStart, nextMonth, previousMonth, stateColumns, stateKeyColumns, summedContributions } from './statistics.rules.js';
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
 * Brings the month-end states up to `target` (a month's first day): from the last month with
 * states (or the first month with counts), each next month's states are the previous ones plus
 * that month's deltas. Holds the horizon row exclusively, so no count upkeep runs beside it.
 */
export async function advanceHorizon(db: DbExecutor, target: string) {
  await db.execute(sql`INSERT INTO statistics_count_horizon (id, month) VALUES (1, NULL) ON CONFLICT (id) DO NOTHING`);
  const [h] = await queryRows<{ month: string | null }>(db, sql`SELECT month::text AS month FROM statistics_count_horizon WHERE id = 1 FOR UPDATE`);
  const horizon = h?.month ?? null;
  if (horizon !== null && horizon >= target) return;
  let month = horizon !== null ? nextMonth(horizon) : (await queryRows<{ m: string | null }>(db, sql`SELECT min(month)::text AS m FROM statistics_monthly_counts`))[0]?.m ?? null;
  const keys = sql.raw(stateKeyColumns.join(', '));
  const names = sql.raw(stateColumns.map(([, c]) => c).join(', '));
  const sums = sql.raw(stateColumns.map(([, c]) => `SUM(${c})`).join(', '));
  const nonZero = sql.raw(stateColumns.map(([, c]) => `SUM(${c}) <> 0`).join(' OR '));
  const deltasAs = sql.raw(stateColumns.map(([d, c]) => `${d} AS ${c}`).join(', '));
  for (; month !== null && month <= target; month = nextMonth(month)) {
    await db.execute(sql`
      INSERT INTO statistics_month_states (month, ${keys}, ${names})
      SELECT ${month}::date, ${keys}, ${sums} FROM (
        SELECT ${keys}, ${names} FROM statistics_month_states WHERE month = ${previousMonth(month)}::date
        UNION ALL SELECT ${keys}, ${deltasAs} FROM statistics_monthly_counts WHERE month = ${month}::date) s
      GROUP BY ${keys} HAVING ${nonZero}`);
  }
  await db.execute(sql`UPDATE statistics_count_horizon SET month = ${target}::date WHERE id = 1`);
}

/** The month before the current local month: the horizon the upkeep keeps the month-end states at. */
const horizonTarget = (now = new Date()) => previousMonth(monthStart(localDate(now)));

/**
 * Before the counts move: advances the month-end states when a month has ended since, then holds
 * the horizon row shared, so that no advance runs beside this transaction's count changes.
 */
export async function holdHorizon(db: DbExecutor) {
  const target = horizonTarget();
  const [h] = await queryRows<{ month: string | null }>(db, sql`SELECT month::text AS month FROM statistics_count_horizon WHERE id = 1`);
  if (!h || h.month === null || h.month < target) await advanceHorizon(db, target);
  await db.execute(sql`SELECT 1 FROM statistics_count_horizon WHERE id = 1 FOR SHARE`);
}

const countRowType = sql.raw(`day date, ${keyColumns.map((k) => `${k} text`).join(', ')}, ${counterColumns.map((c) => `${c} bigint`).join(', ')}`);

/**
 * Recomputes the facts of the given dossiers from their events (idempotent), and moves the counts
 * by the difference: the dossiers' old contributions are read before their rows are replaced,
 * and added negated with the new ones in one statement (rows that cancel out are not written),
 * in the caller's transaction (`counts: false` during a rebuild, which sums the counts afresh).
 * Every step is one statement for the whole batch of dossiers.
 */
export async function refreshFacts(db: DbExecutor, dossierIds: readonly string[], options: { counts?: boolean } = {}) {
  if (dossierIds.length === 0) return 0;
  const counts = options.counts ?? true;
  const ids = textArrayLiteral([...new Set(dossierIds)]);
  // A batch touches a few hundred rows: parallel workers would cost more to start than the read
  // itself (on the 200,000-dossier bench database, 110–140 ms with two workers against 13–15 ms
  // without, for 125 dossiers). For this transaction only.
  if (counts) await db.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
  const old = counts ? await preparedQuery<Record<string, unknown>>(db, 'statistics_old_contributions', oldContributionsSql).execute({ ids }) : [];
  const dossiers = await preparedStatement(db, 'statistics_fold_dossiers', foldDossiersQuery).execute({ ids });
  const events = await preparedStatement(db, 'statistics_fold_events', foldEventsQuery).execute({ ids });
  const byDossier = new Map<string, FoldEvent[]>();
  for (const e of events) {
    const list = byDossier.get(e.dossierId) ?? [];
    list.push({ ...e, position: Number(e.position) });
    byDossier.set(e.dossierId, list);
  }
  const facts: FactRow[] = [];
  const marks: MarkRow[] = [];
  const unfiled: string[] = [];
  for (const dossier of dossiers) {
    const folded = foldDossier({ ...dossier, procedureOnline: dossier.onlineLevel === 'PARTIAL' || dossier.onlineLevel === 'FULL' }, byDossier.get(dossier.id) ?? []);
    if (!folded) { unfiled.push(dossier.id); continue; }
    facts.push(folded.fact);
    marks.push(...folded.marks);
  }
  await preparedQuery(db, 'statistics_delete_marks', () => sql`DELETE FROM statistics_dossier_marks WHERE dossier_id = ANY(${sql.placeholder('ids')}::text[])`)
    .execute({ ids: textArrayLiteral(dossiers.map((x) => x.id)) });
  if (unfiled.length) await db.delete(statisticsFactsTable).where(inArray(statisticsFactsTable.dossierId, unfiled));
  if (facts.length) await preparedQuery(db, 'statistics_upsert_facts', upsertFactsSql).execute({ rows: rowsJson(statisticsFactsTable, facts) });
  if (marks.length) await preparedQuery(db, 'statistics_insert_marks', insertMarksSql).execute({ rows: rowsJson(statisticsMarksTable, marks) });
  if (counts) {
    await holdHorizon(db);
    await preparedQuery(db, 'statistics_move_counts', moveCountsSql).execute({ ids, old: JSON.stringify(old) });
  }
  return facts.length;
}

/*
 * The statements of `refreshFacts`, each built once per database handle and prepared (see
 * `preparedQuery`): a batch's dossiers are one text-array parameter and its rows one JSON
 * parameter, so that neither the SQL text nor hundreds of parameters are built for every batch
 * (building them through the query builder took about half of the consumer's time: ADR 0014,
 * amendment of 2026-12-07).
 */

/** The batch's fact rows (`f`): those of the dossiers in the parameter `ids`. */
const batchFacts = () => sql`f.dossier_id = ANY(${sql.placeholder('ids')}::text[])`;

/** The batch's dossiers' current contributions to the counts, negated (read before their rows are replaced). */
const oldContributionsSql = () => sql`SELECT day::text AS day, ${sql.raw([...keyColumns, ...counterColumns].join(', '))} FROM (${summedContributions(batchFacts(), -1)}) s`;

/** Moves the counts by the batch's new contributions and its old ones (parameter `old`, JSON rows of `oldContributionsSql`). */
const moveCountsSql = () => addCountRows(sql`SELECT * FROM jsonb_to_recordset(${sql.placeholder('old')}::jsonb) AS x(${countRowType}) UNION ALL ${summedContributions(batchFacts(), 1)}`);

const foldDossiersQuery = (db: DbExecutor) => {
  const d = dossiersTable;
  return db.select({
    id: d.id, code: d.code, channel: d.channel, origin: d.origin, receivingUnitId: d.receivingUnitId, processingUnitId: d.processingUnitId,
    procedureId: d.procedureId, caseId: d.caseId, dueAt: d.dueAt, fieldCode: proceduresTable.fieldCode, onlineLevel: procedureSearchTable.onlineLevel,
  }).from(d)
    .innerJoin(proceduresTable, eq(proceduresTable.id, d.procedureId))
    .leftJoin(procedureSearchTable, eq(procedureSearchTable.procedureId, d.procedureId))
    .where(sql`${d.id} = ANY(${sql.placeholder('ids')}::text[])`)
    .prepare('statistics_fold_dossiers');
};

const foldEventsQuery = (db: DbExecutor) => {
  const ev = dossierEventsTable;
  return db.select({ dossierId: ev.dossierId, position: ev.position, type: ev.type, at: ev.at, toStatus: ev.toStatus, payload: ev.payload })
    .from(ev).where(sql`${ev.dossierId} = ANY(${sql.placeholder('ids')}::text[])`).orderBy(asc(ev.position))
    .prepare('statistics_fold_events');
};

/** Rows of `table` as the JSON array `jsonb_to_recordset` reads with `recordType(table)`: keyed by column name, every column present (null when unset). */
function rowsJson(table: PgTable, rows: readonly Record<string, unknown>[]): string {
  const columns = Object.entries(getTableColumns(table));
  return JSON.stringify(rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [key, column] of columns) out[column.name] = r[key] ?? null;
    return out;
  }));
}

/** `table`'s columns as a record type (`name type, …`) for `jsonb_to_recordset`. */
function recordType(table: PgTable): SQL {
  return sql.raw(Object.values(getTableColumns(table)).map((c) => `${c.name} ${c.getSQLType()}`).join(', '));
}

const columnNames = (table: PgTable) => Object.values(getTableColumns(table)).map((c) => c.name);

/** Every column given (a fact row is always whole, so no column keeps its default on insert). */
const upsertFactsSql = () => {
  const names = columnNames(statisticsFactsTable);
  const list = sql.raw(names.join(', '));
  const set = sql.raw(names.filter((n) => n !== 'dossier_id').map((n) => `${n} = excluded.${n}`).join(', '));
  return sql`INSERT INTO statistics_dossier_facts (${list}) SELECT ${list} FROM jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) AS x(${recordType(statisticsFactsTable)})
    ON CONFLICT (dossier_id) DO UPDATE SET ${set}`;
};

const insertMarksSql = () => {
  const list = sql.raw(columnNames(statisticsMarksTable).join(', '));
  return sql`INSERT INTO statistics_dossier_marks (${list}) SELECT ${list} FROM jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) AS x(${recordType(statisticsMarksTable)})`;
};

/** Sums the counts afresh from every fact row, and the month-end states up to last month (rebuild, bench, demo seed). */
export async function rebuildCounts(db: DbExecutor, options: { horizon?: string } = {}) {
  await db.execute(sql`DELETE FROM statistics_daily_counts`);
  await db.execute(sql`DELETE FROM statistics_monthly_counts`);
  await db.execute(sql`DELETE FROM statistics_yearly_counts`);
  await db.execute(sql`DELETE FROM statistics_month_states`);
  await db.execute(sql`INSERT INTO statistics_count_horizon (id, month) VALUES (1, NULL) ON CONFLICT (id) DO UPDATE SET month = NULL`);
  await db.execute(applyContributions(sql`TRUE`, 1));
  await advanceHorizon(db, options.horizon ?? horizonTarget());
}

export function createStatisticsConsumer(): EventConsumer<DossierStreamEvent> {
  /** The dossiers of these events whose fact row has not folded them yet (events of one dossier delivered together cost one fold). */
  const pending = async (tx: DbExecutor, events: readonly DossierStreamEvent[]) => {
    const latest = new Map<string, number>();
    for (const e of events) if (!IGNORED.has(e.type)) latest.set(e.aggregateId, Math.max(latest.get(e.aggregateId) ?? 0, e.position));
    if (latest.size === 0) return [];
    const folded = await preparedQuery<{ id: string; last_position: string | number }>(tx, 'statistics_folded_positions',
      () => sql`SELECT dossier_id AS id, last_position FROM statistics_dossier_facts WHERE dossier_id = ANY(${sql.placeholder('ids')}::text[])`)
      .execute({ ids: textArrayLiteral([...latest.keys()]) });
    const at = new Map(folded.map((f) => [f.id, Number(f.last_position)]));
    return [...latest].filter(([id, position]) => (at.get(id) ?? -1) < position).map(([id]) => id);
  };
  return {
    name: STATISTICS_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      await refreshFacts(tx, await pending(tx, [event]));
    },
    async handleBatch(tx, events) {
      await refreshFacts(tx, await pending(tx, events));
    },
  };
}

/**
 * Rebuilds the whole fact table from the events: empties it, folds every filed dossier in
 * batches, and moves the consumer's checkpoints to the head of the stream, in one transaction.
 */
export async function rebuildFacts(executor: DbExecutor, options: { batchSize?: number; horizon?: string } = {}) {
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
  await rebuildCounts(executor, options.horizon ? { horizon: options.horizon } : {});
  for (const [partition, position] of heads) {
    await executor.execute(sql`
      INSERT INTO event_consumer_checkpoints (consumer, partition, position) VALUES (${STATISTICS_CONSUMER}, ${partition}, ${position})
      ON CONFLICT (consumer, partition) DO UPDATE SET position = GREATEST(event_consumer_checkpoints.position, EXCLUDED.position), status = 'ACTIVE', attempts = 0, last_error = NULL, failed_position = NULL, next_attempt_at = NULL`);
  }
  return { dossiers: written };
}
