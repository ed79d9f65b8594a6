/**
 * Property: for random dossier histories (channels, including filings relayed by the national
 * portal and the National Single Window, supplements at reception and in processing,
 * payments before reception and after appraisal, stops, refusals, withdrawals, apologies, early
 * and late results, ratings), spread across a year end and Tết 2027, every cell of the resolution
 * report — for months, a quarter, a year and arbitrary from–to periods, grouped by field, unit,
 * procedure and case — equals a brute-force count that replays each dossier's events day by day.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, classifyTimeliness, createWorkingCalendar, dueDate, fromLocal, toLocal } from '../../../common/calendar/index.js';
import { queryRows, type DatabaseHandle } from '../../platform/db/create-database.js';
import { createConsumerRunner } from '../../platform/events/consumer-runner.js';
import { createId } from '../../platform/db/ids.js';
import { createTestDatabase } from '../../test/test-database.js';
import { dossierEventsTable, dossiersTable } from '../dossiers/dossiers.tables.js';
import { partitionOf } from '../dossiers/dossiers.events.js';
import { advanceHorizon, createStatisticsConsumer, rebuildFacts } from './statistics.projection.js';
import { countCellNames } from './statistics.rules.js';
import { periodRange, resolutionReport, totalsByPeriod, type Grouping } from './statistics.usecases.js';

type Step =
  | { kind: 'payment'; pay: boolean; online: boolean; amount: number }
  | { kind: 'supplement'; answer: boolean }
  | { kind: 'apology' };
interface History {
  /** DVCQG: filed on the national portal (origin in the submission payload); NSW: relayed by the National Single Window (dossiers.origin). */
  channel: 'ONLINE' | 'IN_PERSON' | 'POSTAL' | 'DVCQG' | 'NSW';
  procedure: number;
  unit: number;
  /** Minutes after the window start. */
  start: number;
  gaps: number[];
  beforeReception: Step[];
  reception: 'RECEIVE' | 'REFUSE' | 'WITHDRAW' | 'NONE';
  processing: Step[];
  end: 'RESULT' | 'STOP' | 'WITHDRAW' | 'OPEN';
  returned: boolean;
  rating: number | null;
  limitDays: number;
}

const WINDOW_START = fromLocal('2026-11-20', 0);
const WINDOW_MINUTES = 120 * 24 * 60;
const calendar = createWorkingCalendar();

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('payment' as const), pay: fc.boolean(), online: fc.boolean(), amount: fc.integer({ min: 1, max: 50 }).map((n) => n * 10_000) }),
  fc.record({ kind: fc.constant('supplement' as const), answer: fc.boolean() }),
  fc.record({ kind: fc.constant('apology' as const) }),
);
const history: fc.Arbitrary<History> = fc.record({
  channel: fc.constantFrom('ONLINE', 'IN_PERSON', 'POSTAL', 'DVCQG', 'NSW'),
  procedure: fc.nat(3),
  unit: fc.nat(1),
  start: fc.integer({ min: 0, max: WINDOW_MINUTES }),
  // Gaps between events, minutes: from a few minutes to three weeks (periods end inside them).
  gaps: fc.array(fc.integer({ min: 5, max: 21 * 24 * 60 }), { minLength: 16, maxLength: 16 }),
  beforeReception: fc.array(step, { maxLength: 2 }),
  reception: fc.constantFrom('RECEIVE', 'RECEIVE', 'RECEIVE', 'REFUSE', 'WITHDRAW', 'NONE'),
  processing: fc.array(step, { maxLength: 3 }),
  end: fc.constantFrom('RESULT', 'RESULT', 'STOP', 'WITHDRAW', 'OPEN'),
  returned: fc.boolean(),
  rating: fc.option(fc.integer({ min: 1, max: 5 })),
  limitDays: fc.integer({ min: 1, max: 30 }),
});

interface Ev { type: string; toStatus: string; at: Date; payload: Record<string, unknown> }
interface Generated { id: string; channel: History['channel']; procedureId: string; caseId: string; fieldCode: string; online: boolean; unitId: string; dueAt: Date | null; events: Ev[] }

interface Catalogue { procedures: { id: string; caseId: string; versionId: string; fieldCode: string; online: boolean }[]; units: string[] }

