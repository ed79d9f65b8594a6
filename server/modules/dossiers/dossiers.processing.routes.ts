/** Thin routes of the back office: the officials' inbox, actions, the workspace, result draft and documents, and the applicant's rating. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { signedInActor } from '../identity/index.js';
import { auditDossierReads } from './dossiers.read-audit.js';
import {
  actionBodySchema,
  actionListSchema,
  actionParamsSchema,
  documentParamsSchema,
  inboxPageSchema,
  inboxQuerySchema,
  processingViewSchema,
  ratingBodySchema,
  resultDraftBodySchema,
  resultDraftSchema,
} from './dossiers.processing.schemas.js';
import { getProcessingView, listDossierActions, listInbox, mayDraftResult, takeDossierAction, type ProcessingDeps } from './dossiers.processing.usecases.js';
import { downloadResult, getResultDraft, rateDossier, renderApologyPdf, renderControlSheetPdf, saveResultDraft, type ResultSigning } from './dossiers.results.usecases.js';
import { sendPdf } from './dossiers.routes.js';
import type { WorkflowPayments } from './dossiers.payments.js';
import { dossierParamsSchema, dossierSchema, pdfBodySchema } from './dossiers.schemas.js';

export async function dossierProcessingRoutes(fastify: FastifyInstance, { signing, payments }: { signing: ResultSigning; payments?: WorkflowPayments }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps: ProcessingDeps = { db: app.db, config: app.config, storage: app.storage, signing, payments };
  const tags = ['Back office'];
  const officials = { preValidation: app.requireOfficial };
  const signedIn = { preValidation: app.requireSignedIn };
  const applicants = { preValidation: app.requireApplicant };
  const actor = (request: FastifyRequest) => signedInActor(request);
  auditDossierReads(app);

  app.get('/inbox', {
    ...officials,
    schema: {
      tags, summary: 'The official\'s inbox: dossiers waiting on their roles in their units, soonest due first',
      description: 'Paginated on the server; filter by status, procedure, field, deadline state and assignment. `role=LEADER` is the signing queue.',
      querystring: inboxQuerySchema, response: { 200: inboxPageSchema, ...problemResponses(400, 401, 403) },
    },
    // The page is built field by field from typed rows (listInbox), in the schema's order, so it is
    // written as it is: encoding it again through the schema was about 5 % of the server's CPU under the inbox bench.
    // The schema stays the contract (OpenAPI; the back-office tests parse the answers with it).
    serializerCompiler: (route) => (route.httpStatus === '200' ? (data) => JSON.stringify(data) : serializerCompiler(route as unknown as Parameters<typeof serializerCompiler>[0])),
  }, async (request) => listInbox(deps, { actor: actor(request), query: request.query }));

  app.get('/dossiers/:dossierId/actions', {
    ...signedIn,
    schema: { tags, summary: 'The actions the signed-in official may take on the dossier now', params: dossierParamsSchema, response: { 200: actionListSchema, ...problemResponses(401, 403, 404) } },
  }, async (request) => listDossierActions(deps, { actor: actor(request), dossierId: request.params.dossierId }));

  app.post('/dossiers/:dossierId/actions/:action', {
    ...officials,
    schema: {
      tags, summary: 'Take one action: a workflow transition of the current step, or claim / assign / apologise',
      description: 'The body carries what the action needs (see `needs` in the list): a comment, the next assignee, the supplement request, the new appointment, who collected the result.',
      params: actionParamsSchema, body: actionBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => takeDossierAction(deps, { actor: actor(request), dossierId: request.params.dossierId, action: request.params.action, input: request.body ?? {}, ip: request.ip }));

  app.get('/dossiers/:dossierId/processing', {
    ...officials,
    schema: { tags, summary: 'Workspace: workflow position, deadlines, supplement rounds, documents, actions and who can be chosen', params: dossierParamsSchema, response: { 200: processingViewSchema, ...problemResponses(401, 403, 404) } },
  }, async (request) => getProcessingView(deps, { actor: actor(request), dossierId: request.params.dossierId }));

  app.get('/dossiers/:dossierId/result-draft', {
    ...officials,
    schema: { tags, summary: 'The result draft (or the template to start from)', params: dossierParamsSchema, response: { 200: resultDraftSchema, ...problemResponses(401, 403, 404) } },
  }, async (request) => getResultDraft(deps, { actor: actor(request), dossierId: request.params.dossierId }));

  app.put('/dossiers/:dossierId/result-draft', {
    ...officials,
    schema: { tags, summary: 'Save the result draft (whoever may act on the current step, until it is signed)', params: dossierParamsSchema, body: resultDraftBodySchema, response: { 200: resultDraftSchema, ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request) => saveResultDraft(deps, { actor: actor(request), dossierId: request.params.dossierId, input: request.body, mayDraft: (tx, d) => mayDraftResult(tx, actor(request), d) }));

  app.get('/dossiers/:dossierId/result.pdf', {
    ...signedIn,
    schema: {
      tags, summary: 'The digitally signed result (PAdES)',
      description: 'Officials: the latest version (issued, else signed). The applicant: the issued result once returned, or when the case delivers results electronically — that first download returns the result.',
      params: dossierParamsSchema, response: { 200: pdfBodySchema, ...problemResponses(401, 403, 404) },
    },
  }, async (request, reply) => sendPdf(reply, await downloadResult(deps, { actor: actor(request), dossierId: request.params.dossierId, ip: request.ip })));

  app.get('/dossiers/:dossierId/documents/:documentId.pdf', {
    ...signedIn,
    schema: { tags, summary: 'An apology letter and new appointment (template 04)', params: documentParamsSchema, response: { 200: pdfBodySchema, ...problemResponses(401, 403, 404) } },
  }, async (request, reply) => sendPdf(reply, await renderApologyPdf(deps, { actor: actor(request), dossierId: request.params.dossierId, documentId: request.params.documentId })));

  app.get('/dossiers/:dossierId/control-sheet.pdf', {
    ...officials,
    schema: { tags, summary: 'Processing control sheet (template 05), from the dossier\'s history', params: dossierParamsSchema, response: { 200: pdfBodySchema, ...problemResponses(401, 403, 404) } },
  }, async (request, reply) => sendPdf(reply, await renderControlSheetPdf(deps, { actor: actor(request), dossierId: request.params.dossierId })));

  app.post('/dossiers/:dossierId/rating', {
    ...applicants,
    schema: { tags, summary: 'Rate satisfaction once the result is returned (once per dossier)', params: dossierParamsSchema, body: ratingBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request) => rateDossier(deps, { actor: actor(request), dossierId: request.params.dossierId, score: request.body.score, comment: request.body.comment }));

}
