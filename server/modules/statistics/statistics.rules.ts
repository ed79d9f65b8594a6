/**
 * THE counting rules of every report cell, in one place (explained in docs/statistics.md), in
 * two halves:
 *
 * 1. `contributions`: what one fact row (`f`, statistics_dossier_facts) and its marks add to the
 *    daily counts (statistics_daily_counts) — a flow on the local date it happened (received,
 *    resolved, rated, paid…), or +1 / −1 where a state begins and ends (open, overdue, waiting).
 *    The projection subtracts a dossier's old contributions and adds its new ones in the same
 *    transaction as the fact row (statistics.projection.ts), and a rebuild sums them afresh.
 * 2. `cellSums`: how each report cell over [from, to] sums the daily counts: flows for the days
 *    of the period, states as the running sum up to the day (T = `to`, or `from` − 1 for the
 *    dossiers carried over). "Open at T" means received and not ended on or before T.
 *
 * The on-time rule is not restated here: `timeliness` and `overdue_from` are computed by
 * classifyTimeliness in the projection.
 */
import { sql, type SQL } from 'drizzle-orm';

export interface Period { from: string; to: string }

/** Columns of statistics_daily_counts summed per (day, unit, field, procedure, case, channel). */
export const counterColumns = [
  'received', 'filed', 'filed_online_procedure',
  'resolved_early', 'resolved_on_time', 'resolved_late', 'resolved_late_days', 'resolved_late_apologised', 'resolved_late_supplemented',
  'refused', 'withdrawn', 'stopped', 'apologies', 'ratings', 'ratings_satisfied', 'rating_sum',
  'paid_days', 'paid_online_days', 'fees',
  'open_delta', 'overdue_delta', 'overdue_apologised_delta', 'supplement_delta', 'payment_wait_delta',
] as const;
type CounterColumn = (typeof counterColumns)[number];
const keyColumns = ['unit_id', 'field_code', 'procedure_id', 'case_id', 'channel'] as const;

/** One VALUES row: the day and the columns it adds to (the others add 0). */
const row = (day: SQL, cells: Partial<Record<CounterColumn, SQL>>) =>
  sql`(${day}, ${sql.join(counterColumns.map((c) => (cells[c] ? sql`(${cells[c]})::bigint` : sql`0::bigint`)), sql`, `)})`;
const columnList = sql.raw(counterColumns.join(', '));

/**
 * The contributions of the fact rows matching `where` (a condition on `f`), one row per
 * (day, key) event, not yet summed. Half-open intervals [a, b) of local dates: +1 on a, −1 on b
 * when b is later than a (b null: still in that state).
 */
