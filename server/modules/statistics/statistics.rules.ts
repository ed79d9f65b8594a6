/**
 * THE counting rules of every report cell, in one place (explained in docs/statistics.md). Each
 * cell is a SQL condition over one fact row (`f`, statistics_dossier_facts) for the period
 * [from, to] of local dates; "open at T" means not ended on or before T. The on-time rule is
 * not restated here: `timeliness` and `overdue_from` are computed by classifyTimeliness in the
 * projection.
 */
import { sql, type SQL } from 'drizzle-orm';

export interface Period { from: string; to: string }

const open = (to: string) => sql`(f.ended_on IS NULL OR f.ended_on > ${to}::date)`;
const inPeriod = (col: SQL, p: Period) => sql`(${col} BETWEEN ${p.from}::date AND ${p.to}::date)`;
const markActive = (kind: string, to: string) => sql`EXISTS (SELECT 1 FROM statistics_dossier_marks m WHERE m.dossier_id = f.dossier_id AND m.kind = ${kind} AND m.start_on <= ${to}::date AND (m.end_on IS NULL OR m.end_on > ${to}::date))`;

/** Count cells: name → condition on the fact row. */
export function countCells(p: Period) {
  const received = inPeriod(sql`f.received_on`, p);
  const ended = (outcome: string) => sql`(f.outcome = ${outcome} AND ${inPeriod(sql`f.ended_on`, p)})`;
  const pending = sql`(f.received_on <= ${p.to}::date AND ${open(p.to)})`;
  const waiting = sql`(f.filed_on <= ${p.to}::date AND ${open(p.to)})`;
  return {
    /** Received (tiếp nhận) in the period, by channel. */
    received,
    receivedOnline: sql`(${received} AND f.channel = 'ONLINE')`,
    receivedCounter: sql`(${received} AND f.channel = 'COUNTER')`,
    receivedPost: sql`(${received} AND f.channel = 'POST')`,
    receivedNationalPortal: sql`(${received} AND f.channel = 'NATIONAL_PORTAL')`,
    receivedNsw: sql`(${received} AND f.channel = 'NSW')`,
    /** Received before the period and still open when it began (từ kỳ trước chuyển qua). */
    carriedOver: sql`(f.received_on < ${p.from}::date AND (f.ended_on IS NULL OR f.ended_on >= ${p.from}::date))`,
    /** Resolved in the period, by classifyTimeliness on the resolution instant. */
    resolvedEarly: sql`(${ended('RESOLVED')} AND f.timeliness = 'EARLY')`,
    resolvedOnTime: sql`(${ended('RESOLVED')} AND f.timeliness = 'ON_TIME')`,
    resolvedLate: sql`(${ended('RESOLVED')} AND f.timeliness = 'LATE')`,
    refused: ended('REFUSED'),
    withdrawn: ended('WITHDRAWN'),
    stopped: ended('STOPPED'),
    /** Received and open at the end of the period: within or over the deadline at that date. */
    pendingWithin: sql`(${pending} AND (f.overdue_from IS NULL OR f.overdue_from > ${p.to}::date))`,
    pendingOverdue: sql`(${pending} AND f.overdue_from <= ${p.to}::date)`,
    /** Filed and open at the end of the period, waiting for the applicant's papers / a payment then. */
    awaitingSupplement: sql`(${waiting} AND ${markActive('SUPPLEMENT', p.to)})`,
    awaitingPayment: sql`(${waiting} AND ${markActive('AWAITING_PAYMENT', p.to)})`,
    /** Apology letters: dossiers whose first apology was issued in the period. */
    apologies: inPeriod(sql`f.apology_on`, p),
    /** Ratings given in the period, and those "satisfied" (4 or 5 of 5). */
    ratings: inPeriod(sql`f.rated_on`, p),
    ratingsSatisfied: sql`(${inPeriod(sql`f.rated_on`, p)} AND f.rating >= 4)`,
    /** Online-service uptake: dossiers filed in the period in procedures that can be done online, and of those filed online. */
    filedInOnlineProcedures: sql`(${inPeriod(sql`f.filed_on`, p)} AND f.procedure_online)`,
    filedOnline: sql`(${inPeriod(sql`f.filed_on`, p)} AND f.procedure_online AND f.channel IN ('ONLINE', 'NATIONAL_PORTAL', 'NSW'))`,
  } satisfies Record<string, SQL>;
}

export type CountCell = keyof ReturnType<typeof countCells>;
export const countCellNames = Object.keys(countCells({ from: '2000-01-01', to: '2000-01-01' })) as CountCell[];

/** Sums over the fact row: the sum of ratings given in the period (for the average). */
export const ratingSum = (p: Period) => sql`COALESCE(SUM(f.rating) FILTER (WHERE ${inPeriod(sql`f.rated_on`, p)}), 0)`;

/** Payment cells, over the PAID marks in the period: dossiers with a payment, paid online, and VND collected. */
export const paymentCells = (p: Period) => sql`
  SELECT m.dossier_id,
         bool_or(m.online) AS paid_online,
         SUM(m.amount) AS amount
    FROM statistics_dossier_marks m
   WHERE m.kind = 'PAID' AND m.start_on BETWEEN ${p.from}::date AND ${p.to}::date
   GROUP BY m.dossier_id`;

/**
 * The rows a report over [from, to] may count: filed by its end and not ended before it began
 * (or rated or apologised in it). A pure narrowing of the scan: every cell above implies it.
 */
export const relevant = (p: Period) => sql`(f.filed_on <= ${p.to}::date AND (f.ended_on IS NULL OR f.ended_on >= ${p.from}::date OR f.rated_on >= ${p.from}::date OR f.apology_on >= ${p.from}::date OR EXISTS (SELECT 1 FROM statistics_dossier_marks m WHERE m.dossier_id = f.dossier_id AND m.kind = 'PAID' AND m.start_on >= ${p.from}::date)))`;
