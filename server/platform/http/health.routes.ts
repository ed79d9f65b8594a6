import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appliedMigrationCount, expectedMigrationCount } from '../db/migrate.js';
import { createDatabaseUnavailableError, createServiceUnavailableError } from '../errors/common.errors.js';
import type { DatabaseHandle } from '../db/create-database.js';
import { problemResponses } from './common.schemas.js';

const statusSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), migrations: z.number().int() });

export function healthRoutes(handle: DatabaseHandle) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get('/healthz', { schema: { tags: ['Operations'], summary: 'The process is up', response: { 200: statusSchema } } }, async () => ({ status: 'ok' as const }));
    app.get('/readyz', {
      schema: { tags: ['Operations'], summary: 'The database is reachable and fully migrated', response: { 200: readySchema, ...problemResponses(503) } },
    }, async () => {
      const expected = expectedMigrationCount();
      let applied: number;
      // Bounded: a database that does not answer makes /readyz answer 503 within 2 s, not hang.
      if (!(await handle.probe(2000))) throw createDatabaseUnavailableError({ details: { reason: 'database unreachable' } });
      try {
        applied = await appliedMigrationCount(handle);
      } catch (cause) {
        throw createDatabaseUnavailableError({ details: { reason: 'database unreachable' }, cause });
      }
      if (applied < expected) throw createServiceUnavailableError({ details: { reason: 'migrations pending', applied, expected } });
      return { status: 'ok' as const, database: handle.engine, migrations: applied };
    });
  };
}
