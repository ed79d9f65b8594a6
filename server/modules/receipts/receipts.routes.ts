/** Receipts of a dossier (under /api/v1): the list and the sealed PDF of a payment. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contentDisposition } from '../catalog/index.js';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { signedInActor } from '../identity/index.js';
import { receiptListSchema, receiptParamsSchema } from './receipts.schemas.js';
import { downloadReceipt, listReceipts, type ReceiptDeps } from './receipts.usecases.js';
import { z } from 'zod';

const tags = ['Receipts'];

export async function receiptsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps: ReceiptDeps = { db: app.db, config: app.config, storage: app.storage };
  const signedIn = { preValidation: app.requireSignedIn };

  app.get('/dossiers/:dossierId/receipts', {
    ...signedIn,
    schema: {
      tags, summary: 'The dossier\'s electronic fee receipts',
      description: 'One per payment, numbered in the collecting unit\'s series (form number, symbol, number). For the applicant (and representatives in force) and the officials of the dossier\'s units; others get 404.',
      params: receiptParamsSchema.pick({ dossierId: true }), response: { 200: receiptListSchema, ...problemResponses(401, 403, 404) },
    },
  }, async (request) => listReceipts(deps, { actor: signedInActor(request), dossierId: request.params.dossierId }));

  app.get('/dossiers/:dossierId/payments/:paymentId/receipt.pdf', {
    ...signedIn,
    schema: {
      tags, summary: 'The sealed receipt (PDF, PAdES) of a payment',
      description: 'Sealed with the collecting unit\'s certificate, with a QR code to the public verification page. 409 receipts.not_ready ("Biên lai đang được lập") while it is being made.',
      params: receiptParamsSchema, response: { 200: z.string().meta({ description: 'A PDF file.', format: 'binary' }), ...problemResponses(401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const { pdf, fileName } = await downloadReceipt(deps, { actor: signedInActor(request), dossierId: request.params.dossierId, paymentId: request.params.paymentId });
    return (reply as FastifyReply).header('content-type', 'application/pdf').header('content-disposition', contentDisposition(fileName)).header('cache-control', 'private, no-store').send(pdf);
  });
}
