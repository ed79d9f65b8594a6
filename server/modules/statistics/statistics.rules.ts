/**
 * THE counting rules of every report cell, in one place (explained in docs/statistics.md), in
 * two halves:
 *
 * 1. `contributions`: what one fact row (`f`, statistics_dossier_facts) and its marks add to the
 *    daily counts (statistics_daily_counts) — a flow on the local date it happened (received,
 *    resolved, rated, paid…), or +1 / −1 where a state begins and ends (open, overdue, waiting).
 *    The projection subtracts a dossier's old contributions and adds its new ones in the same
 *    transaction as the fact row (statistics.projection.ts), and a rebuild sums them afresh.
 * 2. `countParts` (read through `flowSource` and `stateSource`) and `addFlowCells` /
 *    `addStateCells`: which count rows a period [from, to] reads (flows of its whole years,
 *    months and edge days from the yearly, monthly and daily counts; states at T = `to`, or
 *    `from` − 1 for the dossiers carried over, from the month-end states of the last month
 *    ending by T plus the deltas after it) and how each report cell is computed from their sums.
 *    "Open at T" means received and not ended on or before T.
 * The daily, monthly, yearly and month-end counts move together in one statement (`addCountRows`).
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
export const keyColumns = ['unit_id', 'field_code', 'procedure_id', 'case_id', 'channel'] as const;
/** The key of the month-end states: no state cell is split by channel. */
export const stateKeyColumns = ['unit_id', 'field_code', 'procedure_id', 'case_id'] as const;

/** One VALUES row: the day and the columns it adds to (the others add 0). */
const row = (day: SQL, cells: Partial<Record<CounterColumn, SQL>>) =>
  sql`(${day}, ${sql.join(counterColumns.map((c) => (cells[c] ? sql`(${cells[c]})::bigint` : sql`0::bigint`)), sql`, `)})`;
export const columnList = sql.raw(counterColumns.join(', '));

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

/** The `*_delta` columns and the month-end state columns (statistics_month_states) they sum to. */
export const stateColumns = [
  ['open_delta', 'open'], ['overdue_delta', 'overdue'], ['overdue_apologised_delta', 'overdue_apologised'],
  ['supplement_delta', 'supplement'], ['payment_wait_delta', 'payment_wait'],
] as const;
const keys = sql.raw(keyColumns.join(', '));
const stateKeys = sql.raw(stateKeyColumns.join(', '));
const addOnConflict = (table: string, cols: readonly string[]) => sql.raw(cols.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', '));

/**
 * Adds the count rows of `source` (a relation with `day`, the key columns and the counter
 * columns; rows may repeat a key) to the daily, monthly and yearly counts and the month-end
 * states of every month from the row's month up to the horizon (statistics_count_horizon),
 * in one statement. The caller holds the horizon row (lockHorizon) so that no advance of the
 * horizon runs beside it.
 */
export function addCountRows(source: SQL): SQL {
  const sums = sql.raw(counterColumns.map((c) => `SUM(${c})`).join(', '));
  const stateSums = sql.raw(stateColumns.map(([d]) => `SUM(${d})`).join(', '));
  const stateNames = sql.raw(stateColumns.map(([, s]) => s).join(', '));
  const anyDelta = sql.raw(stateColumns.map(([d]) => `${d} <> 0`).join(' OR '));
  // Rows whose additions cancel out (a dossier's old and new contributions) are not written.
  const anySum = sql.raw(counterColumns.map((c) => `SUM(${c}) <> 0`).join(' OR '));
  const anyStateSum = sql.raw(stateColumns.map(([d]) => `SUM(${d}) <> 0`).join(' OR '));
  return sql`
    WITH src AS (SELECT day, ${keys}, ${columnList} FROM (${source}) s),
    daily AS (
      INSERT INTO statistics_daily_counts (day, ${keys}, ${columnList})
      SELECT day, ${keys}, ${sums} FROM src GROUP BY day, ${keys} HAVING ${anySum}
      ON CONFLICT (day, ${keys}) DO UPDATE SET ${addOnConflict('statistics_daily_counts', counterColumns)}
      RETURNING 1),
    monthly AS (
      INSERT INTO statistics_monthly_counts (month, ${keys}, ${columnList})
      SELECT date_trunc('month', day::timestamp)::date, ${keys}, ${sums} FROM src GROUP BY 1, ${keys} HAVING ${anySum}
      ON CONFLICT (month, ${keys}) DO UPDATE SET ${addOnConflict('statistics_monthly_counts', counterColumns)}
      RETURNING 1),
    yearly AS (
      INSERT INTO statistics_yearly_counts (year, ${keys}, ${columnList})
      SELECT date_trunc('year', day::timestamp)::date, ${keys}, ${sums} FROM src GROUP BY 1, ${keys} HAVING ${anySum}
      ON CONFLICT (year, ${keys}) DO UPDATE SET ${addOnConflict('statistics_yearly_counts', counterColumns)}
      RETURNING 1)
    INSERT INTO statistics_month_states (month, ${stateKeys}, ${stateNames})
    SELECT ms.month::date, ${stateKeys}, ${stateSums}
      FROM src
      JOIN statistics_count_horizon h ON h.id = 1 AND h.month IS NOT NULL AND date_trunc('month', src.day::timestamp) <= h.month::timestamp
      CROSS JOIN LATERAL generate_series(date_trunc('month', src.day::timestamp), h.month::timestamp, interval '1 month') ms(month)
     WHERE ${anyDelta}
     GROUP BY ms.month, ${stateKeys} HAVING ${anyStateSum}
    ON CONFLICT (month, ${stateKeys}) DO UPDATE SET ${addOnConflict('statistics_month_states', stateColumns.map(([, s]) => s))}`;
}

