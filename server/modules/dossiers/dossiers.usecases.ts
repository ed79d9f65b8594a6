/**
 * The applicant's side of a dossier: draft, autosave, submit (code, appointment, receipt mail
 * in one transaction), answer a supplement request, withdraw, timeline, public tracking.
 */
import { and, count, eq } from 'drizzle-orm';
import { effectiveDeliveryMethod } from './dossiers.delivery.models.js';
import { channelFees, holdsForFilingPayment } from '../../../common/payments/fees.js';
import { prefillAnswers, hasPrefillField, prefilledFieldValue, withoutOrganisationPrefill, type ApplicantProfile, type JsonSchema } from '../../../common/forms/index.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { uniqueViolation } from '../../platform/db/db-errors.js';
import { createId } from '../../platform/db/ids.js';
import { loadWorkingCalendar } from '../calendar/index.js';
import { componentNeedsFile, todayInVietnam } from '../catalog/index.js';
import type { SignedInActor } from '../identity/index.js';
import { applicantProfilesTable, organisationsTable, representativeAuthorisationsTable, usersTable } from '../identity/index.js';
import { eventActor, loadDossierFor, loadDossierWithUnitForUpdate } from './dossiers.access.js';
import {
  createAlreadySubmittedError,
  createAnswersInvalidError,
  createAttachmentsNotCleanError,
  createComponentsMissingError,
  createFormMissingError,
  createNotAuthorisedToActError,
  createOrganisationUnverifiedError,
  createNotAwaitingSupplementError,
  createNotEditableError,
  createOnlineNotOfferedError,
  createSupplementNotAnsweredError,
  createIdempotencyKeyReusedError,
  createTooManyDraftsError,
  createTrackingNotFoundError,
  createTransitionNotAllowedError,
  createUnitNotConfiguredError,
  createUnrequestedChangesError,
  createVersionMismatchError,
} from './dossiers.errors.js';
import {
  appointmentFor,
  attachmentProblems,
  changedAnswerPaths,
  codeDay,
  dossierCodePrefix,
  draftCompleteness,
  isDraftStatus,
  matchesTrackingKey,
  nationalStatusLabels,
  nextStatus,
  phasesFor,
  toNationalStatus,
  unrequestedChanges,
  type DossierAction,
} from './dossiers.models.js';
import { presentEvent, presentSummary } from './dossiers.presenters.js';
import { answerProblems, answersToStore, findCurrentCase, loadCaseContext, receivingUnitFor, resumeAfterSupplementColumns, startProcessingColumns, viewDossier, type DossierDeps } from './dossiers.core.js';
import { createDossiersRepository } from './dossiers.repository.js';
export { answerProblems, findCurrentCase, loadCaseContext, receivingUnitFor, viewDossier, type DossierDeps } from './dossiers.core.js';
import { dossiersTable, type ApplicantDetails, type DossierAttachmentRow, type DossierRow, type DossierStatus } from './dossiers.tables.js';

const DAY_MS = 24 * 3600 * 1000;

export type OnBehalfOf =
  | { organisationId: string; principalUserId?: undefined; organisationInForm?: undefined }
  | { principalUserId: string; organisationId?: undefined; organisationInForm?: undefined }
  | { organisationInForm: true; organisationId?: undefined; principalUserId?: undefined };

/**
 * Checks that the applicant may file for the principal or organisation: a member of the
 * organisation, or a representative with an authorisation in force today.
 *
 * @throws dossiers.not_authorised_to_act (403), dossiers.organisation_unverified (403) for an organisation not verified yet
 */
