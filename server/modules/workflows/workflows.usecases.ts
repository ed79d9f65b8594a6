/**
 * Workflows of procedure cases: which one a case uses, the administrators' list, detail and
 * save (validated against the roles, the units and the time limits of every case using it).
 */
import { createHash } from 'node:crypto';
import { and, eq, isNotNull, max } from 'drizzle-orm';
import { validateWorkflow, workflowRoles, workingMinutesOf, type ValidateWorkflowOptions, type Workflow } from '../../../common/workflows/index.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import type { CatalogCase } from '../catalog/index.js';
import { createWorkflowInvalidError, createWorkflowNotFoundError } from './workflows.errors.js';
import { createWorkflowsRepository } from './workflows.repository.js';
import { workflowsTable, workflowVersionsTable, type WorkflowRow } from './workflows.tables.js';

/** The workflow of every case that has none of its own. */
export const DEFAULT_WORKFLOW_CODE = 'MOT_CUA_MAC_DINH';

const channelLabels: Record<string, string> = { ONLINE: 'trực tuyến', IN_PERSON: 'trực tiếp', POSTAL: 'bưu chính' };

/** Canonical JSON (sorted keys) so that the hash does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const workflowHash = (w: Workflow) => createHash('sha256').update(canonical(w)).digest('hex');

/** The shortest channel limit of a case, as the time limit its workflow must fit in. */
export function caseTimeLimit(label: string, channels: CatalogCase['channels']) {
  const limits = channels.map((c) => ({ label: `${label} (${channelLabels[c.channel] ?? c.channel})`, phases: c.phases }));
  const total = (l: (typeof limits)[number]) => l.phases.reduce((s, p) => s + workingMinutesOf(p), 0);
  return limits.reduce<(typeof limits)[number] | undefined>((min, l) => (!min || total(l) < total(min) ? l : min), undefined);
}

/** Roles, units and the case limits to validate a workflow with. */
export async function validationContext(db: DbExecutor, cases: { label: string; channels: CatalogCase['channels'] }[]): Promise<ValidateWorkflowOptions> {
  const units = await createWorkflowsRepository({ db }).unitCodes();
  return {
    roles: workflowRoles,
    units,
    timeLimits: cases.map((c) => caseTimeLimit(c.label, c.channels)).filter((l) => l !== undefined),
  };
}

export const caseLabel = (c: { procedureCode: string; versionNo: number; caseCode: string }) => `trường hợp ${c.caseCode} của thủ tục ${c.procedureCode} (phiên bản ${c.versionNo})`;

// ---------------------------------------------------------------------------------------------
// Versions: a published version is immutable; a dossier keeps the version it started with.

/** The number of the version in force: the newest published one, or 1 for a workflow stored before versions existed. */
export async function versionInForce(db: DbExecutor, code: string): Promise<number> {
  const [row] = await db.select({ n: max(workflowVersionsTable.versionNo) }).from(workflowVersionsTable)
    .where(and(eq(workflowVersionsTable.workflowCode, code), eq(workflowVersionsTable.status, 'PUBLISHED')));
  return row?.n ?? 1;
}

/** The definition of one published version; version 1 of a workflow never replaced is its stored definition. */
export async function workflowAtVersion(db: DbExecutor, code: string, versionNo: number): Promise<Workflow | null> {
  const [row] = await db.select({ definition: workflowVersionsTable.definition }).from(workflowVersionsTable)
    .where(and(eq(workflowVersionsTable.workflowCode, code), eq(workflowVersionsTable.versionNo, versionNo), eq(workflowVersionsTable.status, 'PUBLISHED')));
  if (row) return row.definition;
  if (versionNo !== 1) return null;
  const [current] = await db.select({ definition: workflowsTable.definition }).from(workflowsTable).where(eq(workflowsTable.code, code));
  const anyPublished = await db.select({ id: workflowVersionsTable.id }).from(workflowVersionsTable)
    .where(and(eq(workflowVersionsTable.workflowCode, code), isNotNull(workflowVersionsTable.versionNo))).limit(1);
  return current && anyPublished.length === 0 ? current.definition : null;
}

/**
 * Makes `workflow` the version in force of its code, as the next version number, inside the
 * caller's transaction. Before the stored definition is first replaced it is kept as version 1,
 * so dossiers that started on it go on with it. With `draftId` the draft row becomes the
 * published version; otherwise a version row is written. Returns the new version number.
 */
