import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import {
  addGrantBodySchema,
  createdOfficialSchema,
  createOfficialBodySchema,
  createUnitBodySchema,
  grantParamsSchema,
  officialListQuerySchema,
  officialListSchema,
  officialParamsSchema,
  officialSchema,
  renameUnitBodySchema,
  totpResetSchema,
  unitListSchema,
  unitParamsSchema,
  unitSchema,
} from './identity.admin.schemas.js';
import {
  addGrant,
  createOfficialByAdministrator,
  createUnit,
  listOfficials,
  listUnits,
  renameUnit,
  resetOfficialTotp,
  revokeGrant,
  unlockOfficial,
} from './identity.admin.usecases.js';
import { signedInActor } from './identity.http.js';
import { clientInfo } from './identity.routes.js';

/** Administrators: units, officials and their role grants. Under /api/v1/admin. */
export async function identityAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Administration'];
  const preValidation = app.requireAdministrator;
  const who = (request: Parameters<typeof signedInActor>[0]) => ({ actorUserId: signedInActor(request).userId, client: clientInfo(request) });

  app.get('/admin/units', {
    preValidation,
    schema: { tags, summary: 'Administrators: the unit tree, with the number of officials of each unit', response: { 200: unitListSchema, ...problemResponses(401, 403) } },
  }, async () => ({ items: await listUnits({ db: app.db }) }));

  app.post('/admin/units', {
    preValidation,
    schema: {
      tags,
      summary: 'Administrators: create a unit under a parent unit',
      description: 'Errors: `identity.unit_not_found` (404, the parent), `identity.unit_code_taken` (409).',
      body: createUnitBodySchema,
      response: { 201: unitSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await createUnit({ db: app.db, input: request.body, ...who(request) })));

  app.patch('/admin/units/:unitId', {
    preValidation,
    schema: { tags, summary: 'Administrators: rename a unit', params: unitParamsSchema, body: renameUnitBodySchema, response: { 200: unitSchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request) => renameUnit({ db: app.db, unitId: request.params.unitId, input: request.body, ...who(request) }));

  app.get('/admin/officials', {
    preValidation,
    schema: { tags, summary: 'Administrators: officials, with their role grants, second factor and lockout', querystring: officialListQuerySchema, response: { 200: officialListSchema, ...problemResponses(400, 401, 403) } },
  }, async (request) => listOfficials({ db: app.db, filters: request.query }));

  app.post('/admin/officials', {
    preValidation,
    schema: {
      tags,
      summary: 'Administrators: create an official with one role (temporary password and TOTP secret shown once)',
      description: 'The official signs in with the temporary password and a code from an authenticator app set up with `totpSecret`. Errors: `identity.unit_not_found` (404), `identity.email_taken` (409).',
      body: createOfficialBodySchema,
      response: { 201: createdOfficialSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const created = await createOfficialByAdministrator({ db: app.db, config: app.config, input: request.body, ...who(request) });
    return reply.status(201).header('cache-control', 'no-store').send(created);
  });

  app.post('/admin/officials/:userId/grants', {
    preValidation,
    schema: {
      tags,
      summary: 'Administrators: grant a role on a unit to an official, optionally limited to fields',
      description: 'Errors: `identity.user_not_found` (404), `identity.unit_not_found` (404), `identity.field_not_found` (400), `identity.grant_exists` (409).',
      params: officialParamsSchema,
      body: addGrantBodySchema,
      response: { 201: officialSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await addGrant({ db: app.db, userId: request.params.userId, input: request.body, ...who(request) })));

  app.delete('/admin/officials/:userId/grants/:grantId', {
    preValidation,
    schema: {
      tags,
      summary: 'Administrators: remove a role grant from an official',
      description: 'Errors: `identity.grant_not_found` (404), `identity.last_administrator` (409).',
      params: grantParamsSchema,
      response: { 200: officialSchema, ...problemResponses(401, 403, 404, 409) },
    },
  }, async (request) => revokeGrant({ db: app.db, userId: request.params.userId, grantId: request.params.grantId, ...who(request) }));

  app.post('/admin/officials/:userId/unlock', {
    preValidation,
    schema: { tags, summary: 'Administrators: lift the lockout of an official after failed sign-ins', params: officialParamsSchema, response: { 200: officialSchema, ...problemResponses(401, 403, 404) } },
  }, async (request) => unlockOfficial({ db: app.db, userId: request.params.userId, ...who(request) }));

  app.post('/admin/officials/:userId/totp-reset', {
    preValidation,
    schema: {
      tags,
      summary: 'Administrators: give an official a new TOTP secret and recovery codes (shown once); ends their sessions',
      params: officialParamsSchema,
      response: { 200: totpResetSchema, ...problemResponses(401, 403, 404) },
    },
  }, async (request, reply) => reply.header('cache-control', 'no-store').send(await resetOfficialTotp({ db: app.db, userId: request.params.userId, ...who(request) })));
}
