/**
 * The catalogue editor (issue 17): drafts of procedure versions with their e-forms and
 * workflows, validation with a Vietnamese message per field, the diff against the version in
 * force, and publishing by a second editor (four eyes) through the catalogue import, so that a
 * published version is stored exactly as an imported one and is immutable afterwards.
 * Dossiers refer to a case of a version, so running dossiers keep their version, form and workflow.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { validateFormDefinition, type JsonSchema } from '../../../common/forms/index.js';
import { validateWorkflow, type Workflow } from '../../../common/workflows/index.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { isAppError, type FieldProblem } from '../../platform/errors/app-error.js';
import {
  agenciesTable,
  caseComponentsTable,
  catalogFileSchema,
  checkCatalogFile,
  fieldsTable,
  importCatalog,
  markProjectionFresh,
  pickCurrentVersion,
  procedureAgenciesTable,
  procedureCasesTable,
  proceduresTable,
  procedureVersionsTable,
  templateFilesTable,
  todayInVietnam,
  type CatalogFile,
} from '../catalog/index.js';
import { caseFormsTable } from '../dossiers/index.js';
import { createForbiddenError, type Actor, type OfficialRole } from '../identity/index.js';
import { caseWorkflowsTable, validationContext, workflowDefinitionSchema, workflowHash, workflowsTable } from '../workflows/index.js';
import {
  createCaseNotInDraftError,
  createDraftExistsError,
  createDraftInvalidError,
  createDraftNotFoundError,
  createDraftPublishedError,
  createProcedureExistsError,
  createProcedureNotFoundError,
  createSecondPersonRequiredError,
} from './authoring.errors.js';
import { catalogueDraftsTable, type CatalogueDraftRow, type DraftContent, type DraftForm, type DraftWorkflow } from './authoring.tables.js';

export const EDITOR: OfficialRole = 'CATALOGUE_EDITOR';
export const DESIGNER: OfficialRole = 'PROCESS_DESIGNER';

type Client = { ip?: string };
type Rec = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Scope: a role per unit and field

/** The draft's field and agencies, as its scope. */
function scopeOf(content: DraftContent) {
  const p = content.procedure;
  const agencies = Array.isArray(p.agencies) ? (p.agencies as { agencyCode?: unknown }[]).map((a) => String(a?.agencyCode ?? '')) : [];
  return { fieldCode: typeof p.fieldCode === 'string' ? p.fieldCode : '', agencyCodes: agencies.filter(Boolean) };
}

/**
 * True when the official holds `role` on a unit that is one of the procedure's agencies or an
 * ancestor of one, for the procedure's field (or for every field).
 */
export async function holdsRoleFor(db: DbExecutor, actor: Actor, role: OfficialRole, scope: { fieldCode: string; agencyCodes: string[] }): Promise<boolean> {
  if (actor.kind !== 'official') return false;
  const grants = actor.grants.filter((g) => g.role === role && (g.fieldCodes.length === 0 || g.fieldCodes.includes(scope.fieldCode)));
  if (grants.length === 0) return false;
  const agencies = await db.select({ id: agenciesTable.id, code: agenciesTable.code, parentId: agenciesTable.parentId }).from(agenciesTable);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const covered = new Set<string>();
  for (const code of scope.agencyCodes) {
    let node = agencies.find((a) => a.code === code);
    for (let depth = 0; node && depth < 20; depth++) {
      covered.add(node.code);
      node = node.parentId ? byId.get(node.parentId) : undefined;
    }
  }
  return grants.some((g) => covered.has(g.unitCode));
}

async function requireRoleFor(db: DbExecutor, actor: Actor, role: OfficialRole, content: DraftContent) {
  if (!(await holdsRoleFor(db, actor, role, scopeOf(content)))) {
    throw createForbiddenError({ message: role === EDITOR
      ? 'Bạn không có vai trò Biên tập thủ tục cho đơn vị và lĩnh vực của thủ tục này.'
      : 'Bạn không có vai trò Thiết kế quy trình cho đơn vị và lĩnh vực của thủ tục này.' });
  }
}

