/**
 * Drafts of procedure versions made in the catalogue editor (issue 17). A draft holds the
 * procedure's catalogue elements in the exchange format, the e-form and the workflow of each
 * case. Publishing writes it through the catalogue import as a new version; the draft then
 * stays as the immutable record of what was published, by whom, after whose edits.
 */
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../../platform/db/columns.js';

export const draftStatuses = ['DRAFT', 'PUBLISHED', 'DISCARDED'] as const;
export type DraftStatus = (typeof draftStatuses)[number];

/** Procedure-level elements and the version's elements, as in the exchange file (versionNo is given at publishing). */
export interface DraftContent {
  procedure: Record<string, unknown>;
  version: Record<string, unknown>;
}

export interface DraftForm {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

export interface DraftWorkflow {
  name: string;
  steps: Record<string, unknown>[];
}

/** Where a draft came from when no editor made it: a catalogue pull from the national database (issue 14 item 4). */
export interface DraftSource {
  kind: 'DVCQG';
  pulledAt: string;
  /** The national packet's values against the version in force, field by field. */
  differences: { field: string; label: string; national: string; local: string }[];
}

export const catalogueDraftsTable = pgTable('catalogue_drafts', {
  id: text('id').primaryKey(),
  procedureCode: text('procedure_code').notNull(),
  /** The version this draft was made from (null: a new procedure). */
  baseVersionNo: integer('base_version_no'),
  status: text('status', { enum: draftStatuses }).notNull().default('DRAFT'),
  content: jsonb('content').$type<DraftContent>().notNull(),
  /** E-form per case code. */
  forms: jsonb('forms').$type<Record<string, DraftForm>>().notNull().default({}),
  /** Workflow per case code. */
  workflows: jsonb('workflows').$type<Record<string, DraftWorkflow>>().notNull().default({}),
  createdByUserId: text('created_by_user_id').notNull(),
  /** Everyone who changed the draft: none of them may publish it (four eyes). */
  editorUserIds: text('editor_user_ids').array().notNull(),
  /** Null for a draft made by an editor. */
  source: jsonb('source').$type<DraftSource>(),
  publishedVersionNo: integer('published_version_no'),
  publishedByUserId: text('published_by_user_id'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  ...timestampColumns(),
}, (t) => [index('catalogue_drafts_procedure_idx').on(t.procedureCode)]);

export type CatalogueDraftRow = typeof catalogueDraftsTable.$inferSelect;
