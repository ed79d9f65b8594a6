/**
 * Personal data routes (Law 91/2025/QH15): a signed-in person downloads everything held about
 * them; an administrator exports one applicant's data on a request, giving the reason.
 */
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { contentDisposition } from '../catalog/index.js';
import { signedInActor } from '../identity/index.js';
import { preparePersonalDataExport, type PreparedExport } from './privacy.usecases.js';

const tags = ['Personal data'];
const zipSchema = z.string().meta({ description: 'A ZIP archive: du-lieu-ca-nhan.json (format opendvc.personal-data/1), README.txt and the files under ho-so/{code}/.', format: 'binary' });

function sendArchive(reply: FastifyReply, prepared: PreparedExport) {
  const stream = fs.createReadStream(prepared.file);
  const done = () => { void prepared.cleanup(); };
  stream.on('close', done);
  stream.on('error', done);
  return reply
    .header('content-type', 'application/zip')
    .header('content-disposition', contentDisposition(prepared.fileName))
    .header('content-length', prepared.size)
    .header('cache-control', 'private, no-store')
    .send(stream as unknown as string);
}

export async function privacyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = { db: app.db, storage: app.storage };

  app.get('/me/personal-data/export', {
    preValidation: app.requireSignedIn,
    config: { rateLimit: { max: app.config.personalDataExportsPerHour, timeWindow: '1 hour' } },
    schema: {
      tags,
      summary: 'Download everything held about me (ZIP: JSON document and files)',
      description: 'Account, profile and addresses, national sign-in link, organisations and authorisations, sessions, the dossiers filed by or for the caller with their form data, the history addressed to the applicant, supplement requests, payments, receipts and issued results (with the files), ratings, notifications, e-mails and SMS sent, and the audit entries about the account. Audited (PERSONAL_DATA_EXPORTED with the size). Limited to PERSONAL_DATA_EXPORTS_PER_HOUR per client.',
      response: { 200: zipSchema, ...problemResponses(401, 429, 503) },
    },
  }, async (request, reply) => {
    const actor = signedInActor(request);
    const prepared = await preparePersonalDataExport(deps, { subjectUserId: actor.userId, actorUserId: actor.userId, ip: request.ip });
    return sendArchive(reply, prepared);
  });

  app.post('/admin/users/:userId/personal-data/export', {
    preValidation: app.requireAdministrator,
    config: { rateLimit: { max: app.config.personalDataExportsPerHour, timeWindow: '1 hour' } },
    schema: {
      tags,
      summary: 'Export one applicant\'s personal data on their request (administrators)',
      description: 'The same archive the applicant downloads, for a request made at the counter or in writing. The reason (e.g. the request\'s number and date) is required and audited with the administrator and the size (PERSONAL_DATA_EXPORTED_ON_REQUEST).',
      params: z.object({ userId: z.string().min(1).max(64) }),
      body: z.object({ reason: z.string().trim().min(10, 'Nhập lý do (ví dụ số và ngày của đơn yêu cầu), ít nhất 10 ký tự.').max(500, 'Lý do dài tối đa 500 ký tự.') }),
      response: { 200: zipSchema, ...problemResponses(400, 401, 403, 404, 429, 503) },
    },
  }, async (request, reply) => {
    const actor = signedInActor(request);
    const prepared = await preparePersonalDataExport(deps, { subjectUserId: request.params.userId, actorUserId: actor.userId, ip: request.ip, reason: request.body.reason });
    return sendArchive(reply, prepared);
  });
}
