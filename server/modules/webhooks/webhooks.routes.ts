/** Administrators' routes of webhook subscriptions (under /admin/webhooks). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { signedInActor, usersTable } from '../identity/index.js';
import { webhookEventTypes } from './webhooks.models.js';
import type { WebhookSender } from './webhooks.sender.js';
import { messageStatuses, subscriptionStatuses } from './webhooks.tables.js';
import { createSubscription, listMessages, listSubscriptions, replayMessages, rotateSecret, sendTestEvent, setSubscriptionStatus } from './webhooks.usecases.js';

const tags = ['Webhooks'];

const countsSchema = z.object({ PENDING: z.number().int(), FAILING: z.number().int(), DELIVERED: z.number().int(), DEAD: z.number().int() });
const subscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  status: z.enum(subscriptionStatuses),
  secretRotatedOverlapUntil: z.string().nullable().describe('Until then deliveries carry a second signature with the previous secret'),
  failingSince: z.string().nullable(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  counts: countsSchema.describe('Messages by status'),
}).meta({ id: 'WebhookSubscription' });
const withSecret = subscriptionSchema.extend({ secret: z.string().describe('`whsec_…`: shown once, keep it to verify signatures') }).meta({ id: 'WebhookSubscriptionWithSecret' });

const attemptSchema = z.object({
  at: z.string(), httpStatus: z.number().int().nullable(), latencyMs: z.number().int(), ok: z.boolean(),
  responseExcerpt: z.string().nullable(), error: z.string().nullable(), trigger: z.string(),
});
const messageSchema = z.object({
  id: z.string().describe('The `webhook-id` header'),
  type: z.string(),
  dossierCode: z.string().nullable(),
  position: z.number().int(),
  status: z.enum(messageStatuses),
  attempts: z.number().int(),
  queuedAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
  body: z.object({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) }),
  attemptLog: z.array(attemptSchema).describe('The last 20 attempts, newest first'),
}).meta({ id: 'WebhookMessage' });

const params = z.object({ subscriptionId: z.string().min(1).max(100) });

async function actorOf(app: FastifyInstance, request: FastifyRequest) {
  const { userId } = signedInActor(request);
  const [user] = await app.db.select({ email: usersTable.email }).from(usersTable).where(eq(usersTable.id, userId));
  return { userId, email: user?.email ?? null, ip: request.ip };
}

export async function webhookAdminRoutes(fastify: FastifyInstance, { send }: { send: WebhookSender }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/admin/webhooks', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: register a webhook subscription (Standard Webhooks); the secret is shown once',
      body: z.object({
        url: z.string().trim().min(1, 'Nhập địa chỉ nhận webhook').max(2000),
        eventTypes: z.array(z.enum(webhookEventTypes, { message: `Loại sự kiện phải là một trong: ${webhookEventTypes.join(', ')}` })).min(1, 'Chọn ít nhất một loại sự kiện'),
        description: z.string().max(500).optional(),
      }),
      response: { 201: withSecret, ...problemResponses(400, 401, 403, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await createSubscription({ db: app.db, config: app.config, input: request.body, actor: await actorOf(app, request) })));

  app.get('/admin/webhooks', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: the webhook subscriptions and their messages by status',
      response: { 200: z.object({ items: z.array(subscriptionSchema), eventTypes: z.array(z.string()) }), ...problemResponses(401, 403) },
    },
  }, async () => ({ ...(await listSubscriptions({ db: app.db })), eventTypes: [...webhookEventTypes] }));

  for (const [path, status] of [['disable', 'DISABLED'], ['enable', 'ACTIVE']] as const) {
    app.post(`/admin/webhooks/:subscriptionId/${path}`, {
      preValidation: app.requireAdministrator,
      schema: {
        tags,
        summary: status === 'DISABLED' ? 'Administrators: disable a subscription (nothing is queued or sent for it)' : 'Administrators: enable a subscription again',
        params,
        response: { 200: subscriptionSchema, ...problemResponses(401, 403, 404) },
      },
    }, async (request) => setSubscriptionStatus({ db: app.db, id: request.params.subscriptionId, status, actor: await actorOf(app, request) }));
  }

  app.post('/admin/webhooks/:subscriptionId/rotate', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: a new secret (shown once); the previous one also signs during the overlap',
      params,
      body: z.object({ overlapHours: z.number().min(0).max(720).optional() }).optional(),
      response: { 200: withSecret.extend({ previousSecretValidUntil: z.string().nullable() }), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request) => rotateSecret({ db: app.db, id: request.params.subscriptionId, overlapHours: request.body?.overlapHours ?? app.config.webhookSecretOverlapHours, actor: await actorOf(app, request) }));

  app.get('/admin/webhooks/:subscriptionId/messages', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: a subscription\'s messages (DEAD: the dead letters), newest first, with their attempts',
      params,
      querystring: z.object({ status: z.enum(messageStatuses).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ items: z.array(messageSchema) }), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request) => listMessages({ db: app.db, subscriptionId: request.params.subscriptionId, ...request.query }));

  app.post('/admin/webhooks/:subscriptionId/replay', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: queue dead letters again (the given messages, or all)',
      params,
      body: z.union([
        z.object({ messageIds: z.array(z.string().min(1).max(100)).min(1).max(1000) }),
        z.object({ all: z.literal(true) }),
      ]),
      response: { 200: z.object({ replayed: z.number().int(), messageIds: z.array(z.string()) }), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request) => replayMessages({ db: app.db, subscriptionId: request.params.subscriptionId, messageIds: 'all' in request.body ? 'ALL' : request.body.messageIds, actor: await actorOf(app, request), clock: app.clock }));

  app.post('/admin/webhooks/:subscriptionId/test', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: send a signed `webhook.test` event now ("Gửi sự kiện thử")',
      params,
      response: {
        200: z.object({ messageId: z.string(), ok: z.boolean(), httpStatus: z.number().int().nullable(), latencyMs: z.number().int(), error: z.string().nullable(), responseExcerpt: z.string().nullable() }),
        ...problemResponses(401, 403, 404, 409),
      },
    },
  }, async (request) => sendTestEvent({ db: app.db, id: request.params.subscriptionId, send, actor: await actorOf(app, request) }));
}
