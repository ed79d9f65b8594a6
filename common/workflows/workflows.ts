/**
 * Workflows as data (domain brief §2.2–2.3): the steps a dossier of one procedure case goes
 * through in the back office, who acts at each step (a role, in the receiving unit, the
 * processing unit or a named unit), the actions allowed there and where each leads, and the
 * time allowance of each step on the working calendar. Pure: no I/O.
 *
 * A dossier's position is a `WorkflowState`. `nextStep` is the only transition function: it
 * answers the new state or a typed refusal. The dossiers status machine (national codes 1–10)
 * is separate; a workflow says who does what inside "received … result returned".
 */
import type { Duration, TimeUnit } from '../calendar/deadlines.js';

/** Official roles (server/modules/identity: officialRoles); a step is acted on by one of them. */
export const workflowRoles = ['ONE_STOP_OFFICER', 'SPECIALIST', 'UNIT_HEAD', 'LEADER', 'RECORDS_CLERK', 'ADMINISTRATOR'] as const;
export type WorkflowRole = (typeof workflowRoles)[number];

export const transitionKinds = ['FORWARD', 'SEND_BACK', 'REQUEST_SUPPLEMENT', 'COORDINATE', 'PAYMENT', 'STOP', 'FINISH'] as const;
/**
 * - FORWARD / SEND_BACK: the dossier moves to `to`.
 * - REQUEST_SUPPLEMENT: the applicant is asked for papers; the clock stops and, once they are
 *   in (`resumeWorkflow`), work resumes at `to`.
 * - COORDINATE: another agency (`agency`) is asked for its opinion; the dossier waits at `to`
 *   (the step that records the reply) and the time the agency takes is not counted.
 * - PAYMENT: the applicant is asked to pay the fees due after appraisal (the back office makes
 *   the payment request); the clock stops and, once paid, work resumes at `to`.
 * - STOP: processing stops (dừng xử lý); FINISH: the last step is done. Neither has a `to`.
 */
export type TransitionKind = (typeof transitionKinds)[number];

/** The one-stop section that received the dossier, the unit that processes it, or a unit code. */
export type StepUnit = 'RECEIVING' | 'PROCESSING' | (string & {});

export const allowanceUnits = ['WORKING_DAY', 'WORKING_HOUR', 'CALENDAR_DAY'] as const satisfies readonly TimeUnit[];

export interface WorkflowAction {
  /** Stable name of the action at this step, e.g. `forward`, `send_back`. */
  action: string;
  /** Target step id; absent (or null) for STOP and FINISH. */
  to?: string | null;
  label: string;
  kind: TransitionKind;
  /** COORDINATE only: the agency asked (a unit code, e.g. EXT.UBND_TINH). */
  agency?: string;
  /**
   * FORWARD only: what taking the action does to the result document. SIGN_RESULT: the actor
   * approves and digitally signs the drafted result; ISSUE_RESULT: the records clerk gives it
   * a number and date and issues it. The action is refused until the document is ready for it.
   */
  effect?: ActionEffect;
}

/** Names the back office uses for its own actions (claim, assign, apology letter); no workflow action may take them. */
export const reservedActionNames = ['claim', 'assign', 'apologise'] as const;

export const actionEffects = ['SIGN_RESULT', 'ISSUE_RESULT'] as const;
export type ActionEffect = (typeof actionEffects)[number];

export interface WorkflowStep {
  id: string;
  name: string;
  role: string;
  unit: StepUnit;
  allowance: { amount: number; unit: TimeUnit };
  actions: WorkflowAction[];
}

/** The first step is where a received dossier starts. */
export interface Workflow {
  code: string;
  name: string;
  steps: WorkflowStep[];
}

export interface WorkflowProblem {
  /** Where, e.g. `steps.2.actions.0.to`. */
  path: string;
  message: string;
}

export interface ValidateWorkflowOptions {
  /** Roles that exist (default: `workflowRoles`). */
  roles?: readonly string[];
  /** Unit codes that exist; when given, a step's unit other than RECEIVING / PROCESSING and a COORDINATE agency must be one of them. */
  units?: readonly string[];
  /** Time limits the allowances must fit in (e.g. each channel of each case using the workflow). */
  timeLimits?: readonly { label: string; phases: readonly Duration[] }[];
}

// ---------------------------------------------------------------------------------------------
// Time allowances

const WORKING_MINUTES_PER_DAY = 8 * 60;

/**
 * Working minutes of a duration, for comparing allowances with a time limit. A calendar day
 * limit is counted conservatively as the working days it surely contains (5 in 7, rounded
 * down; holidays aside), so a workflow that fits here fits on the real calendar in a normal week.
 */
