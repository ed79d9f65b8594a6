/**
 * The deadline sweep: officials are warned, in the portal and by e-mail, when the current step of
 * a dossier in processing, or the whole dossier, has DEADLINE_WARNING_WORKING_HOURS of working
 * time or less left (or is already overdue). One warning per step (step_warned_at, reset by the
 * workflow engine when the dossier moves on) and one per due date (due_warned_at).
 *
 * Who: the assignee of the step, or every holder of the step's role in its unit when nobody has
 * claimed it, and every UNIT_HEAD of that unit.
 *
 * Safe on several nodes at once and as often as wanted: candidates are read in batches, each in
 * its own transaction with FOR UPDATE SKIP LOCKED, and marked in the same transaction as their
 * notifications; the notifications themselves are idempotent (dedupe key of the dossier, step and
 * step start, or of the due date). Run by the `dossiers.sweep-deadlines` job (DEADLINE_SWEEP_CRON)
 * and by `npm run cli -- dossiers sweep-deadlines`.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { toLocal, formatMinute } from '../../../common/calendar/dates.js';
import { workingMinutesBetween } from '../../../common/calendar/deadlines.js';
import type { WorkingCalendar } from '../../../common/calendar/holidays.js';
import type { Workflow } from '../../../common/workflows/index.js';
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import type { JobQueue, QueueDefinition } from '../../platform/jobs/job-queue.js';
import { loadWorkingCalendar } from '../calendar/index.js';
import { proceduresTable } from '../catalog/index.js';
import type { OfficialRole } from '../identity/index.js';
import { notifyUsers, officialsHoldingRole, type NotificationMessage } from '../notifications/index.js';
import { workflowsTable } from '../workflows/index.js';
import { dossiersTable } from './dossiers.tables.js';

export const DOSSIERS_SWEEP_DEADLINES = 'dossiers.sweep-deadlines';
export const sweepDeadlinesQueue: QueueDefinition = { name: DOSSIERS_SWEEP_DEADLINES, retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 900 };

const DAY_MS = 24 * 3600 * 1000;
export const DEADLINE_SWEEP_BATCH = 500;

export type DeadlineKind = 'deadline.step_approaching' | 'deadline.step_overdue' | 'deadline.dossier_approaching' | 'deadline.dossier_overdue';

/** `28/11/2026 14:05` in Asia/Ho_Chi_Minh. */
export function formatVnDateTime(instant: Date): string {
  const { date, minute } = toLocal(instant);
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} ${formatMinute(minute)}`;
}

/** 270 → `4 giờ 30 phút`. */
export function formatWorkingDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m} phút`;
  return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`;
}

/**
 * Calendar days read ahead in SQL: more than the warning window can ever span (a Tết break with
 * its weekends is under 10 days); the working time left decides afterwards.
 */
export function prefilterDays(warningHours: number): number {
  return 14 + Math.ceil(warningHours / 8) * 2;
}

/** Warn now? `overdue` when the due instant has passed, else when the working time left fits the window. */
export function deadlineState(now: Date, due: Date, calendar: WorkingCalendar, warningMinutes: number): { warn: boolean; overdue: boolean; remainingMinutes: number } {
  const overdue = now.getTime() >= due.getTime();
  const remainingMinutes = overdue ? 0 : workingMinutesBetween(now, due, calendar);
  return { warn: overdue || remainingMinutes <= warningMinutes, overdue, remainingMinutes };
}

interface Candidate {
  id: string;
  code: string | null;
  procedureName: string;
  workflowCode: string | null;
  stepId: string | null;
  stepStartedAt: Date | null;
  stepDueAt: Date | null;
  dueAt: Date | null;
  currentUnitId: string | null;
  currentRole: string | null;
  assigneeUserId: string | null;
  processingUnitId: string | null;
  receivingUnitId: string;
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Step names, per workflow code, read once per run (with the executor of the moment: PGlite has one connection). */
function createStepNames() {
  const cache = new Map<string, Workflow | null>();
  return async (db: DbExecutor, workflowCode: string | null, stepId: string | null): Promise<string | null> => {
    if (!workflowCode || !stepId) return null;
    if (!cache.has(workflowCode)) {
      const [row] = await db.select({ definition: workflowsTable.definition }).from(workflowsTable).where(eq(workflowsTable.code, workflowCode));
      cache.set(workflowCode, row?.definition ?? null);
    }
    return cache.get(workflowCode)?.steps.find((s) => s.id === stepId)?.name ?? null;
  };
}

/** The assignee (or the role's holders in the unit when unassigned) and the unit's heads. */
async function recipientsOf(tx: Tx, d: Candidate): Promise<string[]> {
  const ids: string[] = [];
  if (d.assigneeUserId) ids.push(d.assigneeUserId);
  else if (d.currentUnitId && d.currentRole) ids.push(...(await officialsHoldingRole(tx, { unitId: d.currentUnitId, role: d.currentRole as OfficialRole })).map((h) => h.userId));
  const headUnit = d.currentUnitId ?? d.processingUnitId ?? d.receivingUnitId;
  ids.push(...(await officialsHoldingRole(tx, { unitId: headUnit, role: 'UNIT_HEAD' })).map((h) => h.userId));
  return [...new Set(ids)];
}

export function stepMessage(d: Candidate, stepName: string, state: { overdue: boolean; remainingMinutes: number }): NotificationMessage {
  const code = d.code ?? d.id;
  const due = formatVnDateTime(d.stepDueAt!);
  const started = (d.stepStartedAt ?? d.stepDueAt)!.getTime();
  const common = { link: `/can-bo/ho-so/${d.id}`, dossierId: d.id, dedupeKey: `deadline.step:${d.id}:${d.stepId ?? ''}:${started}` };
  if (state.overdue) {
    return {
      ...common, kind: 'deadline.step_overdue',
      title: `Hồ sơ ${code} đã quá hạn bước ${stepName}`,
      body: `Bước “${stepName}” của hồ sơ ${code} (${d.procedureName}) đã quá hạn từ ${due}. Đề nghị khẩn trương xử lý.`,
    };
  }
  const left = state.remainingMinutes > 0 ? `; còn ${formatWorkingDuration(state.remainingMinutes)} làm việc` : '';
  return {
    ...common, kind: 'deadline.step_approaching',
    title: `Hồ sơ ${code} sắp đến hạn bước ${stepName}`,
    body: `Bước “${stepName}” của hồ sơ ${code} (${d.procedureName}) phải hoàn thành trước ${due}${left}.`,
  };
}

export function dossierMessage(d: Candidate, stepName: string | null, state: { overdue: boolean; remainingMinutes: number }): NotificationMessage {
  const code = d.code ?? d.id;
  const due = formatVnDateTime(d.dueAt!);
  const step = stepName ? ` Bước hiện tại: ${stepName}.` : '';
  const common = { link: `/can-bo/ho-so/${d.id}`, dossierId: d.id, dedupeKey: `deadline.dossier:${d.id}:${d.dueAt!.getTime()}` };
  if (state.overdue) {
    return {
      ...common, kind: 'deadline.dossier_overdue',
      title: `Hồ sơ ${code} đã quá hạn giải quyết`,
      body: `Hồ sơ ${code} (${d.procedureName}) đã quá hạn giải quyết từ ${due}.${step} Nếu trễ hạn do cơ quan giải quyết, cần gửi phiếu xin lỗi và hẹn lại ngày trả kết quả cho người nộp.`,
    };
  }
  const left = state.remainingMinutes > 0 ? `; còn ${formatWorkingDuration(state.remainingMinutes)} làm việc` : '';
  return {
    ...common, kind: 'deadline.dossier_approaching',
    title: `Hồ sơ ${code} sắp đến hạn trả kết quả`,
    body: `Hồ sơ ${code} (${d.procedureName}) phải có kết quả trước ${due}${left}.${step}`,
  };
}

interface Pass {
  dueColumn: PgColumn;
  dueOf: (d: Candidate) => Date;
  where: SQL;
  mark: (tx: Tx, id: string, now: Date) => Promise<unknown>;
  message: (d: Candidate, stepName: string | null, state: { overdue: boolean; remainingMinutes: number }) => NotificationMessage;
}

const t = dossiersTable;
const passes: Record<'step' | 'dossier', Pass> = {
  step: {
    dueColumn: t.stepDueAt,
    dueOf: (d) => d.stepDueAt!,
    where: and(eq(t.workflowStatus, 'ACTIVE'), isNull(t.stepWarnedAt), isNotNull(t.stepDueAt))!,
    mark: (tx, id, now) => tx.update(t).set({ stepWarnedAt: now }).where(eq(t.id, id)),
    message: (d, stepName, state) => stepMessage(d, stepName ?? d.stepId ?? 'hiện tại', state),
  },
  dossier: {
    dueColumn: t.dueAt,
    dueOf: (d) => d.dueAt!,
    where: and(inArray(t.workflowStatus, ['ACTIVE', 'AWAITING_AGENCY']), inArray(t.status, ['RECEIVED', 'IN_PROGRESS']), isNull(t.dueWarnedAt), isNotNull(t.dueAt), isNull(t.resolvedAt))!,
    mark: (tx, id, now) => tx.update(t).set({ dueWarnedAt: now }).where(eq(t.id, id)),
    message: dossierMessage,
  },
};

const candidateColumns = {
  id: t.id, code: t.code, procedureName: proceduresTable.name, workflowCode: t.workflowCode, stepId: t.stepId,
  stepStartedAt: t.stepStartedAt, stepDueAt: t.stepDueAt, dueAt: t.dueAt, currentUnitId: t.currentUnitId, currentRole: t.currentRole,
  assigneeUserId: t.assigneeUserId, processingUnitId: t.processingUnitId, receivingUnitId: t.receivingUnitId,
};

export interface DeadlineSweepResult {
  /** Steps warned about (approaching or overdue). */
  stepWarnings: number;
  /** Dossiers warned about as a whole. */
  dossierWarnings: number;
  /** Notifications sent (one per recipient and warning). */
  notifications: number;
}

/**
 * One pass: candidates in due order, a batch per transaction. The working time left only grows
 * with the due instant, so the first candidate outside the window ends the pass.
 */
async function runPass(db: Database, pass: Pass, deps: { config: Config; calendar: WorkingCalendar; now: Date; batchSize: number; stepName: ReturnType<typeof createStepNames> }) {
  const { config, calendar, now, batchSize, stepName } = deps;
  const warningMinutes = config.deadlineWarningWorkingHours * 60;
  const horizon = new Date(now.getTime() + prefilterDays(config.deadlineWarningWorkingHours) * DAY_MS);
  let cursor: { due: Date; id: string } | null = null;
  let warned = 0;
  let notifications = 0;
  for (;;) {
    const { rows, done, last } = await db.transaction(async (tx) => {
      const after = cursor ? sql`(${pass.dueColumn}, ${t.id}) > (${cursor.due.toISOString()}::timestamptz, ${cursor.id})` : undefined;
      const rows = (await tx.select(candidateColumns).from(t)
        .innerJoin(proceduresTable, eq(proceduresTable.id, t.procedureId))
        .where(and(pass.where, lte(pass.dueColumn, horizon), after))
        .orderBy(asc(pass.dueColumn), asc(t.id))
        .limit(batchSize)
        .for('update', { of: t, skipLocked: true })) as Candidate[];
      let done = false;
      for (const d of rows) {
        const state = deadlineState(now, pass.dueOf(d), calendar, warningMinutes);
        if (!state.warn) {
          done = true;
          break;
        }
        const message = pass.message(d, await stepName(tx, d.workflowCode, d.stepId), state);
        notifications += (await notifyUsers(tx, await recipientsOf(tx, d), message, config)).length;
        await pass.mark(tx, d.id, now);
        warned++;
      }
      const lastRow = rows[rows.length - 1];
      return { rows: rows.length, done, last: lastRow ? { due: pass.dueOf(lastRow), id: lastRow.id } : null };
    });
    if (done || rows < batchSize || !last) break;
    cursor = last;
  }
  return { warned, notifications };
}

/** Runs both passes (steps, then whole dossiers) until nothing is left to warn about. */
export async function sweepDeadlines({ db, config, now = new Date(), batchSize = DEADLINE_SWEEP_BATCH }: { db: Database; config: Config; now?: Date; batchSize?: number }): Promise<DeadlineSweepResult> {
  const calendar = await loadWorkingCalendar({ db, sessions: config.calendarWorkingHours });
  const deps = { config, calendar, now, batchSize, stepName: createStepNames() };
  const step = await runPass(db, passes.step, deps);
  const dossier = await runPass(db, passes.dossier, deps);
  return { stepWarnings: step.warned, dossierWarnings: dossier.warned, notifications: step.notifications + dossier.notifications };
}

type Logger = { info(obj: object, msg?: string): void };

/** The worker and its schedule (DEADLINE_SWEEP_CRON, written by worker nodes at start). */
export async function registerDeadlineSweepJob(jobs: JobQueue, { db, config, logger }: { db: Database; config: Config; logger?: Logger }) {
  await jobs.work(DOSSIERS_SWEEP_DEADLINES, async () => {
    const result = await sweepDeadlines({ db, config });
    logger?.info({ ...result }, 'deadline sweep');
  });
  await jobs.schedule(DOSSIERS_SWEEP_DEADLINES, config.deadlineSweepCron);
}

export const deadlineSweepUsage = '  npm run cli -- dossiers sweep-deadlines    warn officials about steps and dossiers close to or past their deadline';

/** `npm run cli -- dossiers sweep-deadlines`: the same work as the scheduled job, now. */
export async function runDeadlineSweepCommand({ db, config, out, now }: { db: Database; config: Config; out: (human: string, data: unknown) => void; now?: Date }): Promise<number> {
  const result = await sweepDeadlines({ db, config, now });
  out(`Hạn xử lý: ${result.stepWarnings} bước và ${result.dossierWarnings} hồ sơ được cảnh báo, ${result.notifications} thông báo đã gửi / steps and dossiers warned, notifications sent`, result);
  return 0;
}
