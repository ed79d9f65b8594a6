/**
 * Pure rules of back-office processing: how a workflow transition (common/workflows) moves the
 * dossier's status (national codes 1–10), which actions an official may take now, the clock that
 * stops while the dossier waits, and the deadline state shown in inboxes. No I/O here.
 */
import { addWorkingMinutes, classifyTimeliness, fromLocal, toLocal, workingMinutesBetween, type WorkingCalendar } from '../../../common/calendar/index.js';
import { availableActions, type TransitionKind, type Workflow, type WorkflowAction, type WorkflowState, type WorkflowStep } from '../../../common/workflows/index.js';
import type { DossierRow, DossierStatus } from './dossiers.tables.js';

/** Actions that are not workflow transitions; a workflow may not use these names. */
export const officeActions = {
  claim: 'Nhận xử lý',
  assign: 'Phân công, chuyển người xử lý',
  apologise: 'Gửi thư xin lỗi và hẹn lại ngày trả',
} as const;
export type OfficeAction = keyof typeof officeActions;
export const isOfficeAction = (action: string): action is OfficeAction => Object.hasOwn(officeActions, action);

/** Roles that may assign the current step to someone (besides nobody else). */
export const ASSIGNING_ROLES = ['UNIT_HEAD', 'LEADER'] as const;

/** Statuses in which the back office works on the dossier (the workflow is running). */
export const processingStatuses: readonly DossierStatus[] = ['RECEIVED', 'IN_PROGRESS', 'AWAITING_PAYMENT', 'RESULT_READY'];

export function workflowStateOf(dossier: Pick<DossierRow, 'stepId' | 'workflowStatus' | 'coordinatingAgency'>): WorkflowState | null {
  if (!dossier.stepId || !dossier.workflowStatus) return null;
  return { stepId: dossier.stepId, status: dossier.workflowStatus, agency: dossier.coordinatingAgency ?? undefined };
}

export const stepById = (workflow: Workflow, id: string | null | undefined): WorkflowStep | undefined => workflow.steps.find((s) => s.id === id);

/** A step from which the result is handed over (it offers a FINISH action). */
export const isReturnStep = (step: WorkflowStep | undefined) => Boolean(step?.actions.some((a) => a.kind === 'FINISH'));

/**
 * The dossier status after a workflow transition.
 * - FORWARD / SEND_BACK: in progress; into the step that hands the result over: result ready.
 * - REQUEST_SUPPLEMENT: the applicant is asked (national code 5); COORDINATE keeps it in progress.
 * - PAYMENT: the applicant is asked to pay the fees due after appraisal (national code 6).
 * - STOP: stopped (8); FINISH: result returned (10).
 */
export function statusAfter(kind: TransitionKind, target: WorkflowStep | undefined): DossierStatus {
  switch (kind) {
    case 'FORWARD':
    case 'SEND_BACK':
      return isReturnStep(target) ? 'RESULT_READY' : 'IN_PROGRESS';
    case 'REQUEST_SUPPLEMENT':
      return 'SUPPLEMENT_REQUESTED';
    case 'COORDINATE':
      return 'IN_PROGRESS';
    case 'PAYMENT':
      return 'AWAITING_PAYMENT';
    case 'STOP':
      return 'STOPPED';
    case 'FINISH':
      return 'RESULT_RETURNED';
  }
}

/** The status to go back to when the applicant's supplement is in and work resumes at `step`. */
export function statusOnResume(workflow: Workflow, stepId: string): DossierStatus {
  if (workflow.steps[0]?.id === stepId) return 'RECEIVED';
  return isReturnStep(stepById(workflow, stepId)) ? 'RESULT_READY' : 'IN_PROGRESS';
}

/**
 * Moves deadlines by the working time the clock was stopped (awaiting the applicant or another
 * agency): the due instants are pushed by exactly the working minutes between `stoppedAt` and `now`.
 */
export function resumeDeadlines(
  deadlines: { dueAt: Date | null; stepDueAt: Date | null; appointmentAt: Date | null },
  stoppedAt: Date,
  now: Date,
  calendar: WorkingCalendar,
) {
  const paused = workingMinutesBetween(stoppedAt, now, calendar);
  const shift = (d: Date | null) => (d && paused > 0 ? addWorkingMinutes(d, paused, calendar) : d);
  return { pausedMinutes: paused, dueAt: shift(deadlines.dueAt), stepDueAt: shift(deadlines.stepDueAt), appointmentAt: shift(deadlines.appointmentAt) };
}

export type DeadlineState = 'OVERDUE' | 'DUE_SOON' | 'ON_TRACK' | 'PAUSED' | 'NONE';

