/**
 * Document templates in the catalogue editor (issue 17 item 5, ADR 0025): the editable texts of
 * the result document and of the one-stop forms 01–05. A catalogue editor saves a draft version
 * (checked on save: syntax and placeholders, with the line), previews it as the PDF with sample
 * data, and another catalogue editor publishes it (four eyes). Every change is audited. The
 * documents produced for dossiers use the version published at the time they are issued.
 */
import { and, asc, desc, eq, max } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { agenciesTable, procedureAgenciesTable, proceduresTable } from '../catalog/index.js';
import {
  documentTemplatesTable,
  initialTexts,
  renderApology,
  renderControlSheet,
  renderReceiptSlip,
  renderRefusal,
  renderResult,
  renderSupplementRequest,
  renderTemplate,
  sampleApology,
  sampleControlSheet,
  sampleReceiptSlip,
  sampleRefusal,
  sampleResult,
  sampleSupplementRequest,
  sampleValues,
  TEMPLATE_DEFINITIONS,
  templateKinds,
  validateTemplate,
  type DocumentTemplateRow,
  type TemplateKind,
  type TemplateTexts,
} from '../dossiers/index.js';
import { createForbiddenError, type Actor } from '../identity/index.js';
import { createProcedureNotFoundError, createSecondPersonRequiredError } from './authoring.errors.js';
import { createTemplateDraftMissingError, createTemplateInvalidError, createTemplateScopeError } from './authoring.errors.js';
import { EDITOR, holdsRoleFor } from './authoring.usecases.js';

type Client = { ip?: string };
type Official = Actor & { kind: 'official' };

const table = documentTemplatesTable;