export function contributions(where: SQL): SQL {
  const late = sql`f.outcome = 'RESOLVED' AND f.timeliness = 'LATE'`;
  // The state "open" [received_on, ended_on).
  const openEnds = sql`f.received_on IS NOT NULL AND f.ended_on > f.received_on`;
  // The state "open and overdue" [max(received_on, overdue_from), ended_on), and the same once an apology letter has been issued.
  const overdueFrom = sql`CASE WHEN f.received_on IS NOT NULL AND f.overdue_from IS NOT NULL THEN GREATEST(f.received_on, f.overdue_from) END`;
  const apologisedFrom = sql`CASE WHEN f.received_on IS NOT NULL AND f.overdue_from IS NOT NULL AND f.apology_on IS NOT NULL THEN GREATEST(f.received_on, f.overdue_from, f.apology_on) END`;
  const facts = sql`
    SELECT v.day, ${sql.raw(keyColumns.map((k) => `f.${k}`).join(', '))}, ${sql.raw(counterColumns.map((c) => `v.${c}`).join(', '))}
      FROM statistics_dossier_facts f
      CROSS JOIN LATERAL (VALUES
        ${row(sql`f.received_on`, { received: sql`1`, open_delta: sql`CASE WHEN f.ended_on IS NULL OR f.ended_on > f.received_on THEN 1 ELSE 0 END` })},
        ${row(sql`f.ended_on`, {
          resolved_early: sql`(f.outcome = 'RESOLVED' AND f.timeliness = 'EARLY')::int`,
          resolved_on_time: sql`(f.outcome = 'RESOLVED' AND f.timeliness = 'ON_TIME')::int`,
          resolved_late: sql`(${late})::int`,
          resolved_late_days: sql`CASE WHEN ${late} THEN COALESCE(f.ended_on - f.overdue_from + 1, 0) ELSE 0 END`,
          resolved_late_apologised: sql`(${late} AND f.apology_on IS NOT NULL AND f.apology_on <= f.ended_on)::int`,
          resolved_late_supplemented: sql`(${late} AND f.supplement_rounds > 0)::int`,
          refused: sql`(f.outcome = 'REFUSED')::int`,
          withdrawn: sql`(f.outcome = 'WITHDRAWN')::int`,
          stopped: sql`(f.outcome = 'STOPPED')::int`,
          open_delta: sql`CASE WHEN ${openEnds} THEN -1 ELSE 0 END`,
          overdue_delta: sql`CASE WHEN f.ended_on > ${overdueFrom} THEN -1 ELSE 0 END`,
          overdue_apologised_delta: sql`CASE WHEN f.ended_on > ${apologisedFrom} THEN -1 ELSE 0 END`,
        })},
        ${row(overdueFrom, { overdue_delta: sql`CASE WHEN f.ended_on IS NULL OR f.ended_on > ${overdueFrom} THEN 1 ELSE 0 END` })},
        ${row(apologisedFrom, { overdue_apologised_delta: sql`CASE WHEN f.ended_on IS NULL OR f.ended_on > ${apologisedFrom} THEN 1 ELSE 0 END` })},
        ${row(sql`f.apology_on`, { apologies: sql`1` })},
        ${row(sql`f.rated_on`, { ratings: sql`1`, ratings_satisfied: sql`(f.rating >= 4)::int`, rating_sum: sql`COALESCE(f.rating, 0)` })},
        ${row(sql`f.filed_on`, { filed: sql`1`, filed_online_procedure: sql`f.procedure_online::int` })}
      ) AS v(day, ${columnList})
     WHERE v.day IS NOT NULL AND ${where}`;
  // Waiting for the applicant's papers / a payment: the mark's interval, within [filed_on, ended_on).
  const waitFrom = sql`GREATEST(m.start_on, f.filed_on)`;
  const waitTo = sql`LEAST(m.end_on, f.ended_on)`;
  const waitDelta = (sign: 1 | -1) => sql`CASE WHEN ${sign === 1 ? sql`(${waitTo} IS NULL OR ${waitTo} > ${waitFrom})` : sql`${waitTo} > ${waitFrom}`} THEN ${sign} ELSE 0 END`;
  const waiting = sql`
    SELECT v.day, ${sql.raw(keyColumns.map((k) => `f.${k}`).join(', '))}, ${sql.raw(counterColumns.map((c) => `v.${c}`).join(', '))}
      FROM statistics_dossier_marks m
      JOIN statistics_dossier_facts f ON f.dossier_id = m.dossier_id
      CROSS JOIN LATERAL (VALUES
        ${row(waitFrom, { supplement_delta: sql`CASE WHEN m.kind = 'SUPPLEMENT' THEN ${waitDelta(1)} ELSE 0 END`, payment_wait_delta: sql`CASE WHEN m.kind = 'AWAITING_PAYMENT' THEN ${waitDelta(1)} ELSE 0 END` })},
        ${row(waitTo, { supplement_delta: sql`CASE WHEN m.kind = 'SUPPLEMENT' THEN ${waitDelta(-1)} ELSE 0 END`, payment_wait_delta: sql`CASE WHEN m.kind = 'AWAITING_PAYMENT' THEN ${waitDelta(-1)} ELSE 0 END` })}
      ) AS v(day, ${columnList})
     WHERE m.kind IN ('SUPPLEMENT', 'AWAITING_PAYMENT') AND v.day IS NOT NULL AND ${where}`;
  // Payments: one per dossier and day paid (and paid online), and the amounts.
  const payments = sql`
    SELECT m.start_on AS day, ${sql.raw(keyColumns.map((k) => `f.${k}`).join(', '))},
           ${sql.join(counterColumns.map((c) => (c === 'paid_days' ? sql`1::bigint` : c === 'paid_online_days' ? sql`bool_or(m.online)::int::bigint` : c === 'fees' ? sql`SUM(COALESCE(m.amount, 0))::bigint` : sql`0::bigint`)), sql`, `)}
      FROM statistics_dossier_marks m
      JOIN statistics_dossier_facts f ON f.dossier_id = m.dossier_id
     WHERE m.kind = 'PAID' AND ${where}
     GROUP BY m.dossier_id, m.start_on, ${sql.raw(keyColumns.map((k) => `f.${k}`).join(', '))}`;
  return sql`${facts} UNION ALL ${waiting} UNION ALL ${payments}`;
}

/** Adds (sign 1) or subtracts (sign −1) the contributions of the fact rows matching `where` to the daily counts. */
export function applyContributions(where: SQL, sign: 1 | -1): SQL {
  const keys = sql.raw(['day', ...keyColumns].join(', '));
  return sql`
    INSERT INTO statistics_daily_counts (${keys}, ${columnList})
    SELECT ${keys}, ${sql.join(counterColumns.map((c) => sql`${sign} * SUM(${sql.raw(c)})`), sql`, `)}
      FROM (${contributions(where)}) c
     GROUP BY ${keys}
    ON CONFLICT (${keys}) DO UPDATE SET ${sql.raw(counterColumns.map((c) => `${c} = statistics_daily_counts.${c} + EXCLUDED.${c}`).join(', '))}`;
}

