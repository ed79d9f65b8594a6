import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../http/common.schemas.js';
import type { EventConsumer } from './consumer.js';
import { consumerLag } from './consumer-runner.js';

const consumerLagSchema = z.object({
  consumer: z.string(),
  lag: z.number().int().describe('Events not yet processed, over every partition'),
  position: z.number().int().describe('Lowest processed position over the partitions'),
  headPosition: z.number().int().describe('Last position of the stream'),
  deadLetters: z.array(z.object({ partition: z.number().int(), position: z.number().int().nullable(), error: z.string().nullable() })),
  retrying: z.array(z.object({ partition: z.number().int(), attempts: z.number().int(), nextAttemptAt: z.string().nullable(), error: z.string().nullable() })),
}).meta({ id: 'EventConsumerLag' });

/** GET /admin/consumers: how far each event consumer is behind, its parked and retrying events. */
export async function consumerAdminRoutes(fastify: FastifyInstance, { consumers, guard }: { consumers: readonly EventConsumer[]; guard: (request: FastifyRequest) => Promise<void> }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/admin/consumers', {
    preValidation: guard,
    schema: {
      tags: ['Administration'],
      summary: 'Administrators: the event consumers, their lag, dead letters and retries',
      description: 'Replay with `npm run cli -- events replay CONSUMER [--from POSITION]`.',
      response: { 200: z.object({ items: z.array(consumerLagSchema) }), ...problemResponses(401, 403) },
    },
  }, async () => ({ items: await consumerLag(app.db, consumers) }));
}