/** The events of one history, in time order; stops at the first moment waiting blocks the path. */
function eventsOf(h: History): { events: Ev[]; dueAt: Date | null; status: string } {
  const events: Ev[] = [];
  let t = WINDOW_START.getTime() + h.start * 60_000;
  let g = 0;
  const next = () => new Date((t += (h.gaps[g++ % h.gaps.length] ?? 60) * 60_000));
  let status = 'SUBMITTED';
  const push = (type: string, toStatus: string, payload: Record<string, unknown> = {}) => { status = toStatus; events.push({ type, toStatus, at: next(), payload }); };
  let dueAt: Date | null = null;
  // Relayed filings arrive as ONLINE: the national portal's origin is in the payload, the NSW's only on the dossier row.
  const submitted = h.channel === 'DVCQG' ? { channel: 'ONLINE', origin: 'DVCQG' } : { channel: h.channel === 'NSW' ? 'ONLINE' : h.channel };
  push('dossier.submitted', 'SUBMITTED', { code: 'x', ...submitted, appointmentAt: new Date(t).toISOString() });
  // A step may leave the dossier waiting for good (never paid / never answered): then the history ends.
  const run = (steps: Step[], base: string, stage: string): boolean => {
    for (const s of steps) {
      if (s.kind === 'apology') {
        if (base !== 'SUBMITTED') push('dossier.apology_issued', base, { documentId: 'd', previousAppointmentAt: null, newAppointmentAt: new Date(t).toISOString() });
        continue;
      }
      if (s.kind === 'payment') {
        push('dossier.payment_requested', 'AWAITING_PAYMENT', { paymentId: createId('pay'), stage, amount: s.amount, held: true });
        if (!s.pay) return false;
        push('dossier.paid', base, { paymentId: 'p', stage, amount: s.amount, provider: s.online ? 'vnpay' : 'bank_transfer' });
        continue;
      }
      push('dossier.supplement_requested', base === 'SUBMITTED' ? 'SUPPLEMENT_REQUESTED' : base, { round: 1 });
      if (!s.answer) return false;
      push('dossier.supplement_answered', base === 'SUBMITTED' ? 'RESUBMITTED' : base, { round: 1 });
    }
    return true;
  };
  if (!run(h.beforeReception, 'SUBMITTED', 'FILING')) return { events, dueAt, status };
  if (h.reception === 'NONE') return { events, dueAt, status };
  if (h.reception === 'REFUSE') { push('dossier.refused', 'REFUSED', { reasons: ['x'] }); return { events, dueAt, status }; }
  if (h.reception === 'WITHDRAW') { push('dossier.withdrawn', 'WITHDRAWN'); return { events, dueAt, status }; }
  push('dossier.received', 'RECEIVED');
  dueAt = dueDate(events[events.length - 1]!.at, { amount: h.limitDays, unit: 'WORKING_DAY' }, calendar);
  push('dossier.step_completed', 'IN_PROGRESS', { workflowAction: 'forward' });
  if (!run(h.processing, 'IN_PROGRESS', 'AFTER_APPRAISAL')) return { events, dueAt, status };
  if (h.end === 'OPEN') return { events, dueAt, status };
  if (h.end === 'STOP') { push('dossier.stopped', 'STOPPED'); return { events, dueAt, status }; }
  if (h.end === 'WITHDRAW') { push('dossier.withdrawn', 'WITHDRAWN'); return { events, dueAt, status }; }
  push('dossier.result_issued', 'RESULT_READY', { documentId: 'd', issuedSha256: 'x' });
  if (h.returned) {
    push('dossier.returned', 'RESULT_RETURNED', { method: 'COUNTER' });
    if (h.rating !== null) push('dossier.rated', 'RESULT_RETURNED', { score: h.rating });
  }
  return { events, dueAt, status };
}

// ---------------------------------------------------------------------------------------------
// The brute force: replays each dossier's events up to the end of a day.

const TERMINAL = new Set(['REFUSED', 'WITHDRAWN', 'STOPPED', 'RESULT_READY', 'RESULT_RETURNED']);
const day = (d: Date) => toLocal(d).date;
const upTo = (g: Generated, date: string) => g.events.filter((e) => day(e.at) <= date);
const statusAt = (g: Generated, date: string) => upTo(g, date).at(-1)?.toStatus ?? null;
const closedBy = (g: Generated, date: string) => TERMINAL.has(statusAt(g, date) ?? '');
const firstTerminal = (g: Generated) => g.events.find((e) => TERMINAL.has(e.toStatus));
const inP = (date: string | undefined, from: string, to: string) => date !== undefined && date >= from && date <= to;

