/**
 * Reports over the fact table: the resolution report by field, unit, procedure or case, with the
 * online-service, online-payment and satisfaction figures and the Decision 766 indicators;
 * the dashboard; the public transparency figures. The counting rules are statistics.rules.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import { addDays, onTimePercentage, toLocal } from '../../../common/calendar/index.js';
import { queryRows, type DbExecutor } from '../../platform/db/create-database.js';
import type { SignedInActor } from '../identity/index.js';
import { createStatisticsForbiddenError, createInvalidPeriodError } from './statistics.errors.js';
import { addFlowCells, addStateCells, countCellNames, flowColumns, flowSource, repeatPaymentCorrection, stateColumns, stateSource, type CellSums, type CountCell, type FlowSums, type Period, type StateSums } from './statistics.rules.js';

export const groupings = ['field', 'unit', 'procedure', 'case'] as const;
export type Grouping = (typeof groupings)[number];
export const periodKinds = ['month', 'quarter', 'half', 'nine-months', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export type ReportCounts = Record<CountCell, number> & {
  resolved: number;
  /** Dossiers paid in the period, those paid online, and fees collected (VND). */
  paid: number;
  paidOnline: number;
  feesCollected: number;
  ratingAverage: number | null;
  /** Decision 766 progress indicator: (within + early + on time) ÷ all × 100 (onTimePercentage). */
  onTimeRate: number | null;
  /** Share of dossiers of online-capable procedures filed online, in %. */
  onlineShare: number | null;
  /** Share of dossiers paid in the period that were paid online, in %. */
  onlinePaymentShare: number | null;
  /** Share of ratings that are 4 or 5 of 5, in %. */
  satisfactionRate: number | null;
};
export interface ReportRow extends ReportCounts { key: string; label: string }

/** The dates of a named period (month 1–12, quarter 1–4; half = first 6 months, nine-months = first 9). */
export function periodRange(kind: PeriodKind, year: number, number = 1): Period {
  const pad = (n: number) => String(n).padStart(2, '0');
  const endOfMonth = (m: number) => addDays(m === 12 ? `${year + 1}-01-01` : `${year}-${pad(m + 1)}-01`, -1);
  switch (kind) {
    case 'month': return { from: `${year}-${pad(number)}-01`, to: endOfMonth(number) };
    case 'quarter': return { from: `${year}-${pad(number * 3 - 2)}-01`, to: endOfMonth(number * 3) };
    case 'half': return { from: `${year}-01-01`, to: `${year}-06-30` };
    case 'nine-months': return { from: `${year}-01-01`, to: `${year}-09-30` };
    case 'year': return { from: `${year}-01-01`, to: `${year}-12-31` };
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export function checkPeriod(p: Period) {
  if (!ISO_DATE.test(p.from) || !ISO_DATE.test(p.to) || Number.isNaN(Date.parse(p.from)) || Number.isNaN(Date.parse(p.to)) || p.from > p.to) throw createInvalidPeriodError();
  if (Date.parse(p.to) - Date.parse(p.from) > 5 * 366 * 86_400_000) throw createInvalidPeriodError();
  return p;
}

/**
 * The units an official may report on: every unit for a leader (LEADER grant), the granted
 * units and the units under them for a unit head; forbidden for anyone else.
 */
export async function reportScope(db: DbExecutor, actor: SignedInActor): Promise<string[] | 'ALL'> {
  if (actor.kind !== 'official') throw createStatisticsForbiddenError();
  if (actor.grants.some((g) => g.role === 'LEADER')) return 'ALL';
  const heads = actor.grants.filter((g) => g.role === 'UNIT_HEAD').map((g) => g.unitId);
  if (heads.length === 0) throw createStatisticsForbiddenError();
  const rows = await queryRows<{ id: string }>(db, sql`
    WITH RECURSIVE tree AS (
      SELECT id FROM agencies WHERE id IN (${sql.join(heads.map((h) => sql`${h}`), sql`, `)})
      UNION SELECT a.id FROM agencies a JOIN tree t ON a.parent_id = t.id)
    SELECT id FROM tree`);
  return rows.map((r) => r.id);
}

/**
 * The unit that issues a printed report: the unit of the caller's LEADER grant, else of their
 * first UNIT_HEAD grant (the scope checks come first), with its governing body.
 */
export async function reportIssuingUnit(db: DbExecutor, actor: SignedInActor): Promise<{ agency: string; parentAgency?: string }> {
  if (actor.kind !== 'official') throw createStatisticsForbiddenError();
  const grant = actor.grants.find((g) => g.role === 'LEADER') ?? actor.grants.find((g) => g.role === 'UNIT_HEAD');
  if (!grant) throw createStatisticsForbiddenError();
  const [row] = await queryRows<{ name: string; parent_name: string | null }>(db, sql`
    SELECT a.name, p.name AS parent_name FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id WHERE a.id = ${grant.unitId}`);
  if (!row) throw createStatisticsForbiddenError();
  return { agency: row.name, ...(row.parent_name ? { parentAgency: row.parent_name } : {}) };
}

const scopeCondition = (scope: string[] | 'ALL') =>
  scope === 'ALL' ? sql`TRUE` : scope.length ? sql`f.unit_id IN (${sql.join(scope.map((u) => sql`${u}`), sql`, `)})` : sql`FALSE`;

/** The grouping column, and the label of a group key (looked up once per group, after grouping). */
const groupColumn: Record<Grouping, { key: SQL; label: SQL }> = {
  field: { key: sql`f.field_code`, label: sql`(SELECT name FROM fields WHERE code = g.key)` },
  unit: { key: sql`f.unit_id`, label: sql`(SELECT name FROM agencies WHERE id = g.key)` },
  procedure: { key: sql`f.procedure_id`, label: sql`(SELECT code || ' — ' || name FROM procedures WHERE id = g.key)` },
  case: { key: sql`f.case_id`, label: sql`(SELECT p.code || ' — ' || c.name FROM procedure_cases c JOIN procedure_versions v ON v.id = c.version_id JOIN procedures p ON p.id = v.procedure_id WHERE c.id = g.key)` },
};

const pct = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10_000) / 100);

