/**
 * Runs the consumers of event streams. Each consumer keeps one checkpoint row per partition
 * (event_consumer_checkpoints). A node claims the checkpoints of a consumer's due partitions
 * (all of them by default) with `FOR UPDATE SKIP LOCKED`, reads their next events in position
 * order in one statement and applies them (as one batch, or one by one, each in a savepoint) in
 * the transaction that moves the checkpoints: effects and positions commit together, and two
 * nodes never process the same partition for the same consumer at once.
 *
 * A failing event rolls back its own effects; the checkpoint stays before it and records the
 * error, and the partition waits (exponential backoff) before the next attempt. After
 * `maxAttempts` the event is parked: the partition's status becomes DEAD_LETTER until an
 * operator replays it (`npm run cli -- events replay`). Events of other partitions go on.
 * Delivery is at least once (a replay delivers again): effects must be idempotent.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from '../db/create-database.js';
import { EVENT_PARTITIONS, type EventConsumer, type StreamEvent } from './consumer.js';
import { eventConsumerCheckpointsTable, type CheckpointRow, type ConsumerStatus } from './events.tables.js';
import { pollLoop } from '../jobs/poll-loop.js';
import { workerCpu } from '../jobs/cpu-share.js';

export interface RunnerOptions {
  db: Database;
  consumers: readonly EventConsumer[];
  /** Events applied per claim at most (over the claim's partitions); default 200. */
  batchSize?: number;
  /**
   * Partitions of one consumer a claim takes at once, in one transaction (default all 16: one
   * transaction per consumer and pass). Another node takes the partitions a claim does not hold.
   */
  partitionsPerClaim?: number;
  maxAttempts?: number;
  /** First retry delay; doubled per attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Claims processed at once (each in its own transaction and connection); default 1. */
  concurrency?: number;
  logger?: { warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}

export interface PassResult {
  /** Events applied (or skipped as not for the consumer) in this pass. */
  processed: number;
  failed: number;
  /** Some claim gave a full batch: more events may be waiting behind it. */
  more?: boolean;
}

export interface ConsumerRunner {
  /** Creates the missing checkpoint rows (position 0). */
  ensureCheckpoints(): Promise<void>;
  /** One pass over every consumer's due partitions: at most one batch per claim. */
  runOnce(): Promise<PassResult>;
  /**
   * Passes until nothing is left to process now (tests, the CLI); with `backlogOnly`, only while
   * a pass found a full batch in some partition (the polling loop).
   */
  drain(options?: { maxPasses?: number; backlogOnly?: boolean; signal?: AbortSignal }): Promise<PassResult>;
  /**
   * Polls every `pollMs` until stop(): a pass, then more passes at once while a partition holds
   * more than a batch, then a wait of `pollMs`.
   */
  start(pollMs: number): void;
  stop(): Promise<void>;
}

export function retryDelayMs(attempts: number, { backoffMs = 1000, maxBackoffMs = 600_000 } = {}) {
  return Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, attempts - 1));
}

