/**
 * The workflow designer (issue 17 item 4): drafts of a workflow's next version, edited by
 * process designers, checked with the same rules as every workflow (every step reachable,
 * every path ends, allowances within the time limit of each case using it), published by a
 * second process designer (four eyes) after a request, immutable afterwards, audited.
 * Dossiers keep the version they started with (dossiers.workflow_version_no).
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { validateWorkflow, type Workflow } from '../../../common/workflows/index.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import type { FieldProblem } from '../../platform/errors/app-error.js';
import { agenciesTable, procedureAgenciesTable, proceduresTable } from '../catalog/index.js';
import { createForbiddenError, type Actor } from '../identity/index.js';
import {
  caseLabel,
  createWorkflowsRepository,
  publishWorkflowVersion,
  validationContext,
  versionInForce,
  workflowDefinitionSchema,
  workflowHash,
  workflowsTable,
  workflowVersionsTable,
  type WorkflowVersionRow,
} from '../workflows/index.js';
import {
  createDraftExistsError,
  createDraftInvalidError,
  createDraftNotFoundError,
  createWorkflowNotFoundError,
  createDraftPublishedError,
  createPublishNotRequestedError,
  createSecondDesignerRequiredError,
} from './authoring.errors.js';
import { DESIGNER, holdsRoleFor } from './authoring.usecases.js';

type Client = { ip?: string };
type Official = Actor & { kind: 'official' };

export interface WorkflowDraftInput {
  name: string;
  steps: Record<string, unknown>[];
}

// ---------------------------------------------------------------------------------------------
// Scope: PROCESS_DESIGNER for every procedure using the workflow (any designer for an unused one)

async function proceduresUsing(db: DbExecutor, code: string) {
  const cases = await createWorkflowsRepository({ db }).casesOf(code);
  return { cases, procedureCodes: [...new Set(cases.map((c) => c.procedureCode))] };
}

async function requireDesignerFor(db: DbExecutor, actor: Official, code: string) {
  const denied = () => createForbiddenError({ message: 'Bạn không có vai trò Thiết kế quy trình cho đơn vị và lĩnh vực của các thủ tục dùng quy trình này.' });
  if (!actor.grants.some((g) => g.role === DESIGNER)) throw denied();
  const { procedureCodes } = await proceduresUsing(db, code);
  if (procedureCodes.length === 0) return;
  const procedures = await db.select({ id: proceduresTable.id, code: proceduresTable.code, fieldCode: proceduresTable.fieldCode }).from(proceduresTable).where(inArray(proceduresTable.code, procedureCodes));
  const agencies = await db.select({ procedureId: procedureAgenciesTable.procedureId, code: agenciesTable.code }).from(procedureAgenciesTable)
    .innerJoin(agenciesTable, eq(agenciesTable.id, procedureAgenciesTable.agencyId)).where(inArray(procedureAgenciesTable.procedureId, procedures.map((p) => p.id)));
  for (const p of procedures) {
    const scope = { fieldCode: p.fieldCode, agencyCodes: agencies.filter((a) => a.procedureId === p.id).map((a) => a.code) };
    if (!(await holdsRoleFor(db, actor, DESIGNER, scope))) throw denied();
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Every problem of a draft (path in the definition, Vietnamese message): its shape, then the workflow rules with the limits of the cases using it. */
export async function workflowDraftProblems(db: DbExecutor, definition: Workflow): Promise<FieldProblem[]> {
  const shape = workflowDefinitionSchema.safeParse(definition);
  if (!shape.success) {
    return shape.error.issues.map((i) => ({ path: i.path.map((k) => String(k)).join('.'), message: i.message }));
  }
  const { cases } = await proceduresUsing(db, definition.code);
  const options = await validationContext(db, cases.map((c) => ({ label: caseLabel(c), channels: c.channels })));
  return validateWorkflow(shape.data as Workflow, options);
}

// ---------------------------------------------------------------------------------------------
// Reads