function finish(counts: Record<CountCell, number> & { paid: number; paidOnline: number; feesCollected: number; ratingSum: number }): ReportCounts {
  const { ratingSum: sum, ...rest } = counts;
  const rate = onTimePercentage({ EARLY: counts.resolvedEarly, ON_TIME: counts.resolvedOnTime, LATE: counts.resolvedLate, WITHIN_DEADLINE: counts.pendingWithin, OVERDUE: counts.pendingOverdue });
  return {
    ...rest,
    resolved: counts.resolvedEarly + counts.resolvedOnTime + counts.resolvedLate,
    ratingAverage: counts.ratings ? Math.round((sum / counts.ratings) * 100) / 100 : null,
    onTimeRate: rate === null ? null : Math.round(rate * 100) / 100,
    onlineShare: pct(counts.filedOnline, counts.filedInOnlineProcedures),
    onlinePaymentShare: pct(counts.paidOnline, counts.paid),
    satisfactionRate: pct(counts.ratingsSatisfied, counts.ratings),
  };
}

function emptyCounts() {
  return Object.fromEntries([...countCellNames, 'paid', 'paidOnline', 'feesCollected', 'ratingSum'].map((k) => [k, 0])) as Record<CountCell, number> & { paid: number; paidOnline: number; feesCollected: number; ratingSum: number };
}

/** The last month with month-end states (statistics_count_horizon), null when none. */
export async function countHorizon(db: DbExecutor): Promise<string | null> {
  const [row] = await queryRows<{ month: string | null }>(db, sql`SELECT month::text AS month FROM statistics_count_horizon WHERE id = 1`);
  return row?.month ?? null;
}

