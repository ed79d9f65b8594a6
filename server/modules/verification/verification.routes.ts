/** Public routes of document verification. Under /api/v1. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { documentVerificationSchema, verifyParamsSchema } from './verification.schemas.js';
import { verifyDocument } from './verification.usecases.js';

const tags = ['Verification'];

export async function verificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/verify/:documentId', {
    config: { rateLimit: { max: app.config.verificationRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Public facts of a signed document, to check a copy against',
      description: 'For the page the document\'s QR code opens (/xac-minh/{documentId}): title, number and dates, the signer\'s certificate, and the SHA-256 of the original PDF (the issued file, or the signed one before issuance), which a visitor compares with the SHA-256 of the file they hold. Drafts and unknown ids are the same 404. No personal data of the applicant.',
      params: verifyParamsSchema,
      response: { 200: documentVerificationSchema, ...problemResponses(400, 404, 429) },
    },
  }, async (request, reply) => reply.header('cache-control', 'no-store').send(await verifyDocument({ db: app.db }, request.params.documentId)));
}