function bruteForce(all: Generated[], from: string, to: string, key: (g: Generated) => string) {
  const out = new Map<string, Record<string, number>>();
  const endOfTo = fromLocal(to, 24 * 60 - 1);
  for (const g of all) {
    const c = out.get(key(g)) ?? Object.fromEntries([...countCellNames, 'paid', 'paidOnline', 'feesCollected'].map((k) => [k, 0]));
    out.set(key(g), c);
    const receivedDay = g.events.find((e) => e.type === 'dossier.received') ? day(g.events.find((e) => e.type === 'dossier.received')!.at) : undefined;
    const filedDay = day(g.events[0]!.at);
    const ch = { ONLINE: 'receivedOnline', IN_PERSON: 'receivedCounter', POSTAL: 'receivedPost', DVCQG: 'receivedNationalPortal', NSW: 'receivedNsw' }[g.channel];
    if (inP(receivedDay, from, to)) { c.received! += 1; c[ch]! += 1; }
    if (receivedDay !== undefined && receivedDay < from && !closedBy(g, addDays(from, -1))) c.carriedOver! += 1;
    const end = firstTerminal(g);
    if (end && inP(day(end.at), from, to)) {
      if (end.type === 'dossier.refused') c.refused! += 1;
      else if (end.type === 'dossier.withdrawn') c.withdrawn! += 1;
      else if (end.type === 'dossier.stopped') c.stopped! += 1;
      else {
        const tl = classifyTimeliness({ dueAt: g.dueAt!, resolvedAt: end.at, at: end.at });
        c[{ EARLY: 'resolvedEarly', ON_TIME: 'resolvedOnTime', LATE: 'resolvedLate' }[tl as 'EARLY']]! += 1;
        if (tl === 'LATE') {
          // Late resolution table: days after the due date, an apology letter by the resolution date, a supplement requested before.
          c.resolvedLateDays! += Math.round((Date.parse(day(end.at)) - Date.parse(day(g.dueAt!))) / 86_400_000);
          const apology = g.events.find((e) => e.type === 'dossier.apology_issued');
          if (apology && day(apology.at) <= day(end.at)) c.resolvedLateApologised! += 1;
          if (g.events.some((e) => e.type === 'dossier.supplement_requested' && e.at <= end.at)) c.resolvedLateSupplemented! += 1;
        }
      }
    }
    const openAtTo = filedDay <= to && !closedBy(g, to);
    if (receivedDay !== undefined && receivedDay <= to && openAtTo) {
      if (classifyTimeliness({ dueAt: g.dueAt!, at: endOfTo }) === 'OVERDUE') {
        c.pendingOverdue! += 1;
        if (upTo(g, to).some((e) => e.type === 'dossier.apology_issued')) c.pendingOverdueApologised! += 1;
      }
      else c.pendingWithin! += 1;
    }
    if (openAtTo) {
      const seen = upTo(g, to);
      if (seen.filter((e) => e.type === 'dossier.supplement_requested').length > seen.filter((e) => e.type === 'dossier.supplement_answered').length) c.awaitingSupplement! += 1;
      if (statusAt(g, to) === 'AWAITING_PAYMENT') c.awaitingPayment! += 1;
    }
    const apology = g.events.find((e) => e.type === 'dossier.apology_issued');
    if (apology && inP(day(apology.at), from, to)) c.apologies! += 1;
    const rating = g.events.find((e) => e.type === 'dossier.rated');
    if (rating && inP(day(rating.at), from, to)) { c.ratings! += 1; if ((rating.payload.score as number) >= 4) c.ratingsSatisfied! += 1; }
    if (g.online && inP(filedDay, from, to)) { c.filedInOnlineProcedures! += 1; if (g.channel !== 'IN_PERSON' && g.channel !== 'POSTAL') c.filedOnline! += 1; }
    const paid = g.events.filter((e) => e.type === 'dossier.paid' && inP(day(e.at), from, to));
    if (paid.length) {
      c.paid! += 1;
      if (paid.some((e) => e.payload.provider === 'vnpay')) c.paidOnline! += 1;
      c.feesCollected! += paid.reduce((s, e) => s + (e.payload.amount as number), 0);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('statistics report = brute force over the events (property)', () => {
  let handle: DatabaseHandle;
  let catalogue: Catalogue;
  beforeAll(async () => {
    handle = await createTestDatabase();
    const procs = await queryRows<{ id: string; case_id: string; version_id: string; field_code: string; online_level: string }>(handle.db, sql`
      SELECT DISTINCT ON (p.field_code) p.id, c.id AS case_id, c.version_id, p.field_code, s.online_level
        FROM procedures p JOIN procedure_search s ON s.procedure_id = p.id JOIN procedure_cases c ON c.version_id = s.version_id
       ORDER BY p.field_code, (s.online_level = 'INFO_ONLY') DESC, p.code`);
    const units = await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM agencies WHERE NOT external ORDER BY code LIMIT 2`);
    catalogue = {
      procedures: procs.slice(0, 4).map((p) => ({ id: p.id, caseId: p.case_id, versionId: p.version_id, fieldCode: p.field_code, online: p.online_level !== 'INFO_ONLY' })),
      units: units.map((u) => u.id),
    };
    expect(catalogue.procedures.length).toBe(4);
    // One procedure without an online service (the seeded catalogue has none): uptake counts only the others.
    await handle.db.execute(sql`UPDATE procedure_search SET online_level = 'INFO_ONLY' WHERE procedure_id = ${catalogue.procedures[0]!.id}`);
    catalogue.procedures[0]!.online = false;
  }, 60_000);
  afterAll(async () => handle?.close());

  /** Writes the dossiers and the first `share` of each one's events; `rest` writes the others. */
  async function load(histories: History[], share = 1): Promise<{ generated: Generated[]; rest: () => Promise<void> }> {
    const db = handle.db;
    await db.execute(sql`DELETE FROM statistics_daily_counts`);
    await db.execute(sql`DELETE FROM statistics_monthly_counts`);
    await db.execute(sql`DELETE FROM statistics_yearly_counts`);
    await db.execute(sql`DELETE FROM statistics_month_states`);
    await db.execute(sql`DELETE FROM statistics_count_horizon`);
    await db.execute(sql`DELETE FROM statistics_dossier_marks`);
    await db.execute(sql`DELETE FROM statistics_dossier_facts`);
    await db.execute(sql`DELETE FROM dossiers WHERE id LIKE 'dos_prop%'`);
    const generated: Generated[] = [];
    const later: (() => Promise<void>)[] = [];
    for (const h of histories) {
      const p = catalogue.procedures[h.procedure % catalogue.procedures.length]!;
      const unitId = catalogue.units[h.unit % catalogue.units.length]!;
      const { events, dueAt, status } = eventsOf(h);
      const id = `dos_prop${createId('x')}`;
      await db.insert(dossiersTable).values({
        id, procedureId: p.id, versionId: p.versionId, caseId: p.caseId, applicant: { fullName: 'Người thử' },
        channel: h.channel === 'DVCQG' || h.channel === 'NSW' ? 'ONLINE' : h.channel, origin: h.channel === 'NSW' ? 'NSW' : 'OPENDVC',
        status: status as 'SUBMITTED', receivingUnitId: unitId, processingUnitId: unitId, dueAt,
      });
      const write = async (list: typeof events) => {
        for (const e of list) {
          await db.insert(dossierEventsTable).values({ id: createId('dev'), partition: partitionOf(id), dossierId: id, type: e.type, action: e.type, toStatus: e.toStatus, at: e.at, payload: e.payload });
        }
      };
      const cut = Math.ceil(events.length * share);
      await write(events.slice(0, cut));
      later.push(() => write(events.slice(cut)));
      generated.push({ id, channel: h.channel, procedureId: p.id, caseId: p.caseId, fieldCode: p.fieldCode, online: p.online, unitId, dueAt, events });
    }
    return { generated, rest: async () => { for (const w of later) await w(); } };
  }

  const periods = [
    periodRange('month', 2026, 12), periodRange('month', 2027, 1), periodRange('month', 2027, 2),
    periodRange('quarter', 2027, 1), periodRange('year', 2026), periodRange('half', 2027), { from: '2027-02-04', to: '2027-02-12' },
    // A year's row less the rest of the year (more than six whole months): after the period, before it, both, across two years.
    periodRange('nine-months', 2027), { from: '2026-01-01', to: '2026-12-12' }, { from: '2026-02-10', to: '2026-12-31' },
    { from: '2026-01-20', to: '2026-11-25' }, { from: '2026-02-14', to: '2027-10-03' },
  ];
  const keyOf: Record<Grouping, (g: Generated) => string> = { field: (g) => g.fieldCode, unit: (g) => g.unitId, procedure: (g) => g.procedureId, case: (g) => g.caseId };

  async function check(generated: Generated[], period: { from: string; to: string }, groupBy: Grouping) {
    const report = await resolutionReport(handle.db, { period, groupBy, scope: 'ALL' });
    const expected = bruteForce(generated, period.from, period.to, keyOf[groupBy]);
    const cells = [...countCellNames, 'paid', 'paidOnline', 'feesCollected'] as const;
    for (const [key, counts] of expected) {
      const row = report.rows.find((r) => r.key === key);
      const actual = Object.fromEntries(cells.map((c) => [c, row ? row[c as keyof typeof row] : 0]));
      expect({ period, groupBy, key, ...actual }).toEqual({ period, groupBy, key, ...counts });
    }
    // No row the brute force did not expect has anything in it.
    for (const row of report.rows) if (!expected.has(row.key)) expect(cells.every((c) => row[c as keyof typeof row] === 0)).toBe(true);
    return report;
  }

  it('every cell, every period and grouping, by the projection and after a rebuild', async () => {
    await fc.assert(fc.asyncProperty(fc.array(history, { minLength: 1, maxLength: 25 }), fc.constantFrom<Grouping>('field', 'unit', 'procedure', 'case'), fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom('2026-10-01', '2026-12-01', '2027-01-01', '2027-02-01', '2027-04-01'), fc.constantFrom(1, 0.5), fc.constantFrom(7, 500), async (histories, groupBy, a, len, horizon, share, batchSize) => {
      const consumer = createConsumerRunner({ db: handle.db, consumers: [createStatisticsConsumer()], batchSize });
      // With a share of 0.5 the consumer folds the first half of each dossier's events, then the rest: each row is folded
      // again and its old contributions to the counts taken out (as when a dossier moves on after it was first counted).
      const { generated, rest } = await load(histories, share);
      // Month-end states kept up to a horizon inside the histories (the upkeep moves it up to last month, never back).
      await advanceHorizon(handle.db, horizon);
      if (share < 1) await consumer.drain();
      await rest();
      await consumer.drain();
      const random = { from: addDays('2026-11-15', a), to: addDays('2026-11-15', a + len) };
      const all = [...periods, random];
      const reports: Awaited<ReturnType<typeof resolutionReport>>[] = [];
      for (const period of all) reports.push(await check(generated, period, groupBy));
      // Several periods in one pass (the dashboard's months) give each period's totals.
      const tagged = await totalsByPeriod(handle.db, all.map((period, i) => ({ tag: String(i), period })), 'ALL');
      const cells = [...countCellNames, 'paid', 'paidOnline', 'feesCollected'] as const;
      all.forEach((period, i) => {
        const t = tagged.get(String(i))!;
        expect({ period, ...Object.fromEntries(cells.map((c) => [c, t[c]])) }).toEqual({ period, ...Object.fromEntries(cells.map((c) => [c, reports[i]!.totals[c]])) });
      });
    }), { numRuns: Number(process.env.STATISTICS_PROPERTY_RUNS ?? 30) });
    // A rebuild from the events gives the same report as the consumer kept.
    const before = await resolutionReport(handle.db, { period: periods[4]!, groupBy: 'procedure', scope: 'ALL' });
    await handle.db.execute(sql`UPDATE statistics_dossier_facts SET received_on = NULL`);
    await handle.db.transaction(async (tx) => rebuildFacts(tx));
    expect(await resolutionReport(handle.db, { period: periods[4]!, groupBy: 'procedure', scope: 'ALL' })).toEqual(before);
    // The same with the month-end states kept further (every period of the check then reads snapshots).
    await handle.db.transaction(async (tx) => rebuildFacts(tx, { horizon: '2027-03-01' }));
    for (const period of periods) {
      const kept = await resolutionReport(handle.db, { period, groupBy: 'procedure', scope: 'ALL' });
      await handle.db.transaction(async (tx) => rebuildFacts(tx, { horizon: '2026-09-01' }));
      expect(await resolutionReport(handle.db, { period, groupBy: 'procedure', scope: 'ALL' })).toEqual(kept);
      await handle.db.transaction(async (tx) => rebuildFacts(tx, { horizon: '2027-03-01' }));
    }
  }, 600_000);
});
