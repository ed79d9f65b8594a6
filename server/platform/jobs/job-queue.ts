/**
 * Background jobs on pg-boss, in the application's own database (PostgreSQL or the embedded
 * PGlite). The essential property: `enqueueInTransaction` writes the job with the caller's
 * transaction, so a rolled-back business change leaves no job and a committed one always has it.
 * Workers run in the app process when `JOBS_WORKER=true`; API-only nodes only enqueue.
 * Recurring jobs (`schedule`) are cron rows in the same schema; worker nodes write them at start
 * and pg-boss's clock on those nodes sends one job per tick (deduplicated across nodes).
 */
import PgBoss from 'pg-boss';
import type { Config } from '../config/config.js';
import type { DatabaseHandle, DbExecutor } from '../db/create-database.js';
import { createQueueMissingError } from './jobs.errors.js';
import { executorForHandle, executorForTransaction } from './sql-executor.js';

export const JOBS_SCHEMA = 'pgboss';

export interface QueueDefinition {
  name: string;
  /** Attempts after the first (pg-boss default 2). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Exponential delay between attempts, with jitter. */
  retryBackoff?: boolean;
  /** An active job not finished within this time is failed (and retried). */
  expireInSeconds?: number;
}

export interface EnqueueOptions {
  /** With a `singleton`/`stately` queue, at most one job per key; always kept on the job. */
  singletonKey?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A time, or seconds from now. */
  startAfter?: Date | number;
}

export interface JobContext<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
  /** No retry follows if this attempt fails. */
  isLastAttempt: boolean;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;

/** Time zone of every schedule: cron fields read as local time in Viet Nam. */
export const SCHEDULE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface WorkOptions {
  pollingIntervalSeconds?: number;
}

type Logger = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };

export interface JobQueue {
  /** Creates the schema and queues if needed and, when workers are on, starts them. */
  start(): Promise<void>;
  /** Stops taking jobs and waits up to `timeoutMs` for running ones (then they are failed and retried later). */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Declares a worker; it runs from `start()` on, and only when `JOBS_WORKER` is on. */
  work<T>(name: string, handler: JobHandler<T>, options?: WorkOptions): Promise<void>;
  /**
   * A recurring job on a declared queue: `cron` (five fields, Asia/Ho_Chi_Minh time), or null to
   * remove the schedule. Written at `start()` by worker nodes only (API-only nodes leave it alone).
   */
  schedule<T extends object>(name: string, cron: string | null, data?: T): Promise<void>;
  /** Writes a job inside `tx`, the caller's transaction. Returns the job id. */
  enqueueInTransaction<T extends object>(tx: Pick<DbExecutor, 'execute'>, name: string, data: T, options?: EnqueueOptions): Promise<string | null>;
  readonly workersEnabled: boolean;
  /** The pg-boss instance, for inspection (job state, queue sizes). */
  readonly boss: PgBoss;
}

// A never-started pg-boss whose only use is to build and run the insert through a given executor.
let sender: PgBoss | undefined;
const senderBoss = () =>
  (sender ??= new PgBoss({ db: { executeSql: async () => ({ rows: [] }) }, schema: JOBS_SCHEMA, supervise: false, schedule: false, migrate: false }));

/**
 * Writes a job with the caller's transaction (any Drizzle transaction or handle). The queue must
 * be declared (see allQueues in server/composition.ts). Returns the job id, or null when a singleton queue already
 * holds a job for the key.
 */
export async function enqueueInTransaction<T extends object>(
  tx: Pick<DbExecutor, 'execute'>,
  name: string,
  data: T,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const db = executorForTransaction(tx);
  const id = await senderBoss().send(name, data, defined({
    db,
    singletonKey: options.singletonKey,
    retryLimit: options.retryLimit,
    retryDelay: options.retryDelaySeconds,
    retryBackoff: options.retryBackoff,
    startAfter: options.startAfter,
  }));
  if (id === null) {
    const { rows } = await db.executeSql(`SELECT 1 FROM ${JOBS_SCHEMA}.queue WHERE name = $1`, [name]);
    if (rows.length === 0) throw createQueueMissingError({ details: { queue: name } });
  }
  return id;
}

