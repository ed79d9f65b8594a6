/**
 * Routes of the national portal sync: the administrators' view and controls (under
 * /admin/dvcqg), and the signed, expiring file links the portal fetches dossier files from.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { EventConsumer } from '../../platform/events/index.js';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { contentDisposition } from '../catalog/index.js';
import { dossierAttachmentsTable } from '../dossiers/index.js';
import { signedInActor } from '../identity/index.js';
import { createFileLinkInvalidError, createFileNotFoundError } from './integration.errors.js';
import { verifyFileLink } from './integration.mapping.js';
import { syncStates } from './integration.tables.js';
import { replayDeadLetters, setSyncPaused, syncOverview } from './integration.usecases.js';

const tags = ['National portal'];

const syncItemSchema = z.object({
  dossierId: z.string(),
  dossierCode: z.string(),
  portalCode: z.string().describe('MaHoSo as the portal knows it'),
  otherCode: z.string().nullable().describe('The local code when the portal code had to differ (§2.7)'),
  state: z.enum(syncStates),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  pendingSince: z.string().nullable(),
  syncedAt: z.string().nullable(),
  pendingSteps: z.number().int(),
  syncedSteps: z.number().int(),
  lastError: z.string().nullable(),
  lastRequest: z.record(z.string(), z.unknown()).nullable().describe('The failing call: service and body'),
  lastResponse: z.record(z.string(), z.unknown()).nullable().describe('The portal\'s answer (error_code, message) or the transport error'),
}).meta({ id: 'DvcqgSyncItem' });

const overviewSchema = z.object({
  enabled: z.boolean().describe('DVCQG_BASE_URL is set'),
  paused: z.boolean(),
  counts: z.object({ PENDING: z.number().int(), SYNCED: z.number().int(), FAILING: z.number().int(), DEAD: z.number().int() }),
  lag: z.object({
    pendingSteps: z.number().int(),
    oldestPendingAt: z.string().nullable(),
    lagSeconds: z.number().int().describe('Age of the oldest change not yet at the portal'),
    eventsNotConsumed: z.number().int().describe('Dossier events the sync has not read yet'),
  }),
  total: z.number().int(),
  items: z.array(syncItemSchema),
}).meta({ id: 'DvcqgSyncOverview' });

export async function integrationAdminRoutes(fastify: FastifyInstance, { consumers }: { consumers: readonly EventConsumer[] }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/admin/dvcqg/sync', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: national portal sync state, lag and the dossiers (problems first)',
      querystring: z.object({
        state: z.enum(syncStates).optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: overviewSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request) => syncOverview({ db: app.db, config: app.config, consumers, ...request.query }));

  app.post('/admin/dvcqg/sync/replay', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: replay dead letters (the given dossiers, or every one)',
      body: z.union([
        z.object({ dossierIds: z.array(z.string().min(1).max(100)).min(1).max(1000) }),
        z.object({ all: z.literal(true) }),
      ]),
      response: { 200: z.object({ replayed: z.number().int(), dossierIds: z.array(z.string()) }), ...problemResponses(400, 401, 403) },
    },
  }, async (request) => replayDeadLetters({ db: app.db, dossierIds: 'all' in request.body ? 'ALL' : request.body.dossierIds, actorUserId: signedInActor(request).userId, ip: request.ip }));

  for (const [path, paused] of [['pause', true], ['resume', false]] as const) {
    app.post(`/admin/dvcqg/sync/${path}`, {
      preValidation: app.requireAdministrator,
      schema: {
        tags,
        summary: paused ? 'Administrators: pause the national portal sync (work keeps accumulating)' : 'Administrators: resume the national portal sync',
        response: { 200: z.object({ paused: z.boolean() }), ...problemResponses(401, 403) },
      },
    }, async (request) => setSyncPaused({ db: app.db, paused, actorUserId: signedInActor(request).userId, ip: request.ip }));
  }
}

/** The portal fetches dossier files here with the signed links it was given (no session). */
export async function integrationFileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/dvcqg/files/:attachmentId', {
    schema: {
      tags,
      summary: 'A dossier file, for the national portal, through a signed expiring link',
      params: z.object({ attachmentId: z.string().min(1).max(100) }),
      querystring: z.object({ expires: z.coerce.number().int(), signature: z.string().min(1).max(200) }),
      response: { 200: z.string().meta({ format: 'binary' }), ...problemResponses(400, 403, 404) },
    },
  }, async (request, reply) => {
    const { attachmentId } = request.params;
    if (!verifyFileLink(app.config.dvcqgFileLinkSecret, attachmentId, request.query.expires, request.query.signature)) throw createFileLinkInvalidError();
    const [attachment] = await app.db.select().from(dossierAttachmentsTable).where(and(eq(dossierAttachmentsTable.id, attachmentId), eq(dossierAttachmentsTable.scanStatus, 'CLEAN')));
    if (!attachment) throw createFileNotFoundError();
    const body = await app.storage.get(attachment.storageKey);
    return reply
      .header('content-type', attachment.mediaType)
      .header('content-disposition', contentDisposition(attachment.originalName))
      .header('content-length', attachment.sizeBytes)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(body as unknown as string);
  });
}
