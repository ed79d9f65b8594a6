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
import { dossierAttachmentsTable, dossierDocumentsTable } from '../dossiers/index.js';
import { clientActor, signedInActor } from '../identity/index.js';
import { receivePortalDossier } from './integration.inbound.js';
import { catalogueComparison, pullCatalogue } from './integration.catalogue.js';
import { PortalError, type PortalClient } from './integration.client.js';
import { recordAuditEvent } from '../../platform/audit/index.js';
import { createFileLinkInvalidError, createFileNotFoundError, createPortalNotConfiguredError, createPortalUnavailableError } from './integration.errors.js';
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

const differenceSchema = z.object({ field: z.string(), label: z.string(), national: z.string(), local: z.string() });
const catalogueSchema = z.object({
  pulledAt: z.string().nullable(),
  counts: z.object({ IN_SYNC: z.number().int(), DIFFERENT: z.number().int(), MISSING: z.number().int(), NOT_PUBLISHED: z.number().int() }),
  items: z.array(z.object({ code: z.string(), name: z.string(), comparison: z.enum(['IN_SYNC', 'DIFFERENT', 'MISSING', 'NOT_PUBLISHED']), differences: z.array(differenceSchema), draftId: z.string().nullable().meta({ description: 'The draft version made from the national packet (catalogue editor), when the procedure differs.' }), pulledAt: z.string() })),
}).meta({ id: 'DvcqgCatalogueComparison' });

/** Administrators: the national catalogue compared with OpenDVC's (last pull), and a pull now. */
export async function integrationCatalogueRoutes(fastify: FastifyInstance, { client }: { client: PortalClient | null }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/admin/dvcqg/catalogue', {
    preValidation: app.requireAdministrator,
    schema: { tags, summary: 'Administrators: procedures that differ between the national database and the catalogue (last pull)', response: { 200: catalogueSchema, ...problemResponses(401, 403) } },
  }, async () => catalogueComparison(app.db));

  app.post('/admin/dvcqg/catalogue/pull', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: pull procedures from the national database (LayDanhSachTTHC / LayThuTuc) and compare them',
      body: z.object({ codes: z.array(z.string().regex(/^\d\.\d{6}$/, 'Mã thủ tục có dạng 1.234567')).max(200).optional() }),
      response: { 200: catalogueSchema, ...problemResponses(400, 401, 403, 409, 502) },
    },
  }, async (request) => {
    if (!client) throw createPortalNotConfiguredError();
    const actor = signedInActor(request);
    let summary;
    try {
      summary = await pullCatalogue({ db: app.db, client }, request.body.codes ?? []);
    } catch (err) {
      if (err instanceof PortalError) throw createPortalUnavailableError({ message: `Cổng Dịch vụ công quốc gia từ chối hoặc không trả lời: ${err.message}` });
      throw err;
    }
    await recordAuditEvent({ db: app.db, event: { actorUserId: actor.userId, action: 'DVCQG_CATALOGUE_PULLED', subject: 'dvcqg-catalogue', ip: request.ip, outcome: 'SUCCESS', details: { ...summary } } });
    return catalogueComparison(app.db);
  });
}

/** The national portal pushes the dossiers filed on it (an API client with the `dvcqg:push` scope). */
export async function integrationInboundRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post('/dvcqg/dossiers', {
    config: { apiScope: 'dvcqg:push' },
    schema: {
      tags,
      summary: 'National portal: a dossier filed on the portal (HoSoDayDVCQG in `data`); idempotent on MaHoSo',
      description: 'Answers as the data-sharing adapter does: HTTP 200 with `error_code` "0" (created, or already received: `created` says which), "-1" (data to correct, with `message` and `errors`), "99" (a file could not be fetched now: push again later). Files are fetched from their links on the hosts of DVCQG_FILE_HOSTS only.',
      body: z.looseObject({ data: z.unknown() }),
      response: { 200: z.looseObject({ error_code: z.string(), message: z.string().optional(), MaHoSo: z.string().optional(), created: z.boolean().optional() }).meta({ id: 'DvcqgPushAnswer' }), ...problemResponses(400, 401, 403) },
    },
  }, async (request) => {
    const client = clientActor(request);
    return receivePortalDossier({ db: app.db, config: app.config, storage: app.storage, scanner: app.malwareScanner }, { body: request.body, clientId: client.clientId });
  });
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
    const [found] = await app.db.select().from(dossierAttachmentsTable).where(and(eq(dossierAttachmentsTable.id, attachmentId), eq(dossierAttachmentsTable.scanStatus, 'CLEAN')));
    // A result document once issued (DanhSachGiayToKetQua) is fetched the same way.
    const [result] = found ? [] : await app.db.select().from(dossierDocumentsTable)
      .where(and(eq(dossierDocumentsTable.id, attachmentId), eq(dossierDocumentsTable.kind, 'RESULT'), eq(dossierDocumentsTable.status, 'ISSUED')));
    const attachment = found ?? (result?.issuedStorageKey ? {
      storageKey: result.issuedStorageKey, mediaType: 'application/pdf', originalName: `${result.title}.pdf`, sizeBytes: null as number | null,
    } : null);
    if (!attachment) throw createFileNotFoundError();
    const body = await app.storage.get(attachment.storageKey);
    if (attachment.sizeBytes !== null) reply.header('content-length', attachment.sizeBytes);
    return reply
      .header('content-type', attachment.mediaType)
      .header('content-disposition', contentDisposition(attachment.originalName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(body as unknown as string);
  });
}