/** Either editor role on any unit: enough to read the editor's lists. */
export function isCatalogueStaff(actor: Actor) {
  return actor.kind === 'official' && actor.grants.some((g) => g.role === EDITOR || g.role === DESIGNER);
}

// ---------------------------------------------------------------------------------------------
// The version in force, in the draft's shape

/** Drops null and undefined members, since the exchange format leaves absent values out. */
function compact<T extends Rec>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** A version of the catalogue as a draft: component and template ids are left out (a new version gets new ones), templates point at the stored files. */
export async function versionAsDraft(db: DbExecutor, procedureCode: string) {
  const [procedure] = await db.select().from(proceduresTable).where(eq(proceduresTable.code, procedureCode));
  if (!procedure) return undefined;
  const versions = await db.select().from(procedureVersionsTable).where(eq(procedureVersionsTable.procedureId, procedure.id));
  const current = pickCurrentVersion(versions, todayInVietnam());
  if (!current) return undefined;
  const agencies = await db.select({ agencyCode: agenciesTable.code, role: procedureAgenciesTable.role }).from(procedureAgenciesTable)
    .innerJoin(agenciesTable, eq(agenciesTable.id, procedureAgenciesTable.agencyId))
    .where(eq(procedureAgenciesTable.procedureId, procedure.id)).orderBy(asc(procedureAgenciesTable.role), asc(agenciesTable.code));
  const cases = await db.select().from(procedureCasesTable).where(eq(procedureCasesTable.versionId, current.id)).orderBy(asc(procedureCasesTable.sortOrder));
  const caseIds = cases.map((c) => c.id);
  const components = caseIds.length ? await db.select().from(caseComponentsTable).where(inArray(caseComponentsTable.caseId, caseIds)).orderBy(asc(caseComponentsTable.sortOrder)) : [];
  const componentIds = components.map((m) => m.id);
  const templates = componentIds.length
    ? await db.select({ id: templateFilesTable.id, componentId: templateFilesTable.componentId, title: templateFilesTable.title, fileName: templateFilesTable.fileName })
      .from(templateFilesTable).where(inArray(templateFilesTable.componentId, componentIds)).orderBy(asc(templateFilesTable.sortOrder))
    : [];
  const forms = caseIds.length ? await db.select().from(caseFormsTable).where(inArray(caseFormsTable.caseId, caseIds)) : [];
  const assignments = caseIds.length
    ? await db.select({ caseId: caseWorkflowsTable.caseId, definition: workflowsTable.definition }).from(caseWorkflowsTable)
      .innerJoin(workflowsTable, eq(workflowsTable.code, caseWorkflowsTable.workflowCode)).where(inArray(caseWorkflowsTable.caseId, caseIds))
    : [];
  const content: DraftContent = {
    procedure: compact({
      name: procedure.name,
      nameEn: procedure.nameEn,
      description: procedure.description,
      fieldCode: procedure.fieldCode,
      implementationLevels: procedure.implementationLevels,
      applicantTypes: procedure.applicantTypes,
      agencies,
      keywords: procedure.keywords,
      provenance: procedure.provenance,
    }),
    version: compact({
      validFrom: current.validFrom,
      validTo: current.validTo,
      publishingDecision: current.publishingDecision,
      legalBasis: current.legalBasis,
      requirements: current.requirements,
      submissionPlaces: current.submissionPlaces,
      results: current.results,
      cases: cases.map((c) => ({
        code: c.code,
        name: c.name,
        steps: c.steps,
        channels: c.channels,
        capabilities: c.capabilities,
        components: components.filter((m) => m.caseId === c.id).map((m) => compact({
          code: m.code,
          name: m.name,
          description: m.description,
          mandatory: m.mandatory,
          filledByForm: m.filledByForm || undefined,
          originals: m.originals,
          copies: m.copies,
          maxSizeMb: m.maxSizeMb,
          acceptedTypes: m.acceptedTypes,
          maxFiles: m.maxFiles,
          templates: templates.filter((t) => t.componentId === m.id).map((t) => ({ title: t.title, fileName: t.fileName, file: `db:${t.id}` })),
        })),
      })),
    }),
  };
  const formsByCase: Record<string, DraftForm> = {};
  const workflowsByCase: Record<string, DraftWorkflow> = {};
  for (const c of cases) {
    const form = forms.find((f) => f.caseId === c.id);
    if (form) formsByCase[c.code] = { schema: form.schema, uiSchema: form.uiSchema };
    const wf = assignments.find((a) => a.caseId === c.id);
    if (wf) workflowsByCase[c.code] = { name: wf.definition.name, steps: wf.definition.steps as unknown as Rec[] };
  }
  return { procedure, version: current, content, forms: formsByCase, workflows: workflowsByCase };
}

