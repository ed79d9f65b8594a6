/**
 * The composition root: every module's contribution (routes, queues and workers, seeds, event
 * consumers, CLI commands), each taken from the module's `index.ts`. `server/app.ts`,
 * `server/main.ts`, `server/cli.ts` and the test setup assemble the application from this list;
 * the tables are aggregated in `server/schema.ts` for drizzle-kit. Order matters for routes
 * (the identity plugin, which reads sessions, is registered before every module's routes) and for seeds (the
 * catalogue before what refers to it).
 */
import type { AppModule, MetricSource, SeedContext, WorkerDeps } from './platform/modules.js';
import type { SecretColumn } from './platform/secrets/index.js';
import type { JobQueue, QueueDefinition } from './platform/jobs/index.js';
import { mailSendQueue, registerMailJobs } from './platform/mail/mail.jobs.js';
import { registerSmsJobs, smsSendQueue } from './platform/sms/sms.jobs.js';
import { authoringModule } from './modules/authoring/index.js';
import { catalogModule } from './modules/catalog/index.js';
import { calendarModule } from './modules/calendar/index.js';
import { dossiersModule } from './modules/dossiers/index.js';
import { formsModule } from './modules/forms/index.js';
import { identityModule } from './modules/identity/index.js';
import { integrationModule } from './modules/integration/index.js';
import { notificationsModule } from './modules/notifications/index.js';
import { nswModule } from './modules/nsw/index.js';
import { placesModule } from './modules/places/index.js';
import { businessRegistryModule } from './modules/business-registry/index.js';
import { privacyModule } from './modules/privacy/index.js';
import { paymentsModule } from './modules/payments/index.js';
import { receiptsModule } from './modules/receipts/index.js';
import { statisticsModule } from './modules/statistics/index.js';
import { verificationModule } from './modules/verification/index.js';
import { webhooksModule } from './modules/webhooks/index.js';
import { systemApiModule } from './modules/system-api/index.js';
import { workflowsModule } from './modules/workflows/index.js';
import type { FastifyInstance } from 'fastify';
import type { EventConsumer } from './platform/events/consumer.js';
import type { Config } from './platform/config/config.js';

export const appModules: readonly AppModule[] = [
  catalogModule,
  identityModule,
  calendarModule,
  placesModule,
  businessRegistryModule,
  dossiersModule,
  formsModule,
  workflowsModule,
  notificationsModule,
  receiptsModule,
  verificationModule,
  integrationModule,
  paymentsModule,
  nswModule,
  webhooksModule,
  systemApiModule,
  authoringModule,
  statisticsModule,
  privacyModule,
];

/** Every queue: the platform's mail and SMS queues and each module's. */
export const allQueues: readonly QueueDefinition[] = [mailSendQueue, smsSendQueue, ...appModules.flatMap((m) => m.queues ?? [])];

/** Every consumer of an event stream. */
export function allConsumers(config: Config): readonly EventConsumer[] {
  return appModules.flatMap((m) => m.consumers?.(config) ?? []);
}

/** Every module's gauges for `/metrics`. */
export function allMetricSources(config: Config): readonly MetricSource[] {
  return appModules.flatMap((m) => m.metrics?.(config) ?? []);
}

export const allCliGroups = appModules.flatMap((m) => m.cli ?? []);

/** Every column that holds a secret sealed under `SECRETS_KEY`. */
export const allSecretColumns: readonly SecretColumn[] = appModules.flatMap((m) => m.secretColumns ?? []);

export async function registerModuleRoutes(app: FastifyInstance, prefix: string) {
  for (const m of appModules) await m.plugins?.(app);
  for (const m of appModules) await m.routes?.(app, prefix);
}

export async function registerWorkers(jobs: JobQueue, deps: WorkerDeps) {
  await registerMailJobs(jobs, { db: deps.db, mailer: deps.mailer, concurrency: deps.config.mailConcurrency, pollingIntervalSeconds: deps.config.mailPollingIntervalSeconds });
  await registerSmsJobs(jobs, { db: deps.db, sms: deps.sms, config: deps.config, logger: deps.logger });
  for (const m of appModules) await m.workers?.(jobs, deps);
}

/** Seeds in module order (catalogue first, then what refers to it, demo data last). */
export async function seedModules(ctx: SeedContext) {
  const order = [catalogModule, dossiersModule, workflowsModule, ...appModules.filter((m) => ![catalogModule, dossiersModule, workflowsModule].includes(m))];
  for (const m of order) await m.seed?.(ctx);
}
