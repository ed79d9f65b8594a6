/** Thin routes of one's own notifications (applicants and officials alike). Under /api/v1. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { signedInActor } from '../identity/index.js';
import { notificationListQuerySchema, notificationPageSchema, notificationParamsSchema } from './notifications.schemas.js';
import { listMyNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.usecases.js';

export async function notificationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Notifications'];
  const signedIn = { preValidation: app.requireSignedIn };
  const deps = { db: app.db };

  app.get('/me/notifications', {
    ...signedIn,
    schema: {
      tags, summary: 'My notifications, newest first',
      description: '`unread` in the answer counts all unread notifications, whatever the filter (the portal\'s bell).',
      querystring: notificationListQuerySchema, response: { 200: notificationPageSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { page, pageSize, unread } = request.query;
    const result = await listMyNotifications(deps, { userId: signedInActor(request).userId, unreadOnly: unread, page, pageSize });
    return reply.header('cache-control', 'private, no-store').send(result);
  });

  app.post('/me/notifications/:notificationId/read', {
    ...signedIn,
    schema: {
      tags, summary: 'Mark one of my notifications read',
      params: notificationParamsSchema, response: { 204: z.null().meta({ description: 'Read.' }), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    await markNotificationRead(deps, { userId: signedInActor(request).userId, notificationId: request.params.notificationId });
    return reply.status(204).send(null);
  });

  app.post('/me/notifications/read-all', {
    ...signedIn,
    schema: { tags, summary: 'Mark all my notifications read', response: { 204: z.null().meta({ description: 'All read.' }), ...problemResponses(401, 403) } },
  }, async (request, reply) => {
    await markAllNotificationsRead(deps, { userId: signedInActor(request).userId });
    return reply.status(204).send(null);
  });
}
