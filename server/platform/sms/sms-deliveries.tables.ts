/**
 * One row per SMS: the message id is unique, so a message is sent once however often its job
 * runs; the rows of the last hour are the per-number throttle. The text is not stored (one-time
 * codes must not be kept in clear).
 */
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../db/columns.js';

export const smsDeliveriesTable = pgTable('sms_deliveries', {
  messageId: text('message_id').primaryKey(),
  /** National form (0xxxxxxxxx). */
  recipient: text('recipient').notNull(),
  /** sending → sent; `queued` between attempts; `failed` when refused or out of retries; `throttled` when the number had its share for the hour. */
  status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'throttled'] }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  ...timestampColumns(),
}, (t) => [index('sms_deliveries_recipient_idx').on(t.recipient, t.createdAt)]);
