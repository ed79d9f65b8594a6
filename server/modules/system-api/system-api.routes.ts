/**
 * The system API for other systems (client-credential tokens, each route with its scope) and
 * the open-data files (public; API clients need `catalogue:read`).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { dossierEventSchema, dossierEventTypes } from '../dossiers/index.js';
import { clientActor } from '../identity/index.js';
import { createInvalidCursorError } from './system-api.errors.js';
import { dcatCatalog, openDataSchemas, proceduresCsv, proceduresJson, statisticsMonthlyCsv, statisticsMonthlyJson } from './system-api.opendata.js';
import { eventFeed, systemDossier } from './system-api.usecases.js';

const tags = ['System API'];
const security = [{ bearerAuth: [] }];
const nullableInstant = z.string().nullable();

const systemDossierSchema = z.object({
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string(), caseCode: z.string(), caseName: z.string() }),
  receivingUnit: z.object({ code: z.string(), name: z.string() }),
  channel: z.string(),
  status: z.number().int().min(1).max(10).nullable().describe('National status code 1–10 (Decision 766/QĐ-TTg)'),
  statusLabel: z.string().nullable(),
  dates: z.object({ submittedAt: nullableInstant, receivedAt: nullableInstant, appointmentAt: nullableInstant, dueAt: nullableInstant, resolvedAt: nullableInstant, returnedAt: nullableInstant }),
  history: z.array(z.object({ type: z.enum(dossierEventTypes), occurredAt: z.string(), statusBefore: z.number().int().nullable(), statusAfter: z.number().int().nullable(), actorRole: z.string().nullable() })),
  results: z.array(z.object({ documentId: z.string(), title: z.string(), number: z.string().nullable(), status: z.string(), signedAt: nullableInstant, signer: z.string().nullable(), issuedAt: nullableInstant, sha256: z.string().nullable() })),
  applicant: z.object({
    fullName: z.string(), personalIdNumber: z.string().nullable(), organisationTaxCode: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable(),
  }).optional().describe('Only with the scope `dossiers:read:personal` (each such read is audited)'),
}).meta({ id: 'SystemDossier' });

export async function systemApiRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/system/dossiers/:code', {
    config: { apiScope: 'dossiers:read' },
    schema: {
      tags,
      security,
      summary: 'Other systems: a dossier by its code — procedure, status 1–10, dates, history, result metadata (scope dossiers:read; personal data with dossiers:read:personal)',
      params: z.object({ code: z.string().min(1).max(100) }),
      response: { 200: systemDossierSchema, ...problemResponses(401, 403, 404) },
    },
  }, async (request) => {
    const client = clientActor(request);
    return systemDossier({ db: app.db, code: request.params.code, personal: client.scopes.includes('dossiers:read:personal'), clientId: client.clientId, ip: request.ip });
  });

  app.get('/events', {
    config: { apiScope: 'dossiers:read' },
    schema: {
      tags,
      security,
      summary: 'Other systems: the dossier event feed, in stream order, resumable from a cursor (scope dossiers:read)',
      description: 'Read from `after=0`, then pass the answer\'s `nextCursor` as `after`. Events come in position order; a cursor never yields an event twice, and a client that stored its cursor only after processing gets every event at least once.',
      querystring: z.object({
        after: z.string().regex(/^\d{1,18}$/, 'after phải là số').default('0'),
        types: z.string().max(2000).optional().describe('Comma-separated event types (DossierEventType)'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: {
        200: z.object({ items: z.array(dossierEventSchema.extend({ dossierCode: z.string() })), nextCursor: z.string(), hasMore: z.boolean() }).meta({ id: 'EventFeedPage' }),
        ...problemResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    clientActor(request);
    const types = request.query.types?.split(',').map((t) => t.trim()).filter(Boolean);
    const unknown = types?.filter((t) => !(dossierEventTypes as readonly string[]).includes(t)) ?? [];
    if (unknown.length) throw createInvalidCursorError({ code: 'system.invalid_event_type', message: `Loại sự kiện không hợp lệ: ${unknown.join(', ')}`, details: { unknown } });
    return eventFeed({ db: app.db, after: Number(request.query.after), types: types as typeof dossierEventTypes[number][] | undefined, limit: request.query.limit });
  });
}

export async function openDataRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tagsOpen = ['Open data'];
  const cache = 'public, max-age=300';

  app.get('/open-data/catalog.json', {
    config: { apiScope: 'catalogue:read' },
    schema: { tags: tagsOpen, summary: 'Open data: the DCAT-AP style catalogue of datasets (JSON-LD, CC BY 4.0)', response: { 200: z.record(z.string(), z.unknown()) } },
  }, async (_request, reply) => reply.header('cache-control', cache).header('content-type', 'application/ld+json; charset=utf-8').send(await dcatCatalog(app.db, app.config.publicUrl)));

  app.get('/open-data/procedures.json', {
    config: { apiScope: 'catalogue:read' },
    schema: { tags: tagsOpen, summary: 'Open data: the procedure catalogue as JSON (CC BY 4.0)', response: { 200: z.record(z.string(), z.unknown()) } },
  }, async (_request, reply) => reply.header('cache-control', cache).send(await proceduresJson(app.db, app.config.publicUrl)));

  app.get('/open-data/procedures.csv', {
    config: { apiScope: 'catalogue:read' },
    schema: { tags: tagsOpen, summary: 'Open data: the procedure catalogue as CSV (UTF-8, CC BY 4.0)', response: { 200: z.string() } },
  }, async (_request, reply) => reply.header('cache-control', cache).header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', 'inline; filename="procedures.csv"').send(await proceduresCsv(app.db, app.config.publicUrl)));

  const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('The year (default: this year, up to this month)') });
  app.get('/open-data/statistics-monthly.json', {
    config: { apiScope: 'catalogue:read' },
    schema: { tags: tagsOpen, summary: 'Open data: dossiers received, resolved on time and late, apologies — per month and procedure (CC BY 4.0; counts below 5 as "< 5")', querystring: yearQuery, response: { 200: z.record(z.string(), z.unknown()), ...problemResponses(400) } },
  }, async (request, reply) => reply.header('cache-control', cache).send(await statisticsMonthlyJson(app.db, app.config.publicUrl, request.query.year)));

  app.get('/open-data/statistics-monthly.csv', {
    config: { apiScope: 'catalogue:read' },
    schema: { tags: tagsOpen, summary: 'Open data: the monthly statistics as CSV (UTF-8, CC BY 4.0)', querystring: yearQuery, response: { 200: z.string(), ...problemResponses(400) } },
  }, async (request, reply) => reply.header('cache-control', cache).header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', 'inline; filename="statistics-monthly.csv"').send(await statisticsMonthlyCsv(app.db, request.query.year)));

  app.get('/open-data/schemas/:name', {
    config: { apiScope: 'catalogue:read' },
    schema: {
      tags: tagsOpen,
      summary: 'Open data: the JSON Schema of a published file',
      params: z.object({ name: z.enum(['procedures.schema.json', 'procedures-csv-row.schema.json', 'statistics-monthly.schema.json', 'statistics-monthly-csv-row.schema.json', 'catalog.schema.json']) }),
      response: { 200: z.record(z.string(), z.unknown()), ...problemResponses(400) },
    },
  }, async (request, reply) => reply.header('cache-control', cache).header('content-type', 'application/schema+json; charset=utf-8')
    .send(openDataSchemas(app.config.publicUrl)[request.params.name] ?? {}));
}
