import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { createBusinessRegistryClient } from './business-registry.client.js';
import { lookupEnterprise } from './business-registry.usecases.js';

const tags = ['Business registry'];

const enterpriseSchema = z.object({
  taxCode: z.string(),
  name: z.string(),
  status: z.string().meta({ description: 'As the registry says it: ACTIVE, SUSPENDED, DISSOLVED.' }),
  address: z.object({ provinceCode: z.string(), provinceName: z.string(), communeCode: z.string(), communeName: z.string(), detail: z.string().optional() }).nullable()
    .meta({ description: 'The head office by administrative units in force since 1 July 2025 (the shape of an e-form address field).' }),
  addressLine: z.string().nullable().meta({ description: 'The head office as one line, for a text field.' }),
  legalRepresentative: z.object({ name: z.string(), position: z.string().nullable() }).nullable(),
  source: z.string(),
});

/** Signed-in users: an e-form's tax code fills the organisation's name and head office. Under /api/v1. */
export async function businessRegistryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const client = createBusinessRegistryClient({ url: app.config.businessRegistryUrl, apiKey: app.config.businessRegistryApiKey, timeoutMs: app.config.businessRegistryTimeoutMs });

  app.get('/business-registry/enterprises/:taxCode', {
    preValidation: app.requireSignedIn,
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Looks up an enterprise by tax code in the national business registration portal',
      description: 'For signed-in users filling an e-form: the name, head office and legal representative the registry publishes. 404 `business_registry.not_found` when no enterprise has the code; 503 `business_registry.unavailable` when the registry is not configured or does not answer in `BUSINESS_REGISTRY_TIMEOUT_MS` (the applicant then types the details). Answers are not cached by browsers.',
      params: z.object({ taxCode: z.string().regex(/^[0-9]{10}(-?[0-9]{3})?$/, 'Mã số thuế gồm 10 chữ số, hoặc 13 chữ số với đơn vị phụ thuộc') }),
      response: { 200: enterpriseSchema, ...problemResponses(400, 401, 404, 429, 503) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return lookupEnterprise({ client, log: request.log }, request.params.taxCode.replace('-', ''));
  });
}
