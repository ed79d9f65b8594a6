/**
 * Background jobs on pg-boss, in the application's own database (PostgreSQL or the embedded
 * PGlite). The essential property: `enqueueInTransaction` writes the job with the caller's
 * transaction, so a rolled-back business change leaves no job and a committed one always has it.
 * Workers run in the app process when `JOBS_WORKER=true`; API-only nodes only enqueue.
 * Recurring jobs (`schedule`) are cron rows in the same schema; worker nodes write them at start
 * and pg-boss's clock on those nodes sends one job per tick (deduplicated across nodes).
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Config } from '../config/config.js';
import type { DatabaseHandle, DbExecutor } from '../db/create-database.js';
import { workerCpu } from './cpu-share.js';
import { installBoundedCronCheck } from './cron-clock.js';
import { createQueueMissingError } from './jobs.errors.js';
import { executorForHandle, executorForTransaction, quietWhenStopping } from './sql-executor.js';

export const JOBS_SCHEMA = 'pgboss';

export interface QueueDefinition {
  name: string;
  /** Attempts after the first (pg-boss default 2). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Exponential delay between attempts, with jitter. */
  retryBackoff?: boolean;
  /**
   * Upper bound of a job's lease in seconds; the lease is `JOBS_LEASE_SECONDS` when that is
   * shorter (a running job's lease is renewed, so a long job is not cut short by it).
   */
  expireInSeconds?: number;
  /** Jobs of this queue a node runs at once (default `JOBS_CONCURRENCY`). */
  concurrency?: number;
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

/**
 * Runs a whole fetched batch at once (for queues whose per-job database work is cheaper done
 * together). Returns the jobs that failed, by job id, with their error (nothing: all succeeded);
 * those are failed and retried on their own, the others are completed together. A handler that
 * throws fails every job of the batch.
 */
export type BatchJobHandler<T> = (jobs: JobContext<T>[]) => Promise<Map<string, unknown> | void>;

/** Time zone of every schedule: cron fields read as local time in Viet Nam. */
export const SCHEDULE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface WorkOptions {
  pollingIntervalSeconds?: number;
  /** Jobs fetched at once (default `JOBS_BATCH_SIZE`). */
  batchSize?: number;
  /** Jobs run at once (default: the queue's `concurrency`, else `JOBS_CONCURRENCY`). */
  concurrency?: number;
}

