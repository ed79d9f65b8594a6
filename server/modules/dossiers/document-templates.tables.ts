/**
 * Versions of the editable document texts (issue 17 item 5, ADR 0025): one row per version of a
 * template kind (the result document or a one-stop form 01–05), global (procedure code '') or,
 * for the result document, for one procedure. A version is a draft until a second catalogue
 * editor publishes it; the published version replaces the one before (which is kept, RETIRED).
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../../platform/db/columns.js';

export const documentTemplateStatuses = ['DRAFT', 'PUBLISHED', 'RETIRED', 'DISCARDED'] as const;
export type DocumentTemplateStatus = (typeof documentTemplateStatuses)[number];

export const documentTemplatesTable = pgTable('document_templates', {
  id: text('id').primaryKey(),
  /** 'RESULT' or a form number '01' … '05'. */
  kind: text('kind').notNull(),
  /** '' for the template of every procedure; a procedure code for the result template of that procedure. */
  procedureCode: text('procedure_code').notNull().default(''),
  versionNo: integer('version_no').notNull(),
  status: text('status', { enum: documentTemplateStatuses }).notNull().default('DRAFT'),
  /** Template source per text part (field key → Liquid text). */
  texts: jsonb('texts').$type<Record<string, string>>().notNull(),
  /** Null for the seeded first version. */
  createdByUserId: text('created_by_user_id'),
  /** Everyone who changed the draft: none of them may publish it (four eyes). */
  editorUserIds: text('editor_user_ids').array().notNull().default([]),
  publishedByUserId: text('published_by_user_id'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  ...timestampColumns(),
}, (t) => [
  uniqueIndex('document_templates_version_uq').on(t.kind, t.procedureCode, t.versionNo),
  index('document_templates_status_idx').on(t.kind, t.status),
]);

export type DocumentTemplateRow = typeof documentTemplatesTable.$inferSelect;