async function checkActingFor(db: DbExecutor, userId: string, onBehalfOf: OnBehalfOf | undefined) {
  if (!onBehalfOf || onBehalfOf.organisationInForm) return { principalUserId: null, organisationId: null, authorisationId: null };
  const repo = createDossiersRepository({ db });
  const today = todayInVietnam();
  const authorisations = await db.select().from(representativeAuthorisationsTable).where(eq(representativeAuthorisationsTable.representativeUserId, userId));
  const inForce = authorisations.filter((a) => a.validFrom <= today && (a.validTo === null || a.validTo >= today));
  if (onBehalfOf.organisationId) {
    // Only an organisation whose ownership is proven may be a dossier's applicant.
    const [org] = await db.select({ status: organisationsTable.verificationStatus }).from(organisationsTable).where(eq(organisationsTable.id, onBehalfOf.organisationId));
    const member = org ? await repo.isOrganisationMember(userId, onBehalfOf.organisationId) : false;
    const represented = inForce.some((a) => a.principalOrganisationId === onBehalfOf.organisationId);
    if (org && (member || represented) && org.status !== 'VERIFIED') throw createOrganisationUnverifiedError();
    if (member) return { principalUserId: null, organisationId: onBehalfOf.organisationId, authorisationId: null };
    const auth = inForce.find((a) => a.principalOrganisationId === onBehalfOf.organisationId);
    if (!auth) throw createNotAuthorisedToActError();
    return { principalUserId: null, organisationId: onBehalfOf.organisationId, authorisationId: auth.id };
  }
  const auth = inForce.find((a) => a.principalUserId === onBehalfOf.principalUserId);
  if (!auth || onBehalfOf.principalUserId === userId) throw createNotAuthorisedToActError();
  return { principalUserId: onBehalfOf.principalUserId!, organisationId: null, authorisationId: auth.id };
}

/** Who the dossier is about (the principal when acting for a person) and the prefill profile. */
async function applicantDetailsOf(db: DbExecutor, personId: string, organisationId: string | null): Promise<{ details: ApplicantDetails; profile: ApplicantProfile }> {
  const [row] = await db.select({ user: usersTable, profile: applicantProfilesTable }).from(usersTable)
    .leftJoin(applicantProfilesTable, eq(applicantProfilesTable.userId, usersTable.id))
    .where(eq(usersTable.id, personId));
  const [org] = organisationId ? await db.select().from(organisationsTable).where(eq(organisationsTable.id, organisationId)) : [];
  const details: ApplicantDetails = {
    fullName: org?.name ?? row?.user.fullName ?? '',
    personalIdNumber: row?.profile?.personalIdNumber ?? null,
    phone: row?.user.phone ?? null,
    email: row?.user.email ?? null,
    address: org?.address ?? row?.profile?.address ?? null,
    ...(org ? { organisationTaxCode: org.taxCode } : {}),
  };
  const profile: ApplicantProfile = {
    fullName: row?.user.fullName,
    personalIdNumber: row?.profile?.personalIdNumber,
    dateOfBirth: row?.profile?.dateOfBirth,
    address: row?.profile?.address,
    addressUnits: row?.profile?.addressUnits ?? null,
    phone: row?.user.phone,
    email: row?.user.email,
    organisation: org ? { name: org.name, taxCode: org.taxCode, address: org.address, addressUnits: org.addressUnits ?? null } : null,
  };
  return { details, profile };
}

/**
 * The applicant's details and prefill profile for whom the draft is filed: the organisation or
 * the principal (the one who files it named beside it), the organisation the e-form names, or
 * the signed-in person.
 */
async function applicantFor(db: DbExecutor, userId: string, acting: { principalUserId: string | null; organisationId: string | null }, onBehalfOf: OnBehalfOf | null | undefined) {
  const { details, profile } = await applicantDetailsOf(db, acting.principalUserId ?? userId, acting.organisationId);
  if (acting.principalUserId || acting.organisationId || onBehalfOf?.organisationInForm) {
    // The applicant is the organisation or the principal; the one who files it is named beside it.
    const [filer] = await db.select({ fullName: usersTable.fullName }).from(usersTable).where(eq(usersTable.id, userId));
    details.filedByName = filer?.fullName ?? null;
  }
  if (onBehalfOf?.organisationInForm) {
    details.organisationInForm = true;
    profile.organisationInForm = true;
  }
  return { details, profile };
}

/** The organisation the e-form names is a choice only for a form with the organisation's tax code (else: oneself). */
function forForm(onBehalfOf: OnBehalfOf | undefined, schema: unknown): OnBehalfOf | undefined {
  if (!onBehalfOf?.organisationInForm) return onBehalfOf;
  return schema && hasPrefillField(schema as JsonSchema, 'organisation.taxCode') ? onBehalfOf : undefined;
}

/**
 * For the organisation the e-form names: its name, tax code and head office as the form has them
 * (until the form names one, the person who files it).
 */
