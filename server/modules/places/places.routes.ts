import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { searchUnits, UNITS_EFFECTIVE_FROM } from '../../../common/administrative-units/index.js';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { unitsQuerySchema, unitsResponseSchema } from './places.schemas.js';

const tags = ['Administrative units'];

/** Public and cacheable: the administrative units in force, for address selects. Under /api/v1. */
export async function placesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/administrative-units', {
    config: { apiScope: 'procedures:read' },
    schema: {
      tags,
      summary: 'Provinces and cities, or the communes, wards and special zones of one, in force since 1 July 2025',
      description: 'Without `parent`: the 34 provinces and centrally-run cities. With `parent`: the units directly under that province (there are no districts). `q` keeps the units whose name contains every word typed, ignoring diacritics and case; names starting with the words come first. An unknown `parent` gives an empty list.',
      querystring: unitsQuerySchema,
      response: { 200: unitsResponseSchema, ...problemResponses(400) },
    },
  }, async (request, reply) => {
    const { parent, q, limit } = request.query;
    reply.header('cache-control', 'public, max-age=86400');
    return { effectiveFrom: UNITS_EFFECTIVE_FROM, items: searchUnits({ parent, q, limit }) };
  });
}