type GroupCounts = Record<CountCell, number> & { paid: number; paidOnline: number; feesCollected: number; ratingSum: number };
const emptySums = () => Object.fromEntries([...countCellNames, 'ratingSum', 'paidDays', 'paidOnlineDays', 'feesCollected'].map((k) => [k, 0])) as CellSums;

/**
 * Grouped counts of several tagged periods at once (one row per tag and key): the flows summed
 * per tag, key and channel in one statement (statistics.rules.ts flowSource), the states at the
 * ends of the periods per tag, role and key in another (stateSource), the correction for dossiers
 * paid on several days in a third, the cells computed from those sums (addFlowCells,
 * addStateCells). Plain sums of narrow rows: small statements to plan and to run.
 * `keyExpr` is null for one group per tag (key '').
 */
async function taggedCounts(db: DbExecutor, periods: readonly { tag: string; period: Period }[], keyExpr: SQL | null, scope: string[] | 'ALL', horizon: string | null, options: { states?: boolean } = {}) {
  const where = scopeCondition(scope);
  const key = keyExpr ?? sql`''::text`;
  const flowSums = sql.raw(flowColumns.map((c) => `SUM(f.${c})::bigint AS ${c}`).join(', '));
  const stateSums = sql.raw(stateColumns.map(([d]) => `SUM(f.${d})::bigint AS ${d}`).join(', '));
  const [flows, states, fixes] = await Promise.all([
    queryRows<Record<string, unknown>>(db, sql`SELECT f.tag, ${key} AS key, f.channel, ${flowSums} FROM (${flowSource(periods, where)}) f GROUP BY f.tag, ${key}, f.channel`),
    options.states === false ? [] : queryRows<Record<string, unknown>>(db, sql`SELECT f.tag, f.role, ${key} AS key, ${stateSums} FROM (${stateSource(periods, horizon, where)}) f GROUP BY f.tag, f.role, ${key}`),
    queryRows<{ tag: string; key: unknown; paid_fix: unknown; paid_online_fix: unknown }>(db, sql.join(periods.map(({ tag, period }) => sql`SELECT ${tag}::text AS tag, x.* FROM (${repeatPaymentCorrection(period, key, where)}) x`), sql` UNION ALL `)),
  ]);
  const byTag = new Map<string, Map<string, CellSums>>(periods.map(({ tag }) => [tag, new Map()]));
  const sumsOf = (r: Record<string, unknown>) => {
    const groups = byTag.get(String(r.tag))!;
    const k = String(r.key);
    let c = groups.get(k);
    if (!c) groups.set(k, (c = emptySums()));
    return c;
  };
  const numbers = <T extends string>(r: Record<string, unknown>, cols: readonly T[]) => Object.fromEntries(cols.map((c) => [c, Number(r[c] ?? 0)])) as Record<T, number>;
  for (const r of flows) addFlowCells(sumsOf(r), String(r.channel), numbers(r, flowColumns) as FlowSums);
  for (const r of states) addStateCells(sumsOf(r), Number(r.role), numbers(r, stateColumns.map(([d]) => d)) as StateSums);
  const result = new Map<string, Map<string, GroupCounts>>();
  for (const [tag, groups] of byTag) {
    const out = new Map<string, GroupCounts>();
    for (const [k, { paidDays, paidOnlineDays, ...c }] of groups) {
      const fix = fixes.find((f) => f.tag === tag && String(f.key) === k);
      const counts: GroupCounts = { ...c, paid: paidDays - Number(fix?.paid_fix ?? 0), paidOnline: paidOnlineDays - Number(fix?.paid_online_fix ?? 0) };
      // A key whose contributions have all cancelled out (a dossier moved to another unit) is no group.
      if (Object.values(counts).every((v) => v === 0)) continue;
      out.set(k, counts);
    }
    result.set(tag, out);
  }
  return result;
}

/**
 * Raw grouped counts (one row per key, ordered by label) for [from, to] within the scope: sums of
 * the count rows the period reads (statistics.rules.ts countParts), with the correction for
 * dossiers paid on several days; `states: false` reads the flows only (the state cells are then 0).
 */
