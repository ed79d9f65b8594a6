/**
 * The back office (domain brief §2.2–2.6): a received dossier runs through its procedure case's
 * workflow (common/workflows). Officials see what waits on their roles in their inboxes, claim
 * or are assigned a step, and take the actions the step allows; each action moves the workflow
 * and the dossier's status in one transaction with its event, audit row and notifications.
 * Deadlines: each step has its own due instant; the dossier's overall due date is the statutory
 * one and never moves (an apology letter moves only the appointment), so a late dossier stays late.
 */
import { nextStep, type Workflow, type WorkflowState, type WorkflowStep } from '../../../common/workflows/index.js';
import { addWorkingMinutes, classifyTimeliness, dueDate } from '../../../common/calendar/index.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { loadWorkingCalendar } from '../calendar/index.js';
import { hasGrant, type SignedInActor } from '../identity/index.js';
import type { OfficialRole } from '../identity/index.js';
import { fieldCodeOf, loadDossierFor } from './dossiers.access.js';
import {
  createActionNotAvailableError,
  createAssigneeNotEligibleError,
  createDeadlinePassedError,
  createInvalidActionInputError,
  createUnknownComponentsError,
  createVersionMismatchError,
} from './dossiers.errors.js';
import { statusLabels } from './dossiers.models.js';
import {
  actionsFor,
  ASSIGNING_ROLES,
  deadlineState,
  resumeDeadlines,
  statusAfter,
  stepById,
  workflowStateOf,
  startOfLocalDay,
  withinDeadline,
  type ActorPosition,
  type AvailableAction,
} from './dossiers.processing.models.js';
import { createProcessingRepository } from './dossiers.processing.repository.js';
import { applyResultEffect, type ResultDeps } from './dossiers.results.usecases.js';
import type { WorkflowPayments } from './dossiers.payments.js';
import { createDossiersRepository } from './dossiers.repository.js';
import type { DossierRow, DossierStatus } from './dossiers.tables.js';
import { loadCaseContext, unitOfStep, viewDossier, workflowOf, type DossierDeps } from './dossiers.core.js';

export type ProcessingDeps = DossierDeps & ResultDeps & { payments?: WorkflowPayments };

// ---------------------------------------------------------------------------------------------
// Where the dossier stands

interface Position {
  workflow: Workflow;
  state: WorkflowState | null;
  step: WorkflowStep | undefined;
  /** The unit that acts at the current step. */
  unitId: string | null;
}

async function positionOf(db: DbExecutor, dossier: DossierRow): Promise<Position> {
  const workflow = await workflowOf(db, dossier);
  const state = workflowStateOf(dossier);
  const step = stepById(workflow, state?.stepId);
  return { workflow, state, step, unitId: dossier.currentUnitId ?? (step ? await unitOfStep(db, step, dossier) : null) };
}

function actorPosition(actor: SignedInActor, dossier: DossierRow, pos: Position, fieldCode: string | undefined): ActorPosition {
  const role = pos.step?.role as OfficialRole | undefined;
  const holdsStepRole = Boolean(role && pos.unitId && hasGrant(actor, { role, unitId: pos.unitId, fieldCode }));
  const mayAssign = Boolean(pos.unitId && ASSIGNING_ROLES.some((r) => hasGrant(actor, { role: r, unitId: pos.unitId!, fieldCode })));
  return { holdsStepRole, mayAssign, isAssignee: dossier.assigneeUserId === actor.userId, unassigned: dossier.assigneeUserId === null };
}

// ---------------------------------------------------------------------------------------------
// Actions

/** The actions the signed-in official may take on the dossier now (empty for anyone else). */
export async function listDossierActions(deps: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }): Promise<{ items: AvailableAction[] }> {
  const { dossier } = await loadDossierFor(deps.db, actor, dossierId);
  if (actor.kind !== 'official' || !dossier.workflowStatus) return { items: [] };
  const pos = await positionOf(deps.db, dossier);
  return { items: actionsFor({ workflow: pos.workflow, state: pos.state, dossier, position: actorPosition(actor, dossier, pos, await fieldCodeOf(deps.db, dossier.procedureId)), now: new Date() }) };
}

