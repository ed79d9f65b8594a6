/**
 * Workflows as data (common/workflows): one row per workflow, its definition as JSON, and which
 * workflow each procedure case uses. A case without a row uses the default workflow.
 */
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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