export async function groupedCounts(db: DbExecutor, p: Period, groupBy: Grouping, scope: string[] | 'ALL', horizon?: string | null, options: { states?: boolean } = {}) {
  const g = groupColumn[groupBy];
  const h = options.states === false ? null : horizon === undefined ? await countHorizon(db) : horizon;
  const groups = (await taggedCounts(db, [{ tag: '', period: p }], g.key, scope, h, options)).get('')!;
  if (groups.size === 0) return [];
  const labels = await queryRows<{ key: string; label: string | null }>(db, sql`
    SELECT g.key, ${g.label} AS label FROM (VALUES ${sql.join([...groups.keys()].map((k) => sql`(${k}::text)`), sql`, `)}) g(key) ORDER BY label, key`);
  return labels.map((r) => ({ key: r.key, label: String(r.label ?? r.key), counts: groups.get(r.key)! }));
}

/** Totals (no grouping) of several tagged periods, in one pass (the dashboard's months). */
export async function totalsByPeriod(db: DbExecutor, periods: readonly { tag: string; period: Period }[], scope: string[] | 'ALL') {
  const counts = await taggedCounts(db, periods, null, scope, await countHorizon(db));
  return new Map(periods.map(({ tag }) => [tag, counts.get(tag)!.get('') ?? emptyCounts()]));
}

export interface CoverageFigures {
  /** Procedures in the catalogue for the scope's fields: all, online (partly or fully), fully online. */
  procedures: number;
  proceduresOnline: number;
  proceduresFullyOnline: number;
  /** Procedures that had dossiers filed in the period, and online-capable ones among them. */
  proceduresWithDossiers: number;
  proceduresOnlineWithDossiers: number;
  /** Procedures with a payment in the period, and those with a payment made online. */
  proceduresWithPayments: number;
  proceduresWithOnlinePayments: number;
}

async function coverage(db: DbExecutor, p: Period, scope: string[] | 'ALL'): Promise<CoverageFigures> {
  // The catalogue and the procedures used in the period, in one statement. Summed per procedure
  // first: a whole year's row less the rest of the year is one procedure's figure only once summed.
  const [row] = await queryRows<Record<string, number>>(db, sql`
    SELECT c.*, u.* FROM (
      SELECT count(*)::int AS procedures,
             count(*) FILTER (WHERE online_level IN ('PARTIAL', 'FULL'))::int AS "proceduresOnline",
             count(*) FILTER (WHERE online_level = 'FULL')::int AS "proceduresFullyOnline"
        FROM procedure_search) c
    CROSS JOIN (
      SELECT count(*) FILTER (WHERE f.filed > 0)::int AS "proceduresWithDossiers",
             count(*) FILTER (WHERE f.filed_online_procedure > 0)::int AS "proceduresOnlineWithDossiers",
             count(*) FILTER (WHERE f.paid_days > 0)::int AS "proceduresWithPayments",
             count(*) FILTER (WHERE f.paid_online_days > 0)::int AS "proceduresWithOnlinePayments"
        FROM (SELECT f.procedure_id, SUM(f.filed) AS filed, SUM(f.filed_online_procedure) AS filed_online_procedure,
                     SUM(f.paid_days) AS paid_days, SUM(f.paid_online_days) AS paid_online_days
                FROM (${flowSource([{ tag: '', period: p }], scopeCondition(scope))}) f
               GROUP BY f.procedure_id) f) u`);
  return row as unknown as CoverageFigures;
}

export interface Indicator766 { group: string; name: string; value: number | null; unit: '%' | 'điểm'; rule: string }

