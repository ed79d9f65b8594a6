import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { createForbiddenError, signedInActor, type Actor } from '../identity/index.js';
import {
  createDraftBodySchema,
  diffSchema,
  draftCaseParamsSchema,
  draftFormSchema,
  draftListQuerySchema,
  draftListSchema,
  draftParamsSchema,
  draftSchema,
  draftContentSchema,
  draftWorkflowSchema,
  editorProceduresSchema,
  exchangeFileSchema,
  createWorkflowDraftBodySchema,
  designerWorkflowSchema,
  designerWorkflowsSchema,
  saveWorkflowDraftBodySchema,
  workflowCodeParamsSchema,
  workflowDraftParamsSchema,
  workflowDraftSchema,
  workflowVersionsSchema,
} from './authoring.schemas.js';
import {
  createWorkflowDraft,
  discardWorkflowDraft,
  getWorkflowDraft,
  listWorkflowsForDesigner,
  publishWorkflowDraft,
  requestWorkflowPublish,
  saveWorkflowDraft,
  workflowInForce,
  workflowVersions,
} from './authoring.workflows.js';
import { draftValidator, registerDraftValidator, sendValidatorModule, validatorHashSchema, validatorModuleBodySchema } from '../forms/index.js';
import { discardTemplateDraft, getDocumentTemplate, listDocumentTemplates, previewTemplate, publishTemplateDraft, saveTemplateDraft } from './authoring.templates.js';
import { templateKinds } from '../dossiers/index.js';
import { changeDraft, createDraft, diffDraft, discardDraft, exportDraft, getDraft, isCatalogueStaff, listDrafts, listProceduresForEditor, publishDraft } from './authoring.usecases.js';