/** Still within the deadline at `now` by THE rule (common/calendar classifyTimeliness: compared by local date). */
export const withinDeadline = (dueAt: Date | null, now: Date) => dueAt !== null && classifyTimeliness({ dueAt, at: now }) === 'WITHIN_DEADLINE';

/** Midnight (Asia/Ho_Chi_Minh) starting the local day of `now`: a due date before it is overdue. */
export const startOfLocalDay = (now: Date) => fromLocal(toLocal(now).date, 0);

/**
 * Inbox deadline state of the dossier: overdue by the timeliness rule, due before `soonThreshold`,
 * or on track. `startOfToday` is `startOfLocalDay(now)`, passed by a caller that states many
 * dossiers at one instant: the local date of a due date is before today's exactly when the due date
 * is before today's local midnight, so `withinDeadline` is one comparison of instants per dossier
 * (the overdue filter of the inbox reads the same instant).
 */
export function deadlineState(d: Pick<DossierRow, 'dueAt' | 'clockStoppedAt'>, now: Date, soonThreshold: Date, startOfToday: Date = startOfLocalDay(now)): DeadlineState {
  if (!d.dueAt) return 'NONE';
  if (d.dueAt.getTime() < startOfToday.getTime()) return 'OVERDUE';
  if (d.clockStoppedAt) return 'PAUSED';
  return d.dueAt.getTime() < soonThreshold.getTime() ? 'DUE_SOON' : 'ON_TRACK';
}

export interface ActorPosition {
  /** The official holds the current step's role on the current unit. */
  holdsStepRole: boolean;
  /** The official may assign the current step (unit head or leader of the current unit). */
  mayAssign: boolean;
  /** The official is the one the step is assigned to. */
  isAssignee: boolean;
  /** Nobody is assigned yet. */
  unassigned: boolean;
}

export interface AvailableAction {
  action: string;
  label: string;
  kind: TransitionKind | 'OFFICE';
  /** What the action needs in its body. */
  needs: Array<'comment' | 'assigneeId' | 'supplement' | 'newAppointmentAt' | 'collectedBy'>;
  effect?: WorkflowAction['effect'];
  /** Target step of FORWARD / SEND_BACK / COORDINATE / REQUEST_SUPPLEMENT / PAYMENT. */
  to?: string | null;
}

function needsOf(a: WorkflowAction): AvailableAction['needs'] {
  switch (a.kind) {
    case 'REQUEST_SUPPLEMENT':
      return ['supplement'];
    case 'STOP':
      return ['comment'];
    case 'FINISH':
      return ['collectedBy'];
    case 'SEND_BACK':
      return ['comment'];
    default:
      return [];
  }
}

/**
 * What the official may do now: the current step's actions when they hold its role and the step
 * is theirs or nobody's; claim it when nobody's; assign it when they head the unit; an apology
 * letter before the deadline when the dossier is theirs to handle or they head the unit.
 */
export function actionsFor({ workflow, state, dossier, position, now }: {
  workflow: Workflow;
  state: WorkflowState | null;
  dossier: Pick<DossierRow, 'status' | 'dueAt'>;
  position: ActorPosition;
  now: Date;
}): AvailableAction[] {
  if (!state || !processingStatuses.includes(dossier.status) && dossier.status !== 'SUPPLEMENT_REQUESTED') return [];
  const items: AvailableAction[] = [];
  const waitingForApplicant = state.status === 'AWAITING_APPLICANT';
  const running = state.status === 'ACTIVE' || state.status === 'AWAITING_AGENCY';
  if (running && position.holdsStepRole && position.unassigned) items.push({ action: 'claim', label: officeActions.claim, kind: 'OFFICE', needs: [] });
  if (position.holdsStepRole && (position.unassigned || position.isAssignee)) {
    const step = stepById(workflow, state.stepId);
    for (const a of availableActions(workflow, state, step ? [step.role] : [])) {
      items.push({ action: a.action, label: a.label, kind: a.kind, needs: needsOf(a), effect: a.effect, to: a.to ?? null });
    }
  }
  if ((running || waitingForApplicant) && position.mayAssign) items.push({ action: 'assign', label: officeActions.assign, kind: 'OFFICE', needs: ['assigneeId'] });
  const beforeDeadline = withinDeadline(dossier.dueAt, now);
  if (beforeDeadline && dossier.status !== 'RESULT_READY' && (running || waitingForApplicant) && ((position.holdsStepRole && position.isAssignee) || position.mayAssign)) {
    items.push({ action: 'apologise', label: officeActions.apologise, kind: 'OFFICE', needs: ['comment', 'newAppointmentAt'] });
  }
  return items;
}