/** Decision 766/QĐ-TTg indicator values for the period (the weights are the decision's; see docs/statistics.md). */
export function indicators766(t: ReportCounts): Indicator766[] {
  const resolved = t.resolvedEarly + t.resolvedOnTime + t.resolvedLate;
  return [
    { group: 'Tiến độ giải quyết', name: 'Tỷ lệ hồ sơ giải quyết, đang giải quyết đúng hạn', value: t.onTimeRate, unit: '%', rule: '(trong hạn + trước hạn + đúng hạn) ÷ (các hồ sơ đó + quá hạn đang giải quyết + đã giải quyết quá hạn) × 100' },
    { group: 'Tiến độ giải quyết', name: 'Tỷ lệ hồ sơ đã giải quyết trước hạn, đúng hạn', value: pct(t.resolvedEarly + t.resolvedOnTime, resolved), unit: '%', rule: '(trước hạn + đúng hạn) ÷ đã giải quyết × 100' },
    { group: 'Dịch vụ công trực tuyến', name: 'Tỷ lệ hồ sơ nộp trực tuyến', value: t.onlineShare, unit: '%', rule: 'hồ sơ nộp trực tuyến ÷ hồ sơ của thủ tục có cung cấp dịch vụ công trực tuyến × 100' },
    { group: 'Thanh toán trực tuyến', name: 'Tỷ lệ hồ sơ thanh toán trực tuyến', value: t.onlinePaymentShare, unit: '%', rule: 'hồ sơ thanh toán trực tuyến ÷ hồ sơ có thanh toán trong kỳ × 100' },
    { group: 'Mức độ hài lòng', name: 'Tỷ lệ đánh giá hài lòng', value: t.satisfactionRate, unit: '%', rule: 'đánh giá 4–5 sao ÷ số đánh giá trong kỳ × 100' },
    { group: 'Mức độ hài lòng', name: 'Điểm đánh giá trung bình', value: t.ratingAverage, unit: 'điểm', rule: 'trung bình điểm đánh giá (1–5) trong kỳ' },
  ];
}

export interface ResolutionReport {
  from: string;
  to: string;
  groupBy: Grouping;
  rows: ReportRow[];
  totals: ReportCounts;
  coverage: CoverageFigures;
  indicators: Indicator766[];
}

export async function resolutionReport(db: DbExecutor, input: { period: Period; groupBy: Grouping; scope: string[] | 'ALL' }): Promise<ResolutionReport> {
  const p = checkPeriod(input.period);
  const [groups, coverageFigures] = await Promise.all([groupedCounts(db, p, input.groupBy, input.scope), coverage(db, p, input.scope)]);
  const sum = emptyCounts();
  for (const g of groups) for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += g.counts[k];
  const totals = finish(sum);
  return {
    from: p.from,
    to: p.to,
    groupBy: input.groupBy,
    rows: groups.map((g) => ({ key: g.key, label: g.label, ...finish(g.counts) })),
    totals,
    coverage: coverageFigures,
    indicators: indicators766(totals),
  };
}

/** A row of the second table: dossiers resolved late and overdue in process (docs/statistics.md). */
export interface LateRow {
  key: string;
  label: string;
  /** Resolved in the period, and of them late; with an apology letter by the resolution date; after a supplement request; average days after the due date. */
  resolved: number;
  resolvedLate: number;
  resolvedLateApologised: number;
  resolvedLateSupplemented: number;
  averageDaysLate: number | null;
  /** In process at the end of the period, and of them overdue; with an apology letter issued by then. */
  pending: number;
  pendingOverdue: number;
  pendingOverdueApologised: number;
  /** (resolved late + overdue in process) ÷ (resolved + in process) × 100. */
  lateShare: number | null;
}
export interface LateReport { from: string; to: string; groupBy: Grouping; rows: LateRow[]; totals: Omit<LateRow, 'key' | 'label'> }

function lateFigures(c: ReportCounts): Omit<LateRow, 'key' | 'label'> {
  const pending = c.pendingWithin + c.pendingOverdue;
  return {
    resolved: c.resolved,
    resolvedLate: c.resolvedLate,
    resolvedLateApologised: c.resolvedLateApologised,
    resolvedLateSupplemented: c.resolvedLateSupplemented,
    averageDaysLate: c.resolvedLate ? Math.round((c.resolvedLateDays / c.resolvedLate) * 10) / 10 : null,
    pending,
    pendingOverdue: c.pendingOverdue,
    pendingOverdueApologised: c.pendingOverdueApologised,
    lateShare: pct(c.resolvedLate + c.pendingOverdue, c.resolved + pending),
  };
}

