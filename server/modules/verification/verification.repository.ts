import { eq } from 'drizzle-orm';
import { agenciesTable, proceduresTable } from '../catalog/index.js';
import { dossierDocumentsTable, dossiersTable } from '../dossiers/index.js';
import type { Database } from '../../platform/db/create-database.js';

/** One document with the public facts of its dossier (never the applicant). */
export async function findDocumentForVerification(db: Database, documentId: string) {
  const [row] = await db
    .select({
      document: dossierDocumentsTable,
      dossierCode: dossiersTable.code,
      procedureName: proceduresTable.name,
      processingUnitId: dossiersTable.processingUnitId,
      receivingUnitId: dossiersTable.receivingUnitId,
    })
    .from(dossierDocumentsTable)
    .innerJoin(dossiersTable, eq(dossiersTable.id, dossierDocumentsTable.dossierId))
    .innerJoin(proceduresTable, eq(proceduresTable.id, dossiersTable.procedureId))
    .where(eq(dossierDocumentsTable.id, documentId));
  if (!row) return undefined;
  const unitId = row.processingUnitId ?? row.receivingUnitId;
  const [unit] = await db.select({ name: agenciesTable.name }).from(agenciesTable).where(eq(agenciesTable.id, unitId));
  return { ...row, agencyName: unit?.name ?? null };
}
