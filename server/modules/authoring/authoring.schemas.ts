/** HTTP contract of the catalogue editor: Zod schemas that validate, serialise and document. */
import { z } from 'zod';
import { draftStatuses } from './authoring.tables.js';

const json = z.record(z.string(), z.unknown());

export const draftContentSchema = z.object({
  procedure: json.meta({ description: 'The procedure-level elements of the catalogue exchange format (name, nameEn, description, fieldCode, implementationLevels, applicantTypes, agencies[{agencyCode, role}], keywords, provenance), without `code` and `versions`.' }),
  version: json.meta({ description: 'One version in the exchange format (validFrom, validTo, publishingDecision, legalBasis, requirements, submissionPlaces, results, cases with steps, channels with time phases and fees, components and capabilities), without `versionNo`. Component and template ids are given at publishing; a template is a stored one, `file: "db:<templateId>"`.' }),
}).meta({ id: 'CatalogueDraftContent' });

export const draftFormSchema = z.object({
  schema: json.meta({ description: 'JSON Schema 2020-12 of the e-form, as dossiers use it.' }),
  uiSchema: json.default({}).meta({ description: 'UI schema (order, widgets, help texts, "show when" conditions).' }),
}).meta({ id: 'CatalogueDraftForm' });

export const draftWorkflowSchema = z.object({
  name: z.string({ message: 'Thiếu tên quy trình' }).trim().min(1, 'Thiếu tên quy trình').max(300, 'Tên quy trình dài tối đa 300 ký tự'),
  steps: z.array(json).max(50, 'Tối đa 50 bước').meta({ description: 'Steps as in WorkflowDefinition (id, name, role, unit, allowance, actions).' }),
}).meta({ id: 'CatalogueDraftWorkflow' });

export const createDraftBodySchema = z.union([
  z.object({ fromProcedureCode: z.string().min(1).max(40).meta({ description: 'A new version of this procedure, copied from its version in force with its forms and workflows.' }) }),
  z.object({
    procedureCode: z.string().regex(/^\d\.\d{6}(\.[A-Za-z0-9.]+)?$/, 'Mã thủ tục có dạng 1.004262 hoặc 2.001816'),
    content: draftContentSchema,
  }),
]);

const problemSchema = z.object({ path: z.string(), message: z.string() });

export const draftSchema = z.object({
  id: z.string(),
  procedureCode: z.string(),
  baseVersionNo: z.number().int().nullable().meta({ description: 'The version in force it was copied from; null for a new procedure.' }),
  status: z.enum(draftStatuses),
  content: draftContentSchema,
  forms: z.record(z.string(), draftFormSchema).meta({ description: 'E-form per case code.' }),
  workflows: z.record(z.string(), draftWorkflowSchema).meta({ description: 'Workflow per case code; a case without one uses the default workflow.' }),
  createdByUserId: z.string(),
  editorUserIds: z.array(z.string()).meta({ description: 'Everyone who changed the draft; none of them may publish it.' }),
  source: z.object({
    kind: z.literal('DVCQG'),
    pulledAt: z.string(),
    differences: z.array(z.object({ field: z.string(), label: z.string(), national: z.string(), local: z.string() })),
  }).nullable().meta({ description: 'Set when the draft was made by a catalogue pull from the national database: the differences it carries.' }),
  publishedVersionNo: z.number().int().nullable(),
  publishedByUserId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  problems: z.array(problemSchema).meta({ description: 'Every problem that stops publishing, with its path in the draft and a Vietnamese message.' }),
}).meta({ id: 'CatalogueDraft' });

export const draftListSchema = z.object({
  items: z.array(z.object({
    id: z.string(),
    procedureCode: z.string(),
    name: z.string(),
    status: z.enum(draftStatuses),
    baseVersionNo: z.number().int().nullable(),
    validFrom: z.string().nullable(),
    publishedVersionNo: z.number().int().nullable(),
    editorUserIds: z.array(z.string()),
    source: z.enum(['DVCQG']).nullable().meta({ description: 'DVCQG: made by a catalogue pull from the national database.' }),
    updatedAt: z.string(),
  })),
});

export const draftListQuerySchema = z.object({ status: z.enum(draftStatuses).optional() });

