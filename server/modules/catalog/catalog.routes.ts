import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { contentDisposition } from './catalog.models.js';
import {
  agenciesResponseSchema,
  fieldsResponseSchema,
  procedureCodeParamsSchema,
  procedureDetailQuerySchema,
  procedureDetailSchema,
  searchQuerySchema,
  type ProcedureDetail,
  type SearchResult,
  searchResultSchema,
  templateParamsSchema,
} from './catalog.schemas.js';
import { etagMatches, preferredEncoding } from './catalog.detail-answer.js';
import { getProcedureDetailAnswer, getTemplateDownload, listAgencies, listFieldsWithCounts, searchCatalogAnswer } from './catalog.usecases.js';

// The body is the file itself (a Buffer is sent as is, never serialised); the schema documents it.
const notModifiedSchema = z.null().meta({ description: 'Not modified: the ETag in If-None-Match is the current one.' });
const templateFileBodySchema = z.string().meta({ description: 'The file (PDF or DOCX), with a Vietnamese file name in Content-Disposition.', format: 'binary' });

/** Public, anonymous catalogue endpoints (service levels 1–2). */
export async function catalogRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Catalogue'];

  // The public, cacheable reads set no csrf cookie (identity.http.ts): they serve no form.
  app.get('/procedures', {
    config: { apiScope: 'procedures:read', csrfCookie: false },
    schema: {
      tags,
      summary: 'Search procedures',
      description: 'Diacritic-insensitive, typo-tolerant search with filters, pagination and facet counts per field and level.',
      querystring: searchQuerySchema,
      response: { 200: searchResultSchema, ...problemResponses(400) },
    },
  }, async (request, reply) => {
    const body = await searchCatalogAnswer({ db: app.db, filters: request.query, cacheSeconds: app.config.searchCacheSeconds, indexCheckMs: app.config.searchIndexCheckMs });
    // The schema's encoding already, as UTF-8 bytes (catalog.usecases.ts, answerJson): sent as is.
    reply.header('content-type', 'application/json; charset=utf-8');
    return reply.send(body as unknown as SearchResult);
  });

  app.get('/procedures/:code', {
    config: { apiScope: 'procedures:read', csrfCookie: false },
    schema: {
      tags,
      summary: 'A procedure with its version in force, in full',
      description: 'Sent with a strong `ETag`; a request whose `If-None-Match` names it gets 304 Not Modified without a body (`Cache-Control: public, no-cache`: revalidate each time, as publishing a new version changes the answer).',
      params: procedureCodeParamsSchema,
      querystring: procedureDetailQuerySchema,
      response: { 200: procedureDetailSchema, 304: notModifiedSchema, ...problemResponses(400, 404) },
    },
  }, async (request, reply) => {
    const answer = await getProcedureDetailAnswer({ db: app.db, code: request.params.code, at: request.query.at, cacheSeconds: app.config.searchCacheSeconds });
    reply.header('etag', answer.etag).header('cache-control', 'public, no-cache').header('vary', 'accept-encoding');
    if (etagMatches(request.headers['if-none-match'], answer.etag)) return (reply as FastifyReply).code(304).send();
    // The text is sent as is (already the schema's encoding), compressed once per answer.
    reply.header('content-type', 'application/json; charset=utf-8');
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    // Typed as the schema's object: Fastify sends a Buffer or a JSON-typed string without serialising it.
    const body = (encoding ? answer.body(encoding) : answer.json) as unknown as ProcedureDetail;
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(body);
  });

  app.get('/procedures/:code/templates/:templateId', {
    config: { apiScope: 'procedures:read' },
    schema: {
      tags,
      summary: 'Download a form template of a procedure',
      params: templateParamsSchema,
      response: { 200: templateFileBodySchema, ...problemResponses(400, 404) },
    },
  }, async (request, reply) => {
    const file = await getTemplateDownload({ db: app.db, code: request.params.code, templateId: request.params.templateId });
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('content-length', file.sizeBytes)
      .header('etag', `"${file.sha256}"`)
      .header('cache-control', 'public, max-age=3600')
      .send(Buffer.from(file.content) as unknown as string);
  });

  app.get('/fields', {
    config: { apiScope: 'procedures:read' },
    schema: { tags, summary: 'Fields (lĩnh vực) with the number of procedures in each', response: { 200: fieldsResponseSchema } },
  }, async () => listFieldsWithCounts({ db: app.db }));

  app.get('/agencies', {
    config: { apiScope: 'procedures:read' },
    schema: { tags, summary: 'Agencies with their electronic codes and parent', response: { 200: agenciesResponseSchema } },
  }, async () => listAgencies({ db: app.db }));
}
