import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createValidationError } from '../../platform/errors/common.errors.js';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { signedInActor } from './identity.http.js';
import { isValidTaxCode } from './identity.models.js';
import { unitAddressInputSchema, unitAddressSchema } from './identity.schemas.js';
import { assertMayProveOwnership, submitOrganisationProof } from './identity.organisation-claims.usecases.js';
import { inviteOrganisationMember, inviteRepresentative, listMyInvitations, respondToInvitation } from './identity.invitations.usecases.js';
import { createOrganisation, getMyOrganisation, listMyOrganisations, listMyRepresentativeInvitations, listMyRepresentatives, listRepresentationsOfMe, revokeRepresentative } from './identity.organisations.usecases.js';
import { clientInfo } from './identity.routes.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'Ngày không hợp lệ');
const memberRole = z.enum(['OWNER', 'MEMBER']);
export const organisationVerificationSchema = z.enum(['UNVERIFIED', 'PENDING', 'VERIFIED', 'REFUSED']);
const organisationSchema = z.object({
  id: z.string(),
  taxCode: z.string(),
  name: z.string(),
  address: z.string().nullable().meta({ description: 'The head office as one line.' }),
  addressUnits: unitAddressSchema.nullable().meta({ description: 'The head office by administrative units; null for one typed as free text before.' }),
  role: memberRole,
  verificationStatus: organisationVerificationSchema.meta({ description: 'Only a VERIFIED organisation may be the applicant of a dossier.' }),
  verified: z.boolean(),
  verificationLabel: z.string().meta({ description: 'The status in Vietnamese ("Chưa xác minh", "Đã xác minh", …).' }),
  refusalReason: z.string().nullable().meta({ description: "The administrator's reason when the proof was refused." }),
  proofFileName: z.string().nullable(),
}).meta({ id: 'Organisation' });
const organisationDetailSchema = organisationSchema.extend({
  members: z.array(z.object({ userId: z.string(), fullName: z.string(), email: z.string().nullable(), role: memberRole })),
  invitations: z.array(z.object({ id: z.string(), email: z.string().meta({ description: 'As the inviter typed it.' }), status: z.literal('PENDING'), statusLabel: z.string(), expiresAt: z.string() }))
    .meta({ description: 'Invitations not accepted yet: the address typed, nothing of the invitee.' }),
}).meta({ id: 'OrganisationDetail' });
const invitationSentSchema = z.object({ invitationId: z.string(), status: z.literal('PENDING'), message: z.string() })
  .meta({ id: 'InvitationSent', description: 'The same for every address, with or without an account.' });
const pendingRepresentativeInvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  organisationId: z.string().nullable(),
  status: z.literal('PENDING'),
  statusLabel: z.string(),
  expiresAt: z.string(),
  scope: z.string().optional(),
  validFrom: z.string().optional(),
  validTo: z.string().nullable().optional(),
  documentReference: z.string().optional(),
}).meta({ id: 'PendingRepresentativeInvitation' });
const myInvitationSchema = z.object({
  id: z.string(),
  kind: z.enum(['MEMBER', 'REPRESENTATIVE']),
  invitedBy: z.string(),
  organisationName: z.string().nullable(),
  scope: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  documentReference: z.string().nullable(),
  expiresAt: z.string(),
}).meta({ id: 'Invitation' });
const invitationParamsSchema = z.object({ invitationId: z.string().max(100) });
const invitationAnswerSchema = z.object({ id: z.string(), kind: z.enum(['MEMBER', 'REPRESENTATIVE']), status: z.enum(['ACCEPTED', 'DECLINED']) }).meta({ id: 'InvitationAnswer' });
const invitationTokenBodySchema = z.object({ token: z.string().min(1).max(200), decision: z.enum(['accept', 'decline']) });
const createOrganisationBodySchema = z.object({
  taxCode: z.string().trim().refine(isValidTaxCode, 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với đơn vị phụ thuộc (ví dụ 0101234567-001)'),
  name: z.string().trim().min(2, 'Tên tổ chức tối thiểu 2 ký tự').max(300, 'Tên tổ chức tối đa 300 ký tự'),
  address: z.string().trim().max(500, 'Địa chỉ dài tối đa 500 ký tự').nullable().optional()
    .meta({ description: 'Free text, for clients that do not choose units. Prefer `addressUnits`.' }),
  addressUnits: unitAddressInputSchema.nullable().optional()
    .meta({ description: 'The head office by units of the list (`GET /administrative-units`): the names are taken from the list; `address` becomes its one-line text.' }),
});
const organisationParamsSchema = z.object({ organisationId: z.string().max(100) });
const addMemberBodySchema = z.object({ email: z.email({ message: 'Địa chỉ thư điện tử không hợp lệ' }) });
const representativeSchema = z.object({
  id: z.string(),
  representative: z.object({ userId: z.string(), fullName: z.string(), email: z.string().nullable() }),
  organisationId: z.string().nullable().meta({ description: 'Null when the representative acts for the caller in person.' }),
  organisationName: z.string().nullable(),
  scope: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  documentReference: z.string().nullable(),
  inForce: z.boolean(),
}).meta({ id: 'RepresentativeAuthorisation' });
const representationSchema = z.object({
  id: z.string(),
  principal: z.object({ kind: z.enum(['PERSON', 'ORGANISATION']), name: z.string(), taxCode: z.string().nullable() }).meta({ description: 'The person or organisation the caller may act for.' }),
  scope: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  documentReference: z.string().nullable(),
  inForce: z.boolean(),
}).meta({ id: 'Representation' });
const representativeParamsSchema = z.object({ authorisationId: z.string().max(100) });
const recordRepresentativeBodySchema = z.object({
  representativeEmail: z.email({ message: 'Địa chỉ thư điện tử không hợp lệ' }),
  organisationId: z.string().max(100).nullable().optional().meta({ description: 'An organisation the caller owns; absent to authorise for oneself.' }),
  scope: z.string().trim().min(5, 'Vui lòng ghi rõ phạm vi ủy quyền').max(1000, 'Phạm vi ủy quyền dài tối đa 1000 ký tự'),
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
  documentReference: z.string().trim().min(3, 'Vui lòng nhập số, ngày của giấy ủy quyền').max(300, 'Tối đa 300 ký tự'),
}).refine((b) => !b.validTo || b.validTo >= b.validFrom, { message: 'Ngày hết hiệu lực phải sau ngày bắt đầu', path: ['validTo'] });

/** Applicants' organisations and representatives. */
export async function identityOrganisationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // One file per request: the proof of ownership.
  await app.register(multipart, { limits: { files: 1, fields: 2, fieldSize: 1000, parts: 3, fileSize: app.config.attachmentMaxBytes + 1 }, throwFileSizeLimit: false });
  const tags = ['Organisations'];
  const onlyApplicants = { preValidation: app.requireApplicant };
  const userId = (request: Parameters<typeof signedInActor>[0]) => signedInActor(request).userId;

  app.get('/organisations', {
    ...onlyApplicants,
    schema: { tags, summary: 'My businesses and organisations', response: { 200: z.object({ items: z.array(organisationSchema) }), ...problemResponses(401, 403) } },
  }, async (request) => ({ items: await listMyOrganisations({ db: app.db, userId: userId(request) }) }));

  app.post('/organisations', {
    ...onlyApplicants,
    schema: {
      tags,
      summary: 'Register a claim to a business or organisation (I become its owner; unverified until proven)',
      description: 'The same answer whether or not the tax code is registered by someone else: several unverified claims may name one tax code, at most one is verified. A caller who already holds a claim to the tax code gets it back. Ownership is proven by the national sign-in of the organisation account, or by a proof (`POST /organisations/{organisationId}/proof`) that an administrator verifies.',
      body: createOrganisationBodySchema,
      response: { 201: organisationSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await createOrganisation({ db: app.db, userId: userId(request), input: request.body, client: clientInfo(request) })));

  app.get('/organisations/:organisationId', {
    ...onlyApplicants,
    schema: { tags, summary: 'An organisation of mine with its members', params: organisationParamsSchema, response: { 200: organisationDetailSchema, ...problemResponses(401, 403, 404) } },
  }, async (request) => getMyOrganisation({ db: app.db, userId: userId(request), organisationId: request.params.organisationId }));

  app.post('/organisations/:organisationId/proof', {
    ...onlyApplicants,
    schema: {
      tags,
      summary: 'Owners: submit the proof of ownership (business registration certificate) for an administrator to verify',
      description: 'Multipart with one file (PDF, JPEG or PNG up to ATTACHMENT_MAX_BYTES), judged by its content and scanned for malware before it is kept. The claim becomes PENDING. `identity.organisation_proof_locked` (409) while a proof waits or once verified; `identity.organisation_not_found` (404) unless the caller owns the organisation.',
      consumes: ['multipart/form-data'],
      params: organisationParamsSchema,
      response: { 200: organisationSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422, 503) },
    },
  }, async (request) => {
    await assertMayProveOwnership({ db: app.db, userId: userId(request), organisationId: request.params.organisationId });
    if (!request.isMultipart()) throw createValidationError({ errors: [{ path: 'body', message: 'Gửi tệp dạng multipart/form-data' }] });
    for await (const part of request.parts()) {
      if (part.type === 'field') continue;
      return submitOrganisationProof({ db: app.db, storage: app.storage, scanner: app.malwareScanner, maxBytes: app.config.attachmentMaxBytes }, {
        userId: userId(request), organisationId: request.params.organisationId, file: { stream: part.file, declaredName: part.filename }, client: clientInfo(request),
      });
    }
    throw createValidationError({ errors: [{ path: 'body.file', message: 'Chưa chọn tệp' }] });
  });

  app.post('/organisations/:organisationId/members', {
    ...onlyApplicants,
    schema: { tags, summary: 'Owners: invite a member by e-mail (the same answer for any address)', description: 'The invitee becomes a member only when they accept.', params: organisationParamsSchema, body: addMemberBodySchema, response: { 202: invitationSentSchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(202).send(await inviteOrganisationMember({ db: app.db, userId: userId(request), organisationId: request.params.organisationId, email: request.body.email, client: clientInfo(request) })));

  app.get('/representatives', {
    ...onlyApplicants,
    schema: { tags, summary: 'Who may act for me or my organisations, and invitations not accepted yet', response: { 200: z.object({ items: z.array(representativeSchema), invitations: z.array(pendingRepresentativeInvitationSchema) }), ...problemResponses(401, 403) } },
  }, async (request) => ({ items: await listMyRepresentatives({ db: app.db, userId: userId(request) }), invitations: await listMyRepresentativeInvitations({ db: app.db, userId: userId(request) }) }));

  app.get('/representatives/received', {
    ...onlyApplicants,
    schema: { tags, summary: 'Whom I may act for: authorisations given to me', response: { 200: z.object({ items: z.array(representationSchema) }), ...problemResponses(401, 403) } },
  }, async (request) => ({ items: await listRepresentationsOfMe({ db: app.db, userId: userId(request) }) }));

  app.post('/representatives/:authorisationId/revoke', {
    ...onlyApplicants,
    schema: {
      tags,
      summary: 'End an authorisation I gave (for me or an organisation I own) from today',
      description: 'It stays on record as valid until yesterday (removed when it had not started before today). `identity.representative_not_found` (404) for anyone else.',
      params: representativeParamsSchema,
      response: { 204: z.null(), ...problemResponses(401, 403, 404) },
    },
  }, async (request, reply) => {
    await revokeRepresentative({ db: app.db, userId: userId(request), authorisationId: request.params.authorisationId, client: clientInfo(request) });
    return reply.status(204).send(null);
  });

  app.post('/representatives', {
    ...onlyApplicants,
    schema: { tags, summary: 'Invite a representative for me or an organisation I own (the same answer for any address)', description: 'The authorisation exists only once the invitee accepts.', body: recordRepresentativeBodySchema, response: { 202: invitationSentSchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(202).send(await inviteRepresentative({ db: app.db, userId: userId(request), input: request.body, client: clientInfo(request) })));

  const invitationTags = ['Invitations'];
  app.get('/me/invitations', {
    ...onlyApplicants,
    schema: { tags: invitationTags, summary: 'Invitations waiting for my answer (sent to my verified e-mail address)', response: { 200: z.object({ items: z.array(myInvitationSchema) }), ...problemResponses(401, 403) } },
  }, async (request) => ({ items: await listMyInvitations({ db: app.db, userId: userId(request) }) }));

  for (const decision of ['accept', 'decline'] as const) {
    app.post(`/me/invitations/:invitationId/${decision}`, {
      ...onlyApplicants,
      schema: {
        tags: invitationTags,
        summary: decision === 'accept' ? 'Accept an invitation: the membership or authorisation starts now' : 'Decline an invitation',
        description: '`identity.invitation_not_found` (404) for an unknown invitation, one sent to another address, or one no longer pending or expired.',
        params: invitationParamsSchema,
        response: { 200: invitationAnswerSchema, ...problemResponses(401, 403, 404) },
      },
    }, async (request) => respondToInvitation({ db: app.db, userId: userId(request), invitationId: request.params.invitationId, decision, client: clientInfo(request) }));
  }

  app.post('/me/invitations/by-token', {
    ...onlyApplicants,
    schema: {
      tags: invitationTags,
      summary: 'Accept or decline the invitation of an e-mail link, signed in with the invited address',
      description: '`auth.token_invalid` (400) for an unknown, used or expired token, or one sent to another address.',
      body: invitationTokenBodySchema,
      response: { 200: invitationAnswerSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request) => respondToInvitation({ db: app.db, userId: userId(request), token: request.body.token, decision: request.body.decision, client: clientInfo(request) }));
}
