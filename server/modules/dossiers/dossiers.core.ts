/**
 * What the dossier use cases share (reception, the applicant's side, processing, results): the
 * case context, the full view of a dossier, the receiving unit, and the workflow columns a
 * dossier takes when work starts or resumes. The use-case files are siblings over this core and
 * do not import each other.
 */
import { deliversOnline, presentDelivery } from './dossiers.delivery.models.js';
import { and, eq } from 'drizzle-orm';
import { startWorkflow, type Workflow, type WorkflowStep } from '../../../common/workflows/index.js';
import { dueDate, type WorkingCalendar } from '../../../common/calendar/index.js';
import { validateAnswers, type JsonSchema } from '../../../common/forms/index.js';
import { addressProblems, withOfficialUnitNames } from '../../../common/forms/address-check.js';
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import type { FieldProblem } from '../../platform/errors/app-error.js';
import { agenciesTable, pickCurrentVersion, procedureAgenciesTable, procedureCasesTable, procedureVersionsTable, proceduresTable, todayInVietnam } from '../catalog/index.js';
import { createWorkflowsRepository, versionInForce, workflowAtVersion, workflowForCase } from '../workflows/index.js';
import { createCaseNotFoundError, createUnitNotConfiguredError, createWorkflowMissingError } from './dossiers.errors.js';
import { attachmentProblems, isDraftStatus } from './dossiers.models.js';
import { presentDossier, type CaseContextView } from './dossiers.presenters.js';
import { resumeDeadlines, stepById } from './dossiers.processing.models.js';
import { createProcessingRepository } from './dossiers.processing.repository.js';
import { createDossiersRepository } from './dossiers.repository.js';
import type { DossierRow, DossierStatus } from './dossiers.tables.js';

export interface DossierDeps {
  db: Database;
  config: Config;
}

/** Form problems as API field problems under `answers.` (addresses checked against the list of administrative units). */
export function answerProblems(schema: Record<string, unknown> | undefined, answers: unknown): FieldProblem[] {
  if (!schema) return [];
  const result = validateAnswers(schema as JsonSchema, answers);
  const errors = [...(result.valid ? [] : result.errors), ...addressProblems(schema as JsonSchema, answers)];
  return errors.map((e) => ({ path: e.path ? `answers.${e.path}` : 'answers', message: e.message }));
}

/** The answers as stored: addresses carry the names the list of administrative units gives for their codes. */
export function answersToStore<T extends Record<string, unknown>>(schema: Record<string, unknown> | undefined, answers: T): T {
  return schema ? withOfficialUnitNames(schema as JsonSchema, answers) : answers;
}

/**
 * One schema object per form content (the content hash is the SHA-256 of the schema and the
 * uiSchema): the compiled validator, cached per schema object (common/forms), is then found
 * without serialising the schema again on every submission. Treated as read-only, like every schema.
 */
const formSchemas = new Map<string, Record<string, unknown>>();
const MAX_FORM_SCHEMAS = 500;
function sharedFormSchema(contentHash: string, schema: Record<string, unknown>) {
  const kept = formSchemas.get(contentHash);
  if (kept) return kept;
  if (formSchemas.size >= MAX_FORM_SCHEMAS) formSchemas.delete(formSchemas.keys().next().value as string);
  formSchemas.set(contentHash, schema);
  return schema;
}

/** The case, its procedure and form, for presenting and checking a dossier. */
export async function loadCaseContext(db: DbExecutor, caseId: string) {
  const read = await createDossiersRepository({ db }).getCaseContext(caseId);
  if (!read) throw createCaseNotFoundError();
  const ctx = read.form ? { ...read, form: { ...read.form, schema: sharedFormSchema(read.form.contentHash, read.form.schema) } } : read;
  const view: CaseContextView = {
    procedure: { code: ctx.procedure.code, name: ctx.procedure.name },
    kase: { code: ctx.kase.code, name: ctx.kase.name },
    components: ctx.components,
    form: ctx.form ? { schema: ctx.form.schema, uiSchema: ctx.form.uiSchema, validator: `/api/v1/forms/${ctx.form.contentHash}/validator.js` } : null,
  };
  return { ...ctx, view };
}

type CaseContext = Awaited<ReturnType<typeof loadCaseContext>>;
type DossiersRepository = ReturnType<typeof createDossiersRepository>;
type ProcessingRepository = ReturnType<typeof createProcessingRepository>;

