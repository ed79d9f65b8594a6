/**
 * Electronic fee receipts (biên lai thu phí, lệ phí điện tử; Decree 123/2020/NĐ-CP, Circular
 * 78/2021/TT-BTC): one per payment, numbered without gaps in the series of the collecting unit
 * and year (form number, symbol, number), rendered and sealed by a job.
 */
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { dossiersTable } from '../dossiers/dossiers.tables.js';

export const receiptStatuses = ['PENDING', 'ISSUED', 'CANCELLED'] as const;
export type ReceiptStatus = (typeof receiptStatuses)[number];

/** A refund of the payment recorded on its receipt (partial ones; a full one cancels it). */
export interface ReceiptRefund {
  refundId: string;
  amount: number;
  full: boolean;
  reason: string;
  at: string;
}

export interface ReceiptItem {
  code: string;
  kind: 'PHI' | 'LE_PHI' | 'OTHER';
  name: string;
  amount: number;
}

/** Who paid, as printed (the dossier's applicant or the organisation filed for). */
export interface ReceiptPayer {
  name: string;
  idNumber?: string | null;
  taxCode?: string | null;
  address?: string | null;
}

export const receiptsTable = pgTable('receipts', {
  /** Public: the verification page is /xac-minh/{id}. */
  id: text('id').primaryKey(),
  dossierId: text('dossier_id').notNull().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  /** One receipt per payment: a replayed `dossier.paid` finds it. */
  paymentId: text('payment_id').notNull(),
  /** The `dossier.paid` event it was issued from. */
  eventId: text('event_id').notNull(),
  /** The collecting unit (the dossier's receiving unit) and its name as printed. */
  unitId: text('unit_id').notNull(),
  unitName: text('unit_name').notNull(),
  year: integer('year').notNull(),
  /** Mẫu số (ký hiệu mẫu biên lai), ký hiệu and số: e.g. 01BLP0-001, AA26E, 1 (printed 0000001). */
  formCode: text('form_code').notNull(),
  symbol: text('symbol').notNull(),
  number: integer('number').notNull(),
  payer: jsonb('payer').$type<ReceiptPayer>().notNull(),
  items: jsonb('items').$type<ReceiptItem[]>().notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  currency: text('currency').notNull().default('VND'),
  provider: text('provider').notNull(),
  providerTransactionId: text('provider_transaction_id').notNull(),
  reference: text('reference').notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  /** PENDING until the job has rendered and sealed the PDF; then ISSUED; CANCELLED (hủy) when the payment is refunded in full — its number is never reused. */
  status: text('status', { enum: receiptStatuses }).notNull().default('PENDING'),
  storageKey: text('storage_key'),
  sha256: text('sha256'),
  /** The seal certificate, as read from it. */
  signer: jsonb('signer').$type<{ commonName: string; subject: string; serialNumber: string; issuer: string }>(),
  issuedAt: timestamp('issued_at', { withTimezone: true }),
  /** The payment's refunds, oldest first (a partial refund adjusts; the full one cancels). */
  refunds: jsonb('refunds').$type<ReceiptRefund[]>().notNull().default([]),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  cancelReason: text('cancel_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('receipts_payment_uq').on(t.paymentId),
  uniqueIndex('receipts_series_number_uq').on(t.unitId, t.formCode, t.symbol, t.number),
  index('receipts_dossier_idx').on(t.dossierId, t.createdAt),
]);

/** The last number issued in each unit's series (form, symbol — which carries the year). */
export const receiptCountersTable = pgTable('receipt_counters', {
  unitId: text('unit_id').notNull(),
  formCode: text('form_code').notNull(),
  symbol: text('symbol').notNull(),
  lastNumber: integer('last_number').notNull(),
}, (t) => [primaryKey({ columns: [t.unitId, t.formCode, t.symbol] })]);

export type ReceiptRow = typeof receiptsTable.$inferSelect;
