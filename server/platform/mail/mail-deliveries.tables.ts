/**
 * One row per e-mail message sent through the `mail.send` job: the message id is unique, so a
 * message is delivered once however often its job runs; attempts and the last error are kept.
 * The body is not stored here (it travels in the job and is not needed afterwards).
 */
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../db/columns.js';

export const mailDeliveriesTable = pgTable('mail_deliveries', {
  messageId: text('message_id').primaryKey(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  /** queued → sending → sent; `failed` once the retries are spent. */
  status: text('status', { enum: ['queued', 'sending', 'sent', 'failed'] }).notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  ...timestampColumns(),
}, (t) => [index('mail_deliveries_status_idx').on(t.status, t.createdAt)]);
