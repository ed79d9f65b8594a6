/**
 * Where each consumer of an event stream stands: one row per consumer × partition, holding the
 * last position processed, retries and a parked (dead-letter) event.
 */
import { bigint, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

export const consumerStatuses = ['ACTIVE', 'DEAD_LETTER'] as const;
export type ConsumerStatus = (typeof consumerStatuses)[number];

export const eventConsumerCheckpointsTable = pgTable('event_consumer_checkpoints', {
  consumer: text('consumer').notNull(),
  partition: smallint('partition').notNull(),
  /** Last position processed (0: nothing yet). */
  position: bigint('position', { mode: 'number' }).notNull().default(0),
  status: text('status').$type<ConsumerStatus>().notNull().default('ACTIVE'),
  /** Failed attempts at the next event. */
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /** The event that failed (parked when DEAD_LETTER). */
  failedPosition: bigint('failed_position', { mode: 'number' }),
  /** No attempt before this instant (retry backoff). */
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.consumer, t.partition] })]);

export type CheckpointRow = typeof eventConsumerCheckpointsTable.$inferSelect;