/** What a use case has already read in its transaction, so that its answer is built without reading it again. */
export interface KnownDossierParts {
  ctx: CaseContext;
  attachments: Awaited<ReturnType<DossiersRepository['listAttachments']>>;
  unit: Awaited<ReturnType<DossiersRepository['getAgencyById']>>;
  /** The dossier's documents and rating, when the use case read them already (else read here). */
  documents?: Awaited<ReturnType<ProcessingRepository['listDocuments']>>;
  rating?: Awaited<ReturnType<ProcessingRepository['getRating']>> | null;
}

/**
 * The full view of a dossier for someone allowed to see it. With `known` (and `db` the use case's
 * transaction) only what the use case has not read is read, one statement after the other.
 */
export async function viewDossier({ db, config }: { db: DbExecutor; config: Config }, dossier: DossierRow, known?: KnownDossierParts) {
  const repo = createDossiersRepository({ db });
  const processing = createProcessingRepository({ db });
  const supplement = () => (dossier.supplementRound > 0 ? repo.getSupplementRequest(dossier.id, dossier.supplementRound) : Promise.resolve(undefined));
  const ctx = known?.ctx ?? await loadCaseContext(db, dossier.caseId);
  const [attachments, unit, supplementRequest, documents, rating] = known
    ? [
      known.attachments, known.unit, await supplement(),
      known.documents ?? await processing.listDocuments(dossier.id),
      known.rating !== undefined ? known.rating ?? undefined : await processing.getRating(dossier.id),
    ] as const
    : await Promise.all([
      repo.listAttachments(dossier.id),
      repo.getAgencyById(dossier.receivingUnitId),
      supplement(),
      processing.listDocuments(dossier.id),
      processing.getRating(dossier.id),
    ]);
  const result = documents.find((d) => d.kind === 'RESULT' && d.status === 'ISSUED');
  const electronic = deliversOnline(dossier, ctx.kase.capabilities);
  return presentDossier({
    dossier,
    context: ctx.view,
    attachments,
    problems: isDraftStatus(dossier.status) || dossier.status === 'SUPPLEMENT_REQUESTED'
      ? [...answerProblems(ctx.form?.schema, dossier.answers), ...attachmentProblems(attachments)]
      : [],
    supplementRequest,
    receivingUnit: { code: unit?.code ?? '', name: unit?.name ?? '' },
    maxBytes: config.attachmentMaxBytes,
    delivery: presentDelivery(dossier, ctx.kase.capabilities, config.postalDeliveryFeeVnd),
    outcome: {
      result: result ? {
        documentId: result.id, title: result.title, number: result.number, issuedAt: result.issuedAt?.toISOString() ?? null,
        downloadable: dossier.status === 'RESULT_RETURNED' || (dossier.status === 'RESULT_READY' && electronic),
      } : null,
      apologies: documents.filter((d) => d.kind === 'APOLOGY').map((d) => {
        const c = d.content as { newAppointmentAt?: string; reason?: string };
        return { documentId: d.id, issuedAt: d.issuedAt?.toISOString() ?? null, newAppointmentAt: c.newAppointmentAt ?? null, reason: c.reason ?? null };
      }),
      rating: rating ? { score: rating.score, comment: rating.comment, createdAt: rating.createdAt.toISOString() } : null,
    },
  });
}

/** The unit that receives dossiers of a procedure: the configured one-stop office, else the implementing agency. */
export async function receivingUnitFor(db: DbExecutor, config: Config, procedureId: string) {
  const repo = createDossiersRepository({ db });
  const configured = await repo.getAgencyByCode(config.dossierReceivingUnitCode);
  if (configured) return configured;
  const [row] = await db.select({ agency: agenciesTable }).from(procedureAgenciesTable)
    .innerJoin(agenciesTable, eq(agenciesTable.id, procedureAgenciesTable.agencyId))
    .where(and(eq(procedureAgenciesTable.procedureId, procedureId), eq(procedureAgenciesTable.role, 'IMPLEMENTING')));
  if (!row) throw createUnitNotConfiguredError();
  return row.agency;
}

