/**
 * Reporting facts (issue 16, domain brief §6.3): one row per dossier, kept by the
 * `statistics.facts` consumer of the dossier event stream (statistics.projection.ts) and
 * rebuildable from the events (`npm run cli -- statistics rebuild`). Dates are local
 * (Asia/Ho_Chi_Minh) calendar dates: every report counts by date (docs/statistics.md).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** How the dossier came in. NATIONAL_PORTAL and NSW are filings relayed by those systems. */
export const factChannels = ['ONLINE', 'COUNTER', 'POST', 'NATIONAL_PORTAL', 'NSW'] as const;
export type FactChannel = (typeof factChannels)[number];
/** How the dossier ended (null while open). */
export const factOutcomes = ['RESOLVED', 'REFUSED', 'WITHDRAWN', 'STOPPED'] as const;
export type FactOutcome = (typeof factOutcomes)[number];
export const factTimeliness = ['EARLY', 'ON_TIME', 'LATE'] as const;
/** Intervals a dossier spends waiting (awaiting supplement, awaiting payment) and points (payments). */
export const factMarkKinds = ['SUPPLEMENT', 'AWAITING_PAYMENT', 'PAID'] as const;
export type FactMarkKind = (typeof factMarkKinds)[number];

export const statisticsFactsTable = pgTable('statistics_dossier_facts', {
  dossierId: text('dossier_id').primaryKey(),
  code: text('code'),
  channel: text('channel', { enum: factChannels }).notNull(),
  /** The unit that processes the dossier (else the receiving unit). */
  unitId: text('unit_id').notNull(),
  receivingUnitId: text('receiving_unit_id').notNull(),
  fieldCode: text('field_code').notNull(),
  procedureId: text('procedure_id').notNull(),
  caseId: text('case_id').notNull(),
  /** The procedure can be done online (PARTIAL or FULL) — online-service coverage. */
  procedureOnline: boolean('procedure_online').notNull(),
  filedOn: date('filed_on', { mode: 'string' }),
  receivedOn: date('received_on', { mode: 'string' }),
  dueAt: timestamp('due_at', { withTimezone: true }),
  /** First date on which the dossier, still open, is overdue by classifyTimeliness. */
  overdueFrom: date('overdue_from', { mode: 'string' }),
  outcome: text('outcome', { enum: factOutcomes }),
  endedOn: date('ended_on', { mode: 'string' }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  timeliness: text('timeliness', { enum: factTimeliness }),
  returnedOn: date('returned_on', { mode: 'string' }),
  supplementRounds: integer('supplement_rounds').notNull().default(0),
  /** Distinct local dates with a payment (PAID marks): above 1, the reports correct the daily counts (docs/statistics.md). */
  paymentDays: integer('payment_days').notNull().default(0),
  paymentRequested: boolean('payment_requested').notNull().default(false),
  paidOnline: boolean('paid_online').notNull().default(false),
  feesPaid: bigint('fees_paid', { mode: 'number' }).notNull().default(0),
  rating: smallint('rating'),
  ratedOn: date('rated_on', { mode: 'string' }),
  apologyOn: date('apology_on', { mode: 'string' }),
  /** Generated demo history (seed), never a real dossier. */
  demo: boolean('demo').notNull().default(false),
  /** Position of the last event folded into the row. */
  lastPosition: bigint('last_position', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('statistics_facts_unit_idx').on(t.unitId, t.receivedOn),
  index('statistics_facts_received_idx').on(t.receivedOn),
  index('statistics_facts_ended_idx').on(t.endedOn),
  index('statistics_facts_open_idx').on(t.filedOn).where(sql`ended_on IS NULL`),
  index('statistics_facts_repeat_payments_idx').on(t.dossierId).where(sql`payment_days > 1`),
]);

export const statisticsMarksTable = pgTable('statistics_dossier_marks', {
  dossierId: text('dossier_id').notNull(),
  seq: integer('seq').notNull(),
  kind: text('kind', { enum: factMarkKinds }).notNull(),
  /** Interval [startOn, endOn) of local dates (endOn null while open); a point has endOn = startOn. */
  startOn: date('start_on', { mode: 'string' }).notNull(),
  endOn: date('end_on', { mode: 'string' }),
  /** PAID: amount in VND and whether it went through an online provider. */
  amount: bigint('amount', { mode: 'number' }),
  online: boolean('online'),
}, (t) => [primaryKey({ columns: [t.dossierId, t.seq] }), index('statistics_marks_kind_idx').on(t.kind, t.startOn)]);

/** The key of a count row after its period: unit, field, procedure, case and channel. */
const countKeyColumns = () => ({
  unitId: text('unit_id').notNull(),
  fieldCode: text('field_code').notNull(),
  procedureId: text('procedure_id').notNull(),
  caseId: text('case_id').notNull(),
  channel: text('channel', { enum: factChannels }).notNull(),
});

/** The counter columns of a count row (daily, monthly or yearly), shared by those tables. */
const countColumns = () => ({
  received: integer('received').notNull().default(0),
  filed: integer('filed').notNull().default(0),
  filedOnlineProcedure: integer('filed_online_procedure').notNull().default(0),
  resolvedEarly: integer('resolved_early').notNull().default(0),
  resolvedOnTime: integer('resolved_on_time').notNull().default(0),
  resolvedLate: integer('resolved_late').notNull().default(0),
  resolvedLateDays: integer('resolved_late_days').notNull().default(0),
  resolvedLateApologised: integer('resolved_late_apologised').notNull().default(0),
  resolvedLateSupplemented: integer('resolved_late_supplemented').notNull().default(0),
  refused: integer('refused').notNull().default(0),
  withdrawn: integer('withdrawn').notNull().default(0),
  stopped: integer('stopped').notNull().default(0),
  apologies: integer('apologies').notNull().default(0),
  ratings: integer('ratings').notNull().default(0),
  ratingsSatisfied: integer('ratings_satisfied').notNull().default(0),
  ratingSum: integer('rating_sum').notNull().default(0),
  paidDays: integer('paid_days').notNull().default(0),
  paidOnlineDays: integer('paid_online_days').notNull().default(0),
  fees: bigint('fees', { mode: 'number' }).notNull().default(0),
  openDelta: integer('open_delta').notNull().default(0),
  overdueDelta: integer('overdue_delta').notNull().default(0),
  overdueApologisedDelta: integer('overdue_apologised_delta').notNull().default(0),
  supplementDelta: integer('supplement_delta').notNull().default(0),
  paymentWaitDelta: integer('payment_wait_delta').notNull().default(0),
});

/**
 * Daily counts (ADR 14): the sum of every fact row's contributions per local date and
 * (unit, field, procedure, case, channel), kept in the same transaction as the facts by
 * subtracting a dossier's old contributions and adding its new ones (statistics.rules.ts addCountRows).
 * Flow columns count what happened on `day`; `*_delta` columns are +1 / −1 where a state
 * (open, overdue, waiting) begins and ends, so a running sum up to T gives the state at T.
 */
export const statisticsDailyCountsTable = pgTable('statistics_daily_counts', {
  day: date('day', { mode: 'string' }).notNull(),
  ...countKeyColumns(),
  ...countColumns(),
}, (t) => [
  primaryKey({ columns: [t.day, t.unitId, t.fieldCode, t.procedureId, t.caseId, t.channel] }),
]);


/**
 * Monthly counts (ADR 14, second step): per month (its first day) and key, the sum of the daily
 * counts of that month, moved with them. A report reads whole months of its period here and
 * only the days of its partial edge months in the daily counts.
 */
export const statisticsMonthlyCountsTable = pgTable('statistics_monthly_counts', {
  month: date('month', { mode: 'string' }).notNull(),
  ...countKeyColumns(),
  ...countColumns(),
}, (t) => [
  primaryKey({ columns: [t.month, t.unitId, t.fieldCode, t.procedureId, t.caseId, t.channel] }),
]);

/**
 * Yearly counts (ADR 14, third step): per year (its 1 January) and key, the sum of the daily
 * counts of that year, moved with them. A period's whole years are read here: a year report
 * reads one row per key for its flows instead of twelve.
 */
export const statisticsYearlyCountsTable = pgTable('statistics_yearly_counts', {
  year: date('year', { mode: 'string' }).notNull(),
  ...countKeyColumns(),
  ...countColumns(),
}, (t) => [
  primaryKey({ columns: [t.year, t.unitId, t.fieldCode, t.procedureId, t.caseId, t.channel] }),
]);

/**
 * Month-end states (ADR 14): per month up to the horizon (statistics_count_horizon) and key
 * (without the channel: no state cell is split by channel, so a report reads a quarter of the rows), the
 * dossiers open, overdue, overdue with an apology, waiting for papers, waiting for a payment at
 * the end of the month — the running sum of the `*_delta` counts up to that day. A missing row
 * is a key with nothing in those states. A state at day T is the snapshot of the last month
 * ending by T (at most the horizon) plus the deltas after it.
 */
export const statisticsMonthStatesTable = pgTable('statistics_month_states', {
  month: date('month', { mode: 'string' }).notNull(),
  unitId: text('unit_id').notNull(),
  fieldCode: text('field_code').notNull(),
  procedureId: text('procedure_id').notNull(),
  caseId: text('case_id').notNull(),
  open: integer('open').notNull().default(0),
  overdue: integer('overdue').notNull().default(0),
  overdueApologised: integer('overdue_apologised').notNull().default(0),
  supplement: integer('supplement').notNull().default(0),
  paymentWait: integer('payment_wait').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.month, t.unitId, t.fieldCode, t.procedureId, t.caseId] }),
]);

/** The last month with month-end states (one row, id 1; month null: no states yet). */
export const statisticsCountHorizonTable = pgTable('statistics_count_horizon', {
  id: smallint('id').primaryKey(),
  month: date('month', { mode: 'string' }),
});
