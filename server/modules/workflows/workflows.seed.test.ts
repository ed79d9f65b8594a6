import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWorkflow, workflowRoles } from '../../../common/workflows/index.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { createTestDatabase } from '../../test/test-database.js';
import { procedureCasesTable, proceduresTable, procedureVersionsTable } from '../catalog/catalog.tables.js';
import { officialRoles } from '../identity/identity.tables.js';
import { bundledWorkflowsDir, readWorkflowFiles, seedWorkflows, seedWorkflowsFromDir } from './workflows.seed.js';
import { caseWorkflowsTable, workflowsTable } from './workflows.tables.js';
import { DEFAULT_WORKFLOW_CODE, workflowForCase } from './workflows.usecases.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

async function caseId(procedureCode: string, caseCode: string) {
  const [row] = await database.db.select({ id: procedureCasesTable.id }).from(procedureCasesTable)
    .innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId))
    .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId))
    .where(and(eq(proceduresTable.code, procedureCode), eq(procedureCasesTable.code, caseCode)));
  return row!.id;
}

describe('seeded workflows', () => {
  it('the common role list is the identity module\'s, less the roles that take no workflow step', () => {
    // Accountants (fees), catalogue editors and process designers act outside dossiers' workflows.
    expect([...workflowRoles]).toEqual(officialRoles.filter((r) => !['ACCOUNTANT', 'CATALOGUE_EDITOR', 'PROCESS_DESIGNER'].includes(r)));
  });

  it('every bundled file is a valid workflow, with one default', () => {
    const files = readWorkflowFiles(bundledWorkflowsDir);
    expect(files.map((f) => f.content.workflow.code).sort()).toEqual(['GPMT_HOI_DONG', DEFAULT_WORKFLOW_CODE]);
    for (const { content } of files) expect(validateWorkflow(content.workflow)).toEqual([]);
    expect(files.filter((f) => f.content.default)).toHaveLength(1);
  });

  it('assigns every case: the environmental permit (first issue) the council chain, the rest the default', async () => {
    const cases = (await database.db.select({ n: count() }).from(procedureCasesTable))[0]!.n;
    expect((await database.db.select({ n: count() }).from(caseWorkflowsTable))[0]!.n).toBe(cases);
    const permit = await workflowForCase(database.db, await caseId('1.010721', 'TH1'));
    expect(permit?.code).toBe('GPMT_HOI_DONG');
    const steps = permit!.steps;
    expect(steps.some((s) => s.actions.some((a) => a.kind === 'COORDINATE' && a.agency === 'EXT.UBND_TINH'))).toBe(true);
    expect(steps.map((s) => s.id)).toContain('hoi_dong');
    expect((await workflowForCase(database.db, await caseId('1.010721', 'TH2')))?.code).toBe(DEFAULT_WORKFLOW_CODE);
    const one = await workflowForCase(database.db, await caseId('2.002081', 'TH1'));
    expect(one?.steps.map((s) => s.role)).toEqual(['ONE_STOP_OFFICER', 'SPECIALIST', 'UNIT_HEAD', 'LEADER', 'RECORDS_CLERK', 'ONE_STOP_OFFICER']);
  });

  it('a case without an assignment falls back to the default', async () => {
    const id = await caseId('1.013303', 'TH1');
    await database.db.delete(caseWorkflowsTable).where(eq(caseWorkflowsTable.caseId, id));
    expect((await workflowForCase(database.db, id))?.code).toBe(DEFAULT_WORKFLOW_CODE);
    expect((await seedWorkflowsFromDir({ db: database.db })).assigned).toBe(1);
  });

  it('seeding again changes nothing; an administrator\'s edit and assignment are kept', async () => {
    expect(await seedWorkflowsFromDir({ db: database.db })).toEqual({ created: 0, updated: 0, unchanged: 2, keptEdited: 0, assigned: 0, skipped: [] });
    await database.db.update(workflowsTable).set({ editedByUserId: 'usr_admin', name: 'Đã sửa' }).where(eq(workflowsTable.code, DEFAULT_WORKFLOW_CODE));
    const id = await caseId('1.010721', 'TH1');
    await database.db.update(caseWorkflowsTable).set({ workflowCode: DEFAULT_WORKFLOW_CODE, source: 'ADMIN' }).where(eq(caseWorkflowsTable.caseId, id));
    expect(await seedWorkflowsFromDir({ db: database.db })).toMatchObject({ unchanged: 1, keptEdited: 1, assigned: 0 });
    expect((await workflowForCase(database.db, id))?.code).toBe(DEFAULT_WORKFLOW_CODE);
  });

  it('skips unknown cases and refuses all of a seed whose workflow exceeds a case\'s time limit', async () => {
    const [file] = readWorkflowFiles(bundledWorkflowsDir).filter((f) => f.content.workflow.code === 'GPMT_HOI_DONG');
    const missing = structuredClone(file!);
    missing.content.cases = [{ procedureCode: '9.999999', versionNo: 1, caseCode: 'TH1' }];
    missing.content.workflow.code = 'GPMT_KHONG_CO';
    expect(await seedWorkflows({ db: database.db, files: [missing] })).toMatchObject({ created: 0, skipped: ['9.999999 v1 TH1'] });
    expect(await database.db.select().from(workflowsTable).where(eq(workflowsTable.code, 'GPMT_KHONG_CO'))).toEqual([]);
    const tooLong = structuredClone(file!);
    tooLong.content.workflow.code = 'GPMT_QUA_HAN';
    tooLong.content.cases = [{ procedureCode: '1.010721', versionNo: 1, caseCode: 'TH2' }]; // 3 + 15 working days
    await expect(seedWorkflows({ db: database.db, files: [tooLong] })).rejects.toThrow(/vượt thời hạn giải quyết của trường hợp TH2 của thủ tục 1.010721/);
    expect(await database.db.select().from(workflowsTable).where(eq(workflowsTable.code, 'GPMT_QUA_HAN'))).toEqual([]);
  });
});
