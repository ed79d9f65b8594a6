/**
 * `/metrics` in the Prometheus text format (prom-client): HTTP latency by route and status,
 * database pool use and connection faults, job queue depth and oldest waiting job per queue,
 * the workers' counters, event-consumer lag, and what modules add (the national portal sync lag).
 * Values read from the database are taken at scrape time; a scrape while the database is away
 * still answers, with those gauges left out. Outside production the route is open; in production
 * it answers only with `Authorization: Bearer METRICS_TOKEN`, and not at all when that is unset.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import { queryRows, type DatabaseHandle } from '../db/create-database.js';
import { createErrorFactory } from '../errors/app-error.js';
import { consumerLag, type EventConsumer } from '../events/index.js';
import { JOBS_SCHEMA, workerCpu, type JobQueue } from '../jobs/index.js';
import type { MetricSource } from '../modules.js';
import { clusterMetricsReader } from '../cluster/serving-processes.js';

export const createMetricsForbiddenError = createErrorFactory({
  code: 'platform.metrics_forbidden',
  message: 'Không có quyền đọc số liệu vận hành (cần mã METRICS_TOKEN).',
  status: 401,
});

export const createMetricsDisabledError = createErrorFactory({
  code: 'platform.metrics_disabled',
  message: 'Số liệu vận hành chưa được bật: cấu hình METRICS_TOKEN.',
  status: 403,
});

export interface MetricsDeps {
  config: Pick<Config, 'nodeEnv' | 'metricsToken'>;
  database: DatabaseHandle;
  jobs: JobQueue;
  consumers: readonly EventConsumer[];
  sources: readonly MetricSource[];
}

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function sameSecret(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerMetrics(app: FastifyInstance, { config, database, jobs, consumers, sources }: MetricsDeps) {
  // This process's own figures; with several serving processes (WEB_CONCURRENCY), summed over them.
  const registry = new Registry();
  // Read from the database at scrape time by the process answering: the node's whole state once.
  const databaseRegistry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'opendvc_' });
  const http = new Histogram({
    name: 'opendvc_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL (bounded label values); unmatched requests share one.
    const route = request.routeOptions.url ?? 'unmatched';
    http.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const pool = database.pool;
  new Gauge({
    name: 'opendvc_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting requests); absent on the embedded database',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Counter({
    name: 'opendvc_db_connection_errors_total',
    help: 'Database connections lost (terminated, server restarted) since start',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(database.faults.connectionErrors);
    },
  });
  new Gauge({
    name: 'opendvc_db_up',
    help: '1 when the database answered SELECT 1 at this scrape',
    registers: [registry],
    // With several serving processes: 1 only when every one of them reached it.
    aggregator: 'min',
    async collect() {
      this.set((await database.probe(1000)) ? 1 : 0);
    },
  });

  // Job queues: read from the database at scrape time.
  const depth = new Gauge({ name: 'opendvc_job_queue_depth', help: 'Jobs per queue and state (created, retry, active)', labelNames: ['queue', 'state'], registers: [databaseRegistry] });
  const oldest = new Gauge({ name: 'opendvc_job_queue_oldest_age_seconds', help: 'Age of the oldest job due and not yet taken, per queue (0 when none)', labelNames: ['queue'], registers: [databaseRegistry] });
  new Counter({
    name: 'opendvc_job_worker_jobs_total',
    help: 'Jobs run by this node\'s workers, by queue and outcome (completed, failed, reclaimed after a lapsed lease)',
    labelNames: ['queue', 'outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [queue, s] of Object.entries(jobs.stats())) {
        this.inc({ queue, outcome: 'completed' }, s.completed);
        this.inc({ queue, outcome: 'failed' }, s.failed);
        this.inc({ queue, outcome: 'reclaimed' }, s.reclaimed);
      }
    },
  });
  const consumerLagGauge = new Gauge({ name: 'opendvc_event_consumer_lag_events', help: 'Events not yet processed by each event consumer', labelNames: ['consumer'], registers: [databaseRegistry] });
  const deadLetters = new Gauge({ name: 'opendvc_event_consumer_dead_letter_partitions', help: 'Partitions of each consumer parked on a dead letter', labelNames: ['consumer'], registers: [databaseRegistry] });
  new Counter({
    name: 'opendvc_worker_cpu_seconds_total',
    help: 'CPU time of this process by unit of background work (queue:<name>, consumer:<name>; other: none running), shared evenly among the units running at once',
    labelNames: ['unit'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [unit, e] of Object.entries(workerCpu.snapshot())) this.inc({ unit }, e.cpuMs / 1000);
    },
  });
  new Counter({
    name: 'opendvc_worker_items_total',
    help: 'Jobs (queue:<name>) and events (consumer:<name>) handled by this process',
    labelNames: ['unit'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [unit, e] of Object.entries(workerCpu.snapshot())) if (unit !== 'other') this.inc({ unit }, e.items);
    },
  });
  const sourceGauges = sources.map((s) => ({ source: s, gauge: new Gauge({ name: s.name, help: s.help, labelNames: s.labelNames ?? [], registers: [databaseRegistry] }) }));
  const scrapeErrors = new Counter({ name: 'opendvc_metrics_scrape_errors_total', help: 'Database-read parts of a scrape that failed (left out of that scrape)', labelNames: ['part'], registers: [registry] });

  async function collectFromDatabase() {
    const parts: [string, () => Promise<void>][] = [
      ['jobs', async () => {
        const rows = await queryRows<{ name: string; created: number; retry: number; active: number; oldest: number | null }>(database.db, sql`
          SELECT name,
            count(*) FILTER (WHERE state = 'created')::int AS created,
            count(*) FILTER (WHERE state = 'retry')::int AS retry,
            count(*) FILTER (WHERE state = 'active')::int AS active,
            EXTRACT(epoch FROM now() - min(start_after) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()))::float8 AS oldest
          FROM ${sql.raw(JOBS_SCHEMA)}.job WHERE state < 'completed' GROUP BY name`);
        const queues = await queryRows<{ name: string }>(database.db, sql`SELECT name FROM ${sql.raw(JOBS_SCHEMA)}.queue`);
        depth.reset();
        oldest.reset();
        const byName = new Map(rows.map((r) => [r.name, r]));
        for (const { name } of queues) {
          const r = byName.get(name);
          for (const state of ['created', 'retry', 'active'] as const) depth.set({ queue: name, state }, Number(r?.[state] ?? 0));
          oldest.set({ queue: name }, Math.max(0, Number(r?.oldest ?? 0)));
        }
      }],
      ['consumers', async () => {
        consumerLagGauge.reset();
        deadLetters.reset();
        for (const lag of await consumerLag(database.db, consumers)) {
          consumerLagGauge.set({ consumer: lag.consumer }, lag.lag);
          deadLetters.set({ consumer: lag.consumer }, lag.deadLetters.length);
        }
      }],
      ...sourceGauges.map(({ source, gauge }): [string, () => Promise<void>] => [source.name, async () => {
        gauge.reset();
        for (const v of await source.collect(database.db)) gauge.set(v.labels ?? {}, v.value);
      }]),
    ];
    for (const [part, run] of parts) {
      try {
        await run();
      } catch {
        scrapeErrors.inc({ part });
      }
    }
  }

  const allProcesses = clusterMetricsReader(registry);

  app.get('/metrics', {
    schema: {
      tags: ['Operations'],
      summary: 'Operations metrics in the Prometheus text format; in production only with `Authorization: Bearer METRICS_TOKEN`',
      produces: ['text/plain'],
    },
  }, async (request, reply) => {
    const token = config.metricsToken;
    if (token) {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!sameSecret(given, token)) throw createMetricsForbiddenError();
    } else if (config.nodeEnv === 'production') {
      throw createMetricsDisabledError();
    }
    await collectFromDatabase();
    const own = allProcesses ? await allProcesses() : await registry.metrics();
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(`${own.endsWith('\n') || own === '' ? own : `${own}\n`}${await databaseRegistry.metrics()}`);
  });
  return registry;
}
