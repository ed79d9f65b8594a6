/** Database access for workflows and the case → workflow assignments. */
import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { agenciesTable, procedureCasesTable, proceduresTable, procedureVersionsTable } from '../catalog/index.js';
import { caseWorkflowsTable, workflowsTable } from './workflows.tables.js';

export function createWorkflowsRepository({ db }: { db: DbExecutor }) {
  return {
    async list() {
      const rows = await db.select().from(workflowsTable).orderBy(workflowsTable.code);
      const counts = await db.select({ code: caseWorkflowsTable.workflowCode, n: count() }).from(caseWorkflowsTable).groupBy(caseWorkflowsTable.workflowCode);
      const byCode = new Map(counts.map((c) => [c.code, Number(c.n)]));
      return rows.map((r) => ({ row: r, caseCount: byCode.get(r.code) ?? 0 }));
    },
    /** The definitions of the given workflows, by code (one read for a page of dossiers). */
    async definitionsOf(codes: string[]) {
      if (codes.length === 0) return new Map<string, (typeof workflowsTable.$inferSelect)['definition']>();
      const rows = await db.select({ code: workflowsTable.code, definition: workflowsTable.definition }).from(workflowsTable).where(inArray(workflowsTable.code, codes));
      return new Map(rows.map((r) => [r.code, r.definition]));
    },
    async get(code: string) {
      const [row] = await db.select().from(workflowsTable).where(eq(workflowsTable.code, code));
      return row;
    },
    /** The cases assigned a workflow, with their procedure and channels (for the time check). */
    async casesOf(code: string) {
      return db.select({
        caseId: procedureCasesTable.id,
        procedureCode: proceduresTable.code,
        procedureName: proceduresTable.name,
        versionNo: procedureVersionsTable.versionNo,
        caseCode: procedureCasesTable.code,
        caseName: procedureCasesTable.name,
        channels: procedureCasesTable.channels,
      }).from(caseWorkflowsTable)
        .innerJoin(procedureCasesTable, eq(procedureCasesTable.id, caseWorkflowsTable.caseId))
        .innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId))
        .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId))
        .where(eq(caseWorkflowsTable.workflowCode, code))
        .orderBy(proceduresTable.code, procedureVersionsTable.versionNo, procedureCasesTable.sortOrder);
    },
    async unitCodes() {
      return (await db.select({ code: agenciesTable.code }).from(agenciesTable)).map((r) => r.code);
    },
    async findCase(ref: { procedureCode: string; versionNo: number; caseCode: string }) {
      const [row] = await db.select({ id: procedureCasesTable.id, channels: procedureCasesTable.channels }).from(procedureCasesTable)
        .innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId))
        .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId))
        .where(and(eq(proceduresTable.code, ref.procedureCode), eq(procedureVersionsTable.versionNo, ref.versionNo), eq(procedureCasesTable.code, ref.caseCode)));
      return row;
    },
    async allCases() {
      return db.select({
        id: procedureCasesTable.id,
        procedureCode: proceduresTable.code,
        versionNo: procedureVersionsTable.versionNo,
        caseCode: procedureCasesTable.code,
        channels: procedureCasesTable.channels,
      }).from(procedureCasesTable)
        .innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId))
        .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId));
    },
    async assignment(caseId: string) {
      const [row] = await db.select().from(caseWorkflowsTable).where(eq(caseWorkflowsTable.caseId, caseId));
      return row;
    },
  };
}