export interface ActionInput {
  comment?: string;
  assigneeId?: string;
  supplement?: { components: string[]; fields: string[]; reason: string; dueInDays?: number };
  newAppointmentAt?: string;
  collectedBy?: { fullName: string; personalIdNumber?: string | null; note?: string | null };
  returnMethod?: 'COUNTER' | 'POSTAL';
}

/** Whether `userId` may be given the step: they hold its role on its unit. */
async function assertEligible(db: DbExecutor, userId: string, step: WorkflowStep, unitId: string) {
  const eligible = await createProcessingRepository({ db }).officialsWithRole(unitId, step.role);
  const found = eligible.find((o) => o.id === userId);
  if (!found) throw createAssigneeNotEligibleError({ errors: [{ path: 'body.assigneeId', message: `Người được chọn không giữ vai trò xử lý bước "${step.name}" tại đơn vị này.` }] });
  return found;
}


/**
 * Takes one action (a workflow transition, or claim / assign / apologise) as the signed-in
 * official, in one transaction.
 *
 * @throws dossiers.not_found (404), dossiers.action_not_available (409), dossiers.invalid_action_input (422),
 *         dossiers.assignee_not_eligible (422), dossiers.deadline_passed (409), dossiers.result_not_ready (409)
 */
export async function takeDossierAction(deps: ProcessingDeps, { actor, dossierId, action, input, ip }: { actor: SignedInActor; dossierId: string; action: string; input: ActionInput; ip?: string | null }) {
  const updated = await deps.db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['officer', 'official'] });
    if (actor.kind !== 'official' || !dossier.workflowStatus) throw createActionNotAvailableError();
    const pos = await positionOf(tx, dossier);
    const now = new Date();
    const position = actorPosition(actor, dossier, pos, await fieldCodeOf(tx, dossier.procedureId));
    const available = actionsFor({ workflow: pos.workflow, state: pos.state, dossier, position, now });
    const chosen = available.find((a) => a.action === action);
    if (!chosen) {
      const deadlineGone = action === 'apologise' && dossier.dueAt && !withinDeadline(dossier.dueAt, now);
      if (deadlineGone) throw createDeadlinePassedError();
      throw createActionNotAvailableError({ details: { action, available: available.map((a) => a.action) } });
    }
    const repo = createDossiersRepository({ db: tx });
    const processing = createProcessingRepository({ db: tx });
    const calendar = await loadWorkingCalendar({ db: tx, sessions: deps.config.calendarWorkingHours });
    const actorRole = pos.step?.role ?? 'OFFICIAL';
    const event = { dossierId: dossier.id, actorUserId: actor.userId, actorRole, actorUnitId: pos.unitId, at: now };
    const save = async (changes: Partial<DossierRow>) => {
      const row = await repo.updateDossier(dossier.id, dossier.version, changes);
      if (!row) throw createVersionMismatchError();
      return row;
    };

    // Office actions ---------------------------------------------------------------------------
    if (action === 'claim') {
      const row = await save({ assigneeUserId: actor.userId });
      await repo.insertEvent({ ...event, action: 'dossier.claimed', fromStatus: dossier.status, toStatus: dossier.status, payload: { stepId: dossier.stepId } });
      return row;
    }
    if (action === 'assign') {
      if (!input.assigneeId) throw createInvalidActionInputError({ errors: [{ path: 'body.assigneeId', message: 'Hãy chọn người xử lý.' }] });
      const assignee = await assertEligible(tx, input.assigneeId, pos.step!, pos.unitId!);
      const row = await save({ assigneeUserId: assignee.id, stepWarnedAt: null });
      await repo.insertEvent({ ...event, action: 'dossier.assigned', actorRole: 'UNIT_HEAD', fromStatus: dossier.status, toStatus: dossier.status, internalNote: input.comment ?? null, payload: { stepId: dossier.stepId, assigneeId: assignee.id, previousAssigneeId: dossier.assigneeUserId } });
      return row;
    }
    if (action === 'apologise') {
      const reason = input.comment?.trim();
      const newAt = input.newAppointmentAt ? new Date(input.newAppointmentAt) : null;
      const problems = [
        ...(!reason ? [{ path: 'body.comment', message: 'Hãy nêu lý do chậm trả kết quả.' }] : []),
        ...(!newAt || Number.isNaN(newAt.getTime()) ? [{ path: 'body.newAppointmentAt', message: 'Hãy chọn ngày hẹn trả kết quả mới.' }]
          : newAt.getTime() <= Math.max(now.getTime(), dossier.appointmentAt?.getTime() ?? 0) ? [{ path: 'body.newAppointmentAt', message: 'Ngày hẹn mới phải sau ngày hẹn hiện tại.' }] : []),
      ];
      if (problems.length) throw createInvalidActionInputError({ errors: problems });
      const document = await processing.insertDocument({
        id: createId('doc'), dossierId: dossier.id, kind: 'APOLOGY', status: 'ISSUED', title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
        content: { reason, originalAppointmentAt: dossier.appointmentAt?.toISOString() ?? null, newAppointmentAt: newAt!.toISOString() },
        draftedByUserId: actor.userId, issuedAt: now, issuedByUserId: actor.userId,
      });
      const row = await save({ appointmentAt: newAt! });
      await repo.insertEvent({ ...event, action: 'dossier.apology_issued', fromStatus: dossier.status, toStatus: dossier.status, reason, payload: { documentId: document.id, previousAppointmentAt: dossier.appointmentAt?.toISOString() ?? null, newAppointmentAt: newAt!.toISOString() } });
      return row;
    }

    // Workflow transitions -----------------------------------------------------------------------
    const moved = nextStep(pos.workflow, pos.state!, action, { roles: [pos.step!.role] });
    if (!moved.ok) throw createActionNotAvailableError({ message: moved.refusal.message });
    const target = stepById(pos.workflow, moved.to ?? undefined);
    const toStatus = statusAfter(moved.kind, target);
    const comment = input.comment?.trim() || null;
    if (chosen.needs.includes('comment') && !comment) {
      throw createInvalidActionInputError({ errors: [{ path: 'body.comment', message: moved.kind === 'STOP' ? 'Hãy nêu lý do dừng xử lý.' : 'Hãy ghi rõ lý do trả lại.' }] });
    }

    // Waiting on another agency ends with any action taken at the step that records its reply.
    let deadlines = { dueAt: dossier.dueAt, stepDueAt: dossier.stepDueAt, appointmentAt: dossier.appointmentAt };
    if (pos.state!.status === 'AWAITING_AGENCY' && dossier.clockStoppedAt) deadlines = resumeDeadlines(deadlines, dossier.clockStoppedAt, now, calendar);

    const changes: Partial<DossierRow> = { status: toStatus, stepId: moved.state.stepId, workflowStatus: moved.state.status, coordinatingAgency: moved.state.agency ?? null, ...deadlines, clockStoppedAt: null };
    // PAYMENT: the dossier moves to the step where work resumes, then the payment request
    // (payments module) makes it wait for the applicant's payment with the clock stopped.
    if (moved.kind === 'PAYMENT') {
      if (!deps.payments) throw createActionNotAvailableError({ message: 'Chưa bật chức năng thu phí, lệ phí trên hệ thống này.' });
      Object.assign(changes, { status: 'IN_PROGRESS', workflowStatus: 'ACTIVE' });
    }
    let effectPayload: Record<string, unknown> = {};
    if (chosen.effect) effectPayload = await applyResultEffect(deps, tx, { effect: chosen.effect, dossier, actor, now });

    let assignee: { id: string; email: string | null } | null = null;
    switch (moved.kind) {
      case 'FORWARD':
      case 'SEND_BACK':
      case 'COORDINATE':
      case 'PAYMENT': {
        const unitId = await unitOfStep(tx, target!, dossier);
        if (input.assigneeId) assignee = await assertEligible(tx, input.assigneeId, target!, unitId);
        else if (moved.kind === 'SEND_BACK' || moved.kind === 'COORDINATE') {
          // Back to the person who last handled that step, when they still can.
          const last = await lastHandlerOf(tx, dossier.id, target!.id);
          if (last) assignee = (await createProcessingRepository({ db: tx }).officialsWithRole(unitId, target!.role)).find((o) => o.id === last) ?? null;
        }
        Object.assign(changes, {
          currentUnitId: unitId, currentRole: target!.role, assigneeUserId: assignee?.id ?? null,
          stepStartedAt: now, stepDueAt: dueDate(now, target!.allowance, calendar), stepWarnedAt: null,
        });
        if (moved.kind === 'COORDINATE') changes.clockStoppedAt = now;
        if (toStatus === 'RESULT_READY') changes.resolvedAt = dossier.resolvedAt ?? now;
        break;
      }
      case 'REQUEST_SUPPLEMENT': {
        const s = input.supplement;
        if (!s || !s.reason?.trim() || (s.components.length === 0 && s.fields.length === 0)) {
          throw createInvalidActionInputError({ errors: [{ path: 'body.supplement', message: 'Hãy nêu lý do và chọn ít nhất một thành phần hoặc trường cần bổ sung.' }] });
        }
        const ctx = await loadCaseContext(tx, dossier.caseId);
        const unknown = s.components.filter((id) => !ctx.components.some((c) => c.id === id));
        if (unknown.length > 0) throw createUnknownComponentsError({ errors: unknown.map((id) => ({ path: 'body.supplement.components', message: `Không có thành phần ${id} trong trường hợp này` })) });
        const round = dossier.supplementRound + 1;
        await repo.insertSupplementRequest({
          id: createId('sup'), dossierId: dossier.id, round, components: [...new Set(s.components)], fields: [...new Set(s.fields)], reason: s.reason.trim(),
          requestedByUserId: actor.userId, requestedAt: now, dueAt: s.dueInDays ? dueDate(now, { amount: s.dueInDays, unit: 'WORKING_DAY' }, calendar) : null,
        });
        Object.assign(changes, { supplementRound: round, clockStoppedAt: now });
        effectPayload = { round, components: s.components, fields: s.fields };
        break;
      }
      case 'STOP':
        Object.assign(changes, { currentUnitId: null, currentRole: null, assigneeUserId: null, stepDueAt: null, resolvedAt: now });
        break;
      case 'FINISH': {
        const method = input.returnMethod ?? 'COUNTER';
        if (method === 'COUNTER' && !input.collectedBy?.fullName?.trim()) {
          throw createInvalidActionInputError({ errors: [{ path: 'body.collectedBy.fullName', message: 'Hãy ghi họ tên người nhận kết quả.' }] });
        }
        Object.assign(changes, {
          currentUnitId: null, currentRole: null, assigneeUserId: null, stepDueAt: null,
          returnedAt: now, returnMethod: method, collectedBy: method === 'COUNTER' ? input.collectedBy : null, resolvedAt: dossier.resolvedAt ?? now,
        });
        break;
      }
    }

    const row = await save(changes);
    await repo.insertEvent({
      ...event,
      action: `dossier.${moved.kind.toLowerCase()}`,
      fromStatus: dossier.status,
      toStatus: changes.status ?? toStatus,
      // The applicant is told the stop and supplement reasons; other comments are internal.
      reason: moved.kind === 'STOP' ? comment : moved.kind === 'REQUEST_SUPPLEMENT' ? (input.supplement?.reason ?? comment ?? null) : null,
      internalNote: moved.kind === 'STOP' ? null : comment,
      payload: { workflowAction: action, label: chosen.label, fromStep: moved.from, toStep: moved.to, assigneeId: assignee?.id ?? null, ...effectPayload },
    });
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'DOSSIER_ACTION', subject: `dossier:${dossier.id}`, ip, outcome: 'SUCCESS', details: { action, fromStatus: dossier.status, toStatus, fromStep: moved.from, toStep: moved.to } } });
    if (moved.kind === 'PAYMENT') {
      await deps.payments!(tx, { actor, dossierId: dossier.id, comment, ip });
      return (await repo.getDossierById(dossier.id))!;
    }
    // Who is told what (the assignee, the applicant) is the notifications consumer's concern.
    return row;
  });
  return viewDossier(deps, updated);
}

