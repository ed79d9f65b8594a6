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
  workflowVersions,
} from './authoring.workflows.js';
import { draftValidator, registerDraftValidator, sendValidatorModule, validatorHashSchema, validatorModuleBodySchema } from '../forms/index.js';
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

  app.get('/admin/catalogue/workflows/:code/versions', {
    preValidation,
    schema: { tags: wfTags, summary: 'Process designers: the published versions of a workflow, newest first', params: workflowCodeParamsSchema, response: { 200: workflowVersionsSchema, ...problemResponses(400, 401, 403, 404) } },
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
}