/** What a node's workers have done since start (the metrics and the bench read it). */
export interface WorkerStats {
  completed: number;
  failed: number;
  /** Jobs put back on their queue after their lease lapsed (by this node's reclaim pass). */
  reclaimed: number;
  running: number;
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
   * Declares a worker that takes each fetched batch (up to `batchSize`, never more jobs in flight
   * than `concurrency`) in one call; its successful jobs are completed in one statement.
   */
  workBatch<T>(name: string, handler: BatchJobHandler<T>, options?: WorkOptions): Promise<void>;
  /**
   * A recurring job on a declared queue: `cron` (five fields, Asia/Ho_Chi_Minh time), or null to
   * remove the schedule. Written at `start()` by worker nodes only (API-only nodes leave it alone).
   */
  schedule<T extends object>(name: string, cron: string | null, data?: T): Promise<void>;
  /** Writes a job inside `tx`, the caller's transaction. Returns the job id. */
  enqueueInTransaction<T extends object>(tx: Pick<DbExecutor, 'execute'>, name: string, data: T, options?: EnqueueOptions): Promise<string | null>;
  readonly workersEnabled: boolean;
  /** The lease of a running job, in seconds (JOBS_LEASE_SECONDS). */
  readonly leaseSeconds: number;
  /** Counters per queue of this node's workers. */
  stats(): Record<string, WorkerStats>;
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

/** Queues seen to exist by `enqueueManyInTransaction` (queues are declared at start and never dropped). */
const knownQueues = new Set<string>();

/**
 * Writes several jobs of one queue with the caller's transaction in one statement (same
 * guarantees as `enqueueInTransaction`). Returns the job ids, in order.
 */
export async function enqueueManyInTransaction<T extends object>(
  tx: Pick<DbExecutor, 'execute'>,
  name: string,
  jobs: readonly { data: T; options?: EnqueueOptions }[],
): Promise<string[]> {
  if (jobs.length === 0) return [];
  const db = executorForTransaction(tx);
  if (!knownQueues.has(name)) {
    const { rows } = await db.executeSql(`SELECT 1 FROM ${JOBS_SCHEMA}.queue WHERE name = $1`, [name]);
    if (rows.length === 0) throw createQueueMissingError({ details: { queue: name } });
    knownQueues.add(name);
  }
  const rows = jobs.map(({ data, options = {} }) => defined({
    id: randomUUID(),
    name,
    data,
    singletonKey: options.singletonKey,
    retryLimit: options.retryLimit,
    retryDelay: options.retryDelaySeconds,
    retryBackoff: options.retryBackoff,
    startAfter: options.startAfter === undefined ? undefined
      : options.startAfter instanceof Date ? options.startAfter.toISOString() : `${options.startAfter} seconds`,
  }));
  await senderBoss().insert(rows, { db });
  return rows.map((r) => r.id);
}

/** pg-boss rejects options present with an undefined value. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const queueOptions = (q: QueueDefinition, leaseSeconds?: number): PgBoss.Queue =>
  defined({
    name: q.name,
    retryLimit: q.retryLimit,
    retryDelay: q.retryDelaySeconds,
    retryBackoff: q.retryBackoff,
    expireInSeconds: leaseSeconds === undefined ? q.expireInSeconds : Math.min(q.expireInSeconds ?? leaseSeconds, leaseSeconds),
  });

/** A wait that `wake()` ends early (a stopping worker does not sleep out its interval). */
function sleeper() {
  let wake: () => void = () => {};
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    wake: () => wake(),
  };
}

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
  config: Pick<Config, 'jobsWorker' | 'jobsPollingIntervalSeconds' | 'shutdownTimeoutMs'> & Partial<Pick<Config, 'jobsBatchSize' | 'jobsConcurrency' | 'jobsLeaseSeconds'>>;
  logger: Logger;
  /** Queues created at start (allQueues of the composition root). */
  queues?: readonly QueueDefinition[];
}): JobQueue {
  const workersEnabled = config.jobsWorker;
  const leaseSeconds = config.jobsLeaseSeconds ?? 30;
  // pg-boss's cron clock searches back at most a minute for a schedule's last tick (cron-clock.ts).
  if (workersEnabled) installBoundedCronCheck();
  const boss = new PgBoss({
    // After stop() a statement of pg-boss's own workers can still come, as the database closes (sql-executor.ts).
    db: quietWhenStopping(executorForHandle(database), () => stopped, (err) => logger.warn({ err }, 'job queue statement after stop dropped; the job is retried when its lease lapses')),
    schema: JOBS_SCHEMA,
    migrate: true,
    // Maintenance (expiring stuck jobs, archiving) and the cron clock belong to the nodes that run workers.
    supervise: workersEnabled,
    schedule: workersEnabled,
    // The clock looks for due cron ticks this often (shared across nodes: one check per interval).
    // Its first look comes before the schedules are written at start, so a short interval matters.
    cronMonitorIntervalSeconds: Math.min(30, Math.max(1, Math.ceil(config.jobsPollingIntervalSeconds * 5))),
    cronWorkerIntervalSeconds: Math.min(45, Math.max(1, Math.ceil(config.jobsPollingIntervalSeconds))),
    // pg-boss's own expiry of lapsed leases (behind the reclaim pass below: it fails the jobs with
    // no attempt left) and its archiving.
    maintenanceIntervalSeconds: Math.max(1, Math.ceil(leaseSeconds / 2)),
  });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  type Worker = { name: string; options: WorkOptions } & ({ handler: JobHandler<unknown>; batchHandler?: undefined } | { handler?: undefined; batchHandler: BatchJobHandler<unknown> });
  const workers: Worker[] = [];
  const schedules = new Map<string, { cron: string | null; data: object }>();
  const applySchedule = async (name: string, { cron, data }: { cron: string | null; data: object }) => {
    if (cron === null) await boss.unschedule(name);
    else await boss.schedule(name, cron, data, { tz: SCHEDULE_TIME_ZONE });
  };
  let started = false;
  let stopped = false;
  const stats: Record<string, WorkerStats> = {};
  const countersOf = (name: string) => (stats[name] ??= { completed: 0, failed: 0, reclaimed: 0, running: 0 });
  /** Jobs running on this node: their leases are renewed while they run. */
  const running = new Map<string, { name: string; promise: Promise<void> }>();
  const loops: Promise<void>[] = [];
  const sleepers = new Set<ReturnType<typeof sleeper>>();
  let leaseTimer: NodeJS.Timeout | null = null;
  const queueConcurrency = new Map(queues.map((q) => [q.name, q.concurrency]));

  const contextOf = (job: PgBoss.JobWithMetadata<unknown>): JobContext<unknown> => ({
    id: job.id,
    name: job.name,
    data: job.data,
    retryCount: job.retryCount,
    retryLimit: job.retryLimit,
    isLastAttempt: job.retryCount >= job.retryLimit,
  });

  /** Records a failed attempt; if this cannot be recorded (database away), the lease lapses and the job runs again. */
  const failJob = async (w: Worker, job: PgBoss.JobWithMetadata<unknown>, err: unknown) => {
    countersOf(w.name).failed += 1;
    const isLastAttempt = job.retryCount >= job.retryLimit;
    logger.warn({ err, job: { id: job.id, name: job.name, retryCount: job.retryCount, retryLimit: job.retryLimit } }, isLastAttempt ? 'job failed for good' : 'job failed; it will be retried');
    const message = err instanceof Error ? err.message : String(err);
    await boss.fail(w.name, job.id, { message }).catch((e: unknown) => logger.warn({ err: e, job: job.id }, 'could not record a job failure'));
  };

  /** Completes jobs in one statement (if that cannot be recorded, their leases lapse and they run again). */
  const completeJobs = async (w: Worker, ids: string[]) => {
    if (ids.length === 0) return;
    countersOf(w.name).completed += ids.length;
    await boss.complete(w.name, ids).catch((e: unknown) => logger.warn({ err: e, jobs: ids }, 'could not record a job completion'));
  };

  const runJob = async (w: Worker, handler: JobHandler<unknown>, job: PgBoss.JobWithMetadata<unknown>) => {
    const end = workerCpu.begin(`queue:${w.name}`);
    try {
      try {
        await handler(contextOf(job));
      } catch (err) {
        await failJob(w, job, err);
        return;
      }
      await completeJobs(w, [job.id]);
    } finally {
      end(1);
    }
  };

  const runBatch = async (w: Worker, handler: BatchJobHandler<unknown>, jobs: PgBoss.JobWithMetadata<unknown>[]) => {
    const end = workerCpu.begin(`queue:${w.name}`);
    let failures: Map<string, unknown>;
    try {
      failures = (await handler(jobs.map(contextOf))) ?? new Map();
    } catch (err) {
      failures = new Map(jobs.map((j) => [j.id, err]));
    }
    try {
      await completeJobs(w, jobs.filter((j) => !failures.has(j.id)).map((j) => j.id));
      for (const job of jobs) if (failures.has(job.id)) await failJob(w, job, failures.get(job.id));
    } finally {
      end(jobs.length);
    }
  };

  /**
   * One loop per worker: fetches up to `batchSize` jobs (never more than its free slots), runs up
   * to `concurrency` at once, and fetches again as soon as a slot frees while the queue has jobs.
   * A fetch that found fewer jobs than it asked for emptied the queue: the next one waits a
   * moment (a fifth of the polling interval, at most 200 ms) so that jobs arriving one by one are
   * fetched, run and completed in batches rather than one statement each; an empty queue makes it
   * wait the polling interval. A `work` worker completes or fails each job on its own; a
   * `workBatch` worker takes each fetched batch in one call.
   */
  const workerLoop = async (w: Worker) => {
    const batchSize = w.options.batchSize ?? config.jobsBatchSize ?? 20;
    const concurrency = w.options.concurrency ?? queueConcurrency.get(w.name) ?? config.jobsConcurrency ?? 8;
    const intervalMs = (w.options.pollingIntervalSeconds ?? config.jobsPollingIntervalSeconds) * 1000;
    const lingerMs = Math.min(200, intervalMs / 5);
    const counters = countersOf(w.name);
    const mine = new Set<Promise<void>>();
    /** Jobs in flight (a batch counts its jobs). */
    let inFlight = 0;
    const nap = sleeper();
    sleepers.add(nap);
    const track = (jobs: PgBoss.JobWithMetadata<unknown>[], run: () => Promise<void>) => {
      inFlight += jobs.length;
      const promise: Promise<void> = run().finally(() => {
        mine.delete(promise);
        inFlight -= jobs.length;
        for (const job of jobs) running.delete(job.id);
        counters.running = inFlight;
      });
      mine.add(promise);
      for (const job of jobs) running.set(job.id, { name: w.name, promise });
    };
    while (!stopped) {
      const free = concurrency - inFlight;
      const wanted = Math.min(batchSize, free);
      let fetched: PgBoss.JobWithMetadata<unknown>[] = [];
      if (free > 0) {
        try {
          fetched = await boss.fetch<unknown>(w.name, { batchSize: wanted, includeMetadata: true });
        } catch (err) {
          logger.warn({ err, queue: w.name }, 'job fetch failed');
        }
      }
      if (w.batchHandler) {
        const batchHandler = w.batchHandler;
        if (fetched.length > 0) track(fetched, () => runBatch(w, batchHandler, fetched));
      } else {
        const handler = w.handler;
        for (const job of fetched) track([job], () => runJob(w, handler, job));
      }
      counters.running = inFlight;
      if (stopped) break;
      if (inFlight >= concurrency) await Promise.race(mine);
      else if (fetched.length === 0) {
        // Nothing to take: wait the interval (less when a running job frees a slot, or at stop).
        await Promise.race([nap.sleep(intervalMs), ...(mine.size > 0 ? [Promise.race(mine)] : [])]);
      } else if (fetched.length < wanted) {
        // The queue is empty now: let the next jobs gather (ended early at stop).
        await nap.sleep(lingerMs);
      }
    }
    sleepers.delete(nap);
  };

  /**
   * Every third of the lease: renews the leases of this node's running jobs, and puts back on
   * their queue, at once and without the retry delay, the jobs whose lease lapsed (the process
   * running them died or hung). Jobs with no attempt left are failed by pg-boss's maintenance.
   */
  const leasePass = async () => {
    const byQueue = new Map<string, string[]>();
    for (const [id, r] of running) byQueue.set(r.name, [...(byQueue.get(r.name) ?? []), id]);
    const db = executorForHandle(database);
    for (const [name, ids] of byQueue) {
      await db.executeSql(`UPDATE ${JOBS_SCHEMA}.job SET started_on = now() WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`, [name, ids]);
    }
    const { rows } = await db.executeSql(
      `UPDATE ${JOBS_SCHEMA}.job SET state = 'retry', start_after = now(),
         output = jsonb_build_object('message', 'lease lapsed: the process running the job stopped')
       WHERE state = 'active' AND started_on + expire_in < now() AND retry_count < retry_limit
       RETURNING name`,
      [],
    );
    for (const row of rows as { name: string }[]) countersOf(row.name).reclaimed += 1;
    if (rows.length) logger.warn({ jobs: rows.length }, 'jobs whose lease lapsed were put back on their queues');
  };

  const startWorker = (w: Worker) => {
    loops.push(workerLoop(w).catch((err: unknown) => logger.error({ err, queue: w.name }, 'job worker stopped')));
  };

  return {
    boss,
    workersEnabled,
    leaseSeconds,
    stats: () => structuredClone(stats),
    async start() {
      if (started) return;
      await boss.start();
      // Nodes starting at the same moment on a database without the queues yet create them at
      // once, and pg-boss's create_queue (a row, then a partition of the job table) can then
      // deadlock: PostgreSQL ends one of them (40P01) and it tries again (creating is idempotent).
      for (let attempt = 1; ; attempt++) {
        try {
          for (const q of queues) {
            // Existing queues take the current lease too (a job copies its lease from its queue).
            await boss.createQueue(q.name, queueOptions(q, leaseSeconds));
            await boss.updateQueue(q.name, queueOptions(q, leaseSeconds));
          }
          break;
        } catch (err) {
          if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
          logger.warn({ attempt }, 'job queues: deadlock with another node creating them; trying again');
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 100)));
        }
      }
      started = true;
      if (workersEnabled) {
        for (const w of workers) startWorker(w);
        for (const [name, s] of schedules) await applySchedule(name, s);
        const tick = () => {
          leaseTimer = setTimeout(() => {
            void leasePass()
              .catch((err: unknown) => logger.warn({ err }, 'job lease pass failed'))
              .finally(() => {
                if (leaseTimer) tick();
              });
          }, Math.max(1000, (leaseSeconds * 1000) / 3));
          leaseTimer.unref();
        };
        tick();
      }
      logger.info({
        workers: workersEnabled ? workers.map((w) => w.name) : [],
        schedules: workersEnabled ? [...schedules].map(([name, s]) => ({ name, cron: s.cron })) : [],
        queues: queues.map((q) => q.name),
        leaseSeconds,
      }, 'job queue started');
    },
    async stop({ timeoutMs = config.shutdownTimeoutMs } = {}) {
      if (!started || stopped) return;
      stopped = true;
      for (const nap of sleepers) nap.wake();
      // One budget in all: pg-boss's own stop gets up to 30 % of it (1–5 s), running jobs the rest
      // to finish; those still running keep their lease until it lapses (another node retries them).
      const bossMs = Math.min(5000, Math.max(1000, Math.round(timeoutMs * 0.3)));
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise((resolve) => {
        timer = setTimeout(resolve, Math.max(0, timeoutMs - bossMs));
      });
      await Promise.race([Promise.all([...loops, ...[...running.values()].map((r) => r.promise)]), deadline]);
      clearTimeout(timer);
      if (leaseTimer) clearTimeout(leaseTimer);
      leaseTimer = null;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: bossMs });
    },
    async work(name, handler, options = {}) {
      const w: Worker = { name, handler: handler as JobHandler<unknown>, options };
      workers.push(w);
      if (started && workersEnabled) startWorker(w);
    },
    async workBatch(name, batchHandler, options = {}) {
      const w: Worker = { name, batchHandler: batchHandler as BatchJobHandler<unknown>, options };
      workers.push(w);
      if (started && workersEnabled) startWorker(w);
    },
    async schedule(name, cron, data) {
      const s = { cron, data: data ?? {} };
      schedules.set(name, s);
      if (started && workersEnabled) await applySchedule(name, s);
    },
    enqueueInTransaction,
  };
}
