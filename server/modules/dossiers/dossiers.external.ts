/**
 * A dossier filed through another system (the National Single Window): the enterprise declared
 * it there, the connector module hands it over here. It is created submitted, with its code,
 * appointment, files and the `dossier.submitted` event (actor SYSTEM, `origin` in the payload) in
 * one transaction, and then waits for the one-stop desk like any online dossier. Idempotent on
 * the origin's reference: a second filing with the same reference answers the first dossier.
 */
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { FieldProblem } from '../../platform/errors/app-error.js';
import { uniqueViolation } from '../../platform/db/db-errors.js';
import type { Database } from '../../platform/db/create-database.js';
import type { Config } from '../../platform/config/config.js';
import { createId } from '../../platform/db/ids.js';
import { storeUpload, type MalwareScanner } from '../../platform/files/index.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { loadWorkingCalendar } from '../calendar/index.js';
import { componentNeedsFile } from '../catalog/index.js';
import { organisationsTable } from '../identity/index.js';
import { answerProblems, answersToStore, findCurrentCase, loadCaseContext, receivingUnitFor } from './dossiers.core.js';
import { appointmentFor, codeDay, componentUploadPolicy, formatDossierCode, phasesFor } from './dossiers.models.js';
import { enqueueRescan } from './dossiers.jobs.js';
import { createDossiersRepository } from './dossiers.repository.js';
import { dossiersTable, type ApplicantDetails, type DossierOrigin, type DossierRow } from './dossiers.tables.js';

export interface ExternalFile {
  /** 1-based position of the component in the case's list of components. */
  componentNo: number;
  name: string;
  bytes: Buffer;
}

export interface ExternalFilingInput {
  origin: Exclude<DossierOrigin, 'OPENDVC'>;
  /** The filing's reference in the origin system (NSW document number). */
  externalRef: string;
  procedureCode: string;
  caseCode: string;
  applicant: ApplicantDetails;
  answers: Record<string, unknown>;
  files: ExternalFile[];
}

export type ExternalFilingResult =
  | { ok: true; created: boolean; dossier: DossierRow }
  | { ok: false; problems: FieldProblem[] };

export interface ExternalFilingDeps {
  db: Database;
  config: Config;
  storage: ObjectStorage;
  scanner: MalwareScanner;
}

async function existing(db: Database, origin: DossierOrigin, externalRef: string) {
  const [row] = await db.select().from(dossiersTable).where(and(eq(dossiersTable.origin, origin), eq(dossiersTable.externalRef, externalRef)));
  return row;
}

