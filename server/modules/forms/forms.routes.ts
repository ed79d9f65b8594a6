import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { publishedValidator, type ValidatorModule } from './forms.validators.js';

export const validatorHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Mã băm biểu mẫu gồm 64 chữ số thập lục phân');
export const validatorModuleBodySchema = z.string().meta({ description: 'An ES module (text/javascript): default export `(require) => ({ [schemaKey]: validate })`.' });

/** Sends a generated module: immutable under its URL (the URL names the content), revalidated by ETag. */
export function sendValidatorModule(request: FastifyRequest, reply: FastifyReply, mod: ValidatorModule, visibility: 'public' | 'private') {
  reply.header('etag', mod.etag).header('cache-control', `${visibility}, max-age=31536000, immutable`).header('content-type', 'text/javascript; charset=utf-8');
  if (request.headers['if-none-match'] === mod.etag) return reply.status(304).send();
  return reply.send(Buffer.from(mod.code) as unknown as string);
}

/** Precompiled validators of published e-forms: /api/v1/forms/{contentHash}/validator.js */
export async function formsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/forms/:hash/validator.js', {
    schema: {
      tags: ['Dossiers'],
      summary: 'The precompiled validator of a published e-form (Ajv standalone code), loaded by the form page',
      description: '`hash` is the form\'s content hash, as in `form.validator` of a dossier. Long-lived and immutable (the URL names the content), with an ETag. Error: `forms.validator_not_found` (404).',
      params: z.object({ hash: validatorHashSchema }),
      response: { 200: validatorModuleBodySchema, ...problemResponses(400, 404) },
    },
  }, async (request, reply) => sendValidatorModule(request, reply, await publishedValidator(app.db, request.params.hash), 'public'));
}