export async function publishWorkflowVersion(tx: DbExecutor, { workflow, publishedByUserId, editorUserIds, draftId }: {
  workflow: Workflow;
  publishedByUserId: string;
  editorUserIds: string[];
  draftId?: string;
}): Promise<number> {
  const now = new Date();
  const [before] = await tx.select().from(workflowsTable).where(eq(workflowsTable.code, workflow.code)).for('update');
  const [top] = await tx.select({ n: max(workflowVersionsTable.versionNo) }).from(workflowVersionsTable).where(eq(workflowVersionsTable.workflowCode, workflow.code));
  let last = top?.n ?? 0;
  if (before && last === 0) {
    await tx.insert(workflowVersionsTable).values({
      id: createId('wfv'), workflowCode: workflow.code, versionNo: 1, status: 'PUBLISHED', definition: before.definition, hash: before.hash,
      createdByUserId: before.editedByUserId, editorUserIds: before.editedByUserId ? [before.editedByUserId] : [], publishedAt: before.editedAt ?? before.createdAt,
    });
    last = 1;
  }
  const versionNo = last + 1;
  const hash = workflowHash(workflow);
  const published = { versionNo, status: 'PUBLISHED' as const, definition: workflow, hash, publishedByUserId, publishedAt: now, updatedAt: now };
  if (draftId) await tx.update(workflowVersionsTable).set(published).where(eq(workflowVersionsTable.id, draftId));
  else await tx.insert(workflowVersionsTable).values({ id: createId('wfv'), workflowCode: workflow.code, createdByUserId: publishedByUserId, editorUserIds, ...published });
  const editedBy = editorUserIds.at(-1) ?? publishedByUserId;
  if (before) {
    await tx.update(workflowsTable).set({ name: workflow.name, definition: workflow, hash, editedByUserId: editedBy, editedAt: now, updatedAt: now }).where(eq(workflowsTable.code, workflow.code));
  } else {
    await tx.insert(workflowsTable).values({ code: workflow.code, name: workflow.name, definition: workflow, hash, editedByUserId: editedBy, editedAt: now });
  }
  return versionNo;
}

/** The workflow a procedure case uses: its own, else the default; null when neither is stored. */
export async function workflowForCase(db: DbExecutor, caseId: string): Promise<Workflow | null> {
  const repo = createWorkflowsRepository({ db });
  const assigned = await repo.assignment(caseId);
  const row = await repo.get(assigned?.workflowCode ?? DEFAULT_WORKFLOW_CODE);
  return row?.definition ?? null;
}

const summary = (row: WorkflowRow, caseCount: number) => ({
  code: row.code,
  name: row.name,
  hash: row.hash,
  isDefault: row.code === DEFAULT_WORKFLOW_CODE,
  stepCount: row.definition.steps.length,
  caseCount,
  editedAt: row.editedAt?.toISOString() ?? null,
});

export async function listWorkflows({ db }: { db: DbExecutor }) {
  return { items: (await createWorkflowsRepository({ db }).list()).map((r) => summary(r.row, r.caseCount)) };
}

export async function getWorkflow({ db, code }: { db: DbExecutor; code: string }) {
  const repo = createWorkflowsRepository({ db });
  const row = await repo.get(code);
  if (!row) throw createWorkflowNotFoundError();
  const cases = await repo.casesOf(code);
  return {
    ...summary(row, cases.length),
    definition: row.definition,
    cases: cases.map(({ channels: _channels, ...c }) => c),
  };
}

/**
 * Administrators: create or replace a workflow. Every problem is reported at once (422
 * `workflows.invalid`, paths under `body.`), including allowances that exceed the time limit of
 * a case using the workflow. Audited with the previous hash. Returns whether it was created.
 */
export async function saveWorkflow({ db, code, input, actorUserId, client = {} }: {
  db: Database;
  code: string;
  input: Omit<Workflow, 'code'>;
  actorUserId: string;
  client?: { ip?: string };
}) {
  const workflow: Workflow = { code, name: input.name, steps: input.steps };
  const created = await db.transaction(async (tx) => {
    const repo = createWorkflowsRepository({ db: tx });
    const before = await repo.get(code);
    const cases = before ? await repo.casesOf(code) : [];
    const options = await validationContext(tx, cases.map((c) => ({ label: caseLabel(c), channels: c.channels })));
    const problems = validateWorkflow(workflow, options);
    if (problems.length > 0) throw createWorkflowInvalidError({ errors: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })) });
    const versionNo = await publishWorkflowVersion(tx, { workflow, publishedByUserId: actorUserId, editorUserIds: [actorUserId] });
    const hash = workflowHash(workflow);
    await recordAuditEvent({ db: tx, event: {
      actorUserId, action: before ? 'WORKFLOW_UPDATED' : 'WORKFLOW_CREATED', subject: `workflow:${code}`, ip: client.ip, outcome: 'SUCCESS',
      details: { hash, previousHash: before?.hash ?? null, steps: workflow.steps.length, versionNo },
    } });
    return !before;
  });
  return { created, workflow: await getWorkflow({ db, code }) };
}
