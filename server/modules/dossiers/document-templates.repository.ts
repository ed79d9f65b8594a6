/** The published document texts that the dossiers' documents are rendered with. */
import { and, desc, inArray, lte, eq } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { documentTemplatesTable } from './document-templates.tables.js';
import type { TemplateKind } from './documents/templates.js';

/**
 * Sources of the template of a kind that was in force at `at` (default now): the procedure's own
 * (result document only) when it has one, else the global one; undefined when none was published
 * by then (the initial texts apply). A document printed again later therefore keeps its texts.
 */
export async function publishedTemplateTexts(db: DbExecutor, kind: TemplateKind, options: { procedureCode?: string; at?: Date } = {}): Promise<Record<string, string> | undefined> {
  const { procedureCode } = options;
  const scopes = procedureCode ? [procedureCode, ''] : [''];
  const rows = await db.select({ procedureCode: documentTemplatesTable.procedureCode, texts: documentTemplatesTable.texts })
    .from(documentTemplatesTable)
    .where(and(
      eq(documentTemplatesTable.kind, kind),
      inArray(documentTemplatesTable.status, ['PUBLISHED', 'RETIRED']),
      inArray(documentTemplatesTable.procedureCode, scopes),
      lte(documentTemplatesTable.publishedAt, options.at ?? new Date()),
    ))
    .orderBy(desc(documentTemplatesTable.publishedAt), desc(documentTemplatesTable.versionNo));
  return ((procedureCode ? rows.find((r) => r.procedureCode === procedureCode) : undefined) ?? rows.find((r) => r.procedureCode === ''))?.texts;
}