export const editorProceduresSchema = z.object({
  items: z.array(z.object({
    code: z.string(),
    name: z.string(),
    fieldCode: z.string(),
    versionInForce: z.number().int().nullable(),
    latestVersion: z.number().int(),
    scheduled: z.array(z.object({ versionNo: z.number().int(), validFrom: z.string() })).meta({ description: 'Published versions whose effective date is still ahead.' }),
    openDraftId: z.string().nullable(),
  })),
});

export const diffSchema = z.object({
  procedureCode: z.string(),
  versionInForce: z.number().int().nullable(),
  entries: z.array(z.object({
    path: z.string(),
    change: z.enum(['ADDED', 'REMOVED', 'CHANGED']),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })),
}).meta({ id: 'CatalogueDraftDiff' });

export const draftParamsSchema = z.object({ draftId: z.string().max(64) });
export const draftCaseParamsSchema = z.object({ draftId: z.string().max(64), caseCode: z.string().max(80) });
export const exchangeFileSchema = json.meta({ description: 'A catalogue exchange file (the format of seed/catalog.json and `cli procedures import`).' });

// ---------------------------------------------------------------------------------------------
// Workflow designer

export const workflowCodeSchema = z.string().max(64).regex(/^[A-Z0-9_.-]+$/, 'Mã quy trình gồm chữ in hoa, chữ số và các dấu _ . -');

export const workflowDraftParamsSchema = z.object({ draftId: z.string().max(64) });
export const workflowCodeParamsSchema = z.object({ code: workflowCodeSchema });

export const createWorkflowDraftBodySchema = z.object({
  workflowCode: workflowCodeSchema.meta({ description: 'A stored workflow: the draft copies its version in force. A new code: a new workflow, with `name`.' }),
  name: z.string().trim().min(1).max(300).optional(),
});

export const saveWorkflowDraftBodySchema = z.object({
  name: z.string({ message: 'Thiếu tên quy trình' }).trim().max(300, 'Tên quy trình dài tối đa 300 ký tự'),
  steps: z.array(json).max(50, 'Tối đa 50 bước').meta({ description: 'Steps as in WorkflowDefinition (id, name, role, unit, allowance, actions). Saved as given; `problems` says what stops publishing.' }),
});

export const workflowDraftSchema = z.object({
  id: z.string(),
  workflowCode: z.string(),
  status: z.enum(['DRAFT', 'PUBLISHED', 'DISCARDED']),
  versionNo: z.number().int().nullable().meta({ description: 'Given at publishing.' }),
  baseVersionNo: z.number().int().nullable().meta({ description: 'The version in force it was copied from; null for a new workflow.' }),
  name: z.string(),
  steps: z.array(json),
  editorUserIds: z.array(z.string()).meta({ description: 'Everyone who changed the draft; none of them may publish it.' }),
  publishRequestedByUserId: z.string().nullable(),
  publishRequestedAt: z.string().nullable().meta({ description: 'Set by “request publish”; saving the draft again withdraws the request.' }),
  publishedByUserId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  cases: z.array(z.object({ caseId: z.string(), procedureCode: z.string(), procedureName: z.string(), versionNo: z.number().int(), caseCode: z.string(), caseName: z.string() }))
    .meta({ description: 'Procedure cases using the workflow; its allowances must fit each one\'s time limit.' }),
  problems: z.array(problemSchema).meta({ description: 'Every problem that stops publishing, with its path in the definition (`steps.2.actions.0.to`) and a Vietnamese message.' }),
}).meta({ id: 'WorkflowDraft' });

export const designerWorkflowsSchema = z.object({
  items: z.array(z.object({
    code: z.string(),
    name: z.string(),
    versionInForce: z.number().int().nullable().meta({ description: 'Null for a new workflow not published yet.' }),
    stepCount: z.number().int(),
    caseCount: z.number().int(),
    openDraft: z.object({ id: z.string(), publishRequestedAt: z.string().nullable() }).nullable(),
  })),
});

export const designerWorkflowSchema = z.object({
  code: z.string(),
  name: z.string(),
  versionInForce: z.number().int(),
  steps: z.array(json).meta({ description: 'The steps of the version in force, as in WorkflowDefinition.' }),
}).meta({ id: 'DesignerWorkflow' });

export const workflowVersionsSchema = z.object({
  code: z.string(),
  versionInForce: z.number().int(),
  items: z.array(z.object({
    versionNo: z.number().int(),
    hash: z.string(),
    stepCount: z.number().int(),
    editorUserIds: z.array(z.string()),
    publishedByUserId: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })),
}).meta({ id: 'WorkflowVersions' });
