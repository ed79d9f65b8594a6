/**
 * Dossiers filed on another system and handed to OpenDVC (the national portal, issue 14): the
 * dossier arrives filed, with its code, its applicant and its files, and waits for reception like
 * any dossier filed online here. The caller (the integration module) fetched the files; they are
 * checked and stored as uploads are (type from content, size, malware scan). Idempotent on the
 * code: the same code again returns the dossier already created.
 */
import { Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import { storedFileName, storeUpload, type MalwareScanner } from '../../platform/files/index.js';
import { createId } from '../../platform/db/ids.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { loadWorkingCalendar } from '../calendar/index.js';
import { pickCurrentVersion, procedureCasesTable, procedureVersionsTable, proceduresTable, todayInVietnam } from '../catalog/index.js';
import { loadCaseContext, receivingUnitFor, type DossierDeps } from './dossiers.core.js';
import { createCaseNotFoundError, createUnknownComponentsError } from './dossiers.errors.js';
import { appointmentFor, componentUploadPolicy, phasesFor } from './dossiers.models.js';
import { enqueueRescan } from './dossiers.jobs.js';
import { createDossiersRepository } from './dossiers.repository.js';
import { dossiersTable, type ApplicantDetails, type DossierRow } from './dossiers.tables.js';

export interface InboundFile {
  /** The case component (its code) the file belongs to. */
  componentCode: string;
  name: string;
  bytes: Buffer;
}

export interface InboundDossier {
  /** Where it was filed, kept in the event (`origin`): e.g. DVCQG. */
  origin: string;
  /** The dossier's code on the system it was filed on; it stays its code here. */
  code: string;
  procedureCode: string;
  /** The case; the first case of the version in force when absent. */
  caseCode?: string | null;
  applicant: ApplicantDetails;
  answers: Record<string, unknown>;
  submittedAt: Date;
  files: InboundFile[];
}

export interface InboundDeps extends DossierDeps {
  storage: ObjectStorage;
  scanner: MalwareScanner;
}

async function caseFor(deps: DossierDeps, procedureCode: string, caseCode: string | null | undefined) {
  const { db } = deps;
  const [procedure] = await db.select().from(proceduresTable).where(eq(proceduresTable.code, procedureCode));
  if (!procedure) throw createCaseNotFoundError({ message: `Không có thủ tục mã ${procedureCode} trong danh mục.` });
  const version = pickCurrentVersion(await db.select().from(procedureVersionsTable).where(eq(procedureVersionsTable.procedureId, procedure.id)), todayInVietnam());
  if (!version) throw createCaseNotFoundError({ message: `Thủ tục ${procedureCode} không có phiên bản đang có hiệu lực.` });
  const cases = await db.select().from(procedureCasesTable)
    .where(caseCode ? and(eq(procedureCasesTable.versionId, version.id), eq(procedureCasesTable.code, caseCode)) : eq(procedureCasesTable.versionId, version.id))
    .orderBy(asc(procedureCasesTable.code)).limit(1);
  if (!cases[0]) throw createCaseNotFoundError({ message: `Thủ tục ${procedureCode} không có trường hợp ${caseCode ?? ''}.`.replace(' .', '.') });
  return { procedure, version, kase: cases[0] };
}

/** The dossier with this code, if one was created already. */
export async function findDossierByCode(deps: DossierDeps, code: string): Promise<DossierRow | null> {
  const [row] = await deps.db.select().from(dossiersTable).where(eq(dossiersTable.code, code));
  return row ?? null;
}

/**
 * Creates the filed dossier (SUBMITTED, event `dossier.submitted` with the origin), or returns the
 * one with this code.
 *
 * @throws dossiers.case_not_found, dossiers.unknown_components, files.* (size, type), dossiers.attachment_infected
 */
export async function fileInboundDossier(deps: InboundDeps, input: InboundDossier): Promise<{ dossier: DossierRow; created: boolean }> {
  const existing = await findDossierByCode(deps, input.code);
  if (existing) return { dossier: existing, created: false };
  const { db, config, storage, scanner } = deps;
  const { procedure, version, kase } = await caseFor(deps, input.procedureCode, input.caseCode);
  const ctx = await loadCaseContext(db, kase.id);
  const id = createId('dos');
  const stored: { id: string; key: string; componentId: string; name: string; mediaType: string; size: number; sha256: string; scan: 'CLEAN' | 'PENDING' }[] = [];
  try {
    for (const [i, file] of input.files.entries()) {
      const component = ctx.components.find((c) => (c.code ?? c.id) === file.componentCode || c.id === file.componentCode);
      if (!component) throw createUnknownComponentsError({ errors: [{ path: `files[${i}].componentCode`, message: `Thành phần "${file.componentCode}" không thuộc trường hợp ${kase.code} của thủ tục` }] });
      const attId = createId('att');
      const key = `dossiers/${id}/${attId}`;
      const s = await storeUpload(storage, { stream: Readable.from([file.bytes]), declaredName: file.name }, { key, ...componentUploadPolicy(component, config.attachmentMaxBytes), fieldPath: `files[${i}]` });
      stored.push({ id: attId, key, componentId: component.id, name: storedFileName(file.name, s.ext), mediaType: s.mediaType, size: s.size, sha256: s.sha256, scan: 'PENDING' });
      try {
        const verdict = await scanner.scan({ key });
        if (verdict.status === 'infected') throw Object.assign(new Error('infected'), { code: 'dossiers.attachment_infected' });
        stored.at(-1)!.scan = 'CLEAN';
      } catch (e) {
        if ((e as { code?: string }).code !== 'files.scanner_unavailable') throw e;
      }
    }
    const dossier = await db.transaction(async (tx) => {
      const repo = createDossiersRepository({ db: tx });
      const unit = await receivingUnitFor(tx, config, procedure.id);
      const calendar = await loadWorkingCalendar({ db: tx, sessions: config.calendarWorkingHours });
      const appointmentAt = appointmentFor(input.submittedAt, phasesFor(ctx.kase.channels, 'ONLINE'), calendar);
      const row = await repo.insertDossier({
        id, procedureId: procedure.id, versionId: version.id, caseId: kase.id, applicantUserId: null,
        applicant: input.applicant, channel: 'ONLINE', status: 'SUBMITTED', answers: input.answers,
        receivingUnitId: unit.id, code: input.code, submittedAt: input.submittedAt, appointmentAt, dueAt: appointmentAt,
      });
      for (const s of stored) {
        await repo.insertAttachment({ id: s.id, dossierId: id, componentId: s.componentId, storageKey: s.key, originalName: s.name, mediaType: s.mediaType, sizeBytes: s.size, sha256: s.sha256, scanStatus: s.scan });
        // Quarantined: scanned again later by the files.rescan job (committed with the row).
        if (s.scan === 'PENDING') await enqueueRescan(tx, config, s.id);
      }
      await repo.insertEvent({
        dossierId: id, action: 'dossier.submitted', actorUserId: null, actorRole: 'SYSTEM', fromStatus: null, toStatus: 'SUBMITTED', at: input.submittedAt,
        payload: { code: input.code, channel: 'ONLINE', origin: input.origin, procedureVersionNo: version.versionNo, appointmentAt: appointmentAt.toISOString() },
      });
      return row;
    });
    return { dossier, created: true };
  } catch (e) {
    for (const s of stored) await storage.delete(s.key).catch(() => {});
    // Two pushes of one code at once: the loser finds the winner's dossier.
    const raced = await findDossierByCode(deps, input.code).catch(() => null);
    if (raced) return { dossier: raced, created: false };
    throw e;
  }
}