/**
 * The second national report table on resolution: per group, the dossiers resolved late in the
 * period and those overdue in process at its end, with apology letters and supplement requests
 * (the rules: statistics.rules.ts, docs/statistics.md). Same counts as the resolution report.
 */
export async function lateReport(db: DbExecutor, input: { period: Period; groupBy: Grouping; scope: string[] | 'ALL' }): Promise<LateReport> {
  const p = checkPeriod(input.period);
  const groups = await groupedCounts(db, p, input.groupBy, input.scope);
  const sum = emptyCounts();
  for (const g of groups) for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += g.counts[k];
  return {
    from: p.from,
    to: p.to,
    groupBy: input.groupBy,
    rows: groups.map((g) => ({ key: g.key, label: g.label, ...lateFigures(finish(g.counts)) })),
    totals: lateFigures(finish(sum)),
  };
}

export const today = () => toLocal(new Date()).date;

export interface DashboardData {
  year: number;
  months: { month: string; received: number; resolved: number; resolvedLate: number; onTimeRate: number | null; onlineShare: number | null }[];
  byUnit: { key: string; label: string; onTimeRate: number | null; resolved: number; pendingOverdue: number }[];
  byField: { key: string; label: string; onTimeRate: number | null; resolved: number; pendingOverdue: number }[];
  attention: { dossierId: string; code: string | null; procedure: string; unit: string; dueAt: string; state: 'OVERDUE' | 'DUE_SOON' | 'LATE'; resolvedAt: string | null }[];
  totals: ReportCounts;
  coverage: CoverageFigures;
}

/** The leaders' dashboard for a year: trend by month, on-time by unit and field, dossiers needing attention. */
export async function dashboard(db: DbExecutor, input: { year: number; scope: string[] | 'ALL'; now?: Date }): Promise<DashboardData> {
  const now = input.now ?? new Date();
  const todayDate = toLocal(now).date;
  const yearRange = periodRange('year', input.year);
  const to = yearRange.to < todayDate ? yearRange.to : todayDate;
  // The months of the year so far, in one pass (the totals of each month, not grouped).
  const monthPeriods: { tag: string; period: Period }[] = [];
  for (let m = 1; m <= 12; m++) {
    const r = periodRange('month', input.year, m);
    if (r.from > to) break;
    monthPeriods.push({ tag: r.from.slice(0, 7), period: { from: r.from, to: r.to < to ? r.to : to } });
  }
  const monthTotals = monthPeriods.length ? await totalsByPeriod(db, monthPeriods, input.scope) : new Map<string, GroupCounts>();
  const months: DashboardData['months'] = monthPeriods.map(({ tag }) => {
    const f = finish(monthTotals.get(tag)!);
    return { month: tag, received: f.received, resolved: f.resolved, resolvedLate: f.resolvedLate, onTimeRate: f.onTimeRate, onlineShare: f.onlineShare };
  });
  const period = { from: yearRange.from, to: to < yearRange.from ? yearRange.from : to };
  const report = await resolutionReport(db, { period, groupBy: 'unit', scope: input.scope });
  const fields = await groupedCounts(db, period, 'field', input.scope);
  const soon = addDays(todayDate, 3);
  const attention = await queryRows<{ dossier_id: string; code: string | null; procedure: string; unit: string; due_at: Date | string; state: 'OVERDUE' | 'DUE_SOON' | 'LATE'; resolved_at: Date | string | null }>(db, sql`
    SELECT f.dossier_id, f.code, p.code || ' — ' || p.name AS procedure, a.name AS unit, f.due_at, f.resolved_at,
           CASE WHEN f.ended_on IS NOT NULL THEN 'LATE' WHEN f.overdue_from <= ${todayDate}::date THEN 'OVERDUE' ELSE 'DUE_SOON' END AS state
      FROM statistics_dossier_facts f
      JOIN procedures p ON p.id = f.procedure_id
      JOIN agencies a ON a.id = f.unit_id
     WHERE ${scopeCondition(input.scope)} AND NOT f.demo AND f.due_at IS NOT NULL AND (
           (f.ended_on IS NULL AND f.received_on IS NOT NULL AND f.overdue_from <= ${addDays(soon, 1)}::date)
        OR (f.outcome = 'RESOLVED' AND f.timeliness = 'LATE' AND f.ended_on BETWEEN ${period.from}::date AND ${period.to}::date))
     ORDER BY (f.ended_on IS NULL) DESC, f.due_at ASC
     LIMIT 100`);
  const asIso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return {
    year: input.year,
    months,
    byUnit: report.rows.map((r) => ({ key: r.key, label: r.label, onTimeRate: r.onTimeRate, resolved: r.resolved, pendingOverdue: r.pendingOverdue })),
    byField: fields.map((g) => { const f = finish(g.counts); return { key: g.key, label: g.label, onTimeRate: f.onTimeRate, resolved: f.resolved, pendingOverdue: f.pendingOverdue }; }),
    attention: attention.map((a) => ({ dossierId: a.dossier_id, code: a.code, procedure: a.procedure, unit: a.unit, dueAt: asIso(a.due_at)!, state: a.state, resolvedAt: asIso(a.resolved_at) })),
    totals: report.totals,
    coverage: report.coverage,
  };
}