export function workingMinutesOf(d: Duration): number {
  switch (d.unit) {
    case 'WORKING_DAY':
      return d.amount * WORKING_MINUTES_PER_DAY;
    case 'WORKING_HOUR':
    case 'HOUR':
      return d.amount * 60;
    case 'CALENDAR_DAY':
      return Math.floor((d.amount * 5) / 7) * WORKING_MINUTES_PER_DAY;
  }
}

/** Sum of the steps' allowances, in working minutes. */
export function totalAllowanceMinutes(workflow: Workflow): number {
  return workflow.steps.reduce((sum, s) => sum + workingMinutesOf(s.allowance), 0);
}

/** "3 ngày làm việc 4 giờ" style text for working minutes. */
export function formatWorkingMinutes(minutes: number): string {
  const days = Math.floor(minutes / WORKING_MINUTES_PER_DAY);
  const hours = Math.round((minutes - days * WORKING_MINUTES_PER_DAY) / 60 * 10) / 10;
  const parts = [days ? `${days} ngày làm việc` : '', hours ? `${String(hours).replace('.', ',')} giờ làm việc` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0 giờ làm việc';
}

// ---------------------------------------------------------------------------------------------
// Validation

const needsTarget = (kind: TransitionKind) => kind !== 'STOP' && kind !== 'FINISH';

/** Every problem of a workflow definition, in Vietnamese; empty when it is valid. */
export function validateWorkflow(workflow: Workflow, options: ValidateWorkflowOptions = {}): WorkflowProblem[] {
  const roles = options.roles ?? workflowRoles;
  const units = options.units ? new Set(options.units) : null;
  const problems: WorkflowProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (!workflow.code.trim()) add('code', 'Mã quy trình không được để trống.');
  if (!workflow.name.trim()) add('name', 'Tên quy trình không được để trống.');
  if (workflow.steps.length === 0) {
    add('steps', 'Quy trình phải có ít nhất một bước.');
    return problems;
  }

  const seen = new Map<string, number>();
  workflow.steps.forEach((step, i) => {
    const at = `steps.${i}`;
    if (!step.id.trim()) add(`${at}.id`, `Bước thứ ${i + 1} chưa có mã bước.`);
    else if (seen.has(step.id)) add(`${at}.id`, `Mã bước "${step.id}" bị trùng với bước thứ ${seen.get(step.id)! + 1}.`);
    else seen.set(step.id, i);
    if (!step.name.trim()) add(`${at}.name`, `Bước "${step.id}" chưa có tên.`);
    if (!roles.includes(step.role)) add(`${at}.role`, `Vai trò "${step.role}" của bước "${step.id}" không tồn tại.`);
    if (step.unit !== 'RECEIVING' && step.unit !== 'PROCESSING' && units && !units.has(step.unit)) {
      add(`${at}.unit`, `Đơn vị "${step.unit}" của bước "${step.id}" không tồn tại.`);
    }
    if (!allowanceUnits.includes(step.allowance.unit)) add(`${at}.allowance.unit`, `Đơn vị thời gian "${step.allowance.unit}" của bước "${step.id}" không hợp lệ.`);
    if (!(step.allowance.amount > 0) || !Number.isFinite(step.allowance.amount)) add(`${at}.allowance.amount`, `Thời gian của bước "${step.id}" phải lớn hơn 0.`);
    if (step.actions.length === 0) add(`${at}.actions`, `Bước "${step.id}" chưa có thao tác nào.`);
    const actionNames = new Set<string>();
    step.actions.forEach((a, j) => {
      const ap = `${at}.actions.${j}`;
      if (!a.action.trim()) add(`${ap}.action`, `Thao tác thứ ${j + 1} của bước "${step.id}" chưa có tên.`);
      else if (actionNames.has(a.action)) add(`${ap}.action`, `Thao tác "${a.action}" bị trùng trong bước "${step.id}".`);
      else if ((reservedActionNames as readonly string[]).includes(a.action)) add(`${ap}.action`, `Tên thao tác "${a.action}" đã được hệ thống dùng riêng (nhận xử lý, phân công, xin lỗi); hãy đặt tên khác.`);
      actionNames.add(a.action);
      if (!a.label.trim()) add(`${ap}.label`, `Thao tác "${a.action}" của bước "${step.id}" chưa có nhãn.`);
      if (!transitionKinds.includes(a.kind)) add(`${ap}.kind`, `Loại chuyển "${a.kind}" của thao tác "${a.action}" không hợp lệ.`);
      else if (needsTarget(a.kind)) {
        if (!a.to) add(`${ap}.to`, `Thao tác "${a.action}" của bước "${step.id}" phải chỉ ra bước tiếp theo.`);
      } else if (a.to) add(`${ap}.to`, `Thao tác "${a.action}" của bước "${step.id}" kết thúc quy trình nên không có bước tiếp theo.`);
      if (a.kind === 'COORDINATE') {
        if (!a.agency) add(`${ap}.agency`, `Thao tác phối hợp "${a.action}" của bước "${step.id}" phải chỉ ra cơ quan phối hợp.`);
        else if (units && !units.has(a.agency)) add(`${ap}.agency`, `Cơ quan phối hợp "${a.agency}" của thao tác "${a.action}" không tồn tại.`);
      } else if (a.agency) add(`${ap}.agency`, `Chỉ thao tác phối hợp mới có cơ quan phối hợp (thao tác "${a.action}").`);
      if (a.effect !== undefined) {
        if (!actionEffects.includes(a.effect)) add(`${ap}.effect`, `Tác động "${a.effect}" của thao tác "${a.action}" không hợp lệ.`);
        else if (a.kind !== 'FORWARD') add(`${ap}.effect`, `Chỉ thao tác chuyển tiếp mới ký hoặc ban hành kết quả (thao tác "${a.action}").`);
      }
    });
  });

  // Targets
  const ids = new Set(workflow.steps.map((s) => s.id));
  workflow.steps.forEach((step, i) => step.actions.forEach((a, j) => {
    if (a.to && !ids.has(a.to)) add(`steps.${i}.actions.${j}.to`, `Thao tác "${a.action}" của bước "${step.id}" chuyển tới bước "${a.to}" không tồn tại.`);
  }));

  // Graph: every step reachable from the first; every path ends in a result or a refusal.
  const byId = new Map(workflow.steps.map((s) => [s.id, s]));
  const targeted = (s: WorkflowStep) => s.actions.filter((a) => a.to && byId.has(a.to));
  const edges = (s: WorkflowStep) => targeted(s).map((a) => a.to as string);
  const reachable = new Set<string>([workflow.steps[0]!.id]);
  for (const queue = [workflow.steps[0]!]; queue.length;) {
    for (const to of edges(queue.shift()!)) if (!reachable.has(to)) { reachable.add(to); queue.push(byId.get(to)!); }
  }
  const finishing = workflow.steps.filter((s) => s.actions.some((a) => a.kind === 'FINISH'));
  if (finishing.length === 0) add('steps', 'Quy trình không có bước nào kết thúc (thao tác loại FINISH).');
  // A path ends at a step that finishes (a result) or stops processing (a refusal).
  const canEnd = new Set(workflow.steps.filter((s) => s.actions.some((a) => a.kind === 'FINISH' || a.kind === 'STOP')).map((s) => s.id));
  for (let changed = true; changed;) {
    changed = false;
    for (const s of workflow.steps) if (!canEnd.has(s.id) && edges(s).some((to) => canEnd.has(to))) { canEnd.add(s.id); changed = true; }
  }
  /** Whether a step leads back to itself (it is in a cycle). */
  const inCycle = (start: WorkflowStep) => {
    const seenIds = new Set<string>();
    for (const queue = edges(start); queue.length;) {
      const id = queue.shift()!;
      if (id === start.id) return true;
      if (!seenIds.has(id)) { seenIds.add(id); queue.push(...edges(byId.get(id)!)); }
    }
    return false;
  };
  workflow.steps.forEach((step, i) => {
    if (seen.get(step.id) !== i) return; // duplicates are already reported
    if (!reachable.has(step.id)) add(`steps.${i}`, `Bước "${step.id}" không thể tới được từ bước đầu tiên.`);
    if (finishing.length && !canEnd.has(step.id) && step.actions.length > 0) {
      add(`steps.${i}`, inCycle(step)
        ? `Từ bước "${step.id}" không có đường tới trả kết quả hoặc dừng xử lý: hồ sơ sẽ quay vòng mãi giữa các bước (vòng lặp không có lối ra).`
        : `Từ bước "${step.id}" không có đường tới trả kết quả hoặc dừng xử lý.`);
    }
  });
  // A finish returns a result: every path from the first step to it passes an action that signs or issues the result.
  const ready = new Set<string>();
  const notReady = new Set<string>([workflow.steps[0]!.id]);
  for (const queue: [string, boolean][] = [[workflow.steps[0]!.id, false]]; queue.length;) {
    const [id, isReady] = queue.shift()!;
    for (const a of targeted(byId.get(id)!)) {
      const next = isReady || (a.effect !== undefined && actionEffects.includes(a.effect));
      const set = next ? ready : notReady;
      if (!set.has(a.to!)) { set.add(a.to!); queue.push([a.to!, next]); }
    }
  }
  workflow.steps.forEach((step, i) => {
    if (seen.get(step.id) !== i || !notReady.has(step.id)) return;
    step.actions.forEach((a, j) => {
      if (a.kind !== 'FINISH') return;
      add(`steps.${i}.actions.${j}`, `Thao tác kết thúc "${a.action}" của bước "${step.id}" có thể trả hồ sơ khi kết quả chưa được ký số hay ban hành: mọi đường tới thao tác này phải qua một thao tác "Ký số kết quả" hoặc "Ban hành kết quả". Nếu đây là từ chối giải quyết, hãy dùng loại "Dừng xử lý".`);
    });
  });

  // Time
  const total = totalAllowanceMinutes(workflow);
  for (const limit of options.timeLimits ?? []) {
    const allowed = limit.phases.reduce((sum, p) => sum + workingMinutesOf(p), 0);
    if (Number.isFinite(total) && total > allowed) {
      add('steps', `Tổng thời gian các bước (${formatWorkingMinutes(total)}) vượt thời hạn giải quyết của ${limit.label} (${formatWorkingMinutes(allowed)}).`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Transitions

export type WorkflowStatus = 'ACTIVE' | 'AWAITING_APPLICANT' | 'AWAITING_AGENCY' | 'FINISHED' | 'STOPPED';

export interface WorkflowState {
  /** The current step; for FINISHED / STOPPED, the step where the workflow ended. */
  stepId: string;
  status: WorkflowStatus;
  /** AWAITING_AGENCY: the agency asked. */
  agency?: string;
}

export interface WorkflowActor {
  roles: readonly string[];
}

export type RefusalCode = 'unknown_step' | 'not_active' | 'action_not_allowed' | 'wrong_role';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export type NextStepResult =
  | { ok: true; state: WorkflowState; kind: TransitionKind; from: string; to: string | null; action: string }
  | { ok: false; refusal: Refusal };

/** Where a received dossier starts. */
export function startWorkflow(workflow: Workflow): WorkflowState {
  return { stepId: workflow.steps[0]!.id, status: 'ACTIVE' };
}

/** Actions are taken in ACTIVE steps and while the step waits for another agency's reply. */
const acceptsActions = (status: WorkflowStatus) => status === 'ACTIVE' || status === 'AWAITING_AGENCY';

/** The actions of the current step that an actor with these roles may take (none when waiting for the applicant or ended). */
export function availableActions(workflow: Workflow, state: WorkflowState, actorRoles: readonly string[]): WorkflowAction[] {
  const step = workflow.steps.find((s) => s.id === state.stepId);
  if (!step || !acceptsActions(state.status) || !actorRoles.includes(step.role)) return [];
  return step.actions;
}

/** The state after `action`, or why it is refused. */
export function nextStep(workflow: Workflow, state: WorkflowState, action: string, actor: WorkflowActor): NextStepResult {
  const refuse = (code: RefusalCode, message: string): NextStepResult => ({ ok: false, refusal: { code, message } });
  const step = workflow.steps.find((s) => s.id === state.stepId);
  if (!step) return refuse('unknown_step', `Bước "${state.stepId}" không có trong quy trình ${workflow.code}.`);
  if (state.status === 'FINISHED' || state.status === 'STOPPED') return refuse('not_active', 'Quy trình của hồ sơ đã kết thúc.');
  if (state.status === 'AWAITING_APPLICANT') return refuse('not_active', 'Hồ sơ đang chờ người nộp bổ sung.');
  const found = step.actions.find((a) => a.action === action);
  if (!found) return refuse('action_not_allowed', `Không thể thực hiện thao tác "${action}" ở bước "${step.name}".`);
  if (!actor.roles.includes(step.role)) return refuse('wrong_role', `Bước "${step.name}" do vai trò ${step.role} thực hiện.`);
  const done = (next: WorkflowState): NextStepResult => ({ ok: true, state: next, kind: found.kind, from: step.id, to: found.to ?? null, action });
  switch (found.kind) {
    case 'FORWARD':
    case 'SEND_BACK':
      return done({ stepId: found.to!, status: 'ACTIVE' });
    case 'REQUEST_SUPPLEMENT':
    case 'PAYMENT':
      return done({ stepId: found.to!, status: 'AWAITING_APPLICANT' });
    case 'COORDINATE':
      return done({ stepId: found.to!, status: 'AWAITING_AGENCY', agency: found.agency });
    case 'STOP':
      return done({ stepId: step.id, status: 'STOPPED' });
    case 'FINISH':
      return done({ stepId: step.id, status: 'FINISHED' });
  }
}

/** The applicant's supplement is in (or the fee requested by a PAYMENT action is paid): work resumes at the step the request named. Other states are unchanged. */
export function resumeWorkflow(state: WorkflowState): WorkflowState {
  return state.status === 'AWAITING_APPLICANT' ? { stepId: state.stepId, status: 'ACTIVE' } : state;
}
