/**
 * The fields an action's form shows (exactly what the API lists in `needs`, plus the optional
 * choice of the next handler when the server offers candidates), their checks before sending,
 * the request body, and where the server's problems go. Pure.
 */
import { isApiError, errorTitle } from '../../api/problem';
import type { ActionBody, AvailableAction } from './types';
import { vnDayAt } from './format';

export type ActionField = 'comment' | 'assignee' | 'components' | 'reason' | 'appointment' | 'collectedName' | 'collectedId';

export interface ActionValues {
  comment: string;
  assigneeId: string;
  components: string[];
  reason: string;
  /** A calendar day "YYYY-MM-DD". */
  appointment: string;
  collectedName: string;
  collectedId: string;
}

export const emptyActionValues: ActionValues = { comment: '', assigneeId: '', components: [], reason: '', appointment: '', collectedName: '', collectedId: '' };

/** Element ids of the fields (the error summary links to them). */
export const actionFieldIds: Record<ActionField, string> = {
  comment: 'action-comment',
  assignee: 'action-assignee',
  components: 'action-components',
  reason: 'action-reason',
  appointment: 'action-appointment',
  collectedName: 'action-collected-name',
  collectedId: 'action-collected-id',
};

export interface ActionFormShape {
  fields: ActionField[];
  assigneeRequired: boolean;
}

const movesToAStep = new Set(['FORWARD', 'SEND_BACK', 'COORDINATE', 'PAYMENT']);

/** What the form of `action` asks; no field and no effect: the action is taken at once, without a form. */
export function actionFormShape(action: AvailableAction, candidates: readonly unknown[] | undefined): ActionFormShape {
  const fields: ActionField[] = [];
  const assigneeRequired = action.needs.includes('assigneeId');
  if (assigneeRequired || (movesToAStep.has(action.kind) && (candidates?.length ?? 0) > 0)) fields.push('assignee');
  if (action.needs.includes('supplement')) fields.push('components', 'reason');
  if (action.needs.includes('newAppointmentAt')) fields.push('appointment');
  if (action.needs.includes('collectedBy')) fields.push('collectedName', 'collectedId');
  if (action.needs.includes('comment')) fields.push('comment');
  return { fields, assigneeRequired };
}

export const needsForm = (action: AvailableAction, candidates: readonly unknown[] | undefined) =>
  actionFormShape(action, candidates).fields.length > 0 || Boolean(action.effect) || action.kind === 'PAYMENT';

export interface ActionMessages {
  commentRequired: string;
  assigneeRequired: string;
  supplementComponentsRequired: string;
  supplementReasonRequired: string;
  newAppointmentRequired: string;
  collectedNameRequired: string;
  collectedIdInvalid: string;
}

/** The problems the server would answer, caught before sending. */
export function checkAction(shape: ActionFormShape, v: ActionValues, m: ActionMessages): Partial<Record<ActionField, string>> {
  const errors: Partial<Record<ActionField, string>> = {};
  const has = (f: ActionField) => shape.fields.includes(f);
  if (has('comment') && !v.comment.trim()) errors.comment = m.commentRequired;
  if (has('assignee') && shape.assigneeRequired && !v.assigneeId) errors.assignee = m.assigneeRequired;
  if (has('components') && v.components.length === 0) errors.components = m.supplementComponentsRequired;
  if (has('reason') && v.reason.trim().length < 5) errors.reason = m.supplementReasonRequired;
  if (has('appointment') && !/^\d{4}-\d{2}-\d{2}/.test(v.appointment)) errors.appointment = m.newAppointmentRequired;
  if (has('collectedName') && !v.collectedName.trim()) errors.collectedName = m.collectedNameRequired;
  if (has('collectedId') && v.collectedId.trim() && !/^\d{9}(\d{3})?$/.test(v.collectedId.trim())) errors.collectedId = m.collectedIdInvalid;
  return errors;
}

/** The request body: only what the form asked. */
export function actionBody(shape: ActionFormShape, v: ActionValues): ActionBody {
  const has = (f: ActionField) => shape.fields.includes(f);
  const body: ActionBody = {};
  if (has('comment') && v.comment.trim()) body.comment = v.comment.trim();
  if (has('assignee') && v.assigneeId) body.assigneeId = v.assigneeId;
  if (has('components')) body.supplement = { components: v.components, fields: [], reason: v.reason.trim() };
  if (has('appointment') && v.appointment) body.newAppointmentAt = vnDayAt(v.appointment, '08:00');
  if (has('collectedName')) body.collectedBy = { fullName: v.collectedName.trim(), ...(v.collectedId.trim() ? { personalIdNumber: v.collectedId.trim() } : {}) };
  return body;
}

/** Where a problem's path (`body.comment`, `body.supplement.reason`, …) belongs in the form. */
export function fieldOfPath(path: string): ActionField | undefined {
  const p = path.replace(/^body\./, '');
  if (p === 'comment') return 'comment';
  if (p === 'assigneeId') return 'assignee';
  if (p === 'supplement.reason') return 'reason';
  if (p === 'supplement' || p.startsWith('supplement.components') || p.startsWith('supplement.fields')) return 'components';
  if (p === 'newAppointmentAt') return 'appointment';
  if (p === 'collectedBy' || p === 'collectedBy.fullName') return 'collectedName';
  if (p === 'collectedBy.personalIdNumber') return 'collectedId';
  return undefined;
}

/** The server's answer split into field problems (only for fields on screen) and the rest. */
export function serverActionErrors(error: unknown, shape: ActionFormShape): { fields: Partial<Record<ActionField, string>>; other: string[] } {
  const fields: Partial<Record<ActionField, string>> = {};
  const other: string[] = [];
  if (!isApiError(error)) return { fields, other: [errorTitle(error)] };
  for (const problem of error.errors) {
    const field = fieldOfPath(problem.path);
    if (field && shape.fields.includes(field)) fields[field] ??= problem.message;
    else other.push(problem.message);
  }
  if (Object.keys(fields).length === 0 && other.length === 0) other.push(error.title);
  return { fields, other };
}

/** A stale page: the action is gone or the dossier moved on (close the form, say so, reload). */
export const isStale = (error: unknown) => isApiError(error) && (error.code === 'dossiers.action_not_available' || error.code === 'dossiers.version_mismatch');
