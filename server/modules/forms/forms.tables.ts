import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Precompiled validators of forms that are not published yet (the catalogue editor's preview), so
 * that any app node can serve a module another node generated. Published forms are found by
 * `case_forms.content_hash` and need no row here.
 */
export const formValidatorsTable = pgTable('form_validators', {
  /** SHA-256 of the schema's JSON text. */
  hash: text('hash').primaryKey(),
  /** The ES module (Ajv standalone code). */
  code: text('code').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