function withOrganisationFromForm(details: ApplicantDetails, schema: unknown, answers: Record<string, unknown>): ApplicantDetails {
  if (!details.organisationInForm || !schema) return details;
  const form = schema as JsonSchema;
  const name = prefilledFieldValue(form, answers, 'organisation.name');
  const taxCode = prefilledFieldValue(form, answers, 'organisation.taxCode');
  const address = prefilledFieldValue(form, answers, 'organisation.address');
  return {
    ...details,
    fullName: name ?? details.filedByName ?? details.fullName,
    organisationTaxCode: taxCode ?? null,
    address: address ?? null,
  };
}

/**
 * The account has fewer than MAX_OPEN_DRAFTS online drafts. Its user row is locked, so that two
 * drafts started at once are counted one after the other.
 *
 * @throws dossiers.too_many_drafts (409)
 */
async function assertDraftRoom(tx: DbExecutor, userId: string, maxOpenDrafts: number) {
  await tx.select({ id: usersTable.id }).from(usersTable).where(eq(usersTable.id, userId)).for('update');
  const [row] = await tx.select({ n: count() }).from(dossiersTable).where(and(eq(dossiersTable.applicantUserId, userId), eq(dossiersTable.status, 'DRAFT')));
  if ((row?.n ?? 0) >= maxOpenDrafts) {
    throw createTooManyDraftsError({
      message: `Bạn đang có ${row!.n} hồ sơ nháp, đã đạt mức tối đa ${maxOpenDrafts}. Hãy nộp hoặc xóa bớt hồ sơ nháp trước khi tạo hồ sơ mới.`,
      details: { maxOpenDrafts },
    });
  }
}

/**
 * Starts an online draft for a case of the version in force, prefilled from the profile.
 *
 * @throws dossiers.case_not_found, dossiers.online_not_offered, dossiers.form_missing, dossiers.not_authorised_to_act, dossiers.too_many_drafts
 */
export async function createDraft(deps: DossierDeps, { actor, input }: { actor: SignedInActor; input: { procedureCode: string; caseCode: string; onBehalfOf?: OnBehalfOf } }) {
  const { db, config } = deps;
  const dossier = await db.transaction(async (tx) => {
    const { procedure, version, kase } = await findCurrentCase(tx, input.procedureCode, input.caseCode);
    if (!kase.capabilities.onlineSubmission || kase.capabilities.externalSystem) throw createOnlineNotOfferedError();
    const ctx = await loadCaseContext(tx, kase.id);
    if (!ctx.form) throw createFormMissingError();
    const onBehalfOf = forForm(input.onBehalfOf, ctx.form.schema);
    const acting = await checkActingFor(tx, actor.userId, onBehalfOf);
    await assertDraftRoom(tx, actor.userId, config.maxOpenDrafts);
    const { details, profile } = await applicantFor(tx, actor.userId, acting, onBehalfOf);
    const unit = await receivingUnitFor(tx, config, procedure.id);
    const now = new Date();
    const repo = createDossiersRepository({ db: tx });
    const row = await repo.insertDossier({
      id: createId('dos'),
      procedureId: procedure.id,
      versionId: version.id,
      caseId: kase.id,
      applicantUserId: actor.userId,
      principalUserId: acting.principalUserId,
      organisationId: acting.organisationId,
      representativeAuthorisationId: acting.authorisationId,
      applicant: details,
      channel: 'ONLINE',
      status: 'DRAFT',
      answers: prefillAnswers(ctx.form.schema as JsonSchema, profile),
      receivingUnitId: unit.id,
      draftExpiresAt: new Date(now.getTime() + config.draftExpiryDays * DAY_MS),
    });
    await repo.insertEvent({ dossierId: row.id, action: 'dossier.created', ...eventActor(actor, row), fromStatus: null, toStatus: 'DRAFT', at: now });
    return row;
  });
  return viewDossier(deps, dossier);
}

/** A dossier for its applicant or an official (every read is audited by the routes' hook). */
export async function getDossier(deps: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const { dossier } = await loadDossierFor(deps.db, actor, dossierId);
  return viewDossier(deps, dossier);
}

