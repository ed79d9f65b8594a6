/**
 * Workflows as data (common/workflows): one row per workflow, its definition as JSON, and which
 * workflow each procedure case uses. A case without a row uses the default workflow.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Workflow } from '../../../common/workflows/index.js';
import { timestampColumns } from '../../platform/db/columns.js';
import { procedureCasesTable } from '../catalog/catalog.tables.js';

export const workflowsTable = pgTable('workflows', {
  /** e.g. MOT_CUA_MAC_DINH. */
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** The whole Workflow (code, name, steps); validated before it is stored. */
  definition: jsonb('definition').$type<Workflow>().notNull(),
  /** SHA-256 of the canonical definition, so that re-seeding the same data changes nothing. */
  hash: text('hash').notNull(),
  /** Set when an administrator last saved it; the seed then leaves it alone. */
  editedByUserId: text('edited_by_user_id'),
  editedAt: timestamp('edited_at', { withTimezone: true }),
  ...timestampColumns(),
});

export const caseWorkflowSources = ['SEED', 'ADMIN'] as const;

export const caseWorkflowsTable = pgTable('case_workflows', {
  caseId: text('case_id').primaryKey().references(() => procedureCasesTable.id, { onDelete: 'cascade' }),
  workflowCode: text('workflow_code').notNull().references(() => workflowsTable.code),
  /** SEED assignments follow the seed files; ADMIN ones are kept by the seed. */
  source: text('source', { enum: caseWorkflowSources }).notNull().default('SEED'),
  ...timestampColumns(),
});

export type WorkflowRow = typeof workflowsTable.$inferSelect;

export const workflowVersionStatuses = ['DRAFT', 'PUBLISHED', 'DISCARDED'] as const;
export type WorkflowVersionStatus = (typeof workflowVersionStatuses)[number];

/**
 * Versions of a workflow: drafts edited by process designers and the published versions, which
 * are immutable. `workflows.definition` is the version in force; a dossier keeps the version it
 * started with (`dossiers.workflow_version_no`). A workflow stored before versions existed is
 * version 1: that version is written here from `workflows.definition` before it is first replaced.
 */
export const workflowVersionsTable = pgTable('workflow_versions', {
  id: text('id').primaryKey(),
  workflowCode: text('workflow_code').notNull(),
  /** Given at publishing; null while a draft. */
  versionNo: integer('version_no'),
  status: text('status', { enum: workflowVersionStatuses }).notNull().default('DRAFT'),
  /** The whole Workflow (code, name, steps); a draft is saved as given, even invalid. */
  definition: jsonb('definition').$type<Workflow>().notNull(),
  hash: text('hash').notNull(),
  /** The version in force the draft was copied from (null: a new workflow). */
  baseVersionNo: integer('base_version_no'),
  /** Null for version 1 of a workflow stored before versions existed. */
  createdByUserId: text('created_by_user_id'),
  /** Everyone who changed the draft: none of them may publish it (four eyes). */
  editorUserIds: text('editor_user_ids').array().notNull(),
  publishRequestedByUserId: text('publish_requested_by_user_id'),
  publishRequestedAt: timestamp('publish_requested_at', { withTimezone: true }),
  publishedByUserId: text('published_by_user_id'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  ...timestampColumns(),
}, (t) => [
  index('workflow_versions_code_idx').on(t.workflowCode),
  uniqueIndex('workflow_versions_code_version_idx').on(t.workflowCode, t.versionNo),
]);

export type WorkflowVersionRow = typeof workflowVersionsTable.$inferSelect;