/** The case of the version in force today, by procedure and case code. */
export async function findCurrentCase(db: DbExecutor, procedureCode: string, caseCode: string) {
  const [procedure] = await db.select().from(proceduresTable).where(eq(proceduresTable.code, procedureCode));
  if (!procedure) throw createCaseNotFoundError();
  const versions = await db.select().from(procedureVersionsTable).where(eq(procedureVersionsTable.procedureId, procedure.id));
  const version = pickCurrentVersion(versions, todayInVietnam());
  if (!version) throw createCaseNotFoundError();
  const [kase] = await db.select().from(procedureCasesTable).where(and(eq(procedureCasesTable.versionId, version.id), eq(procedureCasesTable.code, caseCode)));
  if (!kase) throw createCaseNotFoundError();
  return { procedure, version, kase };
}

/** The agency id of a step's unit for this dossier. */
export async function unitOfStep(db: DbExecutor, step: WorkflowStep, dossier: Pick<DossierRow, 'receivingUnitId' | 'processingUnitId'>): Promise<string> {
  if (step.unit === 'RECEIVING') return dossier.receivingUnitId;
  if (step.unit === 'PROCESSING') return dossier.processingUnitId ?? dossier.receivingUnitId;
  const agency = await createProcessingRepository({ db }).agencyByCode(step.unit);
  if (!agency) throw createWorkflowMissingError({ message: `Đơn vị "${step.unit}" của bước "${step.name}" không có trong danh mục đơn vị.` });
  return agency.id;
}

/**
 * The workflow a dossier runs on: the version it started with (kept when a newer version is
 * published or the case is moved to another workflow), or the case's workflow before it starts.
 */
export async function workflowOf(db: DbExecutor, dossier: DossierRow): Promise<Workflow> {
  if (dossier.workflowCode) {
    const own = await workflowAtVersion(db, dossier.workflowCode, dossier.workflowVersionNo ?? 1);
    if (own) return own;
    const stored = await createWorkflowsRepository({ db }).get(dossier.workflowCode);
    if (stored) return stored.definition;
  }
  const workflow = await workflowForCase(db, dossier.caseId);
  if (!workflow) throw createWorkflowMissingError();
  return workflow;
}

/**
 * Columns that start the workflow of a dossier being received: the first step, in the
 * receiving unit, assigned to the officer who received it.
 */
export async function startProcessingColumns(db: DbExecutor, dossier: DossierRow, { now, calendar, officerId }: { now: Date; calendar: WorkingCalendar; officerId: string | null }) {
  const workflow = await workflowForCase(db, dossier.caseId);
  if (!workflow) throw createWorkflowMissingError();
  const state = startWorkflow(workflow);
  const step = stepById(workflow, state.stepId)!;
  const base = { ...dossier, processingUnitId: dossier.processingUnitId ?? dossier.receivingUnitId };
  return {
    workflowCode: workflow.code,
    workflowVersionNo: await versionInForce(db, workflow.code),
    processingUnitId: base.processingUnitId,
    stepId: state.stepId,
    workflowStatus: state.status,
    coordinatingAgency: null,
    currentUnitId: await unitOfStep(db, step, base),
    currentRole: step.role,
    assigneeUserId: officerId,
    stepStartedAt: now,
    stepDueAt: dueDate(now, step.allowance, calendar),
    clockStoppedAt: null,
    stepWarnedAt: null,
    dueWarnedAt: null,
  } satisfies Partial<DossierRow>;
}

/**
 * Columns when the applicant's supplement is in during processing: work resumes at the step
 * that asked, the clock restarts and every deadline moves by the working time it was stopped.
 */
export async function resumeAfterSupplementColumns(db: DbExecutor, dossier: DossierRow, { now, calendar }: { now: Date; calendar: WorkingCalendar }) {
  const workflow = await workflowOf(db, dossier);
  const stepId = dossier.stepId!;
  const moved = dossier.clockStoppedAt ? resumeDeadlines(dossier, dossier.clockStoppedAt, now, calendar) : { pausedMinutes: 0, dueAt: dossier.dueAt, stepDueAt: dossier.stepDueAt, appointmentAt: dossier.appointmentAt };
  const first = workflow.steps[0]?.id === stepId;
  return {
    columns: {
      status: (first ? 'RECEIVED' : 'IN_PROGRESS') as DossierStatus,
      workflowStatus: 'ACTIVE' as const,
      clockStoppedAt: null,
      dueAt: moved.dueAt,
      stepDueAt: moved.stepDueAt,
      appointmentAt: moved.appointmentAt,
      stepWarnedAt: null,
      dueWarnedAt: null,
    },
    pausedMinutes: moved.pausedMinutes,
  };
}