/** Files a dossier from another system, or answers every problem found (nothing is written then). */
export async function fileExternalDossier(deps: ExternalFilingDeps, input: ExternalFilingInput): Promise<ExternalFilingResult> {
  const { db, config, storage, scanner } = deps;
  const before = await existing(db, input.origin, input.externalRef);
  if (before) return { ok: true, created: false, dossier: before };

  let found: Awaited<ReturnType<typeof findCurrentCase>>;
  try {
    found = await findCurrentCase(db, input.procedureCode, input.caseCode);
  } catch {
    return { ok: false, problems: [{ path: 'procedure', message: `Thủ tục ${input.procedureCode} (${input.caseCode}) không có trong danh mục đang áp dụng` }] };
  }
  const ctx = await loadCaseContext(db, found.kase.id);
  const problems: FieldProblem[] = [...answerProblems(ctx.form?.schema, input.answers)];
  input.files.forEach((f, i) => {
    if (!ctx.components[f.componentNo - 1]) problems.push({ path: `attachments.${i}.componentNo`, message: `Không có thành phần hồ sơ số ${f.componentNo}` });
    if (f.bytes.length === 0) problems.push({ path: `attachments.${i}.content`, message: `Tệp ${f.name} rỗng` });
  });
  ctx.components.forEach((c, i) => {
    if (componentNeedsFile(c, Boolean(ctx.form)) && !input.files.some((f) => f.componentNo === i + 1)) problems.push({ path: `components.${i + 1}`, message: `Chưa đính kèm: ${c.name}` });
  });
  if (problems.length > 0) return { ok: false, problems };

  const dossierId = createId('dos');
  const stored: { id: string; key: string; componentId: string; name: string; mediaType: string; size: number; sha256: string; scanStatus: 'CLEAN' | 'PENDING' }[] = [];
  try {
    for (const [i, f] of input.files.entries()) {
      const component = ctx.components[f.componentNo - 1]!;
      const id = createId('att');
      const key = `dossiers/${dossierId}/${id}`;
      let upload;
      try {
        upload = await storeUpload(storage, { stream: Readable.from([f.bytes]), declaredName: f.name }, { key, ...componentUploadPolicy(component, config.attachmentMaxBytes), fieldPath: `attachments.${i}` });
      } catch (e) {
        const problem = (e as { errors?: FieldProblem[]; message?: string });
        problems.push(...(problem.errors ?? [{ path: `attachments.${i}`, message: problem.message ?? 'Tệp không hợp lệ' }]));
        continue;
      }
      let scanStatus: 'CLEAN' | 'PENDING' = 'PENDING';
      try {
        const verdict = await scanner.scan({ key });
        if (verdict.status === 'infected') {
          await storage.delete(key);
          problems.push({ path: `attachments.${i}`, message: `Tệp ${f.name} nhiễm mã độc (${verdict.signature})` });
          continue;
        }
        scanStatus = 'CLEAN';
      } catch (e) {
        if ((e as { code?: string }).code !== 'files.scanner_unavailable') throw e;
      }
      stored.push({ id, key, componentId: component.id, name: f.name, mediaType: upload.mediaType, size: upload.size, sha256: upload.sha256, scanStatus });
    }
    if (problems.length > 0) {
      await Promise.all(stored.map((s) => storage.delete(s.key).catch(() => {})));
      return { ok: false, problems };
    }

    const dossier = await db.transaction(async (tx) => {
      const repo = createDossiersRepository({ db: tx });
      const unit = await receivingUnitFor(tx, config, found.procedure.id);
      const now = new Date();
      const code = formatDossierCode(unit.code, codeDay(now), await repo.nextCodeNumber(unit.code, codeDay(now)));
      const calendar = await loadWorkingCalendar({ db: tx, sessions: config.calendarWorkingHours });
      const appointmentAt = appointmentFor(now, phasesFor(found.kase.channels, 'ONLINE'), calendar);
      const [organisation] = input.applicant.organisationTaxCode
        ? await tx.select({ id: organisationsTable.id }).from(organisationsTable)
          .where(and(eq(organisationsTable.taxCode, input.applicant.organisationTaxCode), eq(organisationsTable.verificationStatus, 'VERIFIED')))
        : [];
      const row = await repo.insertDossier({
        id: dossierId,
        procedureId: found.procedure.id,
        versionId: found.version.id,
        caseId: found.kase.id,
        organisationId: organisation?.id ?? null,
        applicant: input.applicant,
        channel: 'ONLINE',
        origin: input.origin,
        externalRef: input.externalRef,
        status: 'SUBMITTED',
        answers: answersToStore(ctx.form?.schema, input.answers),
        receivingUnitId: unit.id,
        code,
        submittedAt: now,
        appointmentAt,
        dueAt: appointmentAt,
        deliveryMethod: 'ONLINE',
      });
      for (const s of stored) {
        await repo.insertAttachment({ id: s.id, dossierId, componentId: s.componentId, storageKey: s.key, originalName: s.name, mediaType: s.mediaType, sizeBytes: s.size, sha256: s.sha256, scanStatus: s.scanStatus });
        // Quarantined (scanner unavailable): scanned again later by the files.rescan job, as an upload is.
        if (s.scanStatus === 'PENDING') await enqueueRescan(tx, config, s.id);
      }
      await repo.insertEvent({
        dossierId, action: 'dossier.submitted', actorUserId: null, actorRole: 'SYSTEM', actorUnitId: null, fromStatus: null, toStatus: 'SUBMITTED', at: now,
        payload: { code, channel: 'ONLINE', origin: input.origin, externalRef: input.externalRef, procedureVersionNo: found.version.versionNo, appointmentAt: appointmentAt.toISOString(), deliveryMethod: 'ONLINE' },
      });
      return row;
    });
    return { ok: true, created: true, dossier };
  } catch (e) {
    await Promise.all(stored.map((s) => storage.delete(s.key).catch(() => {})));
    // The same reference filed twice at once: the loser answers the winner's dossier.
    if (uniqueViolation(e) === 'dossiers_external_ref_uq') {
      const winner = await existing(db, input.origin, input.externalRef);
      if (winner) return { ok: true, created: false, dossier: winner };
    }
    throw e;
  }
}