/** "Hồ sơ của tôi": filed by me, for me, or for my organisations. */
export async function listMyDossiers({ db }: DossierDeps, { actor, statuses, page, pageSize }: { actor: SignedInActor; statuses?: DossierStatus[]; page: number; pageSize: number }) {
  const repo = createDossiersRepository({ db });
  const { items, total } = await repo.listDossiersOfApplicant({ userId: actor.userId, statuses, limit: pageSize, offset: (page - 1) * pageSize });
  // Drafts say how complete they are: the case's form and mandatory components against what is there.
  const contexts = new Map<string, Promise<Awaited<ReturnType<typeof loadCaseContext>>>>();
  const caseContext = (caseId: string) => {
    if (!contexts.has(caseId)) contexts.set(caseId, loadCaseContext(db, caseId));
    return contexts.get(caseId)!;
  };
  const withCompleteness = await Promise.all(items.map(async (row) => {
    if (!isDraftStatus(row.dossier.status)) return { ...presentSummary(row), completeness: null };
    const [ctx, attachments] = await Promise.all([caseContext(row.dossier.caseId), repo.listAttachments(row.dossier.id)]);
    return { ...presentSummary(row), completeness: draftCompleteness({ schema: ctx.form?.schema, answers: row.dossier.answers, components: ctx.components, attachments }) };
  }));
  return { items: withCompleteness, page, pageSize, total };
}

/**
 * Autosave: stores partial answers without full validation (the view lists the current
 * problems), extends the draft's expiry. `expectedVersion` (If-Match) guards against two devices
 * overwriting each other. With `onBehalfOf` (null: themselves) the online draft is filed for
 * another applicant, and the organisation fields are filled again for it.
 *
 * @throws dossiers.not_editable (409), dossiers.version_mismatch (409), dossiers.not_authorised_to_act (403), dossiers.organisation_unverified (403)
 */
export async function saveDraftAnswers(deps: DossierDeps, { actor, dossierId, answers, expectedVersion, onBehalfOf }: { actor: SignedInActor; dossierId: string; answers: Record<string, unknown>; expectedVersion?: number; onBehalfOf?: OnBehalfOf | null }) {
  const { db, config } = deps;
  const dossier = await db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['applicant', 'officer'] });
    if (!isDraftStatus(dossier.status)) throw createNotEditableError();
    if (expectedVersion !== undefined && expectedVersion !== dossier.version) throw createVersionMismatchError({ details: { currentVersion: dossier.version } });
    const { form } = await loadCaseContext(tx, dossier.caseId);
    let applicantChange: Partial<Pick<DossierRow, 'principalUserId' | 'organisationId' | 'representativeAuthorisationId'>> = {};
    let applicant = dossier.applicant;
    let given = answers;
    if (onBehalfOf !== undefined) {
      // Another applicant for an online draft (the form's "Nộp cho ai"): only by the one filing it.
      if (dossier.channel !== 'ONLINE' || dossier.applicantUserId !== actor.userId) throw createNotAuthorisedToActError();
      const chosenFor = forForm(onBehalfOf ?? undefined, form?.schema);
      const acting = await checkActingFor(tx, actor.userId, chosenFor);
      const chosen = await applicantFor(tx, actor.userId, acting, chosenFor);
      applicantChange = { principalUserId: acting.principalUserId, organisationId: acting.organisationId, representativeAuthorisationId: acting.authorisationId };
      applicant = chosen.details;
      // The organisation fields the previous applicant filled are filled again for this one.
      if (form) given = prefillAnswers(form.schema as JsonSchema, chosen.profile, withoutOrganisationPrefill(form.schema as JsonSchema, answers));
    }
    const stored = answersToStore(form?.schema, given);
    const fromForm = withOrganisationFromForm(applicant, form?.schema, stored);
    const applicantChanges = onBehalfOf !== undefined || fromForm !== dossier.applicant ? { ...applicantChange, applicant: fromForm } : {};
    const changes = dossier.status === 'DRAFT'
      ? { answers: stored, draftExpiresAt: new Date(Date.now() + config.draftExpiryDays * DAY_MS), draftWarningSentAt: null, ...applicantChanges }
      : { answers: stored, ...applicantChanges };
    const updated = await createDossiersRepository({ db: tx }).updateDossier(dossier.id, dossier.version, changes);
    if (!updated) throw createVersionMismatchError();
    return updated;
  });
  return viewDossier(deps, dossier);
}

/**
 * Deletes a draft (online or counter) with its attachment rows; returns the storage keys of
 * its files so that the caller removes them once the transaction has committed.
 *
 * @throws dossiers.not_editable (409)
 */
