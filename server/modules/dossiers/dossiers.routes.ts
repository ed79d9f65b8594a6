/** Thin routes of the online dossier: applicants, the one-stop desk and the public tracking. */
import { chooseDelivery, confirmPostalDelivery, recordShipment } from './dossiers.delivery.js';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createValidationError } from '../../platform/errors/common.errors.js';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { COMPONENT_MAX_SIZE_MB, contentDisposition } from '../catalog/index.js';
import { addAttachment, assertMayAttach, openAttachment, removeAttachment } from './dossiers.attachments.js';
import { renderDossierReceipt, renderRefusalPdf, renderSupplementRequestPdf } from './dossiers.documents.usecases.js';
import { signedInActor } from '../identity/index.js';
import { auditDossierReads } from './dossiers.read-audit.js';
import {
  attachmentParamsSchema,
  attachmentSchema,
  pdfBodySchema,
  supplementParamsSchema,
  counterIntakeBodySchema,
  createDraftBodySchema,
  dossierPageSchema,
  myDossierPageSchema,
  dossierParamsSchema,
  dossierSchema,
  eventsSchema,
  ifMatchHeadersSchema,
  listQuerySchema,
  queueQuerySchema,
  refuseBodySchema,
  requestSupplementBodySchema,
  resubmitBodySchema,
  submitBodySchema,
  deliveryChoiceBodySchema,
  deliveryConfirmationBodySchema,
  shipmentBodySchema,
  saveAnswersBodySchema,
  submitHeadersSchema,
  trackingQuerySchema,
  trackingResultSchema,
  withdrawBodySchema,
} from './dossiers.schemas.js';
import { createCounterDossier, listReceptionQueue, receiveDossier, refuseDossier, requestSupplement } from './dossiers.reception.usecases.js';
import {
  createDraft,
  deleteDraft,
  getDossier,
  listDossierEvents,
  listMyDossiers,
  resubmitDossier,
  saveDraftAnswers,
  submitDossier,
  trackDossier,
  withdrawDossier,
  type DossierDeps,
} from './dossiers.usecases.js';

const fileBodySchema = z.string().meta({ description: 'The file, with its name in Content-Disposition.', format: 'binary' });

export function sendPdf(reply: FastifyReply, { pdf, fileName }: { pdf: Buffer; fileName: string }) {
  return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(fileName)).header('cache-control', 'private, no-store').send(pdf);
}

