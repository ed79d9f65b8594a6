/**
 * National portal sync (docs/adr/0009-national-portal-sync.md): the work the dossier event
 * consumer derives from the stream, per dossier and per history step, each with its synced flag,
 * and the sync's switch (paused or running). The dossier_events rows are the outbox; these rows
 * are where each dossier stands in delivering them.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { dossiersTable } from '../dossiers/dossiers.tables.js';

export const syncStates = ['PENDING', 'SYNCED', 'FAILING', 'DEAD'] as const;
export type SyncState = (typeof syncStates)[number];

/** One row per dossier known to the portal sync. */
export const dvcqgSyncDossiersTable = pgTable('dvcqg_sync_dossiers', {
  dossierId: text('dossier_id').primaryKey().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  /** The code the portal knows the dossier by (MaHoSo). */
  portalCode: text('portal_code').notNull().unique(),
  /** The local code when the portal would refuse it (domain brief §2.7); null when they are equal. */
  otherCode: text('other_code'),
  state: text('state', { enum: syncStates }).notNull().default('PENDING'),
  /** The portal holds the dossier (DongBoHoSoMC create succeeded, or it said it already exists). */
  createdOnPortal: boolean('created_on_portal').notNull().default(false),
  /** Incremented by every event that changes the dossier record; the portal has `pushedVersion`. */
  wantedVersion: integer('wanted_version').notNull().default(1),
  pushedVersion: integer('pushed_version').notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  /** A worker holds the dossier until this instant (two nodes never sync one dossier at once). */
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastError: text('last_error'),
  /** The last failing call: service, request body and the portal's answer (or the transport error). */
  lastRequest: jsonb('last_request').$type<Record<string, unknown>>(),
  lastResponse: jsonb('last_response').$type<Record<string, unknown>>(),
  /** The oldest change not yet at the portal (lag), null when synced. */
  pendingSince: timestamp('pending_since', { withTimezone: true }),
  syncedAt: timestamp('synced_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('dvcqg_sync_dossiers_due_idx').on(t.nextAttemptAt).where(sql`${t.state} IN ('PENDING', 'FAILING')`),
  index('dvcqg_sync_dossiers_state_idx').on(t.state, t.updatedAt),
]);

/** One history step (QuaTrinhXuLyDongBoDVC) per dossier event that the portal is told of. */
export const dvcqgSyncStepsTable = pgTable('dvcqg_sync_steps', {
  /** The dossier event's id: a redelivered event adds no second step. */
  eventId: text('event_id').primaryKey(),
  dossierId: text('dossier_id').notNull().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  /** The event's stream position: steps go to the portal in this order. */
  position: bigint('position', { mode: 'number' }).notNull(),
  step: jsonb('step').$type<Record<string, string>>().notNull(),
  synced: boolean('synced').notNull().default(false),
  syncedAt: timestamp('synced_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('dvcqg_sync_steps_pending_idx').on(t.dossierId, t.position).where(sql`${t.synced} = false`)]);

/** The sync's switch: one row. */
export const dvcqgSyncControlTable = pgTable('dvcqg_sync_control', {
  id: integer('id').primaryKey().default(1),
  paused: boolean('paused').notNull().default(false),
  changedBy: text('changed_by'),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});

export type SyncDossierRow = typeof dvcqgSyncDossiersTable.$inferSelect;
export type SyncStepRow = typeof dvcqgSyncStepsTable.$inferSelect;

/** Dossiers filed on the national portal and pushed to OpenDVC: their origin and the portal's code. */
export const dvcqgInboundDossiersTable = pgTable('dvcqg_inbound_dossiers', {
  /** MaHoSo on the portal: the dossier's code here too; a second push of it creates nothing. */
  portalCode: text('portal_code').primaryKey(),
  dossierId: text('dossier_id').notNull().unique().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  /** The API client that pushed it. */
  clientId: text('client_id'),
  /** The message as pushed (without the files' bytes). */
  message: jsonb('message').$type<Record<string, unknown>>().notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The last catalogue pull of each procedure the portal publishes, compared with the catalogue. */
export const dvcqgCatalogueTable = pgTable('dvcqg_catalogue', {
  /** MaTTHC. */
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** The national packet as the portal gave it. */
  packet: jsonb('packet').$type<Record<string, unknown>>().notNull(),
  /** IN_SYNC, DIFFERENT, MISSING (published nationally, not in the catalogue) or NOT_PUBLISHED (local only). */
  comparison: text('comparison', { enum: ['IN_SYNC', 'DIFFERENT', 'MISSING', 'NOT_PUBLISHED'] }).notNull(),
  /** Field by field: what the portal says and what the version in force says. */
  differences: jsonb('differences').$type<{ field: string; label: string; national: string; local: string }[]>().notNull().default([]),
  /** The catalogue editor's draft made from the packet when the procedure differs (never published on its own). */
  draftId: text('draft_id'),
  pulledAt: timestamp('pulled_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One EMC usage event per dossier milestone (domain brief §5.6), sent through the sync. */
export const dvcqgEmcEventsTable = pgTable('dvcqg_emc_events', {
  /** The dossier event's id: a redelivered event adds nothing. */
  eventId: text('event_id').primaryKey(),
  dossierId: text('dossier_id').notNull().references(() => dossiersTable.id, { onDelete: 'cascade' }),
  position: bigint('position', { mode: 'number' }).notNull(),
  body: jsonb('body').$type<Record<string, unknown>>().notNull(),
  sent: boolean('sent').notNull().default(false),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('dvcqg_emc_events_pending_idx').on(t.dossierId, t.position).where(sql`${t.sent} = false`)]);
