import type { FastifyInstance } from 'fastify';
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
  searchResultSchema,
  templateParamsSchema,
} from './catalog.schemas.js';
import { getProcedureDetail, getTemplateDownload, listAgencies, listFieldsWithCounts, searchCatalog } from './catalog.usecases.js';

// The body is the file itself (a Buffer is sent as is, never serialised); the schema documents it.
const templateFileBodySchema = z.string().meta({ description: 'The file (PDF or DOCX), with a Vietnamese file name in Content-Disposition.', format: 'binary' });

/** Public, anonymous catalogue endpoints (service levels 1–2). */
export async function catalogRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Catalogue'];

  app.get('/procedures', {
    config: { apiScope: 'procedures:read' },
    schema: {
      tags,
      summary: 'Search procedures',
      description: 'Diacritic-insensitive, typo-tolerant search with filters, pagination and facet counts per field and level.',
      querystring: searchQuerySchema,
      response: { 200: searchResultSchema, ...problemResponses(400) },
    },
  }, async (request) => searchCatalog({ db: app.db, filters: request.query, cacheSeconds: app.config.searchCacheSeconds }));

  app.get('/procedures/:code', {
    config: { apiScope: 'procedures:read' },
    schema: {
      tags,
      summary: 'A procedure with its version in force, in full',
      params: procedureCodeParamsSchema,
      querystring: procedureDetailQuerySchema,
      response: { 200: procedureDetailSchema, ...problemResponses(400, 404) },
    },
  }, async (request) => getProcedureDetail({ db: app.db, code: request.params.code, at: request.query.at }));

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
