import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { signedInActor } from '../identity/index.js';
import { saveWorkflowBodySchema, workflowCodeParamsSchema, workflowDetailSchema, workflowListSchema } from './workflows.schemas.js';
import { getWorkflow, listWorkflows, saveWorkflow } from './workflows.usecases.js';

/** Administrators: the workflows of procedure cases. Under /api/v1/admin. */
export async function workflowsAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Administration'];
  const preValidation = app.requireAdministrator;

  app.get('/admin/workflows', {
    preValidation,
    schema: { tags, summary: 'Administrators: the workflows, with how many procedure cases use each', response: { 200: workflowListSchema, ...problemResponses(401, 403) } },
  }, async () => listWorkflows({ db: app.db }));

  app.get('/admin/workflows/:code', {
    preValidation,
    schema: {
      tags,
      summary: 'Administrators: a workflow: steps, actions, allowances and the procedure cases using it',
      description: 'Errors: `workflows.not_found` (404).',
      params: workflowCodeParamsSchema,
      response: { 200: workflowDetailSchema, ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request) => getWorkflow({ db: app.db, code: request.params.code }));

  app.put('/admin/workflows/:code', {
    preValidation,
    schema: {
      tags,
      summary: 'Administrators: create (201) or replace (200) a workflow',
      description: 'The definition is validated as a whole: unknown step targets, unreachable steps, steps with no path to a finishing step, duplicate step or action ids, roles and units that do not exist, and allowances that exceed the time limit of a procedure case using the workflow. Errors: `workflows.invalid` (422, `errors` lists every problem).',
      params: workflowCodeParamsSchema,
      body: saveWorkflowBodySchema,
      response: { 200: workflowDetailSchema, 201: workflowDetailSchema, ...problemResponses(400, 401, 403, 422) },
    },
  }, async (request, reply) => {
    const { created, workflow } = await saveWorkflow({ db: app.db, code: request.params.code, input: request.body, actorUserId: signedInActor(request).userId, client: { ip: request.ip } });
    return reply.status(created ? 201 : 200).send(workflow);
  });
}