/** The contributions of the fact rows matching `where`, summed per (day, key) and multiplied by `sign`. */
export function summedContributions(where: SQL, sign: 1 | -1): SQL {
  return sql`
    SELECT day, ${keys}, ${sql.join(counterColumns.map((c) => sql`(${sign} * SUM(${sql.raw(c)}))::bigint AS ${sql.raw(c)}`), sql`, `)}
      FROM (${contributions(where)}) c
     GROUP BY day, ${keys}`;
}

/** Adds (sign 1) or subtracts (sign −1) the contributions of the fact rows matching `where` to the counts. */
export function applyContributions(where: SQL, sign: 1 | -1): SQL {
  return addCountRows(summedContributions(where, sign));
}

// --- Reading: which count rows a period needs -------------------------------------------------

export const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
export const nextMonth = (month: string) => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
export const previousMonth = (month: string) => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
};
const addOneDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const subOneDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
/** The last month that ends on or before `day`. */
const lastWholeMonthBy = (day: string) => (addOneDay(day).slice(8) === '01' ? monthStart(day) : previousMonth(monthStart(day)));

/** Row roles in the count source: flows of the period, the state at `to`, the state at `from` − 1. */
const FLOW = 1;
export const STATE_TO = 2;
export const STATE_BEFORE = 3;

/** The counter columns that are flows (not `*_delta`). */
export const flowColumns = counterColumns.filter((c) => !c.endsWith('_delta'));

/**
 * One part of a period's count source: a count table's rows (`f`, with `where`), their role,
 * their sign (−1: a year less its rest) and whether they are month-end states (statistics_month_states,
 * whose columns are the states, not the deltas).
 */
interface CountPart { role: number; table: 'statistics_daily_counts' | 'statistics_monthly_counts' | 'statistics_yearly_counts' | 'statistics_month_states'; where: SQL; sign: 1 | -1; onlyStates: boolean }

/**
 * The count rows a period [from, to] reads, each with a role: the flows of its whole years
 * (yearly counts), of its whole months (monthly counts) and of the days of its partial edge
 * months (daily counts) — for a part of a year with more than six whole months, the year's row
 * less the flows of the rest of that year (rows negated); and, for the states at `to` and at
 * `from` − 1, the month-end states of the last month ending by that day (at most the horizon),
 * the monthly deltas of the whole months after it, and the daily deltas of the days after those.
 */