/** Counts below this are published as "< 5" (no small groups that could point to a person). */
export const PUBLIC_MIN_COUNT = 5;
export type PublicCount = number | '< 5';
export interface PublicGroup {
  code: string;
  name: string;
  received: PublicCount;
  resolved: PublicCount;
  onTimeShare: number | null;
  onlineShare: number | null;
  averageRating: number | null;
  apologies: PublicCount;
}
export interface PublicStatistics { year: number; from: string; to: string; generatedAt: string; fields: (PublicGroup & { procedures: PublicGroup[] })[] }

const suppress = (n: number): PublicCount => (n < PUBLIC_MIN_COUNT ? '< 5' : n);
/** A share or average is shown only when the count it is computed over is not suppressed. */
const guarded = (value: number | null, over: number) => (over < PUBLIC_MIN_COUNT ? null : value);

function publicGroup(code: string, name: string, c: ReportCounts): PublicGroup {
  const resolved = c.resolvedEarly + c.resolvedOnTime + c.resolvedLate;
  return {
    code,
    name,
    received: suppress(c.received),
    resolved: suppress(resolved),
    onTimeShare: guarded(pct(c.resolvedEarly + c.resolvedOnTime, resolved), resolved),
    onlineShare: guarded(c.onlineShare, c.filedInOnlineProcedures),
    averageRating: guarded(c.ratingAverage, c.ratings),
    apologies: suppress(c.apologies),
  };
}

/** The version of the facts behind the public figures: the statistics consumer's checkpoints (every fact change from the stream moves one). */
export async function publicStatisticsVersion(db: DbExecutor): Promise<string> {
  const [row] = await queryRows<{ v: string | null }>(db, sql`SELECT COALESCE(SUM(position), 0)::text AS v FROM event_consumer_checkpoints WHERE consumer = 'statistics.facts'`);
  return row?.v ?? '0';
}

