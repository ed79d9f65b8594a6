/**
 * Seeds the e-forms of procedure cases from `seed/forms/<procedureCode>.json`
 * (`{ procedureCode, versionNo, cases: [{ caseCode, schema, uiSchema }] }`). Idempotent: a form
 * whose content hash is unchanged is left alone. A form whose case is not in the catalogue (a
 * deployment may import a smaller catalogue) is skipped and reported. All or nothing: an invalid
 * form definition fails the whole seed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { validateFormDefinition, type JsonSchema } from '../../../common/forms/index.js';
import type { Database } from '../../platform/db/create-database.js';
import { procedureCasesTable, proceduresTable, procedureVersionsTable } from '../catalog/index.js';
import { caseFormsTable } from './dossiers.tables.js';

export const bundledFormsDir = path.resolve(import.meta.dirname, '../../../seed/forms');

const formFileSchema = z.object({
  procedureCode: z.string().min(1),
  versionNo: z.number().int().positive(),
  cases: z.array(z.object({
    caseCode: z.string().min(1),
    schema: z.record(z.string(), z.unknown()),
    uiSchema: z.record(z.string(), z.unknown()).default({}),
  })).min(1),
});
export type FormFile = z.infer<typeof formFileSchema>;

/** Canonical JSON (sorted keys) so that the hash does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function readFormFiles(dir: string): { file: string; form: FormFile }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const file = path.join(dir, f);
    const parsed = formFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { file: f, form: parsed.data };
  });
}

/** Stores the forms of the given files; returns how many were inserted or changed. */
export async function seedCaseForms({ db, forms }: { db: Database; forms: { file: string; form: FormFile }[] }): Promise<{ created: number; updated: number; unchanged: number; skipped: string[] }> {
  const summary = { created: 0, updated: 0, unchanged: 0, skipped: [] as string[] };
  await db.transaction(async (tx) => {
    for (const { file, form } of forms) {
      for (const c of form.cases) {
        const where = `${file} ${form.procedureCode} v${form.versionNo} ${c.caseCode}`;
        const definition = validateFormDefinition(c.schema as JsonSchema, c.uiSchema as JsonSchema);
        if (!definition.valid) throw new Error(`${where}: ${definition.problems.join('; ')}`);
        const [kase] = await tx.select({ id: procedureCasesTable.id }).from(procedureCasesTable)
          .innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId))
          .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId))
          .where(and(eq(proceduresTable.code, form.procedureCode), eq(procedureVersionsTable.versionNo, form.versionNo), eq(procedureCasesTable.code, c.caseCode)));
        if (!kase) {
          summary.skipped.push(`${form.procedureCode} v${form.versionNo} ${c.caseCode}`);
          continue;
        }
        const contentHash = createHash('sha256').update(canonical({ schema: c.schema, uiSchema: c.uiSchema })).digest('hex');
        const [existing] = await tx.select({ contentHash: caseFormsTable.contentHash }).from(caseFormsTable).where(eq(caseFormsTable.caseId, kase.id));
        if (existing?.contentHash === contentHash) {
          summary.unchanged++;
        } else if (existing) {
          await tx.update(caseFormsTable).set({ schema: c.schema, uiSchema: c.uiSchema, contentHash, updatedAt: new Date() }).where(eq(caseFormsTable.caseId, kase.id));
          summary.updated++;
        } else {
          await tx.insert(caseFormsTable).values({ caseId: kase.id, schema: c.schema, uiSchema: c.uiSchema, contentHash });
          summary.created++;
        }
      }
    }
  });
  return summary;
}

/** Seeds every file of a folder (the bundled seed/forms by default). */
export async function seedCaseFormsFromDir({ db, dir = bundledFormsDir }: { db: Database; dir?: string }) {
  return seedCaseForms({ db, forms: readFormFiles(dir) });
}
