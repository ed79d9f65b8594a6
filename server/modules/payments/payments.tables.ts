/**
 * Payments (issue 13): a payment request per dossier and stage with its items and total, and
 * the attempts to pay it through a provider. Every amount is integer VND. A request is PAID
 * once, by the one attempt whose proof (checksum, amount, reference) was accepted first.
 */
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../../platform/db/columns.js';
import { dossiersTable } from '../dossiers/dossiers.tables.js';

export const paymentStatuses = ['PENDING', 'PAID', 'CANCELLED', 'EXPIRED', 'REFUNDED'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
export const paymentStages = ['FILING', 'AFTER_APPRAISAL'] as const;
export const paymentProviders = ['national', 'vnpay', 'bank_transfer'] as const;
export type PaymentProviderName = (typeof paymentProviders)[number];
export const attemptStatuses = ['PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'] as const;
export type AttemptStatus = (typeof attemptStatuses)[number];

export interface PaymentItemRow {
  code: string;
  kind: 'PHI' | 'LE_PHI' | 'OTHER';
  name: string;
  amount: number;
}

export const paymentRequestsTable = pgTable('payment_requests', {
  id: text('id').primaryKey(),
  dossierId: text('dossier_id').notNull().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  stage: text('stage', { enum: paymentStages }).notNull(),
  status: text('status', { enum: paymentStatuses }).notNull().default('PENDING'),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  currency: text('currency').notNull().default('VND'),
  items: jsonb('items').$type<PaymentItemRow[]>().notNull(),
  /** Payment reference shown to the payer (bank transfers and the VietQR code carry it). */
  reference: text('reference').notNull().unique(),
  /** The dossier waits in AWAITING_PAYMENT for it. */
  holdsDossier: boolean('holds_dossier').notNull().default(false),
  /** The event that caused a FILING request (one request per submission, whatever the replays). */
  sourceEventId: text('source_event_id').unique(),
  requestedByUserId: text('requested_by_user_id'),
  note: text('note'),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  paidAttemptId: text('paid_attempt_id'),
  provider: text('provider', { enum: paymentProviders }),
  providerTransactionId: text('provider_transaction_id'),
  ...timestampColumns(),
}, (t) => [index('payment_requests_dossier_idx').on(t.dossierId, t.createdAt)]);

export const paymentAttemptsTable = pgTable('payment_attempts', {
  id: text('id').primaryKey(),
  paymentId: text('payment_id').notNull().references(() => paymentRequestsTable.id, { onDelete: 'cascade' }),
  provider: text('provider', { enum: paymentProviders }).notNull(),
  /** The provider's order reference (MaThamChieu / vnp_TxnRef): unique per attempt. */
  providerReference: text('provider_reference').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  status: text('status', { enum: attemptStatuses }).notNull().default('PENDING'),
  redirectUrl: text('redirect_url').notNull(),
  /** yyyyMMddHHmmss (Asia/Ho_Chi_Minh) as sent to the provider; queries repeat it. */
  providerCreatedAt: text('provider_created_at').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  settledAt: timestamp('settled_at', { withTimezone: true }),
  providerTransactionId: text('provider_transaction_id'),
  bankCode: text('bank_code'),
  queryCount: integer('query_count').notNull().default(0),
  lastQueriedAt: timestamp('last_queried_at', { withTimezone: true }),
  createdByUserId: text('created_by_user_id'),
  ...timestampColumns(),
}, (t) => [
  uniqueIndex('payment_attempts_ref_uq').on(t.provider, t.providerReference),
  index('payment_attempts_payment_idx').on(t.paymentId),
  index('payment_attempts_pending_idx').on(t.status, t.createdAt),
]);

/** Every message a provider sent (callback, IPN, return, query answer): accepted or refused, with why. */
export const paymentNotificationsTable = pgTable('payment_notifications', {
  id: text('id').primaryKey(),
  provider: text('provider', { enum: paymentProviders }).notNull(),
  channel: text('channel').notNull(),
  providerReference: text('provider_reference'),
  outcome: text('outcome').notNull(),
  reason: text('reason'),
  body: jsonb('body').$type<Record<string, unknown>>().notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('payment_notifications_ref_idx').on(t.providerReference)]);

export const refundStatuses = ['SUCCEEDED', 'FAILED', 'MANUAL'] as const;

/**
 * Refunds (full or partial) of a paid attempt: sent through the provider's refund message when it
 * has one (VNPAY `refund`), else recorded for a manual refund by the unit's accountant (MANUAL).
 */
export const paymentRefundsTable = pgTable('payment_refunds', {
  id: text('id').primaryKey(),
  paymentId: text('payment_id').notNull().references(() => paymentRequestsTable.id, { onDelete: 'cascade' }),
  attemptId: text('attempt_id').notNull().references(() => paymentAttemptsTable.id, { onDelete: 'cascade' }),
  provider: text('provider', { enum: paymentProviders }).notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  full: boolean('full').notNull(),
  status: text('status', { enum: refundStatuses }).notNull(),
  reason: text('reason').notNull(),
  providerCode: text('provider_code'),
  providerTransactionId: text('provider_transaction_id'),
  requestedByUserId: text('requested_by_user_id'),
  ...timestampColumns(),
}, (t) => [index('payment_refunds_payment_idx').on(t.paymentId), index('payment_refunds_attempt_idx').on(t.attemptId)]);

export type PaymentRequestRow = typeof paymentRequestsTable.$inferSelect;
export type PaymentAttemptRow = typeof paymentAttemptsTable.$inferSelect;
