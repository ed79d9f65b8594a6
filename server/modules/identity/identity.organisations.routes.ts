import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { signedInActor } from './identity.http.js';
import { isValidTaxCode } from './identity.models.js';
import { addOrganisationMember, createOrganisation, getMyOrganisation, listMyOrganisations, listMyRepresentatives, listRepresentationsOfMe, recordRepresentative, revokeRepresentative } from './identity.organisations.usecases.js';
import { clientInfo } from './identity.routes.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'Ngày không hợp lệ');
const memberRole = z.enum(['OWNER', 'MEMBER']);
const organisationSchema = z.object({ id: z.string(), taxCode: z.string(), name: z.string(), address: z.string().nullable(), role: memberRole }).meta({ id: 'Organisation' });
const organisationDetailSchema = organisationSchema.extend({
  members: z.array(z.object({ userId: z.string(), fullName: z.string(), email: z.string().nullable(), role: memberRole })),
}).meta({ id: 'OrganisationDetail' });
const createOrganisationBodySchema = z.object({
  taxCode: z.string().trim().refine(isValidTaxCode, 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với đơn vị phụ thuộc (ví dụ 0101234567-001)'),
  name: z.string().trim().min(2, 'Tên tổ chức tối thiểu 2 ký tự').max(300, 'Tên tổ chức tối đa 300 ký tự'),
  address: z.string().trim().max(500, 'Địa chỉ dài tối đa 500 ký tự').nullable().optional(),
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
  const tags = ['Organisations'];
  const onlyApplicants = { preValidation: app.requireApplicant };
  const userId = (request: Parameters<typeof signedInActor>[0]) => signedInActor(request).userId;

  app.get('/organisations', {
    ...onlyApplicants,
    schema: { tags, summary: 'My businesses and organisations', response: { 200: z.object({ items: z.array(organisationSchema) }), ...problemResponses(401, 403) } },
  }, async (request) => ({ items: await listMyOrganisations({ db: app.db, userId: userId(request) }) }));

  app.post('/organisations', {
    ...onlyApplicants,
    schema: { tags, summary: 'Register a business or organisation (I become its owner)', body: createOrganisationBodySchema, response: { 201: organisationSchema, ...problemResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createOrganisation({ db: app.db, userId: userId(request), input: request.body, client: clientInfo(request) })));

  app.get('/organisations/:organisationId', {
    ...onlyApplicants,
    schema: { tags, summary: 'An organisation of mine with its members', params: organisationParamsSchema, response: { 200: organisationDetailSchema, ...problemResponses(401, 403, 404) } },
  }, async (request) => getMyOrganisation({ db: app.db, userId: userId(request), organisationId: request.params.organisationId }));

  app.post('/organisations/:organisationId/members', {
    ...onlyApplicants,
    schema: { tags, summary: 'Owners: add a member by e-mail', params: organisationParamsSchema, body: addMemberBodySchema, response: { 201: organisationDetailSchema, ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await addOrganisationMember({ db: app.db, userId: userId(request), organisationId: request.params.organisationId, email: request.body.email, client: clientInfo(request) })));

  app.get('/representatives', {
    ...onlyApplicants,
    schema: { tags, summary: 'Who may act for me or my organisations', response: { 200: z.object({ items: z.array(representativeSchema) }), ...problemResponses(401, 403) } },
  }, async (request) => ({ items: await listMyRepresentatives({ db: app.db, userId: userId(request) }) }));

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
    schema: { tags, summary: 'Authorise a representative for me or an organisation I own', body: recordRepresentativeBodySchema, response: { 201: representativeSchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await recordRepresentative({ db: app.db, userId: userId(request), input: request.body, client: clientInfo(request) })));
}