/** Public transparency figures for the year so far, per field and procedure (every unit). */
export async function publicStatistics(db: DbExecutor, now = new Date()): Promise<PublicStatistics> {
  const todayDate = toLocal(now).date;
  const year = Number(todayDate.slice(0, 4));
  const period = { from: `${year}-01-01`, to: todayDate };
  // No state is published (in process, waiting…): only the flows of the year so far are read.
  const byProcedure = await groupedCounts(db, period, 'procedure', 'ALL', null, { states: false });
  const procedures = await queryRows<{ id: string; code: string; name: string; field_code: string }>(db, sql`SELECT id, code, name, field_code FROM procedures`);
  const fieldRows = await queryRows<{ code: string; name: string }>(db, sql`SELECT code, name FROM fields ORDER BY sort_order, code`);
  const procedureById = new Map(procedures.map((p) => [p.id, p]));
  const fields = fieldRows.map((field) => {
    const sum = emptyCounts();
    const list: PublicGroup[] = [];
    for (const g of byProcedure) {
      const proc = procedureById.get(g.key);
      if (proc?.field_code !== field.code) continue;
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += g.counts[k];
      list.push(publicGroup(proc.code, proc.name, finish(g.counts)));
    }
    return { ...publicGroup(field.code, field.name, finish(sum)), procedures: list };
  });
  return { year, from: period.from, to: period.to, generatedAt: now.toISOString(), fields };
}

/** Columns of the monthly open-data statistics, in CSV order. */
export const openStatisticsColumns = ['month', 'fieldCode', 'fieldName', 'procedureCode', 'procedureName', 'received', 'receivedOnline', 'resolved', 'resolvedOnTime', 'resolvedLate', 'apologies'] as const;
export type OpenStatisticsRecord = Record<'month' | 'fieldCode' | 'fieldName' | 'procedureCode' | 'procedureName', string>
  & Record<'received' | 'receivedOnline' | 'resolved' | 'resolvedOnTime' | 'resolvedLate' | 'apologies', PublicCount>;

/**
 * Open data: per month of the year (up to this month) and procedure, dossiers received (and of
 * them filed electronically: on this portal, the national portal or the National Single Window), resolved (on time or early / late) and apologies, every unit; the same counting
 * rules as the reports and the same suppression as the public page (counts below 5 are "< 5").
 * Procedures without a dossier received or resolved in a month are left out.
 */
export async function monthlyOpenStatistics(db: DbExecutor, input: { year?: number; now?: Date } = {}): Promise<{ year: number; months: string[]; items: OpenStatisticsRecord[] }> {
  const todayDate = toLocal(input.now ?? new Date()).date;
  const thisYear = Number(todayDate.slice(0, 4));
  const year = input.year ?? thisYear;
  const lastMonth = year < thisYear ? 12 : year > thisYear ? 0 : Number(todayDate.slice(5, 7));
  const procedures = await queryRows<{ id: string; code: string; name: string; field_code: string; field_name: string }>(db, sql`
    SELECT p.id, p.code, p.name, p.field_code, f.name AS field_name FROM procedures p JOIN fields f ON f.code = p.field_code`);
  const byId = new Map(procedures.map((p) => [p.id, p]));
  const months: string[] = [];
  const items: OpenStatisticsRecord[] = [];
  for (let m = 1; m <= lastMonth; m += 1) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    months.push(month);
    const monthPeriod = periodRange('month', year, m);
    const period = { from: monthPeriod.from, to: monthPeriod.to < todayDate ? monthPeriod.to : todayDate };
    const groups = await groupedCounts(db, period, 'procedure', 'ALL');
    const rows = groups.flatMap((g) => {
      const p = byId.get(g.key);
      const resolved = g.counts.resolvedEarly + g.counts.resolvedOnTime + g.counts.resolvedLate;
      if (!p || (g.counts.received === 0 && resolved === 0)) return [];
      return [{
        month, fieldCode: p.field_code, fieldName: p.field_name, procedureCode: p.code, procedureName: p.name,
        received: suppress(g.counts.received), receivedOnline: suppress(g.counts.receivedOnline + g.counts.receivedNationalPortal + g.counts.receivedNsw), resolved: suppress(resolved),
        resolvedOnTime: suppress(g.counts.resolvedEarly + g.counts.resolvedOnTime), resolvedLate: suppress(g.counts.resolvedLate), apologies: suppress(g.counts.apologies),
      }];
    });
    rows.sort((a, b) => a.fieldCode.localeCompare(b.fieldCode) || a.procedureCode.localeCompare(b.procedureCode));
    items.push(...rows);
  }
  return { year, months, items };
}
