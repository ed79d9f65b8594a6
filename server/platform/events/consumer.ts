/**
 * Consumers of an event stream. A stream is split in PARTITIONS by a hash of its aggregate id
 * (for dossiers: the dossier id), so that events of one aggregate are in one partition, in
 * position order. A consumer keeps one checkpoint per partition.
 */
import type { DbExecutor } from '../db/create-database.js';

export const EVENT_PARTITIONS = 16;

/** One event as a consumer sees it. Positions are monotonic over the whole stream. */
export interface StreamEvent {
  id: string;
  position: number;
  partition: number;
  aggregateId: string;
  type: string;
  payloadVersion: number;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** Where a consumer reads from; the module that owns the stream provides it. */
export interface EventSource<E extends StreamEvent = StreamEvent> {
  name: string;
  /** Events of one partition after a position, in position order. */
  read(db: DbExecutor, partition: number, afterPosition: number, limit: number): Promise<E[]>;
  /**
   * Optional: the first `limit` events, in position order, over several partitions each after its
   * own position, in one read (without it the runner reads partition by partition).
   */
  readMany?(db: DbExecutor, positions: { partition: number; position: number }[], limit: number): Promise<E[]>;
  /** The last position of each partition (absent: empty). */
  heads(db: DbExecutor): Promise<Map<number, number>>;
  /** How many events lie after each given partition position, in total. */
  countAfter(db: DbExecutor, positions: { partition: number; position: number }[]): Promise<number>;
}

/** A consumer; `E` is the source's event shape (method syntax keeps consumers of any source in one list). */
export interface EventConsumer<E extends StreamEvent = StreamEvent> {
  /** Stable name; the checkpoints are stored under it. */
  name: string;
  source: EventSource<E>;
  /**
   * Applies one event in the transaction that also moves the checkpoint. Effects must be
   * idempotent (dedupe keys): an event may be delivered again after a crash or a replay.
   */
  handle(tx: DbExecutor, event: E): Promise<void>;
  /**
   * Optional: applies a whole batch at once (same effects as `handle` on each event in order), for
   * consumers whose per-event work is cheaper done together. A batch holds the next events of the
   * partitions one claim took (up to all of them), in position order: each dossier's events in its
   * order. When it fails, the runner applies the batch again event by event with `handle`, so a
   * failing event is retried and parked on its own and stops only its partition.
   */
  handleBatch?(tx: DbExecutor, events: E[]): Promise<void>;
}

/**
 * The consumer with a `handleBatch` that applies a claim's batch with `handle`, event after
 * event, in the one savepoint the runner opens for a batch, instead of a savepoint per event (two
 * more statements each): for consumers that act on few of the stream's events. A failing event
 * still fails alone: the runner then applies that batch again event by event.
 */
export function inOneSavepoint<E extends StreamEvent>(consumer: EventConsumer<E>): EventConsumer<E> {
  return {
    ...consumer,
    async handleBatch(tx, events) {
      for (const event of events) await consumer.handle(tx, event);
    },
  };
}