export function createConsumerRunner(options: RunnerOptions): ConsumerRunner {
  const { db, consumers, batchSize = 200, maxAttempts = 8, concurrency = 1, logger } = options;
  const partitionsPerClaim = Math.max(1, Math.min(EVENT_PARTITIONS, options.partitionsPerClaim ?? EVENT_PARTITIONS));
  let ensured = false;
  // Each node starts its passes at a different partition, so that nodes spread over them.
  let offset = Math.floor(Math.random() * EVENT_PARTITIONS);

  async function ensureCheckpoints() {
    const rows = consumers.flatMap((c) => Array.from({ length: EVENT_PARTITIONS }, (_, partition) => ({ consumer: c.name, partition })));
    if (rows.length) await db.insert(eventConsumerCheckpointsTable).values(rows).onConflictDoNothing();
    ensured = true;
  }

  /**
   * One claim: the given partitions of a consumer that no other transaction holds (`FOR UPDATE
   * SKIP LOCKED`), their next events (at most `batchSize` over them all, in position order) read
   * in one statement, applied in one savepoint (`handleBatch`) or event by event, and the
   * checkpoints moved in one statement, all in one transaction. A failing event stops its own
   * partition only. Nothing is done for partitions claimed elsewhere, waiting, parked or empty.
   */
  async function runClaim(consumer: EventConsumer, partitions: number[]): Promise<PassResult> {
    return db.transaction(async (tx) => {
      const claimed = (await tx.execute(sql`
        SELECT partition, position, attempts FROM ${eventConsumerCheckpointsTable}
        WHERE consumer = ${consumer.name} AND partition IN (${sql.join(partitions.map((p) => sql`${p}`), sql`, `)}) AND status = 'ACTIVE'
          AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        ORDER BY partition
        FOR UPDATE SKIP LOCKED`) as unknown as { rows: { partition: number; position: string | number; attempts: number }[] }).rows;
      if (claimed.length === 0) return { processed: 0, failed: 0, more: false };
      const checkpoints = new Map(claimed.map((c) => [Number(c.partition), { position: Number(c.position), attempts: Number(c.attempts) }]));
      const events = await readAfter(tx, consumer, [...checkpoints].map(([partition, c]) => ({ partition, position: c.position })));
      /** The last position applied per partition. */
      const reached = new Map<number, number>();
      let processed = 0;
      let batched = false;
      if (consumer.handleBatch && events.length > 1) {
        try {
          await tx.transaction(async (sp) => consumer.handleBatch!(sp, events));
          batched = true;
        } catch (err) {
          // Event by event below: the failing one is retried (and parked) on its own.
          logger?.warn({ consumer: consumer.name, partitions: [...checkpoints.keys()], err: err instanceof Error ? err.message : String(err) }, 'event batch failed; applying its events one by one');
        }
      }
      const stopped = new Set<number>();
      if (batched) {
        for (const event of events) reached.set(event.partition, event.position);
        processed = events.length;
      } else for (const event of events) {
        if (stopped.has(event.partition)) continue;
        try {
          // A savepoint: a failing event rolls back its own effects only.
          await tx.transaction(async (sp) => consumer.handle(sp, event));
        } catch (err) {
          const checkpoint = checkpoints.get(event.partition)!;
          await recordFailure(tx, consumer, event.partition, reached.get(event.partition) ?? checkpoint.position, event, checkpoint.attempts + 1, err);
          stopped.add(event.partition);
          continue;
        }
        reached.set(event.partition, event.position);
        processed += 1;
      }
      // One statement for every partition that moved or whose earlier failure is now behind it.
      const moved = [...checkpoints]
        .filter(([partition, c]) => !stopped.has(partition) && (reached.has(partition) || c.attempts > 0))
        .map(([partition, c]) => sql`(${partition}::int, ${reached.get(partition) ?? c.position}::bigint)`);
      if (moved.length > 0) {
        await tx.execute(sql`
          UPDATE ${eventConsumerCheckpointsTable} AS c
          SET position = v.position, attempts = 0, last_error = NULL, failed_position = NULL, next_attempt_at = NULL, updated_at = now()
          FROM (VALUES ${sql.join(moved, sql`, `)}) AS v(partition, position)
          WHERE c.consumer = ${consumer.name} AND c.partition = v.partition`);
      }
      return { processed, failed: stopped.size, more: events.length >= batchSize };
    });
  }

  /**
   * The next `batchSize` events after the claimed positions, in position order: one read when the
   * source has `readMany`; else each partition's next events, merged and cut at `batchSize` (each
   * partition's events stay a prefix of what follows its checkpoint).
   */
  async function readAfter(tx: DbExecutor, consumer: EventConsumer, positions: { partition: number; position: number }[]): Promise<StreamEvent[]> {
    if (consumer.source.readMany) return consumer.source.readMany(tx, positions, batchSize);
    const all: StreamEvent[] = [];
    for (const { partition, position } of positions) all.push(...await consumer.source.read(tx, partition, position, batchSize));
    return all.sort((a, b) => a.position - b.position).slice(0, batchSize);
  }

  async function recordFailure(tx: DbExecutor, consumer: EventConsumer, partition: number, position: number, event: StreamEvent, attempts: number, err: unknown) {
    const message = err instanceof Error ? err.message : String(err);
    const parked = attempts >= maxAttempts;
    const status: ConsumerStatus = parked ? 'DEAD_LETTER' : 'ACTIVE';
    await tx.update(eventConsumerCheckpointsTable)
      .set({
        position,
        attempts,
        status,
        lastError: message.slice(0, 2000),
        failedPosition: event.position,
        nextAttemptAt: parked ? null : new Date(Date.now() + retryDelayMs(attempts, options)),
        updatedAt: new Date(),
      })
      .where(and(eq(eventConsumerCheckpointsTable.consumer, consumer.name), eq(eventConsumerCheckpointsTable.partition, partition)));
    const log = { consumer: consumer.name, partition, position: event.position, type: event.type, attempts, err: message };
    if (parked) logger?.error(log, 'event parked as dead letter');
    else logger?.warn(log, 'event consumer failed; will retry');
  }

  /**
   * Whether each consumer × partition has something to do now: events after its checkpoint, and
   * neither waiting for a retry nor parked. Two reads (the sources' heads, the checkpoints) rather
   * than a transaction per pair: most pairs are idle most of the time, and every node polls.
   * Events written after these reads are taken by the next pass.
   */
  async function duePairs(): Promise<(consumer: EventConsumer, partition: number) => boolean> {
    const sources = [...new Set(consumers.map((c) => c.source))];
    const heads = new Map(await Promise.all(sources.map(async (source) => [source, await source.heads(db)] as const)));
    const rows: CheckpointRow[] = await db.select().from(eventConsumerCheckpointsTable)
      .where(inArray(eventConsumerCheckpointsTable.consumer, consumers.map((c) => c.name)));
    const checkpoints = new Map(rows.map((r) => [`${r.consumer}/${r.partition}`, r]));
    const now = Date.now();
    return (consumer, partition) => {
      const checkpoint = checkpoints.get(`${consumer.name}/${partition}`);
      if (!checkpoint) return true; // made since: let the claim decide
      if (checkpoint.status !== 'ACTIVE') return false;
      if (checkpoint.nextAttemptAt && checkpoint.nextAttemptAt.getTime() > now) return false;
      return (heads.get(consumer.source)?.get(partition) ?? 0) > Number(checkpoint.position);
    };
  }

  async function runOnce(): Promise<PassResult> {
    if (!ensured) await ensureCheckpoints();
    const total: PassResult = { processed: 0, failed: 0, more: false };
    offset = (offset + 1) % EVENT_PARTITIONS;
    const due = await duePairs();
    // Per consumer, its due partitions (from this pass's offset) in claims of `partitionsPerClaim`.
    const tasks = consumers.flatMap((consumer) => {
      const partitions = Array.from({ length: EVENT_PARTITIONS }, (_, i) => (i + offset) % EVENT_PARTITIONS).filter((partition) => due(consumer, partition));
      return Array.from({ length: Math.ceil(partitions.length / partitionsPerClaim) }, (_, i) => ({ consumer, partitions: partitions.slice(i * partitionsPerClaim, (i + 1) * partitionsPerClaim) }));
    });
    // `concurrency` lanes take the claims in turn.
    let next = 0;
    const lane = async () => {
      while (next < tasks.length) {
        const { consumer, partitions } = tasks[next++]!;
        const end = workerCpu.begin(`consumer:${consumer.name}`);
        let r: PassResult = { processed: 0, failed: 0 };
        try {
          r = await runClaim(consumer, partitions);
        } finally {
          end(r.processed);
        }
        total.processed += r.processed;
        total.failed += r.failed;
        total.more ||= r.more;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, lane));
    return total;
  }

  async function drain({ maxPasses = 1000, backlogOnly = false, signal }: { maxPasses?: number; backlogOnly?: boolean; signal?: AbortSignal } = {}) {
    const total: PassResult = { processed: 0, failed: 0 };
    // A stopping node ends after the pass in flight (the rest is taken by the next poll of any node).
    for (let i = 0; i < maxPasses && !signal?.aborted; i++) {
      const r = await runOnce();
      total.processed += r.processed;
      total.failed += r.failed;
      // Stops when nothing was done; failures due again at once (no backoff) are retried.
      if (r.processed === 0 && r.failed === 0) break;
      // The polling loop goes on at once only behind a full batch: events that keep arriving are
      // taken by the next poll several at a time, not in a transaction per event and partition.
      if (backlogOnly && !r.more) break;
    }
    return total;
  }

  const loop = pollLoop((signal) => drain({ maxPasses: 20, backlogOnly: true, signal }), (err: unknown) => logger?.error({ err }, 'event consumers pass failed'));

  return { ensureCheckpoints, runOnce, drain, start: loop.start, stop: loop.stop };
}