async function present(db: DbExecutor, row: WorkflowVersionRow) {
  const { cases } = await proceduresUsing(db, row.workflowCode);
  return {
    id: row.id,
    workflowCode: row.workflowCode,
    status: row.status,
    versionNo: row.versionNo,
    baseVersionNo: row.baseVersionNo,
    name: row.definition.name,
    steps: row.definition.steps as unknown as Record<string, unknown>[],
    editorUserIds: row.editorUserIds,
    publishRequestedByUserId: row.publishRequestedByUserId,
    publishRequestedAt: row.publishRequestedAt?.toISOString() ?? null,
    publishedByUserId: row.publishedByUserId,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    cases: cases.map(({ channels: _c, ...c }) => c),
    problems: row.status === 'DRAFT' ? await workflowDraftProblems(db, row.definition) : [],
  };
}

async function loadDraft(db: DbExecutor, id: string, { forUpdate = false } = {}) {
  const query = db.select().from(workflowVersionsTable).where(eq(workflowVersionsTable.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw createDraftNotFoundError({ message: 'Không tìm thấy bản nháp quy trình.' });
  return row;
}

export async function getWorkflowDraft({ db, id }: { db: DbExecutor; id: string }) {
  return present(db, await loadDraft(db, id));
}

/** Workflows with their version in force, the number of cases using each and the open draft. */
export async function listWorkflowsForDesigner({ db }: { db: DbExecutor }) {
  const list = await createWorkflowsRepository({ db }).list();
  const versions = await db.select({ code: workflowVersionsTable.workflowCode, versionNo: workflowVersionsTable.versionNo }).from(workflowVersionsTable)
    .where(isNotNull(workflowVersionsTable.versionNo));
  const drafts = await db.select().from(workflowVersionsTable).where(eq(workflowVersionsTable.status, 'DRAFT')).orderBy(desc(workflowVersionsTable.updatedAt));
  const inForce = (code: string) => versions.filter((v) => v.code === code).reduce((m, v) => Math.max(m, v.versionNo ?? 0), 0) || 1;
  const items = list.map(({ row, caseCount }) => {
    const draft = drafts.find((d) => d.workflowCode === row.code);
    return {
      code: row.code,
      name: row.name,
      versionInForce: inForce(row.code) as number | null,
      stepCount: row.definition.steps.length,
      caseCount,
      openDraft: draft ? { id: draft.id, publishRequestedAt: draft.publishRequestedAt?.toISOString() ?? null } : null,
    };
  });
  // New workflows with a draft only.
  for (const d of drafts) {
    if (!items.some((i) => i.code === d.workflowCode)) {
      items.push({ code: d.workflowCode, name: d.definition.name, versionInForce: null, stepCount: d.definition.steps.length, caseCount: 0, openDraft: { id: d.id, publishRequestedAt: d.publishRequestedAt?.toISOString() ?? null } });
    }
  }
  return { items };
}

/** The version in force of a stored workflow: what a procedure draft's case copies from the designer's published work. */
export async function workflowInForce({ db, code }: { db: DbExecutor; code: string }) {
  const [stored] = await db.select().from(workflowsTable).where(eq(workflowsTable.code, code));
  if (!stored) throw createWorkflowNotFoundError();
  return { code, name: stored.definition.name, versionInForce: await versionInForce(db, code), steps: stored.definition.steps as unknown as Record<string, unknown>[] };
}

/** The published versions of a workflow, newest first. */
export async function workflowVersions({ db, code }: { db: DbExecutor; code: string }) {
  const rows = await db.select().from(workflowVersionsTable)
    .where(and(eq(workflowVersionsTable.workflowCode, code), eq(workflowVersionsTable.status, 'PUBLISHED'))).orderBy(desc(workflowVersionsTable.versionNo));
  const [stored] = await db.select().from(workflowsTable).where(eq(workflowsTable.code, code));
  if (!stored && rows.length === 0) throw createWorkflowNotFoundError();
  const items = rows.map((r) => ({ versionNo: r.versionNo!, hash: r.hash, stepCount: r.definition.steps.length, editorUserIds: r.editorUserIds, publishedByUserId: r.publishedByUserId, publishedAt: r.publishedAt?.toISOString() ?? null }));
  if (items.length === 0 && stored) items.push({ versionNo: 1, hash: stored.hash, stepCount: stored.definition.steps.length, editorUserIds: [], publishedByUserId: null, publishedAt: (stored.editedAt ?? stored.createdAt).toISOString() });
  return { code, versionInForce: await versionInForce(db, code), items };
}

// ---------------------------------------------------------------------------------------------
// Changes

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * A draft of the next version of a workflow, copied from its version in force; or, for a code
 * not stored yet, a new workflow (`name` required, no steps). One open draft per workflow.
 */
export async function createWorkflowDraft({ db, actor, input, client = {} }: { db: Database; actor: Official; input: { workflowCode: string; name?: string }; client?: Client }) {
  const row = await db.transaction(async (tx) => {
    const code = input.workflowCode;
    await requireDesignerFor(tx, actor, code);
    const [open] = await tx.select({ id: workflowVersionsTable.id }).from(workflowVersionsTable)
      .where(and(eq(workflowVersionsTable.workflowCode, code), eq(workflowVersionsTable.status, 'DRAFT')));
    if (open) throw createDraftExistsError({ message: 'Quy trình này đã có một bản nháp đang soạn; hãy tiếp tục bản nháp đó.', details: { draftId: open.id } });
    const [stored] = await tx.select().from(workflowsTable).where(eq(workflowsTable.code, code));
    let definition: Workflow;
    let baseVersionNo: number | null = null;
    if (stored) {
      definition = structuredClone(stored.definition);
      baseVersionNo = await versionInForce(tx, code);
    } else {
      if (!input.name?.trim()) throw createDraftInvalidError({ errors: [{ path: 'body.name', message: 'Quy trình mới cần có tên.' }] });
      definition = { code, name: input.name.trim(), steps: [] };
    }
    const [created] = await tx.insert(workflowVersionsTable).values({
      id: createId('wfdraft'), workflowCode: code, status: 'DRAFT', definition, hash: workflowHash(definition), baseVersionNo,
      createdByUserId: actor.userId, editorUserIds: [actor.userId],
    }).returning();
    await recordAuditEvent({ db: tx, event: {
      actorUserId: actor.userId, action: 'WORKFLOW_DRAFT_CREATED', subject: `workflow-draft:${created!.id}`, ip: client.ip, outcome: 'SUCCESS',
      details: { workflowCode: code, baseVersionNo },
    } });
    return created!;
  });
  return present(db, row);
}

/** Saves an open draft as given (even invalid); the saver joins the editors, and a pending publish request is withdrawn. */
export async function saveWorkflowDraft({ db, actor, id, input, client = {} }: { db: Database; actor: Official; id: string; input: WorkflowDraftInput; client?: Client }) {
  const row = await db.transaction(async (tx) => {
    const draft = await loadDraft(tx, id, { forUpdate: true });
    if (draft.status !== 'DRAFT') throw createDraftPublishedError({ message: 'Phiên bản quy trình đã công bố hoặc đã hủy; không thể sửa. Hãy tạo bản nháp mới.' });
    await requireDesignerFor(tx, actor, draft.workflowCode);
    const definition = { code: draft.workflowCode, name: input.name, steps: input.steps } as unknown as Workflow;
    const editors = draft.editorUserIds.includes(actor.userId) ? draft.editorUserIds : [...draft.editorUserIds, actor.userId];
    const [updated] = await tx.update(workflowVersionsTable).set({
      definition, hash: workflowHash(definition), editorUserIds: editors, publishRequestedAt: null, publishRequestedByUserId: null, updatedAt: new Date(),
    }).where(eq(workflowVersionsTable.id, id)).returning();
    await recordAuditEvent({ db: tx, event: {
      actorUserId: actor.userId, action: 'WORKFLOW_DRAFT_SAVED', subject: `workflow-draft:${id}`, ip: client.ip, outcome: 'SUCCESS',
      details: { workflowCode: draft.workflowCode, sha256: sha256(definition), steps: input.steps.length },
    } });
    return updated!;
  });
  return present(db, row);
}

/** Asks another designer to publish: only a valid draft. */
export async function requestWorkflowPublish({ db, actor, id, client = {} }: { db: Database; actor: Official; id: string; client?: Client }) {
  const row = await db.transaction(async (tx) => {
    const draft = await loadDraft(tx, id, { forUpdate: true });
    if (draft.status !== 'DRAFT') throw createDraftPublishedError({ message: 'Phiên bản quy trình đã công bố hoặc đã hủy.' });
    await requireDesignerFor(tx, actor, draft.workflowCode);
    const problems = await workflowDraftProblems(tx, draft.definition);
    if (problems.length > 0) throw createDraftInvalidError({ message: 'Quy trình chưa hợp lệ; hãy sửa các lỗi được liệt kê trước khi đề nghị công bố.', errors: problems });
    const now = new Date();
    const [updated] = await tx.update(workflowVersionsTable).set({ publishRequestedAt: now, publishRequestedByUserId: actor.userId, updatedAt: now }).where(eq(workflowVersionsTable.id, id)).returning();
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'WORKFLOW_PUBLISH_REQUESTED', subject: `workflow-draft:${id}`, ip: client.ip, outcome: 'SUCCESS', details: { workflowCode: draft.workflowCode, hash: draft.hash } } });
    return updated!;
  });
  return present(db, row);
}

