/**
 * Seeds the workflows from `seed/workflows/*.json`
 * (`{ default, cases: [{ procedureCode, versionNo, caseCode }], workflow }`). The file with
 * `default: true` is assigned to every case that has no other workflow. Idempotent: an unchanged
 * workflow (same hash) is left alone, and so is one an administrator has saved since; an
 * assignment an administrator made is kept. A case missing from the catalogue is skipped and
 * reported, and a workflow none of whose cases is there is not stored. All or nothing: a workflow that does not validate (roles, units, targets, the time
 * limit of each case it is assigned to) fails the whole seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { validateWorkflow, type Workflow } from '../../../common/workflows/index.js';
import type { Database } from '../../platform/db/create-database.js';
import { createWorkflowsRepository } from './workflows.repository.js';
import { workflowDefinitionSchema } from './workflows.schemas.js';
import { caseWorkflowsTable, workflowsTable } from './workflows.tables.js';
import { caseLabel, DEFAULT_WORKFLOW_CODE, validationContext, workflowHash } from './workflows.usecases.js';

export const bundledWorkflowsDir = path.resolve(import.meta.dirname, '../../../seed/workflows');

const workflowFileSchema = z.object({
  default: z.boolean().default(false),
  cases: z.array(z.object({ procedureCode: z.string().min(1), versionNo: z.number().int().positive(), caseCode: z.string().min(1) })).default([]),
  workflow: workflowDefinitionSchema,
});
export type WorkflowFile = z.infer<typeof workflowFileSchema>;

export function readWorkflowFiles(dir: string): { file: string; content: WorkflowFile }[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const parsed = workflowFileSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { file: f, content: parsed.data };
  });
  const defaults = files.filter((f) => f.content.default);
  if (defaults.length > 1) throw new Error(`more than one default workflow: ${defaults.map((f) => f.file).join(', ')}`);
  if (defaults[0] && defaults[0].content.workflow.code !== DEFAULT_WORKFLOW_CODE) throw new Error(`${defaults[0].file}: the default workflow must be ${DEFAULT_WORKFLOW_CODE}`);
  return files;
}

export async function seedWorkflows({ db, files }: { db: Database; files: { file: string; content: WorkflowFile }[] }) {
  const summary = { created: 0, updated: 0, unchanged: 0, keptEdited: 0, assigned: 0, skipped: [] as string[] };
  await db.transaction(async (tx) => {
    const repo = createWorkflowsRepository({ db: tx });
    // Which cases each workflow is for: explicit ones first, then the default for the rest.
    const explicit = new Map<string, string>();
    const casesOf = new Map<string, { id: string; label: string; channels: Awaited<ReturnType<typeof repo.allCases>>[number]['channels'] }[]>();
    for (const { content } of files) {
      const list = [];
      for (const ref of content.cases) {
        const kase = await repo.findCase(ref);
        if (!kase) { summary.skipped.push(`${ref.procedureCode} v${ref.versionNo} ${ref.caseCode}`); continue; }
        explicit.set(kase.id, content.workflow.code);
        list.push({ id: kase.id, label: caseLabel(ref), channels: kase.channels });
      }
      casesOf.set(content.workflow.code, list);
    }
    const defaultFile = files.find((f) => f.content.default);
    if (defaultFile) {
      const rest = (await repo.allCases()).filter((c) => !explicit.has(c.id));
      casesOf.get(defaultFile.content.workflow.code)!.push(...rest.map((c) => ({ id: c.id, label: caseLabel(c), channels: c.channels })));
    }

    for (const { file, content } of files) {
      const workflow = content.workflow as Workflow;
      const cases = casesOf.get(workflow.code) ?? [];
      // A workflow for cases this catalogue does not hold (a smaller import) is not stored.
      if (!content.default && cases.length === 0) continue;
      const problems = validateWorkflow(workflow, await validationContext(tx, cases));
      if (problems.length > 0) throw new Error(`${file}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
      const hash = workflowHash(workflow);
      const existing = await repo.get(workflow.code);
      if (!existing) {
        await tx.insert(workflowsTable).values({ code: workflow.code, name: workflow.name, definition: workflow, hash });
        summary.created++;
      } else if (existing.editedByUserId) {
        summary.keptEdited++;
      } else if (existing.hash === hash) {
        summary.unchanged++;
      } else {
        await tx.update(workflowsTable).set({ name: workflow.name, definition: workflow, hash, updatedAt: new Date() }).where(sql`${workflowsTable.code} = ${workflow.code}`);
        summary.updated++;
      }
      if (cases.length === 0) continue;
      const result = await tx.insert(caseWorkflowsTable)
        .values(cases.map((c) => ({ caseId: c.id, workflowCode: workflow.code, source: 'SEED' as const })))
        .onConflictDoUpdate({
          target: caseWorkflowsTable.caseId,
          set: { workflowCode: workflow.code, updatedAt: new Date() },
          setWhere: sql`${caseWorkflowsTable.source} = 'SEED' and ${caseWorkflowsTable.workflowCode} <> ${workflow.code}`,
        })
        .returning({ caseId: caseWorkflowsTable.caseId });
      summary.assigned += result.length;
    }
  });
  return summary;
}

/** Seeds every file of a folder (the bundled seed/workflows by default). */
export async function seedWorkflowsFromDir({ db, dir = bundledWorkflowsDir }: { db: Database; dir?: string }) {
  return seedWorkflows({ db, files: readWorkflowFiles(dir) });
}