function presentVersion(row: DocumentTemplateRow | undefined) {
  if (!row) return null;
  return {
    id: row.id,
    versionNo: row.versionNo,
    status: row.status,
    texts: row.texts,
    createdByUserId: row.createdByUserId,
    editorUserIds: row.editorUserIds,
    publishedByUserId: row.publishedByUserId,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function definitionOf(kind: TemplateKind) {
  const d = TEMPLATE_DEFINITIONS[kind];
  return { kind, name: d.name, perProcedure: d.perProcedure, boldMarkup: d.boldMarkup, fields: d.fields, placeholders: d.placeholders };
}

/** Template kinds, their parts and placeholders, with the published version and open draft of each global template and of each procedure's own result template. */
export async function listDocumentTemplates({ db }: { db: DbExecutor }) {
  const rows = await db.select().from(table).orderBy(asc(table.kind), asc(table.procedureCode), desc(table.versionNo));
  return templateKinds.map((kind) => {
    const ofKind = rows.filter((r) => r.kind === kind);
    const scopes = [...new Set(['', ...ofKind.map((r) => r.procedureCode)])];
    return {
      ...definitionOf(kind),
      templates: scopes.map((procedureCode) => {
        const ofScope = ofKind.filter((r) => r.procedureCode === procedureCode);
        return {
          procedureCode: procedureCode || null,
          published: presentVersion(ofScope.find((r) => r.status === 'PUBLISHED')),
          draft: presentVersion(ofScope.find((r) => r.status === 'DRAFT')),
        };
      }),
    };
  });
}

/** One template: its definition, the version in force (or the initial texts), the open draft and every version. */
export async function getDocumentTemplate({ db, kind, procedureCode }: { db: DbExecutor; kind: TemplateKind; procedureCode?: string }) {
  const scope = scopeCode(kind, procedureCode);
  const rows = await db.select().from(table).where(and(eq(table.kind, kind), eq(table.procedureCode, scope))).orderBy(desc(table.versionNo));
  return {
    ...definitionOf(kind),
    procedureCode: scope || null,
    initialTexts: initialTexts(kind),
    published: presentVersion(rows.find((r) => r.status === 'PUBLISHED')),
    draft: presentVersion(rows.find((r) => r.status === 'DRAFT')),
    versions: rows.filter((r) => r.status !== 'DRAFT').map((r) => presentVersion(r)!),
  };
}

function scopeCode(kind: TemplateKind, procedureCode: string | undefined): string {
  if (!procedureCode) return '';
  if (!TEMPLATE_DEFINITIONS[kind].perProcedure) throw createTemplateScopeError();
  return procedureCode;
}

/** A global template needs CATALOGUE_EDITOR on some unit; a procedure's result template needs it for the procedure's unit and field. */
async function requireEditor(db: DbExecutor, actor: Official, procedureCode: string) {
  if (!procedureCode) {
    if (!actor.grants.some((g) => g.role === EDITOR)) throw createForbiddenError({ message: 'Bạn không có vai trò Biên tập thủ tục.' });
    return;
  }
  const [procedure] = await db.select({ id: proceduresTable.id, fieldCode: proceduresTable.fieldCode }).from(proceduresTable).where(eq(proceduresTable.code, procedureCode));
  if (!procedure) throw createProcedureNotFoundError({ message: 'Không tìm thấy thủ tục có mã này.' });
  const agencies = await db.select({ code: agenciesTable.code }).from(procedureAgenciesTable)
    .innerJoin(agenciesTable, eq(agenciesTable.id, procedureAgenciesTable.agencyId))
    .where(eq(procedureAgenciesTable.procedureId, procedure.id));
  if (!(await holdsRoleFor(db, actor, EDITOR, { fieldCode: procedure.fieldCode ?? '', agencyCodes: agencies.map((a) => a.code) }))) {
    throw createForbiddenError({ message: 'Bạn không có vai trò Biên tập thủ tục cho đơn vị và lĩnh vực của thủ tục này.' });
  }
}

/** @throws authoring.template_invalid (422) with every problem: `path` is `texts.<part>`, `line` and `column` where it is */
export function checkTemplate(kind: TemplateKind, texts: Record<string, unknown>) {
  const problems = validateTemplate(kind, texts);
  if (problems.length > 0) {
    throw createTemplateInvalidError({
      errors: problems.map((p) => ({ path: `texts.${p.field}`, message: p.message })),
      details: { problems },
    });
  }
}

/** Saves the draft of the next version (creating it from the given texts when there is none). */
export async function saveTemplateDraft({ db, actor, kind, procedureCode, texts, client = {} }: {
  db: Database; actor: Official; kind: TemplateKind; procedureCode?: string; texts: Record<string, string>; client?: Client;
}) {
  const scope = scopeCode(kind, procedureCode);
  await requireEditor(db, actor, scope);
  checkTemplate(kind, texts);
  const row = await db.transaction(async (tx) => {
    const [open] = await tx.select().from(table).where(and(eq(table.kind, kind), eq(table.procedureCode, scope), eq(table.status, 'DRAFT'))).for('update');
    let saved: DocumentTemplateRow;
    if (open) {
      const editors = open.editorUserIds.includes(actor.userId) ? open.editorUserIds : [...open.editorUserIds, actor.userId];
      [saved] = (await tx.update(table).set({ texts, editorUserIds: editors, updatedAt: new Date() }).where(eq(table.id, open.id)).returning()) as [DocumentTemplateRow];
    } else {
      const [last] = await tx.select({ n: max(table.versionNo) }).from(table).where(and(eq(table.kind, kind), eq(table.procedureCode, scope)));
      [saved] = (await tx.insert(table).values({
        id: createId('dtpl'), kind, procedureCode: scope, versionNo: (last?.n ?? 0) + 1, status: 'DRAFT', texts,
        createdByUserId: actor.userId, editorUserIds: [actor.userId],
      }).returning()) as [DocumentTemplateRow];
    }
    await recordAuditEvent({ db: tx, event: {
      actorUserId: actor.userId, action: 'DOCUMENT_TEMPLATE_DRAFT_SAVED', subject: `document-template:${saved.id}`, ip: client.ip, outcome: 'SUCCESS',
      details: { kind, procedureCode: scope || null, versionNo: saved.versionNo },
    } });
    return saved;
  });
  return presentVersion(row)!;
}

async function openDraft(tx: DbExecutor, kind: TemplateKind, scope: string) {
  const [open] = await tx.select().from(table).where(and(eq(table.kind, kind), eq(table.procedureCode, scope), eq(table.status, 'DRAFT'))).for('update');
  if (!open) throw createTemplateDraftMissingError();
  return open;
}

/**
 * Publishes the open draft: only a catalogue editor who did not edit it. The version in force is
 * kept as RETIRED; documents issued from now on use the new texts.
 *
 * @throws authoring.second_person_required (409), authoring.template_draft_not_found (404), authoring.template_invalid (422)
 */
export async function publishTemplateDraft({ db, actor, kind, procedureCode, client = {} }: { db: Database; actor: Official; kind: TemplateKind; procedureCode?: string; client?: Client }) {
  const scope = scopeCode(kind, procedureCode);
  await requireEditor(db, actor, scope);
  const row = await db.transaction(async (tx) => {
    const draft = await openDraft(tx, kind, scope);
    if (draft.editorUserIds.includes(actor.userId)) throw createSecondPersonRequiredError({ message: 'Người đã soạn hoặc sửa mẫu văn bản không được tự công bố; cần một biên tập viên khác (nguyên tắc bốn mắt).' });
    checkTemplate(kind, draft.texts);
    const now = new Date();
    await tx.update(table).set({ status: 'RETIRED', updatedAt: now }).where(and(eq(table.kind, kind), eq(table.procedureCode, scope), eq(table.status, 'PUBLISHED')));
    const [published] = await tx.update(table).set({ status: 'PUBLISHED', publishedByUserId: actor.userId, publishedAt: now, updatedAt: now }).where(eq(table.id, draft.id)).returning();
    await recordAuditEvent({ db: tx, event: {
      actorUserId: actor.userId, action: 'DOCUMENT_TEMPLATE_PUBLISHED', subject: `document-template:${draft.id}`, ip: client.ip, outcome: 'SUCCESS',
      details: { kind, procedureCode: scope || null, versionNo: draft.versionNo, editors: draft.editorUserIds },
    } });
    return published!;
  });
  return presentVersion(row)!;
}

/** Discards the open draft. */
export async function discardTemplateDraft({ db, actor, kind, procedureCode, client = {} }: { db: Database; actor: Official; kind: TemplateKind; procedureCode?: string; client?: Client }) {
  const scope = scopeCode(kind, procedureCode);
  await requireEditor(db, actor, scope);
  await db.transaction(async (tx) => {
    const draft = await openDraft(tx, kind, scope);
    await tx.update(table).set({ status: 'DISCARDED', updatedAt: new Date() }).where(eq(table.id, draft.id));
    await recordAuditEvent({ db: tx, event: {
      actorUserId: actor.userId, action: 'DOCUMENT_TEMPLATE_DRAFT_DISCARDED', subject: `document-template:${draft.id}`, ip: client.ip, outcome: 'SUCCESS',
      details: { kind, procedureCode: scope || null, versionNo: draft.versionNo },
    } });
  });
}

/** The document rendered with the given texts and sample data (the same renderer as the dossiers' documents). */
export async function previewTemplate(kind: TemplateKind, texts: TemplateTexts): Promise<Buffer> {
  checkTemplate(kind, texts);
  switch (kind) {
    case 'RESULT': {
      const filled = renderTemplate('RESULT', texts, sampleValues('RESULT'));
      const recipients = (filled.noi_nhan ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      return renderResult({
        ...sampleResult,
        documentTitle: filled.tieu_de ?? '',
        summary: filled.trich_yeu ?? '',
        body: filled.noi_dung ?? '',
        recipients: recipients.length ? recipients : undefined,
      });
    }
    case '01': return renderReceiptSlip({ ...sampleReceiptSlip, templates: texts });
    case '02': return renderSupplementRequest({ ...sampleSupplementRequest, templates: texts });
    case '03': return renderRefusal({ ...sampleRefusal, templates: texts });
    case '04': return renderApology({ ...sampleApology, templates: texts });
    case '05': return renderControlSheet({ ...sampleControlSheet, templates: texts });
  }
}

/** Seeds the initial texts as version 1, published, of every global template that has no version yet. */
export async function seedDocumentTemplates({ db }: { db: Database }) {
  let created = 0;
  for (const kind of templateKinds) {
    const [existing] = await db.select({ id: table.id }).from(table).where(and(eq(table.kind, kind), eq(table.procedureCode, ''))).limit(1);
    if (existing) continue;
    // Published at the epoch: documents issued before templates became editable keep the same texts.
    await db.insert(table).values({ id: createId('dtpl'), kind, procedureCode: '', versionNo: 1, status: 'PUBLISHED', texts: initialTexts(kind), editorUserIds: [], publishedAt: new Date(0) })
      .onConflictDoNothing();
    created += 1;
  }
  return { created };
}
