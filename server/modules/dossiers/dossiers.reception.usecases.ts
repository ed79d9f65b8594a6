/**
 * The one-stop desk: the reception queue, receive (template 01), request a supplement
 * (template 02), refuse (template 03), and counter intake of in-person and postal dossiers.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { createId } from '../../platform/db/ids.js';
import { hasGrant, type SignedInActor } from '../identity/index.js';
import { applicantProfilesTable, usersTable } from '../identity/index.js';
import { eventActor, loadDossierFor, ONE_STOP_ROLE } from './dossiers.access.js';
import {
  createNotOfficerOfUnitError,
  createTransitionNotAllowedError,
  createUnknownComponentsError,
  createVersionMismatchError,
  createOnlineNotOfferedError,
} from './dossiers.errors.js';
import { addWorkingDays } from '../../../common/calendar/index.js';
import { loadWorkingCalendar } from '../calendar/index.js';
import { appointmentFor, nextStatus, phasesFor, type DossierAction } from './dossiers.models.js';
import { presentSummary } from './dossiers.presenters.js';
import { createDossiersRepository } from './dossiers.repository.js';
import type { ApplicantDetails, DossierStatus } from './dossiers.tables.js';
import { answersToStore, findCurrentCase, loadCaseContext, receivingUnitFor, startProcessingColumns, viewDossier, type DossierDeps } from './dossiers.core.js';

function transitionOrThrow(from: DossierStatus, action: DossierAction): DossierStatus {
  const to = nextStatus(from, action);
  if (!to) throw createTransitionNotAllowedError({ details: { from, action } });
  return to;
}

/** Dossiers awaiting reception in the units where the caller is a one-stop officer, oldest first. */
export async function listReceptionQueue({ db }: DossierDeps, { actor, page, pageSize }: { actor: SignedInActor; page: number; pageSize: number }) {
  const unitIds = actor.kind === 'official' ? [...new Set(actor.grants.filter((g) => g.role === ONE_STOP_ROLE).map((g) => g.unitId))] : [];
  const { items, total } = await createDossiersRepository({ db }).listReceptionQueue({ unitIds, limit: pageSize, offset: (page - 1) * pageSize });
  return { items: items.map(presentSummary), page, pageSize, total };
}

/**
 * Accepts a dossier awaiting reception: the appointment is computed again from now on the
 * working calendar (after closing or on a day off, counting starts at the next opening).
 *
 * @throws dossiers.not_found (404) unless the caller is a one-stop officer of the receiving unit,
 *         dossiers.transition_not_allowed (409)
 */
export async function receiveDossier(deps: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const dossier = await deps.db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['officer'] });
    const to = transitionOrThrow(dossier.status, 'receive');
    const ctx = await loadCaseContext(tx, dossier.caseId);
    const now = new Date();
    const calendar = await loadWorkingCalendar({ db: tx, sessions: deps.config.calendarWorkingHours });
    const appointmentAt = appointmentFor(now, phasesFor(ctx.kase.channels, dossier.channel), calendar);
    const repo = createDossiersRepository({ db: tx });
    const processing = await startProcessingColumns(tx, dossier, { now, calendar, officerId: actor.userId });
    const updated = await repo.updateDossier(dossier.id, dossier.version, { status: to, receivedAt: now, appointmentAt, dueAt: appointmentAt, ...processing });
    if (!updated) throw createVersionMismatchError();
    await repo.insertEvent({ dossierId: dossier.id, action: 'dossier.received', ...eventActor(actor, dossier), fromStatus: dossier.status, toStatus: to, at: now, payload: { appointmentAt: appointmentAt.toISOString() } });
    return updated;
  });
  return viewDossier(deps, dossier);
}

/**
 * Asks the applicant, once and completely, for the listed components and fields.
 *
 * @throws dossiers.unknown_components (400), dossiers.transition_not_allowed (409)
 */