/** `"3"`, `W/"3"` or `3` → 3. */
function versionFromIfMatch(header: string | undefined): number | undefined {
  const m = header ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

export async function dossiersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps: DossierDeps = { db: app.db, config: app.config };
  const fileDeps = { ...deps, storage: app.storage, scanner: app.malwareScanner };
  // One file per request. Each component's own limit is enforced while the file streams; the
  // stream is cut (and refused) one byte past the largest limit any component may have.
  const largestLimit = Math.max(app.config.attachmentMaxBytes, COMPONENT_MAX_SIZE_MB * 1024 * 1024);
  await app.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1000, parts: 6, fileSize: largestLimit + 1 }, throwFileSizeLimit: false });
  const tags = ['Dossiers'];
  const receptionTags = ['Reception'];
  const applicants = { preValidation: app.requireApplicant };
  const signedIn = { preValidation: app.requireSignedIn };
  const officials = { preValidation: app.requireOfficial };
  const actor = (request: FastifyRequest) => signedInActor(request);
  auditDossierReads(app);

  app.post('/dossiers', {
    ...applicants,
    schema: {
      tags, summary: 'Start an online dossier (draft) for a procedure case',
      description: 'The draft carries the case\'s e-form and components, and answers prefilled from the profile (or the organisation filed for). An account has at most MAX_OPEN_DRAFTS drafts: `dossiers.too_many_drafts` (409).',
      body: createDraftBodySchema, response: { 201: dossierSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await createDraft(deps, { actor: actor(request), input: request.body })));

  app.get('/dossiers', {
    ...applicants,
    schema: { tags, summary: 'My dossiers (filed by me, for me, or for my organisations)', querystring: listQuerySchema, response: { 200: myDossierPageSchema, ...problemResponses(400, 401, 403) } },
  }, async (request) => listMyDossiers(deps, { actor: actor(request), statuses: request.query.status, page: request.query.page, pageSize: request.query.pageSize }));

  app.get('/dossiers/:dossierId', {
    ...signedIn,
    schema: { tags, summary: 'A dossier (its applicant, or officials of its receiving unit)', params: dossierParamsSchema, response: { 200: dossierSchema, ...problemResponses(401, 403, 404) } },
  }, async (request, reply) => {
    const view = await getDossier(deps, { actor: actor(request), dossierId: request.params.dossierId });
    return reply.header('etag', `"${view.version}"`).send(view);
  });

  app.patch('/dossiers/:dossierId', {
    ...signedIn,
    schema: {
      tags, summary: 'Autosave a draft\'s answers',
      description: 'Partial answers are stored without full validation; `problems` lists what submission would refuse. Send the version read (If-Match or `version`) to avoid overwriting a save from another device (409 dossiers.version_mismatch).',
      params: dossierParamsSchema, headers: ifMatchHeadersSchema, body: saveAnswersBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const expectedVersion = request.body.version ?? versionFromIfMatch(request.headers['if-match']);
    const view = await saveDraftAnswers(deps, { actor: actor(request), dossierId: request.params.dossierId, answers: request.body.answers, expectedVersion, onBehalfOf: request.body.onBehalfOf });
    return reply.header('etag', `"${view.version}"`).send(view);
  });

  app.delete('/dossiers/:dossierId', {
    ...signedIn,
    schema: { tags, summary: 'Delete a draft with its files', params: dossierParamsSchema, response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) } },
  }, async (request, reply) => {
    const { storageKeys } = await deleteDraft(deps, { actor: actor(request), dossierId: request.params.dossierId });
    // After the commit: a crash here leaves an orphan file, never a row without its file.
    for (const key of storageKeys) await app.storage.delete(key).catch((err) => request.log.warn({ err, key }, 'stored file not removed'));
    return reply.status(204).send(null);
  });

  app.post('/dossiers/:dossierId/attachments', {
    ...signedIn,
    schema: {
      tags, summary: 'Attach a file to a component (multipart: field `componentId`, then the file)',
      description: 'Streamed; the type is judged from the content and the size checked against the component\'s limits (`components[].allowedTypes` and `maxBytes` of the dossier: set per component in the catalogue, else PDF, JPEG or PNG up to ATTACHMENT_MAX_BYTES), SHA-256 recorded, scanned for malware (quarantined while a scan is pending). While a supplement is requested, only the requested components take files. A component takes at most `components[].maxFiles` files per round (`dossiers.too_many_files`, 409) and all files of the dossier together at most DOSSIER_MAX_TOTAL_MB (`dossiers.total_size_exceeded`, 413); the stored name drops invisible characters and takes the extension of the detected type.',
      consumes: ['multipart/form-data'],
      params: dossierParamsSchema, response: { 201: attachmentSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request, reply) => {
    await assertMayAttach(deps, { actor: actor(request), dossierId: request.params.dossierId });
    if (!request.isMultipart()) throw createValidationError({ errors: [{ path: 'body', message: 'Gửi tệp dạng multipart/form-data' }] });
    let componentId: string | undefined;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'componentId') componentId = String(part.value);
        continue;
      }
      if (!componentId) {
        part.file.resume();
        throw createValidationError({ errors: [{ path: 'body.componentId', message: 'Gửi trường componentId trước tệp' }] });
      }
      const attachment = await addAttachment(fileDeps, { actor: actor(request), dossierId: request.params.dossierId, componentId, file: { stream: part.file, declaredName: part.filename } });
      return reply.status(201).send(attachment);
    }
    throw createValidationError({ errors: [{ path: 'body.file', message: 'Chưa chọn tệp' }] });
  });

  app.get('/dossiers/:dossierId/attachments/:attachmentId', {
    ...signedIn,
    schema: { tags, summary: 'Download an attached file (its applicant, or officials of the receiving unit)', params: attachmentParamsSchema, response: { 200: fileBodySchema, ...problemResponses(401, 403, 404, 409) } },
  }, async (request, reply) => {
    const { attachment, body } = await openAttachment(fileDeps, { actor: actor(request), dossierId: request.params.dossierId, attachmentId: request.params.attachmentId });
    return reply
      .header('content-type', attachment.mediaType)
      .header('content-disposition', contentDisposition(attachment.originalName))
      .header('content-length', attachment.sizeBytes)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(body as unknown as string);
  });

  app.delete('/dossiers/:dossierId/attachments/:attachmentId', {
    ...signedIn,
    schema: { tags, summary: 'Remove an attached file (drafts; during a supplement, files of this round)', params: attachmentParamsSchema, response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) } },
  }, async (request, reply) => {
    await removeAttachment(fileDeps, { actor: actor(request), dossierId: request.params.dossierId, attachmentId: request.params.attachmentId });
    return reply.status(204).send(null);
  });

  app.get('/dossiers/:dossierId/receipt.pdf', {
    ...signedIn,
    schema: { tags, summary: 'Receipt and appointment slip (template 01) with the tracking QR code', params: dossierParamsSchema, response: { 200: pdfBodySchema, ...problemResponses(401, 403, 404) } },
  }, async (request, reply) => sendPdf(reply, await renderDossierReceipt(deps, { actor: actor(request), dossierId: request.params.dossierId })));

  app.get('/dossiers/:dossierId/supplement-requests/:round.pdf', {
    ...signedIn,
    schema: { tags, summary: 'Supplement request (template 02) of a round', params: supplementParamsSchema, response: { 200: pdfBodySchema, ...problemResponses(400, 401, 403, 404) } },
  }, async (request, reply) => sendPdf(reply, await renderSupplementRequestPdf(deps, { actor: actor(request), dossierId: request.params.dossierId, round: request.params.round })));

  app.get('/dossiers/:dossierId/refusal.pdf', {
    ...signedIn,
    schema: { tags, summary: 'Refusal notice (template 03)', params: dossierParamsSchema, response: { 200: pdfBodySchema, ...problemResponses(401, 403, 404) } },
  }, async (request, reply) => sendPdf(reply, await renderRefusalPdf(deps, { actor: actor(request), dossierId: request.params.dossierId })));

  app.post('/dossiers/:dossierId/submit', {
    ...signedIn,
    schema: {
      tags, summary: 'Submit a draft (online) or finish a counter intake',
      description: 'One transaction: full validation (every bad field listed), mandatory components, the dossier code, the appointment, the event and the receipt e-mail. A retry with the same Idempotency-Key answers the same dossier; a second submission without it is 409 dossiers.already_submitted. Counter dossiers go straight to RECEIVED.',
      params: dossierParamsSchema, headers: submitHeadersSchema, body: submitBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => submitDossier(deps, { actor: actor(request), dossierId: request.params.dossierId, idempotencyKey: request.headers['idempotency-key'], declaration: request.body?.declaration }));

  app.put('/dossiers/:dossierId/delivery', {
    ...signedIn,
    schema: {
      tags, summary: 'Choose how to receive the result (while a draft)',
      description: 'ONLINE (download the signed PDF once issued), COUNTER, or POSTAL with the recipient, phone and address; only what the case offers (`delivery.options`). POSTAL records the postal fee (POSTAL_DELIVERY_FEE_VND) on the dossier for the payments module.',
      params: dossierParamsSchema, body: deliveryChoiceBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => chooseDelivery(deps, { actor: actor(request), dossierId: request.params.dossierId, input: request.body }));

  app.post('/dossiers/:dossierId/delivery/shipment', {
    ...officials,
    schema: {
      tags, summary: 'Record that the issued result was posted, with the carrier\'s tracking number',
      description: 'For a dossier whose applicant chose POSTAL, once its result is issued (RESULT_READY). Writes `dossier.result_shipped` (the applicant sees it) and an audit entry; recording again corrects the number.',
      params: dossierParamsSchema, body: shipmentBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => recordShipment(deps, { actor: actor(request), dossierId: request.params.dossierId, carrier: request.body.carrier, trackingNumber: request.body.trackingNumber, ip: request.ip }));

  app.post('/dossiers/:dossierId/delivery/confirmation', {
    ...officials,
    schema: {
      tags, summary: 'Record the carrier\'s delivery confirmation: the result is returned',
      description: 'After the shipment is recorded. The dossier becomes RESULT_RETURNED with return method POSTAL (`dossier.returned`, method POSTAL), audited.',
      params: dossierParamsSchema, body: deliveryConfirmationBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => confirmPostalDelivery(deps, { actor: actor(request), dossierId: request.params.dossierId, deliveredAt: request.body.deliveredAt ? new Date(request.body.deliveredAt) : new Date(), receivedBy: request.body.receivedBy, ip: request.ip }));

  app.post('/dossiers/:dossierId/resubmit', {
    ...applicants,
    schema: {
      tags, summary: 'Answer the open supplement request',
      description: 'Only the requested fields may change; each requested component needs a file uploaded in this round. Earlier files are kept.',
      params: dossierParamsSchema, body: resubmitBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => resubmitDossier(deps, { actor: actor(request), dossierId: request.params.dossierId, answers: request.body.answers }));

  app.post('/dossiers/:dossierId/withdraw', {
    ...applicants,
    schema: { tags, summary: 'Withdraw a dossier before its result', params: dossierParamsSchema, body: withdrawBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request) => withdrawDossier(deps, { actor: actor(request), dossierId: request.params.dossierId, reason: request.body.reason }));

  app.get('/dossiers/:dossierId/events', {
    ...signedIn,
    schema: { tags, summary: 'The dossier\'s timeline', params: dossierParamsSchema, response: { 200: eventsSchema, ...problemResponses(401, 403, 404) } },
  }, async (request) => listDossierEvents(deps, { actor: actor(request), dossierId: request.params.dossierId }));

  app.get('/tracking', {
    config: { rateLimit: { max: app.config.trackingRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Public look-up of a dossier\'s status',
      description: 'By code and the last four digits of the applicant\'s ID number or phone number. Answers only the national status and the appointment; a wrong pair is the same 404 as an unknown code.',
      querystring: trackingQuerySchema, response: { 200: trackingResultSchema, ...problemResponses(400, 404, 429) },
    },
  }, async (request, reply) => reply.header('cache-control', 'no-store').send(await trackDossier(deps, request.query)));

  // One-stop desk
  app.get('/reception/queue', {
    ...officials,
    schema: { tags: receptionTags, summary: 'Dossiers awaiting reception in my units, oldest first', querystring: queueQuerySchema, response: { 200: dossierPageSchema, ...problemResponses(400, 401, 403) } },
  }, async (request) => listReceptionQueue(deps, { actor: actor(request), page: request.query.page, pageSize: request.query.pageSize }));

  app.post('/dossiers/:dossierId/receive', {
    ...officials,
    schema: { tags: receptionTags, summary: 'Receive a dossier (issues the receipt and appointment slip)', params: dossierParamsSchema, response: { 200: dossierSchema, ...problemResponses(401, 403, 404, 409) } },
  }, async (request) => receiveDossier(deps, { actor: actor(request), dossierId: request.params.dossierId }));

  app.post('/dossiers/:dossierId/request-supplement', {
    ...officials,
    schema: { tags: receptionTags, summary: 'Ask the applicant to supplement the dossier (template 02)', params: dossierParamsSchema, body: requestSupplementBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request) => requestSupplement(deps, { actor: actor(request), dossierId: request.params.dossierId, input: request.body }));

  app.post('/dossiers/:dossierId/refuse', {
    ...officials,
    schema: { tags: receptionTags, summary: 'Refuse the dossier at reception (template 03)', params: dossierParamsSchema, body: refuseBodySchema, response: { 200: dossierSchema, ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request) => refuseDossier(deps, { actor: actor(request), dossierId: request.params.dossierId, reasons: request.body.reasons }));

  app.post('/counter/dossiers', {
    ...officials,
    schema: {
      tags: receptionTags, summary: 'Enter a dossier handed in at the counter or by post',
      description: 'Creates it in INTAKE; files go through the attachments route; `POST /dossiers/{id}/submit` then receives it with code and slip at once.',
      body: counterIntakeBodySchema, response: { 201: dossierSchema, ...problemResponses(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await createCounterDossier(deps, { actor: actor(request), input: request.body })));
}