/** Report cells as sums over the daily counts `f` (rows with day ≤ to), for the period [from, to]. */
export function cellSums(p: Period) {
  const inPeriod = sql`f.day BETWEEN ${p.from}::date AND ${p.to}::date`;
  const flow = (col: string, extra?: SQL) => sql`COALESCE(SUM(f.${sql.raw(col)}) FILTER (WHERE ${inPeriod}${extra ? sql` AND ${extra}` : sql``}), 0)`;
  const state = (col: string) => sql`COALESCE(SUM(f.${sql.raw(col)}), 0)`;
  const onlineChannels = sql`f.channel IN ('ONLINE', 'NATIONAL_PORTAL', 'NSW')`;
  return {
    /** Received (tiếp nhận) in the period, by channel. */
    received: flow('received'),
    receivedOnline: flow('received', sql`f.channel = 'ONLINE'`),
    receivedCounter: flow('received', sql`f.channel = 'COUNTER'`),
    receivedPost: flow('received', sql`f.channel = 'POST'`),
    receivedNationalPortal: flow('received', sql`f.channel = 'NATIONAL_PORTAL'`),
    receivedNsw: flow('received', sql`f.channel = 'NSW'`),
    /** Received before the period and still open when it began (từ kỳ trước chuyển qua): open at from − 1. */
    carriedOver: sql`COALESCE(SUM(f.open_delta) FILTER (WHERE f.day < ${p.from}::date), 0)`,
    /** Resolved in the period, by classifyTimeliness on the resolution instant. */
    resolvedEarly: flow('resolved_early'),
    resolvedOnTime: flow('resolved_on_time'),
    resolvedLate: flow('resolved_late'),
    refused: flow('refused'),
    withdrawn: flow('withdrawn'),
    stopped: flow('stopped'),
    /** Received and open at the end of the period: within or over the deadline at that date. */
    pendingWithin: sql`(${state('open_delta')} - ${state('overdue_delta')})`,
    pendingOverdue: state('overdue_delta'),
    /** Filed by the end of the period and open then, waiting for the applicant's papers / a payment. */
    awaitingSupplement: state('supplement_delta'),
    awaitingPayment: state('payment_wait_delta'),
    /** Apology letters: dossiers whose first apology was issued in the period. */
    apologies: flow('apologies'),
    /** Ratings given in the period, and those "satisfied" (4 or 5 of 5). */
    ratings: flow('ratings'),
    ratingsSatisfied: flow('ratings_satisfied'),
    /** Online-service uptake: dossiers filed in the period in procedures that can be done online, and of those filed online. */
    filedInOnlineProcedures: flow('filed_online_procedure'),
    filedOnline: flow('filed_online_procedure', onlineChannels),
    /** Late resolution (the second table): resolved late in the period with an apology letter issued by the resolution date, after a supplement request, and the days late (calendar days after the due date). */
    resolvedLateApologised: flow('resolved_late_apologised'),
    resolvedLateSupplemented: flow('resolved_late_supplemented'),
    resolvedLateDays: flow('resolved_late_days'),
    /** Open and overdue at the end of the period with an apology letter issued by then. */
    pendingOverdueApologised: state('overdue_apologised_delta'),
  } satisfies Record<string, SQL>;
}

export type CountCell = keyof ReturnType<typeof cellSums>;
export const countCellNames = Object.keys(cellSums({ from: '2000-01-01', to: '2000-01-01' })) as CountCell[];

/** Sums over the daily counts: ratings given in the period (for the average), dossier-days paid (and online), VND collected. */
export const extraSums = (p: Period) => {
  const inPeriod = sql`f.day BETWEEN ${p.from}::date AND ${p.to}::date`;
  return {
    ratingSum: sql`COALESCE(SUM(f.rating_sum) FILTER (WHERE ${inPeriod}), 0)`,
    paidDays: sql`COALESCE(SUM(f.paid_days) FILTER (WHERE ${inPeriod}), 0)`,
    paidOnlineDays: sql`COALESCE(SUM(f.paid_online_days) FILTER (WHERE ${inPeriod}), 0)`,
    feesCollected: sql`COALESCE(SUM(f.fees) FILTER (WHERE ${inPeriod}), 0)`,
  };
};

/**
 * Payment cells count dossiers, not days: a dossier that paid on k > 1 days of the period was
 * counted k times in `paid_days`. The correction (k − 1 per dossier, for any payment and for
 * online ones), over the few dossiers with payments on more than one day (facts.payment_days > 1);
 * `keyExpr` is the grouping column of `f` (the fact row).
 */
export const repeatPaymentCorrection = (p: Period, keyExpr: SQL, scope: SQL) => sql`
  SELECT d.key, (count(*) - count(DISTINCT d.dossier_id))::int AS paid_fix,
         (count(*) FILTER (WHERE d.online) - count(DISTINCT d.dossier_id) FILTER (WHERE d.online))::int AS paid_online_fix
    FROM (SELECT m.dossier_id, m.start_on, ${keyExpr} AS key, bool_or(m.online) AS online
            FROM statistics_dossier_facts f
            JOIN statistics_dossier_marks m ON m.dossier_id = f.dossier_id AND m.kind = 'PAID'
           WHERE f.payment_days > 1 AND m.start_on BETWEEN ${p.from}::date AND ${p.to}::date AND ${scope}
           GROUP BY m.dossier_id, m.start_on, ${keyExpr}) d
   GROUP BY d.key`;
