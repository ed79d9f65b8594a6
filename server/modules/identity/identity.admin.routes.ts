import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { contentDisposition } from '../catalog/index.js';
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
import { decideOrganisationClaim, listOrganisationClaims, openOrganisationProof } from './identity.organisation-claims.usecases.js';
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

  const claimTags = ['Administration'];
  const claimParams = z.object({ organisationId: z.string().max(100) });
  const claimSchema = z.object({
    id: z.string(),
    taxCode: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    verificationStatus: z.enum(['UNVERIFIED', 'PENDING', 'VERIFIED', 'REFUSED']),
    refusalReason: z.string().nullable(),
    proof: z.object({ fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), submittedAt: z.string().nullable() }).nullable(),
    owners: z.array(z.object({ fullName: z.string(), email: z.string().nullable() })),
    verifiedSameTaxCode: z.object({ id: z.string(), taxCode: z.string(), name: z.string() }).nullable().meta({ description: 'Another organisation of the same tax code that is already verified (then this claim cannot be verified).' }),
    createdAt: z.string(),
  }).meta({ id: 'OrganisationClaim' });

  app.get('/admin/organisation-claims', {
    preValidation,
    schema: {
      tags: claimTags,
      summary: 'Administrators: organisation claims by status (PENDING: proofs waiting for a decision), oldest first',
      querystring: z.object({ status: z.enum(['PENDING', 'UNVERIFIED', 'REFUSED', 'VERIFIED']).default('PENDING') }),
      response: { 200: z.object({ items: z.array(claimSchema) }), ...problemResponses(400, 401, 403) },
    },
  }, async (request) => ({ items: await listOrganisationClaims({ db: app.db, status: request.query.status }) }));

  app.get('/admin/organisation-claims/:organisationId/proof', {
    preValidation,
    schema: {
      tags: claimTags,
      summary: 'Administrators: the proof file of a claim (audited)',
      params: claimParams,
      response: { 200: z.string().meta({ description: 'The file, with its name in Content-Disposition.', format: 'binary' }), ...problemResponses(401, 403, 404) },
    },
  }, async (request, reply) => {
    const file = await openOrganisationProof({ db: app.db, storage: app.storage, adminUserId: signedInActor(request).userId, organisationId: request.params.organisationId, client: clientInfo(request) });
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('content-length', file.sizeBytes)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.body as unknown as string);
  });

  for (const decision of ['verify', 'refuse'] as const) {
    app.post(`/admin/organisation-claims/:organisationId/${decision}`, {
      preValidation,
      schema: {
        tags: claimTags,
        summary: decision === 'verify'
          ? 'Administrators: verify a pending claim (its members may then file in its name); the owners are told by mail'
          : 'Administrators: refuse a pending claim with a reason; the owners are told by mail and may submit another proof',
        description: '`identity.organisation_not_pending` (409) unless a proof waits; `identity.organisation_already_verified` (409) when another claim of the tax code is verified.',
        params: claimParams,
        body: decision === 'verify'
          ? z.object({}).strict().optional()
          : z.object({ reason: z.string().trim().min(5, 'Vui lòng ghi rõ lý do từ chối (tối thiểu 5 ký tự)').max(1000, 'Lý do dài tối đa 1000 ký tự') }),
        response: { 200: z.object({ id: z.string(), verificationStatus: z.enum(['VERIFIED', 'REFUSED']) }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (request) => decideOrganisationClaim({
      db: app.db, adminUserId: signedInActor(request).userId, organisationId: request.params.organisationId,
      decision: decision === 'verify' ? 'VERIFY' : 'REFUSE', reason: (request.body as { reason?: string } | undefined)?.reason, client: clientInfo(request),
    }));
  }
}
