/**
 * In-app notifications (the bell): one row per recipient and message. E-mail copies go through
 * the `mail.send` job (mail_deliveries); this table is what the portal shows.
 */
import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { usersTable } from '../identity/identity.tables.js';

export const notificationsTable = pgTable('notifications', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
  /** e.g. dossier.received, dossier.assigned, deadline.approaching */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** A portal path to open, e.g. /ho-so/{id}. */
  link: text('link'),
  dossierId: text('dossier_id'),
  /** Unique per recipient: the same event never notifies twice. */
  dedupeKey: text('dedupe_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  index('notifications_user_idx').on(t.userId, t.createdAt),
  index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`),
  uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey),
]);

export type NotificationRow = typeof notificationsTable.$inferSelect;