function countParts(p: Period, horizon: string | null, scope: SQL, options: { states?: boolean } = {}): CountPart[] {
  const parts: CountPart[] = [];
  const daily = (role: number, a: string, b: string, onlyStates: boolean, sign: 1 | -1 = 1) => {
    if (a <= b) parts.push({ role, table: 'statistics_daily_counts', where: sql`f.day BETWEEN ${a}::date AND ${b}::date AND ${scope}`, sign, onlyStates });
  };
  const monthly = (role: number, a: string | null, b: string, onlyStates: boolean, sign: 1 | -1 = 1) => {
    if (a === null || a <= b) parts.push({ role, table: 'statistics_monthly_counts', where: sql`${a === null ? sql`` : sql`f.month >= ${a}::date AND `}f.month <= ${b}::date AND ${scope}`, sign, onlyStates });
  };
  // Flows of the days [a, b] within one year: whole months from the monthly counts, the rest from the daily counts.
  const flows = (a: string, b: string, sign: 1 | -1) => {
    if (a > b) return;
    const firstMonth = a === monthStart(a) ? a : nextMonth(monthStart(a));
    const lastMonth = lastWholeMonthBy(b);
    if (firstMonth <= lastMonth) {
      daily(FLOW, a, subOneDay(firstMonth), false, sign);
      monthly(FLOW, firstMonth, lastMonth, false, sign);
      daily(FLOW, nextMonth(lastMonth), b, false, sign);
    } else {
      daily(FLOW, a, b, false, sign);
    }
  };
  const wholeMonths = (a: string, b: string) => {
    const firstMonth = a === monthStart(a) ? a : nextMonth(monthStart(a));
    const lastMonth = lastWholeMonthBy(b);
    return firstMonth > lastMonth ? 0 : (Number(lastMonth.slice(0, 4)) - Number(firstMonth.slice(0, 4))) * 12 + Number(lastMonth.slice(5, 7)) - Number(firstMonth.slice(5, 7)) + 1;
  };
  // Flows, year by year.
  for (let year = Number(p.from.slice(0, 4)); year <= Number(p.to.slice(0, 4)); year += 1) {
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    const a = p.from > start ? p.from : start;
    const b = p.to < end ? p.to : end;
    if (wholeMonths(a, b) > 6) {
      parts.push({ role: FLOW, table: 'statistics_yearly_counts', where: sql`f.year = ${start}::date AND ${scope}`, sign: 1, onlyStates: false });
      flows(start, subOneDay(a), -1);
      flows(addOneDay(b), end, -1);
    } else {
      flows(a, b, 1);
    }
  }
  // States at the end of a day.
  const state = (role: number, day: string) => {
    const whole = lastWholeMonthBy(day);
    const snapshot = horizon === null ? null : horizon < whole ? horizon : whole;
    if (snapshot !== null) parts.push({ role, table: 'statistics_month_states', where: sql`f.month = ${snapshot}::date AND ${scope}`, sign: 1, onlyStates: true });
    monthly(role, snapshot === null ? null : nextMonth(snapshot), whole, true);
    daily(role, nextMonth(whole), day, true);
  };
  if (options.states !== false) {
    state(STATE_TO, p.to);
    state(STATE_BEFORE, subOneDay(p.from));
  }
  return parts;
}

/**
 * The flows of each tagged period (`tag`, the flow columns signed, the key columns), narrow:
 * only the flow columns, so that the statement that sums them stays small to plan and to run.
 */
export function flowSource(periods: readonly { tag: string; period: Period }[], scope: SQL): SQL {
  const parts = periods.flatMap(({ tag, period }) => countParts(period, null, scope, { states: false }).map((part) => ({ tag, part })));
  return sql.join(parts.map(({ tag, part }) => sql`SELECT ${tag}::text AS tag, ${sql.raw(`${keyColumns.join(', ')}, ${flowColumns.map((c) => (part.sign === 1 ? c : `-${c} AS ${c}`)).join(', ')}`)} FROM ${sql.raw(part.table)} f WHERE ${part.where}`), sql` UNION ALL `);
}

/**
 * The states at `to` (role STATE_TO) and at `from` − 1 (role STATE_BEFORE) of each tagged
 * period (`tag`, `role`, the state key columns and the five state columns, as `*_delta` sums).
 */
export function stateSource(periods: readonly { tag: string; period: Period }[], horizon: string | null, scope: SQL): SQL {
  const parts = periods.flatMap(({ tag, period }) => countParts(period, horizon, scope).filter((part) => part.role !== FLOW).map((part) => ({ tag, part })));
  const deltas = stateColumns.map(([d]) => d);
  return sql.join(parts.map(({ tag, part }) => sql`SELECT ${tag}::text AS tag, ${sql.raw(`${part.role} AS role, ${stateKeyColumns.join(', ')}, ${
    part.table === 'statistics_month_states' ? stateColumns.map(([d, s]) => `${s} AS ${d}`).join(', ') : deltas.join(', ')}`)} FROM ${sql.raw(part.table)} f WHERE ${part.where}`), sql` UNION ALL `);
}