export async function requestSupplement(deps: DossierDeps, { actor, dossierId, input }: {
  actor: SignedInActor; dossierId: string; input: { components: string[]; fields: string[]; reason: string; dueInDays?: number };
}) {
  const dossier = await deps.db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['officer'] });
    const to = transitionOrThrow(dossier.status, 'request_supplement');
    const ctx = await loadCaseContext(tx, dossier.caseId);
    const unknown = input.components.filter((id) => !ctx.components.some((c) => c.id === id));
    if (unknown.length > 0) throw createUnknownComponentsError({ errors: unknown.map((id) => ({ path: 'body.components', message: `Không có thành phần ${id} trong trường hợp này` })) });
    const now = new Date();
    const round = dossier.supplementRound + 1;
    const repo = createDossiersRepository({ db: tx });
    const dueAt = input.dueInDays
      ? addWorkingDays(now, input.dueInDays, await loadWorkingCalendar({ db: tx, sessions: deps.config.calendarWorkingHours }))
      : null;
    await repo.insertSupplementRequest({
      id: createId('sup'), dossierId: dossier.id, round, components: [...new Set(input.components)], fields: [...new Set(input.fields)], reason: input.reason,
      requestedByUserId: actor.userId, requestedAt: now, dueAt,
    });
    const updated = await repo.updateDossier(dossier.id, dossier.version, { status: to, supplementRound: round });
    if (!updated) throw createVersionMismatchError();
    await repo.insertEvent({ dossierId: dossier.id, action: 'dossier.supplement_requested', ...eventActor(actor, dossier), fromStatus: dossier.status, toStatus: to, at: now, reason: input.reason, payload: { round, components: input.components, fields: input.fields } });
    return updated;
  });
  return viewDossier(deps, dossier);
}

/** @throws dossiers.transition_not_allowed (409) */
export async function refuseDossier(deps: DossierDeps, { actor, dossierId, reasons }: { actor: SignedInActor; dossierId: string; reasons: string[] }) {
  const dossier = await deps.db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['officer'] });
    const to = transitionOrThrow(dossier.status, 'refuse');
    const repo = createDossiersRepository({ db: tx });
    const updated = await repo.updateDossier(dossier.id, dossier.version, { status: to });
    if (!updated) throw createVersionMismatchError();
    await repo.insertEvent({ dossierId: dossier.id, action: 'dossier.refused', ...eventActor(actor, dossier), fromStatus: dossier.status, toStatus: to, reason: reasons.join('\n'), payload: { reasons } });
    return updated;
  });
  return viewDossier(deps, dossier);
}

export interface CounterIntakeInput {
  procedureCode: string;
  caseCode: string;
  channel: 'IN_PERSON' | 'POSTAL';
  applicant: ApplicantDetails;
  answers: Record<string, unknown>;
}

/**
 * An officer enters a dossier handed in at the counter or by post. The person is linked to an
 * applicant account only through an ID number that the national sign-on has verified.
 *
 * @throws dossiers.not_officer (403) when the caller is no one-stop officer of the receiving unit
 */
export async function createCounterDossier(deps: DossierDeps, { actor, input }: { actor: SignedInActor; input: CounterIntakeInput }) {
  const { db, config } = deps;
  const dossier = await db.transaction(async (tx) => {
    const { procedure, version, kase } = await findCurrentCase(tx, input.procedureCode, input.caseCode);
    if (kase.capabilities.externalSystem) throw createOnlineNotOfferedError();
    const unit = await receivingUnitFor(tx, config, procedure.id);
    if (!hasGrant(actor, { role: ONE_STOP_ROLE, unitId: unit.id, fieldCode: procedure.fieldCode })) throw createNotOfficerOfUnitError();
    const [linked] = input.applicant.personalIdNumber
      ? await tx.select({ userId: usersTable.id }).from(applicantProfilesTable)
        .innerJoin(usersTable, eq(usersTable.id, applicantProfilesTable.userId))
        .where(and(eq(applicantProfilesTable.personalIdNumber, input.applicant.personalIdNumber), isNotNull(applicantProfilesTable.personalIdVerifiedAt), eq(usersTable.kind, 'APPLICANT')))
      : [];
    const repo = createDossiersRepository({ db: tx });
    const now = new Date();
    const row = await repo.insertDossier({
      id: createId('dos'),
      procedureId: procedure.id,
      versionId: version.id,
      caseId: kase.id,
      applicantUserId: linked?.userId ?? null,
      applicant: input.applicant,
      channel: input.channel,
      status: 'INTAKE',
      answers: answersToStore((await loadCaseContext(tx, kase.id)).form?.schema, input.answers),
      receivingUnitId: unit.id,
      intakeOfficialId: actor.userId,
    });
    await repo.insertEvent({ dossierId: row.id, action: 'dossier.intake_started', ...eventActor(actor, row), fromStatus: null, toStatus: 'INTAKE', at: now, payload: { channel: input.channel, linkedAccount: Boolean(linked) } });
    return row;
  });
  return viewDossier(deps, dossier);
}