// ---------------------------------------------------------------------------------------------
// Validation

const casesOf = (content: DraftContent): Rec[] => (Array.isArray(content.version.cases) ? (content.version.cases as Rec[]) : []);
const caseCodes = (content: DraftContent) => casesOf(content).map((c) => String(c?.code ?? ''));

/** Fills what the server gives (component and template ids), then builds the exchange file of the draft. */
function toExchangeFile(draft: Pick<CatalogueDraftRow, 'procedureCode' | 'content'>, versionNo: number): { raw: Rec; templateSources: Map<string, string> } {
  const templateSources = new Map<string, string>();
  const cases = casesOf(draft.content).map((c, ci) => ({
    ...c,
    components: (Array.isArray(c.components) ? (c.components as Rec[]) : []).map((m, mi) => {
      const id = `${draft.procedureCode}-v${versionNo}-${String(c.code ?? ci + 1)}-${mi + 1}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
      return {
        ...m,
        id,
        templates: (Array.isArray(m.templates) ? (m.templates as Rec[]) : []).map((t, ti) => {
          const templateId = `${id}-t${ti + 1}`.slice(0, 80);
          if (typeof t.file === 'string' && t.file.startsWith('db:')) templateSources.set(templateId, t.file.slice(3));
          return { ...t, id: templateId };
        }),
      };
    }),
  }));
  const procedure = { ...draft.content.procedure, code: draft.procedureCode, versions: [{ ...draft.content.version, versionNo, cases }] };
  return { raw: { agencies: [], fields: [], procedures: [procedure] }, templateSources };
}

/** `procedures[0].versions[0].cases[1].name` → `version.cases[1].name`; `procedures[0].name` → `procedure.name`. */
function draftPath(issuePath: readonly PropertyKey[]): string {
  const rest = issuePath.slice(2);
  const parts = issuePath[2] === 'versions' ? ['version', ...issuePath.slice(4)] : ['procedure', ...rest];
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Paths written by checkCatalogFile (`procedures[0] (2.9).versions[0].cases[0] (TH1).code`) in the draft's terms. */
function draftPathOfLabel(label: string): string {
  return label
    .replace(/ \([^)]*\)/g, '')
    .replace(/^procedures\[0\]\.versions\[0\]/, 'version')
    .replace(/^procedures\[0\]/, 'procedure');
}

/** Every problem of a draft, each with its path (`procedure.name`, `version.cases[0].channels`, `forms.TH1`, `workflows.TH1.steps[0].role`). */
export async function draftProblems(db: DbExecutor, draft: Pick<CatalogueDraftRow, 'procedureCode' | 'content' | 'forms' | 'workflows'>): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const { raw, templateSources } = toExchangeFile(draft, 1);
  const parsed = catalogFileSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => ({ path: draftPath(i.path), message: i.message })));
  } else {
    // The file's own checks (duplicates, an implementing agency...), with stored templates left aside.
    const withoutTemplates = structuredClone(parsed.data);
    for (const c of withoutTemplates.procedures[0]!.versions[0]!.cases) for (const m of c.components) m.templates = [];
    try {
      checkCatalogFile(withoutTemplates, '.');
    } catch (error) {
      if (!isAppError(error)) throw error;
      problems.push(...(error.errors ?? []).map((e) => ({ path: draftPathOfLabel(e.path), message: e.message })));
    }
    const version = parsed.data.procedures[0]!.versions[0]!;
    version.cases.forEach((c, ci) => c.components.forEach((m, mi) => m.templates.forEach((t, ti) => {
      if (!templateSources.has(t.id)) problems.push({ path: `version.cases[${ci}].components[${mi}].templates[${ti}].file`, message: 'Chỉ dùng lại được mẫu đơn đã lưu trong hệ thống (db:…); tải tệp mới lên chưa được hỗ trợ trong trình biên tập' });
    })));
    if (version.validFrom < todayInVietnam()) problems.push({ path: 'version.validFrom', message: 'Ngày có hiệu lực không được ở quá khứ' });
    const p = parsed.data.procedures[0]!;
    const [field] = await db.select({ code: fieldsTable.code }).from(fieldsTable).where(eq(fieldsTable.code, p.fieldCode));
    if (!field) problems.push({ path: 'procedure.fieldCode', message: `Lĩnh vực ${p.fieldCode} chưa có trong hệ thống` });
    const known = new Set((await db.select({ code: agenciesTable.code }).from(agenciesTable)).map((a) => a.code));
    p.agencies.forEach((a, i) => {
      if (!known.has(a.agencyCode)) problems.push({ path: `procedure.agencies[${i}].agencyCode`, message: `Cơ quan ${a.agencyCode} chưa có trong hệ thống` });
    });
  }
  const codes = caseCodes(draft.content);
  casesOf(draft.content).forEach((c, ci) => {
    const online = (c.capabilities as { onlineSubmission?: unknown } | undefined)?.onlineSubmission === true;
    if (online && !draft.forms[String(c.code)]) problems.push({ path: `forms.${String(c.code)}`, message: `Trường hợp ${String(c.code)} cho phép nộp trực tuyến nhưng chưa có biểu mẫu điện tử` });
    void ci;
  });
  for (const [code, form] of Object.entries(draft.forms)) {
    if (!codes.includes(code)) {
      problems.push({ path: `forms.${code}`, message: `Biểu mẫu của trường hợp ${code} không có trong phiên bản` });
      continue;
    }
    const result = validateFormDefinition(form.schema as JsonSchema, form.uiSchema as JsonSchema);
    if (!result.valid) problems.push(...result.problems.map((message) => ({ path: `forms.${code}`, message })));
  }
  for (const [code, wf] of Object.entries(draft.workflows)) {
    const kase = casesOf(draft.content).find((c) => String(c.code) === code);
    if (!kase) {
      problems.push({ path: `workflows.${code}`, message: `Quy trình của trường hợp ${code} không có trong phiên bản` });
      continue;
    }
    const channels = Array.isArray(kase.channels) ? (kase.channels as never[]) : [];
    const options = await validationContext(db, channels.length ? [{ label: `trường hợp ${code}`, channels }] : []);
    const shape = workflowDefinitionSchema.safeParse({ code: workflowCodeFor(draft.procedureCode, 0, code), name: wf.name, steps: wf.steps });
    if (!shape.success) {
      problems.push(...shape.error.issues.map((i) => ({ path: `workflows.${code}.${i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '').replace(/\.\[/g, '[')}`, message: i.message })));
      continue;
    }
    const workflow = shape.data as Workflow;
    problems.push(...validateWorkflow(workflow, options).map((p) => ({ path: `workflows.${code}.${p.path}`, message: p.message })));
  }
  return problems;
}

export const workflowCodeFor = (procedureCode: string, versionNo: number, caseCode: string) =>
  `TT_${procedureCode}_V${versionNo}_${caseCode}`.toUpperCase().replace(/[^A-Z0-9_.-]/g, '_').slice(0, 64);

// ---------------------------------------------------------------------------------------------
// Drafts

async function presentDraft(db: DbExecutor, row: CatalogueDraftRow) {
  return {
    id: row.id,
    procedureCode: row.procedureCode,
    baseVersionNo: row.baseVersionNo,
    status: row.status,
    content: row.content,
    forms: row.forms,
    workflows: row.workflows,
    createdByUserId: row.createdByUserId,
    editorUserIds: row.editorUserIds,
    source: row.source ?? null,
    publishedVersionNo: row.publishedVersionNo,
    publishedByUserId: row.publishedByUserId,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    problems: row.status === 'DRAFT' ? await draftProblems(db, row) : [],
  };
}

async function loadDraft(db: DbExecutor, id: string, { forUpdate = false } = {}) {
  const query = db.select().from(catalogueDraftsTable).where(eq(catalogueDraftsTable.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw createDraftNotFoundError();
  return row;
}

export async function getDraft({ db, id }: { db: DbExecutor; id: string }) {
  return presentDraft(db, await loadDraft(db, id));
}

export async function listDrafts({ db, status }: { db: DbExecutor; status?: CatalogueDraftRow['status'] }) {
  const rows = await db.select().from(catalogueDraftsTable).where(status ? eq(catalogueDraftsTable.status, status) : undefined).orderBy(desc(catalogueDraftsTable.updatedAt));
  return {
    items: rows.map((r) => ({
      id: r.id,
      procedureCode: r.procedureCode,
      name: typeof r.content.procedure.name === 'string' ? r.content.procedure.name : '',
      status: r.status,
      baseVersionNo: r.baseVersionNo,
      validFrom: typeof r.content.version.validFrom === 'string' ? r.content.version.validFrom : null,
      publishedVersionNo: r.publishedVersionNo,
      editorUserIds: r.editorUserIds,
      source: r.source?.kind ?? null,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

/** Procedures with their version in force and their open draft, for the editor's list. */
export async function listProceduresForEditor({ db }: { db: DbExecutor }) {
  const procedures = await db.select({ id: proceduresTable.id, code: proceduresTable.code, name: proceduresTable.name, fieldCode: proceduresTable.fieldCode }).from(proceduresTable).orderBy(asc(proceduresTable.code));
  const versions = await db.select({ procedureId: procedureVersionsTable.procedureId, versionNo: procedureVersionsTable.versionNo, validFrom: procedureVersionsTable.validFrom, validTo: procedureVersionsTable.validTo, status: procedureVersionsTable.status }).from(procedureVersionsTable);
  const drafts = await db.select({ id: catalogueDraftsTable.id, procedureCode: catalogueDraftsTable.procedureCode }).from(catalogueDraftsTable).where(eq(catalogueDraftsTable.status, 'DRAFT'));
  const today = todayInVietnam();
  return {
    items: procedures.map((p) => {
      const own = versions.filter((v) => v.procedureId === p.id);
      const current = pickCurrentVersion(own, today);
      return {
        code: p.code,
        name: p.name,
        fieldCode: p.fieldCode,
        versionInForce: current?.versionNo ?? null,
        latestVersion: own.reduce((m, v) => Math.max(m, v.versionNo), 0),
        scheduled: own.filter((v) => v.validFrom > today).map((v) => ({ versionNo: v.versionNo, validFrom: v.validFrom })),
        openDraftId: drafts.find((d) => d.procedureCode === p.code)?.id ?? null,
      };
    }),
  };
}

export type CreateDraftInput = { fromProcedureCode: string } | { procedureCode: string; content: DraftContent };

/**
 * A new draft: of a new procedure (its code must not be in the catalogue), or a new version of
 * a procedure, copied from its version in force with its forms and workflows. One open draft per procedure.
 */
export async function createDraft({ db, actor, input, client = {} }: { db: Database; actor: Actor & { kind: 'official' }; input: CreateDraftInput; client?: Client }) {
  const row = await db.transaction(async (tx) => {
    let values: Pick<CatalogueDraftRow, 'procedureCode' | 'baseVersionNo' | 'content' | 'forms' | 'workflows'>;
    if ('fromProcedureCode' in input) {
      const base = await versionAsDraft(tx, input.fromProcedureCode);
      if (!base) throw createProcedureNotFoundError({ details: { code: input.fromProcedureCode } });
      values = { procedureCode: base.procedure.code, baseVersionNo: base.version.versionNo, content: base.content, forms: base.forms, workflows: base.workflows };
      values.content.version.validFrom = todayInVietnam();
      delete values.content.version.validTo;
    } else {
      const [existing] = await tx.select({ id: proceduresTable.id }).from(proceduresTable).where(eq(proceduresTable.code, input.procedureCode));
      if (existing) throw createProcedureExistsError({ errors: [{ path: 'body.procedureCode', message: 'Mã thủ tục đã có trong danh mục; hãy tạo phiên bản mới của thủ tục đó.' }] });
      values = { procedureCode: input.procedureCode, baseVersionNo: null, content: input.content, forms: {}, workflows: {} };
    }
    await requireRoleFor(tx, actor, EDITOR, values.content);
    const [open] = await tx.select({ id: catalogueDraftsTable.id }).from(catalogueDraftsTable)
      .where(and(eq(catalogueDraftsTable.procedureCode, values.procedureCode), eq(catalogueDraftsTable.status, 'DRAFT')));
    if (open) throw createDraftExistsError({ details: { draftId: open.id } });
    const [created] = await tx.insert(catalogueDraftsTable).values({ id: createId('cdraft'), ...values, createdByUserId: actor.userId, editorUserIds: [actor.userId] }).returning();
    await recordAuditEvent({ db: tx, event: {
      actorUserId: actor.userId, action: 'CATALOGUE_DRAFT_CREATED', subject: `catalogue-draft:${created!.id}`, ip: client.ip, outcome: 'SUCCESS',
      details: { procedureCode: values.procedureCode, baseVersionNo: values.baseVersionNo },
    } });
    return created!;
  });
  return presentDraft(db, row);
}

type DraftChange =
  | { part: 'content'; content: DraftContent }
  | { part: 'form'; caseCode: string; form: DraftForm }
  | { part: 'workflow'; caseCode: string; workflow: DraftWorkflow | null };

/** Saves one part of an open draft; the content and forms by a catalogue editor, workflows by a process designer. Audited with the new hash. */
export async function changeDraft({ db, actor, id, change, client = {} }: { db: Database; actor: Actor & { kind: 'official' }; id: string; change: DraftChange; client?: Client }) {
  const row = await db.transaction(async (tx) => {
    const draft = await loadDraft(tx, id, { forUpdate: true });
    if (draft.status !== 'DRAFT') throw createDraftPublishedError();
    await requireRoleFor(tx, actor, change.part === 'workflow' ? DESIGNER : EDITOR, draft.content);
    const set: Partial<CatalogueDraftRow> = {};
    if (change.part === 'content') {
      await requireRoleFor(tx, actor, EDITOR, change.content); // the new scope too: no moving a procedure out of one's reach
      set.content = change.content;
    } else {
      if (!caseCodes(draft.content).includes(change.caseCode)) throw createCaseNotInDraftError({ details: { caseCode: change.caseCode } });
      if (change.part === 'form') set.forms = { ...draft.forms, [change.caseCode]: change.form };
      else {
        const workflows = { ...draft.workflows };
        if (change.workflow) workflows[change.caseCode] = change.workflow;
        else delete workflows[change.caseCode];
        set.workflows = workflows;
      }
    }
    const editors = draft.editorUserIds.includes(actor.userId) ? draft.editorUserIds : [...draft.editorUserIds, actor.userId];
    const [updated] = await tx.update(catalogueDraftsTable).set({ ...set, editorUserIds: editors, updatedAt: new Date() }).where(eq(catalogueDraftsTable.id, id)).returning();
    const saved = change.part === 'content' ? change.content : change.part === 'form' ? change.form : change.workflow;
    await recordAuditEvent({ db: tx, event: {
      actorUserId: actor.userId, action: `CATALOGUE_DRAFT_${change.part.toUpperCase()}_SAVED`, subject: `catalogue-draft:${id}`, ip: client.ip, outcome: 'SUCCESS',
      details: { procedureCode: draft.procedureCode, caseCode: change.part === 'content' ? null : change.caseCode, sha256: createHash('sha256').update(JSON.stringify(saved ?? null)).digest('hex') },
    } });
    return updated!;
  });
  return presentDraft(db, row);
}

export async function discardDraft({ db, actor, id, client = {} }: { db: Database; actor: Actor & { kind: 'official' }; id: string; client?: Client }) {
  await db.transaction(async (tx) => {
    const draft = await loadDraft(tx, id, { forUpdate: true });
    if (draft.status !== 'DRAFT') throw createDraftPublishedError();
    await requireRoleFor(tx, actor, EDITOR, draft.content);
    await tx.update(catalogueDraftsTable).set({ status: 'DISCARDED', updatedAt: new Date() }).where(eq(catalogueDraftsTable.id, id));
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'CATALOGUE_DRAFT_DISCARDED', subject: `catalogue-draft:${id}`, ip: client.ip, outcome: 'SUCCESS', details: { procedureCode: draft.procedureCode } } });
  });
}

// ---------------------------------------------------------------------------------------------
// Diff

export interface DiffEntry {
  path: string;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  before?: unknown;
  after?: unknown;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, []);
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Rec)[k] !== undefined);
    if (keys.length === 0) out.set(prefix, {});
    for (const k of keys) flatten((value as Rec)[k], prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
}

/** Leaf-by-leaf differences between two documents (paths as in the draft). */
export function diffDocuments(before: unknown, after: unknown): DiffEntry[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const entries: DiffEntry[] = [];
  for (const [path, v] of a) {
    if (!b.has(path)) entries.push({ path, change: 'REMOVED', before: v });
    else if (JSON.stringify(v) !== JSON.stringify(b.get(path))) entries.push({ path, change: 'CHANGED', before: v, after: b.get(path) });
  }
  for (const [path, v] of b) if (!a.has(path)) entries.push({ path, change: 'ADDED', after: v });
  return entries;
}

/** The draft against the version in force (everything ADDED for a new procedure). */
export async function diffDraft({ db, id }: { db: DbExecutor; id: string }) {
  const draft = await loadDraft(db, id);
  const base = await versionAsDraft(db, draft.procedureCode);
  const before = base ? { ...base.content, forms: base.forms, workflows: base.workflows } : {};
  const after = { ...draft.content, forms: draft.forms, workflows: draft.workflows };
  return { procedureCode: draft.procedureCode, versionInForce: base?.version.versionNo ?? null, entries: diffDocuments(before, after) };
}

/** The draft as a catalogue exchange file (the format of seed/catalog.json), with the version number it would get. */
export async function exportDraft({ db, id }: { db: DbExecutor; id: string }) {
  const draft = await loadDraft(db, id);
  const versionNo = draft.publishedVersionNo ?? (await nextVersionNo(db, draft.procedureCode));
  return toExchangeFile(draft, versionNo).raw;
}

async function nextVersionNo(db: DbExecutor, procedureCode: string) {
  const [row] = await db.select({ n: max(procedureVersionsTable.versionNo) }).from(procedureVersionsTable)
    .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId)).where(eq(proceduresTable.code, procedureCode));
  return (row?.n ?? 0) + 1;
}

// ---------------------------------------------------------------------------------------------
// Publishing

/** Canonical JSON (sorted keys). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Rec)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((value as Rec)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Publishes a valid draft as the next version of its procedure, with its forms and workflows,
 * in one transaction. Only a catalogue editor of the procedure's unit and field who did not
 * edit the draft may publish it (four eyes). The draft is immutable afterwards.
 */
export async function publishDraft({ db, actor, id, client = {} }: { db: Database; actor: Actor & { kind: 'official' }; id: string; client?: Client }) {
  const result = await db.transaction(async (tx) => {
    const draft = await loadDraft(tx, id, { forUpdate: true });
    if (draft.status !== 'DRAFT') throw createDraftPublishedError();
    await requireRoleFor(tx, actor, EDITOR, draft.content);
    if (draft.editorUserIds.includes(actor.userId)) throw createSecondPersonRequiredError();
    const problems = await draftProblems(tx, draft);
    if (problems.length > 0) throw createDraftInvalidError({ errors: problems });
    const versionNo = await nextVersionNo(tx, draft.procedureCode);
    const { raw, templateSources } = toExchangeFile(draft, versionNo);
    const file: CatalogFile = catalogFileSchema.parse(raw);
    const sources = [...new Set(templateSources.values())];
    const stored = sources.length ? await tx.select().from(templateFilesTable).where(inArray(templateFilesTable.id, sources)) : [];
    const templates = new Map([...templateSources].map(([newId, sourceId]) => {
      const s = stored.find((t) => t.id === sourceId)!;
      return [newId, { bytes: Buffer.from(s.content), sha256: s.sha256, mediaType: s.mediaType }];
    }));
    try {
      // A savepoint inside this transaction: the version, its forms and workflows are written together or not at all.
      await importCatalog({ db: tx as unknown as Database, file, templates });
    } catch (error) {
      if (isAppError(error) && error.errors) throw createDraftInvalidError({ errors: error.errors.map((e) => ({ path: draftPathOfLabel(e.path), message: e.message })), cause: error });
      throw error;
    }
    const [version] = await tx.select({ id: procedureVersionsTable.id }).from(procedureVersionsTable)
      .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId))
      .where(and(eq(proceduresTable.code, draft.procedureCode), eq(procedureVersionsTable.versionNo, versionNo)));
    const cases = await tx.select({ id: procedureCasesTable.id, code: procedureCasesTable.code }).from(procedureCasesTable).where(eq(procedureCasesTable.versionId, version!.id));
    const caseId = (code: string) => cases.find((c) => c.code === code)!.id;
    for (const [code, form] of Object.entries(draft.forms)) {
      await tx.insert(caseFormsTable).values({ caseId: caseId(code), schema: form.schema, uiSchema: form.uiSchema, contentHash: createHash('sha256').update(canonical({ schema: form.schema, uiSchema: form.uiSchema })).digest('hex') });
    }
    const workflowCodes: string[] = [];
    for (const [code, wf] of Object.entries(draft.workflows)) {
      const workflow = workflowDefinitionSchema.parse({ code: workflowCodeFor(draft.procedureCode, versionNo, code), name: wf.name, steps: wf.steps }) as Workflow;
      await tx.insert(workflowsTable).values({ code: workflow.code, name: workflow.name, definition: workflow, hash: workflowHash(workflow), editedByUserId: draft.editorUserIds.at(-1) ?? null, editedAt: draft.updatedAt });
      await tx.insert(caseWorkflowsTable).values({ caseId: caseId(code), workflowCode: workflow.code, source: 'ADMIN' });
      workflowCodes.push(workflow.code);
    }
    const now = new Date();
    const [published] = await tx.update(catalogueDraftsTable).set({ status: 'PUBLISHED', publishedVersionNo: versionNo, publishedByUserId: actor.userId, publishedAt: now, updatedAt: now })
      .where(eq(catalogueDraftsTable.id, id)).returning();
    await recordAuditEvent({ db: tx, event: {
      actorUserId: actor.userId, action: 'CATALOGUE_VERSION_PUBLISHED', subject: `procedure:${draft.procedureCode}`, ip: client.ip, outcome: 'SUCCESS',
      details: { draftId: id, versionNo, validFrom: String(draft.content.version.validFrom), editors: draft.editorUserIds, workflows: workflowCodes, forms: Object.keys(draft.forms) },
    } });
    return published!;
  });
  markProjectionFresh(db);
  return presentDraft(db, result);
}