export async function deleteDraft({ db }: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  return db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['applicant', 'officer'] });
    if (!isDraftStatus(dossier.status)) throw createNotEditableError();
    const repo = createDossiersRepository({ db: tx });
    const keys = (await repo.listAttachments(dossier.id)).map((a) => a.storageKey);
    await repo.deleteDossier(dossier.id);
    return { storageKeys: keys };
  });
}

/** Checks answers and files before a submission; throws with every problem listed. */
export function assertDossierIsComplete({ ctx, dossier, attachments }: {
  ctx: Awaited<ReturnType<typeof loadCaseContext>>;
  dossier: DossierRow;
  attachments: Pick<DossierAttachmentRow, 'componentId' | 'scanStatus' | 'originalName'>[];
}) {
  const problems = answerProblems(ctx.form?.schema, dossier.answers);
  if (problems.length > 0) throw createAnswersInvalidError({ errors: problems });
  // An infected file was deleted: its component counts as empty.
  // The component the e-form stands for (the application form) needs no file.
  const missing = ctx.components.filter((c) => componentNeedsFile(c, Boolean(ctx.form)) && !attachments.some((a) => a.componentId === c.id && a.scanStatus !== 'INFECTED'));
  if (missing.length > 0) {
    throw createComponentsMissingError({
      message: `Hồ sơ còn thiếu thành phần bắt buộc: ${missing.map((c) => c.name).join('; ')}.`,
      errors: missing.map((c) => ({ path: `components.${c.id}`, message: `Chưa đính kèm: ${c.name}` })),
      details: { missing: missing.map((c) => ({ id: c.id, name: c.name })) },
    });
  }
  const unsafe = attachmentProblems(attachments);
  if (unsafe.length > 0) throw createAttachmentsNotCleanError({ errors: unsafe, details: { attachments: unsafe.length } });
}

function transitionOrThrow(from: DossierStatus, action: DossierAction): DossierStatus {
  const to = nextStatus(from, action);
  if (!to) throw createTransitionNotAllowedError({ details: { from, action } });
  return to;
}

/**
 * Submits a draft in one transaction: full validation of answers and mandatory components,
 * the code from the unit's daily counter, the appointment from the case's time phases on the
 * working calendar (as this node keeps it, see loadWorkingCalendar), the event, and the receipt e-mail. A counter dossier goes straight to RECEIVED.
 * With an Idempotency-Key, a retry answers the dossier as submitted the first time.
 *
 * @throws dossiers.answers_invalid (422), dossiers.components_missing (422), dossiers.attachments_not_clean (409),
 *         dossiers.already_submitted (409)
 */