/** pg-boss rejects options present with an undefined value. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const queueOptions = (q: QueueDefinition): PgBoss.Queue =>
  defined({
    name: q.name,
    retryLimit: q.retryLimit,
    retryDelay: q.retryDelaySeconds,
    retryBackoff: q.retryBackoff,
    expireInSeconds: q.expireInSeconds,
  });

/** Creates (or migrates) the pg-boss schema and the given queues; used at start and for the test template. */
export async function installJobSchema(database: DatabaseHandle, queues: readonly QueueDefinition[]): Promise<void> {
  const boss = new PgBoss({ db: executorForHandle(database), schema: JOBS_SCHEMA, supervise: false, schedule: false, migrate: true });
  boss.on('error', () => {});
  await boss.start();
  try {
    for (const q of queues) await boss.createQueue(q.name, queueOptions(q));
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

export function createJobQueue({
  database,
  config,
  logger,
  queues = [],
}: {
  database: DatabaseHandle;
  config: Pick<Config, 'jobsWorker' | 'jobsPollingIntervalSeconds' | 'shutdownTimeoutMs'>;
  logger: Logger;
  /** Queues created at start (allQueues of the composition root). */
  queues?: readonly QueueDefinition[];
}): JobQueue {
  const workersEnabled = config.jobsWorker;
  const boss = new PgBoss({
    db: executorForHandle(database),
    schema: JOBS_SCHEMA,
    migrate: true,
    // Maintenance (expiring stuck jobs, archiving) and the cron clock belong to the nodes that run workers.
    supervise: workersEnabled,
    schedule: workersEnabled,
    // The clock looks for due cron ticks this often (shared across nodes: one check per interval).
    // Its first look comes before the schedules are written at start, so a short interval matters.
    cronMonitorIntervalSeconds: Math.min(30, Math.max(1, Math.ceil(config.jobsPollingIntervalSeconds * 5))),
    cronWorkerIntervalSeconds: Math.min(45, Math.max(1, Math.ceil(config.jobsPollingIntervalSeconds))),
  });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  const workers: { name: string; handler: JobHandler<unknown>; options: WorkOptions }[] = [];
  const schedules = new Map<string, { cron: string | null; data: object }>();
  const applySchedule = async (name: string, { cron, data }: { cron: string | null; data: object }) => {
    if (cron === null) await boss.unschedule(name);
    else await boss.schedule(name, cron, data, { tz: SCHEDULE_TIME_ZONE });
  };
  let started = false;
  let stopped = false;

  const startWorker = async (w: (typeof workers)[number]) => {
    await boss.work<unknown>(
      w.name,
      { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: w.options.pollingIntervalSeconds ?? config.jobsPollingIntervalSeconds },
      async ([job]) => {
        if (!job) return;
        const context: JobContext<unknown> = {
          id: job.id,
          name: job.name,
          data: job.data,
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
          isLastAttempt: job.retryCount >= job.retryLimit,
        };
        try {
          await w.handler(context);
        } catch (err) {
          logger.warn({ err, job: { id: job.id, name: job.name, retryCount: job.retryCount, retryLimit: job.retryLimit } }, context.isLastAttempt ? 'job failed for good' : 'job failed; it will be retried');
          throw err;
        }
      },
    );
  };

  return {
    boss,
    workersEnabled,
    async start() {
      if (started) return;
      await boss.start();
      for (const q of queues) await boss.createQueue(q.name, queueOptions(q));
      started = true;
      if (workersEnabled) {
        for (const w of workers) await startWorker(w);
        for (const [name, s] of schedules) await applySchedule(name, s);
      }
      logger.info({
        workers: workersEnabled ? workers.map((w) => w.name) : [],
        schedules: workersEnabled ? [...schedules].map(([name, s]) => ({ name, cron: s.cron })) : [],
        queues: queues.map((q) => q.name),
      }, 'job queue started');
    },
    async stop({ timeoutMs = config.shutdownTimeoutMs } = {}) {
      if (!started || stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
    },
    async work(name, handler, options = {}) {
      const w = { name, handler: handler as JobHandler<unknown>, options };
      workers.push(w);
      if (started && workersEnabled) await startWorker(w);
    },
    async schedule(name, cron, data) {
      const s = { cron, data: data ?? {} };
      schedules.set(name, s);
      if (started && workersEnabled) await applySchedule(name, s);
    },
    enqueueInTransaction,
  };
}