/** Catalogue editors and process designers: /api/v1/admin/catalogue/… */
export async function authoringRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Catalogue editor'];
  const staff = (request: FastifyRequest) => {
    const actor = signedInActor(request);
    if (actor.kind !== 'official' || !isCatalogueStaff(actor)) throw createForbiddenError();
    return actor as Actor & { kind: 'official' };
  };
  const preValidation = async (request: FastifyRequest) => {
    staff(request);
  };
  const client = (request: FastifyRequest) => ({ ip: request.ip });

  app.get('/admin/catalogue/procedures', {
    preValidation,
    schema: { tags, summary: 'Catalogue editors: procedures with their version in force, scheduled versions and open draft', response: { 200: editorProceduresSchema, ...problemResponses(401, 403) } },
  }, async () => listProceduresForEditor({ db: app.db }));

  app.get('/admin/catalogue/drafts', {
    preValidation,
    schema: { tags, summary: 'Catalogue editors: drafts, newest first', querystring: draftListQuerySchema, response: { 200: draftListSchema, ...problemResponses(400, 401, 403) } },
  }, async (request) => listDrafts({ db: app.db, status: request.query.status }));

  app.post('/admin/catalogue/drafts', {
    preValidation,
    schema: {
      tags,
      summary: 'Catalogue editors: start a draft of a new procedure, or of a new version of one (copied from its version in force)',
      description: 'Needs CATALOGUE_EDITOR on one of the procedure\'s agencies (or a parent unit) for its field. Errors: `authoring.procedure_exists`, `authoring.draft_exists` (409), `authoring.procedure_not_found` (404), `auth.forbidden` (403).',
      body: createDraftBodySchema,
      response: { 201: draftSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await createDraft({ db: app.db, actor: staff(request), input: request.body, client: client(request) })));

  app.get('/admin/catalogue/drafts/:draftId', {
    preValidation,
    schema: { tags, summary: 'Catalogue editors: a draft with every problem that stops publishing', params: draftParamsSchema, response: { 200: draftSchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request) => getDraft({ db: app.db, id: request.params.draftId }));

  app.put('/admin/catalogue/drafts/:draftId', {
    preValidation,
    schema: {
      tags,
      summary: 'Catalogue editors: save the catalogue elements of a draft',
      description: 'Saved as given, even incomplete; `problems` lists what stops publishing. Errors: `authoring.draft_not_editable` (409) once published.',
      params: draftParamsSchema,
      body: draftContentSchema,
      response: { 200: draftSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => changeDraft({ db: app.db, actor: staff(request), id: request.params.draftId, change: { part: 'content', content: request.body }, client: client(request) }));

  app.put('/admin/catalogue/drafts/:draftId/forms/:caseCode', {
    preValidation,
    schema: {
      tags,
      summary: 'Catalogue editors: save the e-form of a case of a draft',
      params: draftCaseParamsSchema,
      body: draftFormSchema,
      response: { 200: draftSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => changeDraft({ db: app.db, actor: staff(request), id: request.params.draftId, change: { part: 'form', caseCode: request.params.caseCode, form: request.body }, client: client(request) }));

  app.put('/admin/catalogue/drafts/:draftId/workflows/:caseCode', {
    preValidation,
    schema: {
      tags,
      summary: 'Process designers: save the workflow of a case of a draft',
      description: 'Needs PROCESS_DESIGNER for the procedure\'s unit and field. The workflow is checked with the draft (every step reachable, every path ends, allowances within the case\'s time limit).',
      params: draftCaseParamsSchema,
      body: draftWorkflowSchema,
      response: { 200: draftSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => changeDraft({ db: app.db, actor: staff(request), id: request.params.draftId, change: { part: 'workflow', caseCode: request.params.caseCode, workflow: request.body }, client: client(request) }));

  app.delete('/admin/catalogue/drafts/:draftId/workflows/:caseCode', {
    preValidation,
    schema: { tags, summary: 'Process designers: the case goes back to the default workflow', params: draftCaseParamsSchema, response: { 200: draftSchema, ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request) => changeDraft({ db: app.db, actor: staff(request), id: request.params.draftId, change: { part: 'workflow', caseCode: request.params.caseCode, workflow: null }, client: client(request) }));

  app.get('/admin/catalogue/drafts/:draftId/diff', {
    preValidation,
    schema: { tags, summary: 'Catalogue editors: the draft against the version in force, element by element', params: draftParamsSchema, response: { 200: diffSchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request) => diffDraft({ db: app.db, id: request.params.draftId }));

  app.get('/admin/catalogue/drafts/:draftId/export', {
    preValidation,
    schema: { tags, summary: 'Catalogue editors: the draft as a catalogue exchange file', params: draftParamsSchema, response: { 200: exchangeFileSchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request) => exportDraft({ db: app.db, id: request.params.draftId }));

  app.post('/admin/catalogue/drafts/:draftId/publish', {
    preValidation,
    schema: {
      tags,
      summary: 'Catalogue editors: publish a draft as the next version of its procedure (four eyes)',
      description: 'Only a catalogue editor of the procedure who did not edit the draft. The version takes effect on its `validFrom` (today or later); it, its forms and workflows are immutable afterwards, and dossiers filed earlier keep their version. Errors: `authoring.second_person_required`, `authoring.draft_not_editable` (409), `authoring.draft_invalid` (422, `errors` lists every problem).',
      params: draftParamsSchema,
      body: z.object({}).optional(),
      response: { 200: draftSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => publishDraft({ db: app.db, actor: staff(request), id: request.params.draftId, client: client(request) }));

  app.delete('/admin/catalogue/drafts/:draftId', {
    preValidation,
    schema: { tags, summary: 'Catalogue editors: discard an open draft', params: draftParamsSchema, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => {
    await discardDraft({ db: app.db, actor: staff(request), id: request.params.draftId, client: client(request) });
    return reply.status(204).send(null);
  });

  app.post('/admin/catalogue/form-validators', {
    preValidation,
    schema: {
      tags,
      summary: 'Catalogue editors: compile a draft e-form\'s validator for the preview (the page runs no code generation)',
      description: 'Returns where the module is served (editors only, any node). Error: `forms.schema_invalid` (422) when the schema does not compile.',
      body: z.object({ schema: z.record(z.string(), z.unknown()) }),
      response: { 200: z.object({ hash: z.string(), url: z.string() }), ...problemResponses(400, 401, 403, 422) },
    },
  }, async (request) => registerDraftValidator(app.db, request.body.schema));

  app.get('/admin/catalogue/form-validators/:hash/validator.js', {
    preValidation,
    schema: {
      tags,
      summary: 'Catalogue editors: the precompiled validator of a draft e-form',
      params: z.object({ hash: validatorHashSchema }),
      response: { 200: validatorModuleBodySchema, ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => sendValidatorModule(request, reply, await draftValidator(app.db, request.params.hash), 'private'));

  // Workflow designer: drafts of a workflow's next version, published by a second process designer.
  const wfTags = ['Workflow designer'];

  app.get('/admin/catalogue/workflows', {
    preValidation,
    schema: { tags: wfTags, summary: 'Process designers: the workflows with their version in force, cases using each and open draft', response: { 200: designerWorkflowsSchema, ...problemResponses(401, 403) } },
  }, async () => listWorkflowsForDesigner({ db: app.db }));

  app.get('/admin/catalogue/workflows/:code', {
    preValidation,
    schema: {
      tags: wfTags,
      summary: 'Catalogue staff: the version in force of a workflow (name and steps), e.g. to give a procedure case of a draft the workflow a designer published',
      description: 'Errors: `authoring.workflow_not_found` (404) for a workflow not stored.',
      params: workflowCodeParamsSchema,
      response: { 200: designerWorkflowSchema, ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request) => workflowInForce({ db: app.db, code: request.params.code }));

  app.get('/admin/catalogue/workflows/:code/versions', {
    preValidation,
    schema: { tags: wfTags, summary: 'Process designers: the published versions of a workflow, newest first', description: 'Errors: `authoring.workflow_not_found` (404) for a workflow neither stored nor published.', params: workflowCodeParamsSchema, response: { 200: workflowVersionsSchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request) => workflowVersions({ db: app.db, code: request.params.code }));

  app.post('/admin/catalogue/workflow-drafts', {
    preValidation,
    schema: {
      tags: wfTags,
      summary: 'Process designers: start a draft of the next version of a workflow (copied from its version in force), or of a new workflow',
      description: 'Needs PROCESS_DESIGNER for the unit and field of every procedure using the workflow. Errors: `authoring.draft_exists` (409), `authoring.draft_invalid` (422, a new workflow without a name), `auth.forbidden` (403).',
      body: createWorkflowDraftBodySchema,
      response: { 201: workflowDraftSchema, ...problemResponses(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await createWorkflowDraft({ db: app.db, actor: staff(request), input: request.body, client: client(request) })));

  app.get('/admin/catalogue/workflow-drafts/:draftId', {
    preValidation,
    schema: { tags: wfTags, summary: 'Process designers: a workflow draft (or published version) with every problem that stops publishing', params: workflowDraftParamsSchema, response: { 200: workflowDraftSchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request) => getWorkflowDraft({ db: app.db, id: request.params.draftId }));

  app.put('/admin/catalogue/workflow-drafts/:draftId', {
    preValidation,
    schema: {
      tags: wfTags,
      summary: 'Process designers: save a workflow draft',
      description: 'Saved as given, even invalid; `problems` lists what stops publishing (every step reachable from the first, a path to a finishing step from every step, roles, units, coordination agencies, effects, allowances within the time limit of each case using the workflow). Withdraws a pending publish request. Errors: `authoring.draft_not_editable` (409) once published.',
      params: workflowDraftParamsSchema,
      body: saveWorkflowDraftBodySchema,
      response: { 200: workflowDraftSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => saveWorkflowDraft({ db: app.db, actor: staff(request), id: request.params.draftId, input: request.body, client: client(request) }));

  app.post('/admin/catalogue/workflow-drafts/:draftId/request-publish', {
    preValidation,
    schema: {
      tags: wfTags,
      summary: 'Process designers: ask another designer to publish a valid draft',
      description: 'Errors: `authoring.draft_invalid` (422, `errors` lists every problem), `authoring.draft_not_editable` (409).',
      params: workflowDraftParamsSchema,
      body: z.object({}).optional(),
      response: { 200: workflowDraftSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => requestWorkflowPublish({ db: app.db, actor: staff(request), id: request.params.draftId, client: client(request) }));

  app.post('/admin/catalogue/workflow-drafts/:draftId/publish', {
    preValidation,
    schema: {
      tags: wfTags,
      summary: 'Process designers: publish a requested draft as the next version of its workflow (four eyes)',
      description: 'Only a process designer in scope who did not edit the draft. The version is immutable afterwards; dossiers already received keep the version they started with, dossiers received from now on start on this one. Errors: `authoring.second_designer_required`, `authoring.publish_not_requested`, `authoring.draft_not_editable` (409), `authoring.draft_invalid` (422).',
      params: workflowDraftParamsSchema,
      body: z.object({}).optional(),
      response: { 200: workflowDraftSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => publishWorkflowDraft({ db: app.db, actor: staff(request), id: request.params.draftId, client: client(request) }));

  app.delete('/admin/catalogue/workflow-drafts/:draftId', {
    preValidation,
    schema: { tags: wfTags, summary: 'Process designers: discard an open workflow draft', params: workflowDraftParamsSchema, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => {
    await discardWorkflowDraft({ db: app.db, actor: staff(request), id: request.params.draftId, client: client(request) });
    return reply.status(204).send(null);
  });
  // Document templates: the editable texts of the result document and of the one-stop forms 01–05.
  const tplTags = ['Document templates'];
  const kindParams = z.object({ kind: z.enum(templateKinds).describe('RESULT (văn bản kết quả) or a form number 01–05 (Thông tư 01/2018/TT-VPCP)') });
  const scopeQuery = z.object({ procedureCode: z.string().min(1).max(60).optional().describe('Only for RESULT: the template of one procedure (else the global one)') });
  const textsSchema = z.record(z.string(), z.string().max(20000)).describe('Liquid source per text part (see `fields` of the kind)');
  const versionSchema = z.object({
    id: z.string(), versionNo: z.number().int(), status: z.enum(['DRAFT', 'PUBLISHED', 'RETIRED', 'DISCARDED']), texts: z.record(z.string(), z.string()),
    createdByUserId: z.string().nullable(), editorUserIds: z.array(z.string()), publishedByUserId: z.string().nullable(), publishedAt: z.string().nullable(), updatedAt: z.string(),
  });
  const definitionSchema = {
    kind: z.enum(templateKinds), name: z.string(), perProcedure: z.boolean(), boldMarkup: z.boolean(),
    fields: z.array(z.object({ key: z.string(), label: z.string(), multiline: z.boolean(), optional: z.boolean(), initial: z.string() })),
    placeholders: z.array(z.object({ name: z.string(), description: z.string(), sample: z.string() })),
  };
  const templateListSchema = z.array(z.object({ ...definitionSchema, templates: z.array(z.object({ procedureCode: z.string().nullable(), published: versionSchema.nullable(), draft: versionSchema.nullable() })) }));
  const templateSchema = z.object({ ...definitionSchema, procedureCode: z.string().nullable(), initialTexts: z.record(z.string(), z.string()), published: versionSchema.nullable(), draft: versionSchema.nullable(), versions: z.array(versionSchema) });

  app.get('/admin/catalogue/document-templates', {
    preValidation,
    schema: { tags: tplTags, summary: 'Catalogue editors: the document templates, their parts and placeholders, with the version in force and the open draft', response: { 200: templateListSchema, ...problemResponses(401, 403) } },
  }, async () => listDocumentTemplates({ db: app.db }));

  app.get('/admin/catalogue/document-templates/:kind', {
    preValidation,
    schema: { tags: tplTags, summary: 'Catalogue editors: one document template with every version', params: kindParams, querystring: scopeQuery, response: { 200: templateSchema, ...problemResponses(400, 401, 403) } },
  }, async (request) => getDocumentTemplate({ db: app.db, kind: request.params.kind, procedureCode: request.query.procedureCode }));

  app.put('/admin/catalogue/document-templates/:kind/draft', {
    preValidation,
    schema: {
      tags: tplTags,
      summary: 'Catalogue editors: save the draft of the next version of a document template',
      description: 'Checked on save: Liquid syntax, only the documented placeholders, filters and tags (no include, render, layout). Errors: `authoring.template_invalid` (422, `errors` by part, `details.problems` with line and column), `authoring.template_not_per_procedure` (400), `auth.forbidden` (403).',
      params: kindParams,
      querystring: scopeQuery,
      body: z.object({ texts: textsSchema }),
      response: { 200: versionSchema, ...problemResponses(400, 401, 403, 404, 422) },
    },
  }, async (request) => saveTemplateDraft({ db: app.db, actor: staff(request), kind: request.params.kind, procedureCode: request.query.procedureCode, texts: request.body.texts, client: client(request) }));

  app.post('/admin/catalogue/document-templates/:kind/draft/publish', {
    preValidation,
    schema: {
      tags: tplTags,
      summary: 'Catalogue editors: publish the draft of a document template (four eyes)',
      description: 'Only a catalogue editor who did not edit the draft. Documents issued from then on use the new texts; documents issued before keep theirs. Errors: `authoring.second_person_required` (409), `authoring.template_draft_not_found` (404).',
      params: kindParams,
      querystring: scopeQuery,
      body: z.object({}).optional(),
      response: { 200: versionSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => publishTemplateDraft({ db: app.db, actor: staff(request), kind: request.params.kind, procedureCode: request.query.procedureCode, client: client(request) }));

  app.delete('/admin/catalogue/document-templates/:kind/draft', {
    preValidation,
    schema: { tags: tplTags, summary: 'Catalogue editors: discard the draft of a document template', params: kindParams, querystring: scopeQuery, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await discardTemplateDraft({ db: app.db, actor: staff(request), kind: request.params.kind, procedureCode: request.query.procedureCode, client: client(request) });
    return reply.status(204).send(null);
  });

  app.post('/admin/catalogue/document-templates/:kind/preview', {
    preValidation,
    schema: {
      tags: tplTags,
      summary: 'Catalogue editors: the document as PDF with the given texts and sample data',
      description: 'Errors: `authoring.template_invalid` (422) as for saving.',
      params: kindParams,
      body: z.object({ texts: textsSchema }),
      response: { 200: z.any().describe('application/pdf'), ...problemResponses(400, 401, 403, 422) },
    },
  }, async (request, reply) => {
    const pdf = await previewTemplate(request.params.kind, request.body.texts);
    return reply.header('content-type', 'application/pdf').header('cache-control', 'private, no-store').send(pdf);
  });
}