/**
 * Report cells from the summed count rows of a period: `addFlowCells` adds the flow sums of one
 * channel's rows (flowSource, summed per group and channel), `addStateCells` the state sums
 * (stateSource, summed per group and role). Plain sums in SQL, the cells here: the statements
 * stay small to plan (no aggregate per cell).
 */
const onlineChannels: readonly string[] = ['ONLINE', 'NATIONAL_PORTAL', 'NSW'];
export const countCellNames = [
  /** Received (tiếp nhận) in the period, by channel. */
  'received', 'receivedOnline', 'receivedCounter', 'receivedPost', 'receivedNationalPortal', 'receivedNsw',
  /** Received before the period and still open when it began (từ kỳ trước chuyển qua): open at from − 1. */
  'carriedOver',
  /** Resolved in the period, by classifyTimeliness on the resolution instant. */
  'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'refused', 'withdrawn', 'stopped',
  /** Received and open at the end of the period: within or over the deadline at that date. */
  'pendingWithin', 'pendingOverdue',
  /** Filed by the end of the period and open then, waiting for the applicant's papers / a payment. */
  'awaitingSupplement', 'awaitingPayment',
  /** Apology letters: dossiers whose first apology was issued in the period. */
  'apologies',
  /** Ratings given in the period, and those "satisfied" (4 or 5 of 5). */
  'ratings', 'ratingsSatisfied',
  /** Online-service uptake: dossiers filed in the period in procedures that can be done online, and of those filed online. */
  'filedInOnlineProcedures', 'filedOnline',
  /** Late resolution (the second table): resolved late in the period with an apology letter issued by the resolution date, after a supplement request, and the days late (calendar days after the due date). */
  'resolvedLateApologised', 'resolvedLateSupplemented', 'resolvedLateDays',
  /** Open and overdue at the end of the period with an apology letter issued by then. */
  'pendingOverdueApologised',
] as const;
export type CountCell = (typeof countCellNames)[number];
/** The cells and the sums behind the payment and rating figures: ratings given (for the average), dossier-days paid (and online), VND collected. */
export type CellSums = Record<CountCell | 'ratingSum' | 'paidDays' | 'paidOnlineDays' | 'feesCollected', number>;
export type FlowSums = Record<(typeof flowColumns)[number], number>;
export type StateSums = Record<(typeof stateColumns)[number][0], number>;

const receivedByChannel: Record<string, CountCell> = { ONLINE: 'receivedOnline', COUNTER: 'receivedCounter', POST: 'receivedPost', NATIONAL_PORTAL: 'receivedNationalPortal', NSW: 'receivedNsw' };

/** Adds the flow sums `r` of the rows of one channel to the cells `c`. */
export function addFlowCells(c: CellSums, channel: string, r: FlowSums) {
  c.received += r.received;
  const byChannel = receivedByChannel[channel];
  if (byChannel) c[byChannel] += r.received;
  c.resolvedEarly += r.resolved_early;
  c.resolvedOnTime += r.resolved_on_time;
  c.resolvedLate += r.resolved_late;
  c.refused += r.refused;
  c.withdrawn += r.withdrawn;
  c.stopped += r.stopped;
  c.apologies += r.apologies;
  c.ratings += r.ratings;
  c.ratingsSatisfied += r.ratings_satisfied;
  c.filedInOnlineProcedures += r.filed_online_procedure;
  if (onlineChannels.includes(channel)) c.filedOnline += r.filed_online_procedure;
  c.resolvedLateApologised += r.resolved_late_apologised;
  c.resolvedLateSupplemented += r.resolved_late_supplemented;
  c.resolvedLateDays += r.resolved_late_days;
  c.ratingSum += r.rating_sum;
  c.paidDays += r.paid_days;
  c.paidOnlineDays += r.paid_online_days;
  c.feesCollected += r.fees;
}

/** Adds the state sums `r` at `to` (STATE_TO) or at `from` − 1 (STATE_BEFORE) to the cells `c`. */
export function addStateCells(c: CellSums, role: number, r: StateSums) {
  if (role === STATE_BEFORE) {
    c.carriedOver += r.open_delta;
    return;
  }
  c.pendingWithin += r.open_delta - r.overdue_delta;
  c.pendingOverdue += r.overdue_delta;
  c.awaitingSupplement += r.supplement_delta;
  c.awaitingPayment += r.payment_wait_delta;
  c.pendingOverdueApologised += r.overdue_apologised_delta;
}

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
