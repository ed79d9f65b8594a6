/**
 * Several serving processes on one node (`WEB_CONCURRENCY` > 1, ADR 0026), with Node's cluster
 * module: the first process (the primary) has done the node's one-time work (simulators, web
 * build, seeding) and then only supervises. Each serving process is a whole application node
 * (its own database pool, job workers, caches), as nodes on separate machines are; the primary
 * shares the listening port among them (connections handed out in turn).
 *
 * The primary restarts a serving process that stops unexpectedly (after a short pause, and gives
 * up when they keep stopping), passes SIGTERM/SIGINT on for a graceful shutdown, and answers the
 * serving processes' requests for the metrics of all of them (prom-client's AggregatorRegistry
 * summing what each listening process reports).
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from 'pino';

const METRICS_REQUEST = 'opendvc:cluster-metrics-request';
const METRICS_ANSWER = 'opendvc:cluster-metrics-answer';
// What prom-client's AggregatorRegistry, constructed in a serving process, answers.
const PROCESS_METRICS_REQUEST = 'prom-client:getMetricsReq';
const PROCESS_METRICS_ANSWER = 'prom-client:getMetricsRes';
const PROCESS_METRICS_TIMEOUT_MS = 5000;

/** Restarts allowed within `RESTART_WINDOW_MS` before the primary gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
const RESTART_PAUSE_MS = 1000;

export interface SupervisorOptions {
  processes: number;
  /** Added to each serving process's environment (the simulators' addresses, …). */
  env: Record<string, string>;
  log: Logger;
  /** How long the serving processes may take to stop gracefully before they are killed. */
  shutdownTimeoutMs: number;
  /** Run after every serving process has stopped (simulators, …). */
  onStopped?: () => void;
}

export function isServingProcess(): boolean {
  return cluster.isWorker;
}

/** Starts the serving processes and resolves, with the port they share, once each is listening. */
export async function superviseServingProcesses({ processes, env, log, shutdownTimeoutMs, onStopped }: SupervisorOptions): Promise<number> {
  let closing = false;
  const restarts: number[] = [];
  // Only the processes that listen are asked for their metrics: one still starting (a replacement)
  // has none yet and would not answer, and a scrape would wait for it and fail.
  const listening = new Set<Worker>();
  let nextRequest = 0;
  const metricsOf = (worker: Worker) => new Promise<unknown[]>((resolve) => {
    const requestId = nextRequest++;
    const answered = (message: { type?: string; requestId?: number; metrics?: unknown[]; error?: string }) => {
      if (message?.type !== PROCESS_METRICS_ANSWER || message.requestId !== requestId) return;
      clearTimeout(timer);
      worker.off('message', answered);
      resolve(message.error === undefined ? message.metrics ?? [] : []);
    };
    // A process that does not answer in time is left out of this scrape.
    const timer = setTimeout(() => {
      worker.off('message', answered);
      resolve([]);
    }, PROCESS_METRICS_TIMEOUT_MS);
    worker.on('message', answered);
    worker.send({ type: PROCESS_METRICS_REQUEST, requestId });
  });
  const nodeMetrics = async () => {
    const parts = await Promise.all([...listening].filter((w) => w.isConnected()).map(metricsOf));
    return AggregatorRegistry.aggregate(parts.flat() as Parameters<typeof AggregatorRegistry.aggregate>[0]).metrics();
  };

  const fork = (): Worker => {
    const worker = cluster.fork(env);
    worker.once('listening', () => listening.add(worker));
    worker.once('exit', () => listening.delete(worker));
    worker.on('message', (message: { type?: string; id?: number }) => {
      if (message?.type !== METRICS_REQUEST) return;
      nodeMetrics().then(
        (text) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, text }),
        (err: Error) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, error: err.message }),
      );
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    if (closing) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length > MAX_RESTARTS) {
      log.fatal({ pid: worker.process.pid, code, signal, restarts: restarts.length }, 'serving processes keep stopping; the node stops');
      void shutdown('restarts').then(() => process.exit(1));
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'a serving process stopped; starting another');
    setTimeout(() => {
      if (!closing) fork();
    }, RESTART_PAUSE_MS).unref();
  });

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    log.info({ signal, processes: workers.length }, 'shutting down the serving processes');
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
      if (w.isDead()) return resolve();
      const timer = setTimeout(() => {
        log.error({ pid: w.process.pid }, 'a serving process did not stop in time; killed');
        w.process.kill('SIGKILL');
      }, shutdownTimeoutMs + 2000);
      w.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      // A signal sent to the whole group (Ctrl-C) reached it already; once more does no harm.
      w.process.kill('SIGTERM');
    })));
    onStopped?.();
  };
  const onSignal = (signal: string) => {
    void shutdown(signal).then(() => {
      log.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  const ports = await Promise.all(Array.from({ length: processes }, () => new Promise<number>((resolve, reject) => {
    const worker = fork();
    const failed = (code: number | null) => reject(new Error(`a serving process stopped while starting (exit code ${code})`));
    worker.once('listening', (address) => {
      worker.off('exit', failed);
      resolve(address.port);
    });
    worker.once('exit', failed);
  })));
  return ports[0]!;
}

/**
 * In a serving process: makes `registry` part of the node's metrics, and returns how to read
 * the metrics of every serving process together (through the primary); undefined when this
 * process serves alone.
 */
export function clusterMetricsReader(registry: Registry): (() => Promise<string>) | undefined {
  if (!cluster.isWorker || !process.send) return undefined;
  AggregatorRegistry.setRegistries([registry]);
  // Constructed in a serving process, it answers the primary's requests for this process's metrics.
  new AggregatorRegistry();
  let next = 0;
  const pending = new Map<number, { resolve: (text: string) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }>();
  process.on('message', (message: { type?: string; id?: number; text?: string; error?: string }) => {
    if (message?.type !== METRICS_ANSWER || message.id === undefined) return;
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    clearTimeout(p.timer);
    if (message.error !== undefined) p.reject(new Error(message.error));
    else p.resolve(message.text ?? '');
  });
  return () => new Promise<string>((resolve, reject) => {
    const id = next++;
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('the node\'s primary process did not answer with the metrics in time'));
    }, 10_000);
    pending.set(id, { resolve, reject, timer });
    process.send!({ type: METRICS_REQUEST, id });
  });
}