/**
 * Publishes a requested, valid draft as the next version: only a process designer in scope who
 * did not edit it. The version is immutable afterwards; dossiers already started keep theirs,
 * dossiers received from now on start on it.
 */
export async function publishWorkflowDraft({ db, actor, id, client = {} }: { db: Database; actor: Official; id: string; client?: Client }) {
  const row = await db.transaction(async (tx) => {
    const draft = await loadDraft(tx, id, { forUpdate: true });
    if (draft.status !== 'DRAFT') throw createDraftPublishedError({ message: 'Phiên bản quy trình đã công bố hoặc đã hủy.' });
    await requireDesignerFor(tx, actor, draft.workflowCode);
    if (draft.editorUserIds.includes(actor.userId)) throw createSecondDesignerRequiredError();
    if (!draft.publishRequestedAt) throw createPublishNotRequestedError();
    const problems = await workflowDraftProblems(tx, draft.definition);
    if (problems.length > 0) throw createDraftInvalidError({ message: 'Quy trình chưa hợp lệ; không thể công bố.', errors: problems });
    const workflow = workflowDefinitionSchema.parse(draft.definition) as Workflow;
    const versionNo = await publishWorkflowVersion(tx, { workflow, publishedByUserId: actor.userId, editorUserIds: draft.editorUserIds, draftId: id });
    await recordAuditEvent({ db: tx, event: {
      actorUserId: actor.userId, action: 'WORKFLOW_VERSION_PUBLISHED', subject: `workflow:${draft.workflowCode}`, ip: client.ip, outcome: 'SUCCESS',
      details: { draftId: id, versionNo, hash: workflowHash(workflow), editors: draft.editorUserIds, requestedBy: draft.publishRequestedByUserId },
    } });
    const [published] = await tx.select().from(workflowVersionsTable).where(eq(workflowVersionsTable.id, id));
    return published!;
  });
  return present(db, row);
}

export async function discardWorkflowDraft({ db, actor, id, client = {} }: { db: Database; actor: Official; id: string; client?: Client }) {
  await db.transaction(async (tx) => {
    const draft = await loadDraft(tx, id, { forUpdate: true });
    if (draft.status !== 'DRAFT') throw createDraftPublishedError({ message: 'Phiên bản quy trình đã công bố hoặc đã hủy.' });
    await requireDesignerFor(tx, actor, draft.workflowCode);
    await tx.update(workflowVersionsTable).set({ status: 'DISCARDED', updatedAt: new Date() }).where(eq(workflowVersionsTable.id, id));
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'WORKFLOW_DRAFT_DISCARDED', subject: `workflow-draft:${id}`, ip: client.ip, outcome: 'SUCCESS', details: { workflowCode: draft.workflowCode } } });
  });
}
