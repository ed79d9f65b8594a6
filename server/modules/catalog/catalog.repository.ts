/** Catalogue reads. Plain rows out; no HTTP shapes, no permission checks. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/create-database.js';
import {
  agenciesTable,
  caseComponentsTable,
  fieldsTable,
  procedureAgenciesTable,
  procedureCasesTable,
  proceduresTable,
  procedureVersionsTable,
  templateFilesTable,
} from './catalog.tables.js';

export function createCatalogRepository({ db }: { db: DbExecutor }) {
  return {
    async getProcedureByCode(code: string) {
      const [row] = await db
        .select({ procedure: proceduresTable, field: fieldsTable })
        .from(proceduresTable)
        .innerJoin(fieldsTable, eq(fieldsTable.code, proceduresTable.fieldCode))
        .where(eq(proceduresTable.code, code));
      return row;
    },

    async listVersions(procedureId: string) {
      return db.select().from(procedureVersionsTable).where(eq(procedureVersionsTable.procedureId, procedureId)).orderBy(asc(procedureVersionsTable.versionNo));
    },

    async listProcedureAgencies(procedureId: string) {
      return db
        .select({ role: procedureAgenciesTable.role, code: agenciesTable.code, name: agenciesTable.name, nameEn: agenciesTable.nameEn, address: agenciesTable.address })
        .from(procedureAgenciesTable)
        .innerJoin(agenciesTable, eq(agenciesTable.id, procedureAgenciesTable.agencyId))
        .where(eq(procedureAgenciesTable.procedureId, procedureId))
        .orderBy(asc(agenciesTable.code));
    },

    /** Cases of a version with their components and template metadata (not the bytes). */
    async listCasesWithComponents(versionId: string) {
      const cases = await db.select().from(procedureCasesTable).where(eq(procedureCasesTable.versionId, versionId)).orderBy(asc(procedureCasesTable.sortOrder));
      const caseIds = cases.map((c) => c.id);
      const components = caseIds.length
        ? await db.select().from(caseComponentsTable).where(inArray(caseComponentsTable.caseId, caseIds)).orderBy(asc(caseComponentsTable.sortOrder))
        : [];
      const componentIds = components.map((c) => c.id);
      const templates = componentIds.length
        ? await db
            .select({
              id: templateFilesTable.id,
              componentId: templateFilesTable.componentId,
              title: templateFilesTable.title,
              fileName: templateFilesTable.fileName,
              mediaType: templateFilesTable.mediaType,
              sizeBytes: templateFilesTable.sizeBytes,
              sha256: templateFilesTable.sha256,
            })
            .from(templateFilesTable)
            .where(inArray(templateFilesTable.componentId, componentIds))
            .orderBy(asc(templateFilesTable.sortOrder))
        : [];
      return cases.map((c) => ({
        ...c,
        components: components
          .filter((m) => m.caseId === c.id)
          .map((m) => ({ ...m, templates: templates.filter((t) => t.componentId === m.id) })),
      }));
    },

    /** A template file with its bytes, only when it belongs to a version of the given procedure. */
    async getTemplateFile({ templateId, procedureId }: { templateId: string; procedureId: string }) {
      const [row] = await db
        .select({ file: templateFilesTable })
        .from(templateFilesTable)
        .innerJoin(caseComponentsTable, eq(caseComponentsTable.id, templateFilesTable.componentId))
        .innerJoin(procedureCasesTable, eq(procedureCasesTable.id, caseComponentsTable.caseId))
        .innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId))
        .where(and(eq(templateFilesTable.id, templateId), eq(procedureVersionsTable.procedureId, procedureId)));
      return row?.file;
    },

    async listFields() {
      return db.select().from(fieldsTable).orderBy(asc(fieldsTable.sortOrder), asc(fieldsTable.name));
    },

    async listAgencies() {
      return db.select().from(agenciesTable).orderBy(asc(agenciesTable.code));
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