export async function submitDossier(deps: DossierDeps, { actor, dossierId, idempotencyKey, declaration }: { actor: SignedInActor; dossierId: string; idempotencyKey?: string; declaration?: string }) {
  const { db, config } = deps;
  // The working calendar as this node keeps it (loadWorkingCalendar: an edit on this node applies
  // at once, one on another node within CALENDAR_READ_TTL_MS), read before the transaction so that
  // the transaction does not read the overrides again on every submission.
  const calendar = await loadWorkingCalendar({ db, sessions: config.calendarWorkingHours });
  try {
    const outcome = await db.transaction(async (tx) => {
      const { dossier, unit } = await loadDossierWithUnitForUpdate(tx, actor, dossierId, { need: ['applicant', 'officer'] });
      if (!isDraftStatus(dossier.status)) {
        if (idempotencyKey && dossier.idempotencyKey === idempotencyKey) return { dossier, known: null };
        throw createAlreadySubmittedError({ details: { code: dossier.code } });
      }
      const repo = createDossiersRepository({ db: tx });
      const ctx = await loadCaseContext(tx, dossier.caseId);
      const attachments = await repo.listAttachments(dossier.id);
      assertDossierIsComplete({ ctx, dossier, attachments });

      const now = new Date();
      if (!unit) throw createUnitNotConfiguredError();
      const deliveryMethod = effectiveDeliveryMethod(dossier, ctx.kase.capabilities);
      const deliveryFee = deliveryMethod === 'POSTAL' ? config.postalDeliveryFeeVnd : null;
      // A dossier with fees due at filing waits for payment from the moment it is submitted, so the
      // desk never sees it before it is paid (the payments module's consumer makes the request).
      const submitted = transitionOrThrow(dossier.status, 'submit');
      const to = submitted === 'SUBMITTED' && holdsForFilingPayment(channelFees(ctx.kase.channels, dossier.channel), dossier.answers) ? 'AWAITING_PAYMENT' : submitted;
      const appointmentAt = appointmentFor(now, phasesFor(ctx.kase.channels, dossier.channel), calendar);
      // A counter dossier is received at once: its workflow starts with the officer who entered it.
      const processing = to === 'RECEIVED' ? await startProcessingColumns(tx, dossier, { now, calendar, officerId: actor.userId }) : {};
      // A draft has never been processed: it has no documents and no rating to show yet.
      // The unit's daily counter is the one row that every submission to the unit locks until its
      // commit: its upsert, the dossier's update with the code and the event are one statement,
      // the last one, so that the lock is held for one round trip and the commit.
      const day = codeDay(now);
      const changes = {
        ...processing,
        status: to,
        versionId: ctx.version.id,
        submittedAt: now,
        receivedAt: to === 'RECEIVED' ? now : null,
        appointmentAt,
        dueAt: appointmentAt,
        draftExpiresAt: null,
        idempotencyKey: idempotencyKey ?? null,
        deliveryMethod,
        deliveryFee,
      } satisfies Partial<DossierRow>;
      const written = await repo.submitWrites({
        unitCode: unit.code, day, codePrefix: dossierCodePrefix(unit.code, day), dossierId: dossier.id, expectedVersion: dossier.version, changes,
        event: {
          action: to === 'RECEIVED' ? 'dossier.received' : 'dossier.submitted', ...eventActor(actor, dossier),
          fromStatus: dossier.status, toStatus: to, at: now,
          payload: { channel: dossier.channel, procedureVersionNo: ctx.version.versionNo, appointmentAt: appointmentAt.toISOString(), deliveryMethod, ...(deliveryFee ? { deliveryFee } : {}), ...(declaration ? { declaration } : {}) },
        },
      });
      if (!written) throw createVersionMismatchError();
      const updated: DossierRow = { ...dossier, ...changes, code: written.code, version: dossier.version + 1, updatedAt: now };
      // The answer is built after the commit from what the transaction has read: no reads after it.
      return { dossier: updated, known: { ctx, attachments, unit, documents: [], rating: null } };
    });
    return outcome.known ? await viewDossier({ db, config }, outcome.dossier, outcome.known) : await viewDossier(deps, outcome.dossier);
  } catch (e) {
    // Two concurrent retries with one key: the loser finds the winner's dossier.
    if (idempotencyKey && uniqueViolation(e) === 'dossiers_idempotency_uq') {
      const existing = await createDossiersRepository({ db }).getDossierByIdempotencyKey(actor.userId, idempotencyKey);
      if (existing && existing.id === dossierId) return viewDossier(deps, existing);
      throw createIdempotencyKeyReusedError({ errors: [{ path: 'headers.idempotency-key', message: 'Khóa này đã được dùng khi nộp một hồ sơ khác' }] });
    }
    throw e;
  }
}

/**
 * Answers the open supplement request: only the requested fields may change, every requested
 * component needs a file of this round; earlier files stay.
 *
 * @throws dossiers.not_awaiting_supplement (409), dossiers.unrequested_changes (422), dossiers.supplement_incomplete (422),
 *         dossiers.answers_invalid (422)
 */