/** The official who last moved the dossier out of `stepId`. */
async function lastHandlerOf(db: DbExecutor, dossierId: string, stepId: string): Promise<string | null> {
  const events = await createDossiersRepository({ db }).listEvents(dossierId);
  const last = [...events].reverse().find((e) => (e.payload as { fromStep?: string }).fromStep === stepId && e.actorUserId);
  return last?.actorUserId ?? null;
}


// ---------------------------------------------------------------------------------------------
// Inbox

export interface InboxQuery {
  scope: 'unit' | 'mine';
  role?: OfficialRole;
  status?: DossierStatus[];
  procedureCode?: string;
  fieldCode?: string;
  deadline?: 'overdue' | 'due_soon' | 'on_track';
  assigned?: 'me' | 'unassigned';
  page: number;
  pageSize: number;
}

/** The official's inbox: dossiers waiting on their roles in their units (or assigned to them), soonest due first. */
export async function listInbox(deps: DossierDeps, { actor, query }: { actor: SignedInActor; query: InboxQuery }) {
  const grants = actor.kind === 'official' ? actor.grants.map((g) => ({ unitId: g.unitId, role: g.role, fieldCodes: g.fieldCodes })) : [];
  const now = new Date();
  const calendar = await loadWorkingCalendar({ db: deps.db, sessions: deps.config.calendarWorkingHours });
  const soon = addWorkingMinutes(now, deps.config.deadlineWarningWorkingHours * 60, calendar);
  const today = startOfLocalDay(now);
  const deadline = query.deadline === 'overdue' ? { before: today }
    : query.deadline === 'due_soon' ? { notBefore: today, before: soon }
      : query.deadline === 'on_track' ? { notBefore: soon } : undefined;
  const { items, total } = await createProcessingRepository({ db: deps.db }).listInbox({
    grants, scope: query.scope, userId: actor.userId, role: query.role, statuses: query.status, procedureCode: query.procedureCode,
    fieldCode: query.fieldCode, deadline, assigned: query.assigned, limit: query.pageSize, offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: items.map((r) => ({
      id: r.dossier.id,
      code: r.dossier.code,
      procedureCode: r.procedureCode,
      procedureName: r.procedureName,
      caseName: r.caseName,
      fieldCode: r.fieldCode,
      applicantName: r.dossier.applicant.fullName,
      filedByName: r.dossier.applicant.filedByName ?? null,
      channel: r.dossier.channel,
      origin: r.dossier.origin,
      status: r.dossier.status,
      statusLabel: statusLabels[r.dossier.status],
      stepId: r.dossier.stepId,
      stepName: r.stepName,
      currentRole: r.dossier.currentRole,
      assignee: r.dossier.assigneeUserId ? { id: r.dossier.assigneeUserId, fullName: r.assigneeName ?? '' } : null,
      receivedAt: r.dossier.receivedAt?.toISOString() ?? null,
      dueAt: r.dossier.dueAt?.toISOString() ?? null,
      stepDueAt: r.dossier.stepDueAt?.toISOString() ?? null,
      appointmentAt: r.dossier.appointmentAt?.toISOString() ?? null,
      deadlineState: deadlineState(r.dossier, now, soon, today),
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

// ---------------------------------------------------------------------------------------------
// Workspace

/** What the official's workspace shows beside the dossier: workflow position, deadlines, rounds, documents, who can be chosen. */
export async function getProcessingView(deps: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const { dossier } = await loadDossierFor(deps.db, actor, dossierId, { need: ['officer', 'official'] });
  const processing = createProcessingRepository({ db: deps.db });
  const [rounds, documents] = await Promise.all([processing.listSupplementRequests(dossier.id), processing.listDocuments(dossier.id)]);
  const now = new Date();
  const calendar = await loadWorkingCalendar({ db: deps.db, sessions: deps.config.calendarWorkingHours });
  const soon = addWorkingMinutes(now, deps.config.deadlineWarningWorkingHours * 60, calendar);
  let workflowView = null;
  let actions: AvailableAction[] = [];
  const candidates: Record<string, { id: string; fullName: string }[]> = {};
  if (dossier.workflowStatus) {
    const pos = await positionOf(deps.db, dossier);
    const position = actorPosition(actor, dossier, pos, await fieldCodeOf(deps.db, dossier.procedureId));
    actions = actionsFor({ workflow: pos.workflow, state: pos.state, dossier, position, now });
    for (const a of actions) {
      const step = a.action === 'assign' ? pos.step : a.kind === 'FORWARD' || a.kind === 'SEND_BACK' || a.kind === 'COORDINATE' || a.kind === 'PAYMENT' ? stepById(pos.workflow, a.to ?? undefined) : undefined;
      if (!step) continue;
      const unitId = a.action === 'assign' ? pos.unitId! : await unitOfStep(deps.db, step, dossier);
      candidates[a.action] = (await processing.officialsWithRole(unitId, step.role)).map((o) => ({ id: o.id, fullName: o.fullName }));
    }
    const assignee = dossier.assigneeUserId ? await processing.getUser(dossier.assigneeUserId) : undefined;
    const coordinating = dossier.coordinatingAgency ? await processing.agencyByCode(dossier.coordinatingAgency) : undefined;
    workflowView = {
      code: pos.workflow.code,
      name: pos.workflow.name,
      steps: pos.workflow.steps.map((s) => ({ id: s.id, name: s.name, role: s.role })),
      stepId: dossier.stepId,
      stepName: pos.step?.name ?? null,
      status: dossier.workflowStatus,
      coordinatingAgency: dossier.coordinatingAgency,
      coordinatingAgencyName: dossier.coordinatingAgency ? coordinating?.name ?? null : null,
      currentRole: dossier.currentRole,
      assignee: assignee ? { id: assignee.id, fullName: assignee.fullName } : null,
      mayDraftResult: position.holdsStepRole && (position.isAssignee || position.unassigned) && !documents.some((d) => d.kind === 'RESULT' && d.status !== 'DRAFT') && dossier.workflowStatus === 'ACTIVE',
    };
  }
  return {
    dossierId: dossier.id,
    workflow: workflowView,
    actions,
    candidates,
    deadlines: {
      receivedAt: dossier.receivedAt?.toISOString() ?? null,
      dueAt: dossier.dueAt?.toISOString() ?? null,
      appointmentAt: dossier.appointmentAt?.toISOString() ?? null,
      stepStartedAt: dossier.stepStartedAt?.toISOString() ?? null,
      stepDueAt: dossier.stepDueAt?.toISOString() ?? null,
      clockStoppedAt: dossier.clockStoppedAt?.toISOString() ?? null,
      resolvedAt: dossier.resolvedAt?.toISOString() ?? null,
      state: deadlineState(dossier, now, soon),
      timeliness: dossier.dueAt ? classifyTimeliness({ dueAt: dossier.dueAt, resolvedAt: dossier.resolvedAt, at: now }) : null,
    },
    supplementRounds: rounds.map((r) => ({ round: r.round, reason: r.reason, components: r.components, fields: r.fields, requestedAt: r.requestedAt.toISOString(), dueAt: r.dueAt?.toISOString() ?? null, answeredAt: r.answeredAt?.toISOString() ?? null })),
    documents: documents.map((d) => ({
      id: d.id, kind: d.kind, status: d.status, title: d.title, number: d.number, content: d.content,
      signedAt: d.signedAt?.toISOString() ?? null, issuedAt: d.issuedAt?.toISOString() ?? null, signer: d.signer ?? null,
      sha256: d.issuedSha256 ?? d.signedSha256 ?? null,
    })),
    returned: dossier.returnedAt ? { at: dossier.returnedAt.toISOString(), method: dossier.returnMethod, collectedBy: dossier.collectedBy ?? null } : null,
  };
}

/** Whether the official may write the result draft now: they may act on the current step and the result is not signed yet. */
export async function mayDraftResult(db: DbExecutor, actor: SignedInActor, dossier: DossierRow): Promise<boolean> {
  if (actor.kind !== 'official' || dossier.workflowStatus !== 'ACTIVE') return false;
  const pos = await positionOf(db, dossier);
  const position = actorPosition(actor, dossier, pos, await fieldCodeOf(db, dossier.procedureId));
  return position.holdsStepRole && (position.isAssignee || position.unassigned);
}
