/**
 * What a module contributes to the application, declared once in its `index.ts` and assembled
 * by the composition root (`server/composition.ts`). The platform defines the shape only: it
 * imports no module.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import type { Database, DatabaseHandle } from './db/create-database.js';
import type { EventConsumer } from './events/consumer.js';
import type { MalwareScanner } from './files/index.js';
import type { JobQueue, QueueDefinition } from './jobs/index.js';
import type { Mailer } from './mail/mailer.js';
import type { SecretColumn } from './secrets/sweep.js';
import type { SmsSender } from './sms/sms-sender.js';
import type { ObjectStorage } from './storage/index.js';

export interface WorkerDeps {
  db: Database;
  config: Config;
  storage: ObjectStorage;
  scanner: MalwareScanner;
  mailer: Mailer;
  sms: SmsSender;
  logger?: FastifyBaseLogger;
}

export interface SeedContext {
  db: Database;
  config: Config;
  /** Seeds that are demo data only (accounts with a published password) run when this is true. */
  demo: boolean;
  /** One line per seeded thing, for the log or the terminal. */
  report(step: string, summary: Record<string, unknown>): void;
}

export interface CliContext {
  handle: DatabaseHandle;
  config: Config;
  command: string | undefined;
  args: string[];
  out: (human: string, data: unknown) => void;
}

export interface CliGroup {
  /** The first word on the command line, e.g. `events`. */
  group: string;
  usage: string;
  /** Needs the job schema (it enqueues). */
  needsJobs?: boolean;
  run(ctx: CliContext): Promise<number>;
}

export interface AppModule {
  name: string;
  /** App-wide plugins (hooks, decorators), registered before any module's routes. */
  plugins?(app: FastifyInstance): Promise<void>;
  /** Registers the module's HTTP routes under the API prefix. */
  routes?(app: FastifyInstance, prefix: string): Promise<void>;
  queues?: readonly QueueDefinition[];
  workers?(jobs: JobQueue, deps: WorkerDeps): Promise<void>;
  seed?(ctx: SeedContext): Promise<void>;
  /** Consumers of event streams, built with the configuration. */
  consumers?(config: Config): readonly EventConsumer[];
  cli?: readonly CliGroup[];
  /** Gauges the module adds to `/metrics`, read at each scrape. */
  metrics?(config: Config): readonly MetricSource[];
  /** Columns holding secrets sealed under `SECRETS_KEY` (swept at start and by `secrets` commands). */
  secretColumns?: readonly SecretColumn[];
}

/** A gauge a module adds to `/metrics` (name prefixed `opendvc_`), read from the database at scrape time. */
export interface MetricSource {
  name: string;
  help: string;
  labelNames?: string[];
  collect(db: Database): Promise<{ labels?: Record<string, string>; value: number }[]>;
}
