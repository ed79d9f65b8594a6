/**
 * Who may see and act on a dossier. A dossier the actor may not see is "not found" (never
 * "forbidden"), so that its existence does not leak.
 */
import { eq } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { proceduresTable } from '../catalog/index.js';
import { hasGrant, type SignedInActor } from '../identity/index.js';
import { createDossierNotFoundError } from './dossiers.errors.js';
import { createDossiersRepository } from './dossiers.repository.js';
import type { DossierRow } from './dossiers.tables.js';

export type DossierRelation = 'applicant' | 'officer' | 'official';

export const ONE_STOP_ROLE = 'ONE_STOP_OFFICER' as const;

/** The field (lĩnh vực) of a procedure: role grants may be limited to fields. */
export async function fieldCodeOf(db: DbExecutor, procedureId: string) {
  const [row] = await db.select({ fieldCode: proceduresTable.fieldCode }).from(proceduresTable).where(eq(proceduresTable.id, procedureId));
  return row?.fieldCode;
}

/** The official holds any role on the dossier's receiving unit (for that field). */
function officialOfUnit(actor: SignedInActor, unitId: string, fieldCode: string | undefined) {
  if (actor.kind !== 'official') return false;
  return actor.grants.some((g) => g.unitId === unitId && (g.fieldCodes.length === 0 || (fieldCode !== undefined && g.fieldCodes.includes(fieldCode))));
}

/**
 * How the actor relates to the dossier, or undefined when it must stay invisible to them.
 * Applicants: the filer (one acting only as a representative while the authorisation is in
 * force today), the principal they act for, members of the organisation filed for (not a counter
 * dossier still being entered). Officials: any role on the receiving unit once
 * the dossier has been filed or while an officer enters it at the counter (never an online draft);
 * `officer` when they hold the one-stop role there.
 */
export async function relationTo(db: DbExecutor, actor: SignedInActor, dossier: DossierRow): Promise<DossierRelation | undefined> {
  if (actor.kind === 'applicant') {
    if (dossier.status === 'INTAKE') return undefined;
    const repo = createDossiersRepository({ db });
    if (dossier.principalUserId === actor.userId) return 'applicant';
    if (dossier.organisationId && (await repo.isOrganisationMember(actor.userId, dossier.organisationId))) return 'applicant';
    // A filer who is only a representative: the authorisation must be in force now, on every read and write.
    if (dossier.applicantUserId === actor.userId && (!dossier.representativeAuthorisationId || (await repo.filerMayAct(dossier.id)))) return 'applicant';
    return undefined;
  }
  if (dossier.status === 'DRAFT') return undefined;
  const fieldCode = await fieldCodeOf(db, dossier.procedureId);
  if (hasGrant(actor, { role: ONE_STOP_ROLE, unitId: dossier.receivingUnitId, fieldCode })) return 'officer';
  // The receiving unit, the processing unit, and the unit of the current step see it.
  const units = [dossier.receivingUnitId, dossier.processingUnitId, dossier.currentUnitId].filter((u): u is string => Boolean(u));
  return units.some((u) => officialOfUnit(actor, u, fieldCode)) ? 'official' : undefined;
}

/** The dossier and the actor's relation to it; dossiers.not_found otherwise (or when `need` is not met). */
export async function loadDossierFor(db: DbExecutor, actor: SignedInActor, dossierId: string, { need, forUpdate = false }: { need?: DossierRelation[]; forUpdate?: boolean } = {}) {
  const dossier = await createDossiersRepository({ db }).getDossierById(dossierId, { forUpdate });
  if (!dossier) throw createDossierNotFoundError();
  return { dossier, relation: await relationOrNotFound(db, actor, dossier, need) };
}

/** As `loadDossierFor` with `forUpdate`, with the dossier's receiving unit read in the same statement (a submission needs both). */
export async function loadDossierWithUnitForUpdate(db: DbExecutor, actor: SignedInActor, dossierId: string, { need }: { need?: DossierRelation[] } = {}) {
  const found = await createDossiersRepository({ db }).getDossierWithUnitForUpdate(dossierId);
  if (!found) throw createDossierNotFoundError();
  return { dossier: found.dossier, unit: found.unit, relation: await relationOrNotFound(db, actor, found.dossier, need) };
}

async function relationOrNotFound(db: DbExecutor, actor: SignedInActor, dossier: DossierRow, need: DossierRelation[] | undefined): Promise<DossierRelation> {
  const relation = await relationTo(db, actor, dossier);
  if (!relation || (need && !need.includes(relation))) throw createDossierNotFoundError();
  return relation;
}

/** Role and unit written on events. */
export function eventActor(actor: SignedInActor, dossier: Pick<DossierRow, 'receivingUnitId'>) {
  if (actor.kind === 'applicant') return { actorUserId: actor.userId, actorRole: 'APPLICANT', actorUnitId: null };
  const grant = actor.grants.find((g) => g.unitId === dossier.receivingUnitId && g.role === ONE_STOP_ROLE) ?? actor.grants.find((g) => g.unitId === dossier.receivingUnitId);
  return { actorUserId: actor.userId, actorRole: grant?.role ?? 'OFFICIAL', actorUnitId: grant?.unitId ?? null };
}
