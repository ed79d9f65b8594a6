/**
 * The app as `npm start` runs it (jobs and event consumers on), plus one bench-only route,
 * `POST /api/bench/insert-one`: a signed-in request that inserts a single row through the same
 * Fastify hooks, session check and database pool. bench/submit.ts measures submission beside it.
 * Never part of the product: only `npm run bench` starts this file.
 */
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/platform/config/config.js';
import { bootstrapDatabase } from '../server/platform/db/bootstrap.js';
import { loggerOptions } from '../server/platform/logging/logger.js';

const config = loadConfig();
const log = pino(loggerOptions(config));
const database = await bootstrapDatabase(config, log, async () => {});
await database.db.execute(sql`CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, user_id text NOT NULL, at timestamptz NOT NULL DEFAULT now(), body jsonb NOT NULL)`);
const app = await buildApp({ config, database });
app.post('/api/bench/insert-one', { preValidation: app.requireSignedIn, schema: { hide: true } }, async (request) => {
  const actor = request.actor as { userId: string };
  await database.db.execute(sql`INSERT INTO bench_rows (user_id, body) VALUES (${actor.userId}, ${JSON.stringify({ at: Date.now() })}::jsonb)`);
  return { ok: true };
});
await app.jobs.start();
if (config.jobsWorker) app.eventConsumers.start(config.eventConsumersPollMs);
process.on('SIGTERM', () => void (async () => {
  await app.close();
  await app.jobs.stop({ timeoutMs: 5000 });
  await database.close();
  process.exit(0);
})());
await app.listen({ host: '127.0.0.1', port: config.port });