// ---------------------------------------------------------------------------------------------
// Operations: lag, dead letters, replay

export interface ConsumerLag {
  consumer: string;
  /** Events not yet processed, over every partition. */
  lag: number;
  /** Lowest processed position over the partitions. */
  position: number;
  headPosition: number;
  deadLetters: { partition: number; position: number | null; error: string | null }[];
  retrying: { partition: number; attempts: number; nextAttemptAt: string | null; error: string | null }[];
}

export async function consumerLag(db: DbExecutor, consumers: readonly EventConsumer[]): Promise<ConsumerLag[]> {
  const out: ConsumerLag[] = [];
  for (const consumer of consumers) {
    const rows: CheckpointRow[] = await db.select().from(eventConsumerCheckpointsTable).where(eq(eventConsumerCheckpointsTable.consumer, consumer.name));
    const byPartition = new Map(rows.map((r) => [r.partition, r]));
    const counts = await consumer.source.countAfter(db, Array.from({ length: EVENT_PARTITIONS }, (_, p) => ({ partition: p, position: Number(byPartition.get(p)?.position ?? 0) })));
    const heads = await consumer.source.heads(db);
    out.push({
      consumer: consumer.name,
      lag: counts,
      position: rows.length === EVENT_PARTITIONS ? Math.min(...rows.map((r) => Number(r.position))) : 0,
      headPosition: Math.max(0, ...heads.values()),
      deadLetters: rows.filter((r) => r.status === 'DEAD_LETTER').map((r) => ({ partition: r.partition, position: r.failedPosition === null ? null : Number(r.failedPosition), error: r.lastError })),
      retrying: rows.filter((r) => r.status === 'ACTIVE' && r.attempts > 0).map((r) => ({ partition: r.partition, attempts: r.attempts, nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null, error: r.lastError })),
    });
  }
  return out;
}

/**
 * Replays a consumer: every partition (or one) goes back to just before `fromPosition` (1: the
 * beginning) and is active again, parked events included; without `fromPosition` the partitions
 * stay where they are and parked events are retried. Events are delivered again; the consumer's
 * idempotent effects make that safe. A position past a parked event skips it.
 */
export async function replayConsumer(db: DbExecutor, consumerName: string, { fromPosition, partition }: { fromPosition?: number; partition?: number } = {}) {
  const where = partition === undefined
    ? eq(eventConsumerCheckpointsTable.consumer, consumerName)
    : and(eq(eventConsumerCheckpointsTable.consumer, consumerName), eq(eventConsumerCheckpointsTable.partition, partition));
  const rows = await db.update(eventConsumerCheckpointsTable)
    .set({
      ...(fromPosition === undefined ? {} : { position: Math.max(0, fromPosition - 1) }),
      status: 'ACTIVE', attempts: 0, lastError: null, failedPosition: null, nextAttemptAt: null, updatedAt: new Date(),
    })
    .where(where)
    .returning({ partition: eventConsumerCheckpointsTable.partition });
  return { partitions: rows.length };
}
