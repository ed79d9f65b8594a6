/**
 * The NSW endpoint: `POST /nsw/receiveRequest` (SOAP 1.1, text/xml; a bearer token of an API
 * client holding `nsw:submit`) and its WSDL at `GET /nsw/receiveRequest?wsdl` (public).
 * Administrators read the messages exchanged at `GET /admin/nsw/messages`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/index.js';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { clientActor, signedInActor } from '../identity/index.js';
import { receiveNswRequest } from './nsw.receive.js';
import { nswMessagesTable, nswMessageStates } from './nsw.tables.js';
import { nswWsdl } from './nsw.wsdl.js';

const tags = ['National Single Window'];
/** Sends XML bytes as they are (no serialisation). */
function sendXml(reply: FastifyReply, status: number, xml: string) {
  return reply.status(status).header('content-type', 'text/xml; charset=utf-8').send(Buffer.from(xml));
}

const xmlBodySchema = z.string().meta({ description: 'A SOAP 1.1 envelope (text/xml).' });

export async function nswRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = app.config;
  const endpoint = `${config.publicUrl.replace(/\/$/, '')}/api/v1/nsw/receiveRequest`;

  app.addContentTypeParser(['text/xml', 'application/soap+xml', 'application/xml'], { parseAs: 'string', bodyLimit: config.nswMaxMessageBytes }, (_request, body, done) => done(null, body));

  app.get('/nsw/receiveRequest', {
    schema: {
      tags, summary: 'WSDL of the NSW receiveRequest service',
      description: 'Published at a stable address: `/api/v1/nsw/receiveRequest?wsdl`.',
      querystring: z.object({ wsdl: z.string().optional() }),
      response: { 200: xmlBodySchema },
    },
  }, async (_request, reply) => sendXml(reply.header('cache-control', 'public, max-age=3600'), 200, nswWsdl(endpoint)));

  app.post('/nsw/receiveRequest', {
    config: { apiScope: 'nsw:submit' },
    schema: {
      tags,
      summary: 'NSW receiveRequest: an application from the National Single Window (type 10, function 01)',
      description: 'SOAP 1.1, `text/xml`. The message travels as XML in CDATA in `data`. Answered with a message of function 99 (received: dossier code and appointment) or 00 (validation errors). A request that is not readable (not XML, a DOCTYPE or entity declaration, too large or too deep) gets a SOAP fault (HTTP 500, faultcode Client). Idempotent on the NSW document number.',
      security: [{ bearerAuth: [] }],
      body: xmlBodySchema,
      response: { 200: xmlBodySchema, 500: xmlBodySchema, ...problemResponses(401, 403, 413, 415) },
    },
  }, async (request, reply) => {
    clientActor(request);
    const answer = await receiveNswRequest({ db: app.db, config, storage: app.storage, scanner: app.malwareScanner }, request.body);
    return sendXml(reply, answer.httpStatus, answer.xml);
  });

  const messageSchema = z.object({
    id: z.string(), direction: z.enum(['IN', 'OUT']), dossierId: z.string().nullable(), documentNo: z.string(), documentType: z.string(),
    type: z.string(), function: z.string(), state: z.enum(nswMessageStates), attempts: z.number().int(), lastError: z.string().nullable(),
    answer: z.record(z.string(), z.unknown()).nullable(), sentAt: z.string().nullable(), createdAt: z.string(),
  }).meta({ id: 'NswMessage' });

  app.get('/admin/nsw/messages', {
    preValidation: app.requireAdministrator,
    schema: { tags, summary: 'Messages exchanged with the National Single Window (newest first, at most 200)', response: { 200: z.object({ items: z.array(messageSchema) }), ...problemResponses(401, 403) } },
  }, async () => {
    const rows = await app.db.select().from(nswMessagesTable).orderBy(desc(nswMessagesTable.createdAt)).limit(200);
    return {
      items: rows.map((r) => ({
        id: r.id, direction: r.direction, dossierId: r.dossierId, documentNo: r.documentNo, documentType: r.documentType, type: r.type, function: r.function,
        state: r.state, attempts: r.attempts, lastError: r.lastError, answer: r.answer ?? null, sentAt: r.sentAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(),
      })),
    };
  });

  app.post('/admin/nsw/messages/replay', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: send dead NSW messages again (the given ones, or every one)',
      body: z.union([z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(1000) }), z.object({ all: z.literal(true) })]),
      response: { 200: z.object({ replayed: z.number().int(), ids: z.array(z.string()) }), ...problemResponses(400, 401, 403) },
    },
  }, async (request) => {
    const t = nswMessagesTable;
    const body = request.body;
    const rows = await app.db.update(t).set({ state: 'PENDING', attempts: 0, nextAttemptAt: null, leaseUntil: null, updatedAt: new Date() })
      .where(and(eq(t.direction, 'OUT'), eq(t.state, 'DEAD'), 'ids' in body ? inArray(t.id, body.ids) : undefined))
      .returning({ id: t.id });
    const ids = rows.map((r) => r.id);
    await recordAuditEvent({ db: app.db, event: { actorUserId: signedInActor(request).userId, action: 'NSW_MESSAGES_REPLAYED', subject: 'nsw_messages', ip: request.ip, outcome: 'SUCCESS', details: { ids } } });
    return { replayed: ids.length, ids };
  });
}
