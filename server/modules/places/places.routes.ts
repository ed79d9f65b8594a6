import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { englishUnitName, findUnit, searchCommunesNationwide, searchUnits, UNITS_EFFECTIVE_FROM, type AdministrativeUnit } from '../../../common/administrative-units/index.js';
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
      description: 'Without `parent`: the 34 provinces and centrally-run cities. With `parent`: the units directly under that province (there are no districts). With `level=COMMUNE` and no `parent`: the units of the whole country matching `q`, each with its province. `q` keeps the units whose name contains every word typed, ignoring diacritics and case; names starting with the words come first. An unknown `parent` gives an empty list.',
      querystring: unitsQuerySchema,
      response: { 200: unitsResponseSchema, ...problemResponses(400) },
    },
  }, async (request, reply) => {
    const { parent, q, limit, level } = request.query;
    reply.header('cache-control', 'public, max-age=86400');
    const units = level === 'COMMUNE' && !parent ? searchCommunesNationwide({ q, limit: Math.min(limit, 50) }) : searchUnits({ parent, q, limit });
    return { effectiveFrom: UNITS_EFFECTIVE_FROM, items: units.map(withNames) };
  });
}

/** The English name, and the province's name for a commune-level unit. */
function withNames(u: AdministrativeUnit) {
  const parentName = u.parentCode ? findUnit(u.parentCode)?.name : undefined;
  return { ...u, nameEn: englishUnitName(u.name), ...(parentName ? { parentName } : {}) };
}