export async function resubmitDossier(deps: DossierDeps, { actor, dossierId, answers }: { actor: SignedInActor; dossierId: string; answers?: Record<string, unknown> }) {
  const { db } = deps;
  const dossier = await db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['applicant'] });
    if (dossier.status !== 'SUPPLEMENT_REQUESTED') throw createNotAwaitingSupplementError();
    const repo = createDossiersRepository({ db: tx });
    const request = await repo.getSupplementRequest(dossier.id, dossier.supplementRound);
    if (!request) throw createNotAwaitingSupplementError();
    const newAnswers = answers ?? dossier.answers;
    const outside = unrequestedChanges(changedAnswerPaths(dossier.answers, newAnswers), request.fields);
    if (outside.length > 0) throw createUnrequestedChangesError({ errors: outside.map((p) => ({ path: `answers.${p}`, message: 'Trường này không thuộc yêu cầu bổ sung nên không được sửa.' })) });
    const ctx = await loadCaseContext(tx, dossier.caseId);
    const problems = answerProblems(ctx.form?.schema, newAnswers);
    const storedAnswers = answersToStore(ctx.form?.schema, newAnswers);
    if (problems.length > 0) throw createAnswersInvalidError({ errors: problems });
    const attachments = await repo.listAttachments(dossier.id);
    const unanswered = request.components.filter((id) => !attachments.some((a) => a.componentId === id && a.supplementRound === request.round && a.scanStatus !== 'INFECTED'));
    if (unanswered.length > 0) {
      const names = new Map(ctx.components.map((c) => [c.id, c.name]));
      throw createSupplementNotAnsweredError({ errors: unanswered.map((id) => ({ path: `components.${id}`, message: `Chưa bổ sung: ${names.get(id) ?? id}` })) });
    }
    const unsafe = attachmentProblems(attachments);
    if (unsafe.length > 0) throw createAttachmentsNotCleanError({ errors: unsafe, details: { attachments: unsafe.length } });
    const now = new Date();
    // Asked during processing: work resumes where it stopped and the deadlines move by the pause.
    // Asked at reception: the dossier waits for reception again.
    const resumed = dossier.workflowStatus === 'AWAITING_APPLICANT'
      ? await resumeAfterSupplementColumns(tx, dossier, { now, calendar: await loadWorkingCalendar({ db: tx, sessions: deps.config.calendarWorkingHours }) })
      : null;
    const to = resumed ? resumed.columns.status : transitionOrThrow(dossier.status, 'resubmit');
    const updated = await repo.updateDossier(dossier.id, dossier.version, { answers: storedAnswers, ...(resumed ? resumed.columns : { status: to, submittedAt: now }) });
    if (!updated) throw createVersionMismatchError();
    await repo.markSupplementAnswered(request.id, now);
    await repo.insertEvent({ dossierId: dossier.id, action: 'dossier.resubmitted', ...eventActor(actor, dossier), fromStatus: dossier.status, toStatus: to, at: now, payload: { round: request.round, ...(resumed ? { pausedWorkingMinutes: resumed.pausedMinutes } : {}) } });
    return updated;
  });
  return viewDossier(deps, dossier);
}

/** @throws dossiers.transition_not_allowed (409) once a result exists or the dossier has ended. */
export async function withdrawDossier(deps: DossierDeps, { actor, dossierId, reason }: { actor: SignedInActor; dossierId: string; reason: string }) {
  const dossier = await deps.db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['applicant'] });
    const to = transitionOrThrow(dossier.status, 'withdraw');
    const repo = createDossiersRepository({ db: tx });
    const ended = dossier.workflowStatus ? { workflowStatus: 'STOPPED' as const, currentUnitId: null, currentRole: null, assigneeUserId: null, stepDueAt: null, clockStoppedAt: null } : {};
    const updated = await repo.updateDossier(dossier.id, dossier.version, { status: to, ...ended });
    if (!updated) throw createVersionMismatchError();
    await repo.insertEvent({ dossierId: dossier.id, action: 'dossier.withdrawn', ...eventActor(actor, dossier), fromStatus: dossier.status, toStatus: to, reason });
    return updated;
  });
  return viewDossier(deps, dossier);
}

export async function listDossierEvents({ db }: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const { dossier, relation } = await loadDossierFor(db, actor, dossierId);
  // The applicant's side sees only what is addressed to them; officials see every event.
  const forOfficials = relation !== 'applicant';
  const events = await createDossiersRepository({ db }).listEvents(dossier.id, { audience: forOfficials ? undefined : 'APPLICANT' });
  return { items: events.map((e) => presentEvent(e, { forOfficials })) };
}

/**
 * Public look-up by code and the last four digits of the applicant's ID or phone number.
 * A wrong pair answers exactly like an unknown code.
 */
export async function trackDossier({ db }: DossierDeps, { code, key }: { code: string; key: string }) {
  const dossier = await createDossiersRepository({ db }).getDossierByCode(code.trim());
  const national = dossier ? toNationalStatus(dossier.status) : null;
  if (!dossier || national === null || !matchesTrackingKey(key.trim(), dossier.applicant)) throw createTrackingNotFoundError();
  return { code: dossier.code!, nationalStatus: national, statusLabel: nationalStatusLabels[national], appointmentAt: dossier.appointmentAt?.toISOString() ?? null };
}
