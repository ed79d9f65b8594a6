/**
 * National Single Window connector (docs/adr/0013-national-single-window.md): every message
 * exchanged with the NSW. Inbound applications are recorded with the answer given (received 99
 * or validation errors 00); outbound notices are the consumer's outbox rows, one per dossier event
 * (keyed by the event id, so a redelivered event adds nothing), sent by the sender with retries.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { dossiersTable } from '../dossiers/dossiers.tables.js';

export const nswDirections = ['IN', 'OUT'] as const;
/** IN: ACCEPTED (answered 99) or REJECTED (answered 00). OUT: PENDING → SENT, or FAILING → DEAD. */
export const nswMessageStates = ['ACCEPTED', 'REJECTED', 'PENDING', 'FAILING', 'SENT', 'DEAD'] as const;
export type NswMessageState = (typeof nswMessageStates)[number];

export const nswMessagesTable = pgTable('nsw_messages', {
  id: text('id').primaryKey(),
  direction: text('direction', { enum: nswDirections }).notNull(),
  /** OUT: the dossier event the message reports (unique: one message per event). */
  eventId: text('event_id'),
  dossierId: text('dossier_id').references(() => dossiersTable.id, { onDelete: 'cascade' }),
  /** The NSW document number of the filing (Subject/Reference). */
  documentNo: text('document_no').notNull(),
  /** The NSW procedure code (documentType). */
  documentType: text('document_type').notNull(),
  type: text('type').notNull(),
  function: text('function').notNull(),
  /** The NSW message id (IN) or the one sent (OUT). */
  messageId: text('message_id').notNull(),
  state: text('state', { enum: nswMessageStates }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastError: text('last_error'),
  /** IN: the errors answered (00). OUT: what the NSW answered last (function and errors). */
  answer: jsonb('answer').$type<Record<string, unknown>>(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('nsw_messages_event_uq').on(t.eventId),
  index('nsw_messages_due_idx').on(t.nextAttemptAt).where(sql`${t.state} IN ('PENDING', 'FAILING')`),
  index('nsw_messages_document_idx').on(t.documentNo, t.createdAt),
]);

export type NswMessageRow = typeof nswMessagesTable.$inferSelect;
