/**
 * Webhook subscriptions (Standard Webhooks), the messages derived from the dossier event stream
 * for each subscription, and every delivery attempt. The dossier_events rows are the outbox;
 * a message row is where one subscription stands in delivering one event.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const subscriptionStatuses = ['ACTIVE', 'DISABLED'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];
export const messageStatuses = ['PENDING', 'FAILING', 'DELIVERED', 'DEAD'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const webhookSubscriptionsTable = pgTable('webhook_subscriptions', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  description: text('description'),
  eventTypes: text('event_types').array().notNull(),
  status: text('status', { enum: subscriptionStatuses }).notNull().default('ACTIVE'),
  /** `whsec_` + base64 key, sealed under `SECRETS_KEY` (`v1:…`): opened only to sign a delivery. */
  secret: text('secret').notNull(),
  /** The secret before the last rotation (sealed too), still signing until `previousSecretUntil`. */
  previousSecret: text('previous_secret'),
  previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true }),
  ownerUserId: text('owner_user_id'),
  ownerEmail: text('owner_email'),
  /** First failed attempt since the last success (null when healthy). */
  failingSince: timestamp('failing_since', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  disabledReason: text('disabled_reason'),
  /** A worker holds the subscription until this instant (one node delivers it at a time). */
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One message (`webhook-id`) per subscription, event and webhook type. */
export const webhookMessagesTable = pgTable('webhook_messages', {
  id: text('id').primaryKey(),
  subscriptionId: text('subscription_id').notNull().references(() => webhookSubscriptionsTable.id, { onDelete: 'cascade' }),
  /** The dossier event; null for a test message. */
  eventId: text('event_id'),
  /** Stream position of the event: messages of a subscription go out in this order. */
  position: bigint('position', { mode: 'number' }).notNull(),
  /** Within one event: `dossier.status_changed` (0) before the event's own type (1). */
  rank: smallint('rank').notNull().default(0),
  type: text('type').notNull(),
  dossierCode: text('dossier_code'),
  /** The body sent, `{ type, timestamp, data }`, serialised once so that every attempt signs the same bytes. */
  body: text('body').notNull(),
  status: text('status', { enum: messageStatuses }).notNull().default('PENDING'),
  attempts: integer('attempts').notNull().default(0),
  firstAttemptAt: timestamp('first_attempt_at', { withTimezone: true }),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  lastError: text('last_error'),
  /** When the message entered the queue (or was replayed): retries stop WEBHOOK_RETRY_HOURS after it. */
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('webhook_messages_event_uq').on(t.subscriptionId, t.eventId, t.type),
  index('webhook_messages_queue_idx').on(t.subscriptionId, t.position, t.rank).where(sql`${t.status} IN ('PENDING', 'FAILING')`),
  index('webhook_messages_status_idx').on(t.subscriptionId, t.status, t.createdAt),
]);

/** Every delivery attempt: HTTP status, latency and the start of the answer. */
export const webhookAttemptsTable = pgTable('webhook_attempts', {
  id: text('id').primaryKey(),
  messageId: text('message_id').notNull().references(() => webhookMessagesTable.id, { onDelete: 'cascade' }),
  subscriptionId: text('subscription_id').notNull().references(() => webhookSubscriptionsTable.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull(),
  httpStatus: integer('http_status'),
  latencyMs: integer('latency_ms').notNull(),
  ok: boolean('ok').notNull(),
  responseExcerpt: text('response_excerpt'),
  error: text('error'),
  /** Who triggered it: the worker, a replay or a test. */
  trigger: text('trigger').notNull().default('WORKER'),
}, (t) => [index('webhook_attempts_message_idx').on(t.messageId, t.at), index('webhook_attempts_subscription_idx').on(t.subscriptionId, t.at)]);

export type WebhookSubscriptionRow = typeof webhookSubscriptionsTable.$inferSelect;
export type WebhookMessageRow = typeof webhookMessagesTable.$inferSelect;
