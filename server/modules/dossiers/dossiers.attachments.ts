/**
 * Files of a dossier component: streamed into storage (type from content, size limit, SHA-256),
 * scanned, recorded. Quarantined (PENDING) until a scan says clean — when the scanner is
 * unavailable, a files.rescan job scans it again later; an infected file is removed and refused.
 * Nothing is left behind when any step fails.
 */
import type { Readable } from 'node:stream';
import { formatSize, storedFileName, storeUpload, type MalwareScanner } from '../../platform/files/index.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { createId } from '../../platform/db/ids.js';
import type { SignedInActor } from '../identity/index.js';
import { loadDossierFor } from './dossiers.access.js';
import { createErrorFactory } from '../../platform/errors/app-error.js';
import { createAttachmentNotFoundError, createNotEditableError, createTooManyFilesError, createTotalSizeExceededError, createUnknownComponentsError } from './dossiers.errors.js';
import { componentMaxFiles, componentUploadPolicy, isDraftStatus, type ComponentLimits } from './dossiers.models.js';
import { presentAttachment } from './dossiers.presenters.js';
import { createDossiersRepository } from './dossiers.repository.js';
import type { DossierRow } from './dossiers.tables.js';
import { loadCaseContext, type DossierDeps } from './dossiers.usecases.js';
import { enqueueRescan } from './dossiers.jobs.js';
import type { DbExecutor } from '../../platform/db/create-database.js';

export const createAttachmentInfectedError = createErrorFactory({
  code: 'dossiers.attachment_infected',
  message: 'Tệp tải lên bị phát hiện có mã độc và đã bị loại bỏ.',
  status: 422,
});

export const createAttachmentQuarantinedError = createErrorFactory({
  code: 'dossiers.attachment_quarantined',
  message: 'Tệp đang được kiểm tra an toàn, chưa thể tải xuống.',
  status: 409,
});

export interface AttachmentDeps extends DossierDeps {
  storage: ObjectStorage;
  scanner: MalwareScanner;
}

/**
 * Which component files may change now: any while a draft or counter intake is open; during a
 * supplement, only the requested components, in the current round.
 */
async function assertComponentWritable(db: DbExecutor, dossier: DossierRow, componentId: string) {
  if (isDraftStatus(dossier.status)) return 0;
  if (dossier.status === 'SUPPLEMENT_REQUESTED') {
    const request = await createDossiersRepository({ db }).getSupplementRequest(dossier.id, dossier.supplementRound);
    if (request?.components.includes(componentId)) return dossier.supplementRound;
    throw createNotEditableError({ message: 'Thành phần này không thuộc yêu cầu bổ sung nên không được thay đổi.', errors: [{ path: 'body.componentId', message: 'Không thuộc yêu cầu bổ sung' }] });
  }
  throw createNotEditableError();
}

/**
 * The component has room for one more file in this round, and the dossier's files together stay
 * within DOSSIER_MAX_TOTAL_MB with `addedBytes` more. Checked before a byte is stored (with the
 * bytes still unknown) and again under the dossier's lock with the stored size.
 *
 * @throws dossiers.too_many_files (409), dossiers.total_size_exceeded (413)
 */
async function assertAttachmentLimits(db: DbExecutor, { dossierId, component, round, maxTotalMb, addedBytes }: {
  dossierId: string; component: ComponentLimits & { id: string }; round: number; maxTotalMb: number; addedBytes: number;
}) {
  const attachments = await createDossiersRepository({ db }).listAttachments(dossierId);
  const maxFiles = componentMaxFiles(component);
  if (attachments.filter((a) => a.componentId === component.id && a.supplementRound === round).length >= maxFiles) {
    const message = `Thành phần này chỉ nhận tối đa ${maxFiles} tệp. Hãy xóa bớt tệp cũ trước khi tải thêm.`;
    throw createTooManyFilesError({ message, details: { maxFiles }, errors: [{ path: 'body.componentId', message }] });
  }
  const maxBytes = Math.floor(maxTotalMb * 1024 * 1024);
  const total = attachments.reduce((n, a) => n + a.sizeBytes, 0);
  if (total + Math.max(addedBytes, 1) > maxBytes) {
    const message = `Tổng dung lượng các tệp của hồ sơ không được vượt quá ${formatSize(maxBytes)} (đã dùng ${formatSize(total)}).`;
    throw createTotalSizeExceededError({ message, details: { maxTotalBytes: maxBytes, usedBytes: total }, errors: [{ path: 'body.file', message }] });
  }
}

/** Whether the actor may attach files to the dossier at all (checked before the body is read). */
export async function assertMayAttach(deps: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  await loadDossierFor(deps.db, actor, dossierId, { need: ['applicant', 'officer'] });
}

/**
 * Stores one file for a component of the dossier.
 *
 * @throws dossiers.not_found, dossiers.unknown_components (400), dossiers.not_editable (409),
 *         files.empty (400), files.too_large (413), files.unknown_type | files.content_mismatch | files.type_not_allowed (415),
 *         dossiers.attachment_infected (422)
 */
export async function addAttachment(deps: AttachmentDeps, { actor, dossierId, componentId, file }: {
  actor: SignedInActor; dossierId: string; componentId: string; file: { stream: Readable & { truncated?: boolean }; declaredName: string };
}) {
  const { db, config, storage, scanner } = deps;
  // Checked before a byte is stored, and again under lock when the row is written.
  const { dossier } = await loadDossierFor(db, actor, dossierId, { need: ['applicant', 'officer'] });
  const ctx = await loadCaseContext(db, dossier.caseId);
  const component = ctx.components.find((c) => c.id === componentId);
  if (!component) throw createUnknownComponentsError({ errors: [{ path: 'body.componentId', message: 'Thành phần không thuộc trường hợp của hồ sơ này' }] });
  const firstRound = await assertComponentWritable(db, dossier, componentId);
  await assertAttachmentLimits(db, { dossierId: dossier.id, component, round: firstRound, maxTotalMb: config.dossierMaxTotalMb, addedBytes: 0 });

  const id = createId('att');
  const key = `dossiers/${dossier.id}/${id}`;
  const stored = await storeUpload(storage, file, { key, ...componentUploadPolicy(component, config.attachmentMaxBytes), fieldPath: 'body.file' });
  try {
    let scanStatus: 'CLEAN' | 'PENDING' = 'PENDING';
    try {
      const verdict = await scanner.scan({ key });
      if (verdict.status === 'infected') throw createAttachmentInfectedError({ details: { signature: verdict.signature } });
      scanStatus = 'CLEAN';
    } catch (e) {
      // An unavailable scanner leaves the file quarantined; anything else is refused.
      if ((e as { code?: string }).code !== 'files.scanner_unavailable') throw e;
    }
    const row = await db.transaction(async (tx) => {
      const { dossier: locked } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['applicant', 'officer'] });
      const round = await assertComponentWritable(tx, locked, componentId);
      await assertAttachmentLimits(tx, { dossierId: locked.id, component, round, maxTotalMb: config.dossierMaxTotalMb, addedBytes: stored.size });
      const inserted = await createDossiersRepository({ db: tx }).insertAttachment({
        id, dossierId: locked.id, componentId, storageKey: key, originalName: storedFileName(file.declaredName, stored.ext),
        mediaType: stored.mediaType, sizeBytes: stored.size, sha256: stored.sha256, scanStatus, supplementRound: round, uploadedByUserId: actor.userId,
      });
      // Quarantined: scanned again later, with retries, by the files.rescan job (committed with the row).
      if (scanStatus === 'PENDING') await enqueueRescan(tx, config, id);
      return inserted;
    });
    return presentAttachment(row);
  } catch (e) {
    await storage.delete(key).catch(() => {});
    throw e;
  }
}

/** @throws dossiers.attachment_not_found (404), dossiers.not_editable (409) */
export async function removeAttachment(deps: AttachmentDeps, { actor, dossierId, attachmentId }: { actor: SignedInActor; dossierId: string; attachmentId: string }) {
  const key = await deps.db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['applicant', 'officer'] });
    const repo = createDossiersRepository({ db: tx });
    const attachment = await repo.getAttachment(dossier.id, attachmentId);
    if (!attachment) throw createAttachmentNotFoundError();
    const round = await assertComponentWritable(tx, dossier, attachment.componentId);
    // During a supplement, files of earlier rounds stay.
    if (attachment.supplementRound !== round) throw createNotEditableError({ message: 'Tệp của lần nộp trước được giữ lại, không thể xóa.' });
    await repo.deleteAttachment(attachment.id);
    return attachment.storageKey;
  });
  await deps.storage.delete(key).catch(() => {});
}

/** The file, for its applicant or officials of the receiving unit; quarantined files are not served. */
export async function openAttachment(deps: AttachmentDeps, { actor, dossierId, attachmentId }: { actor: SignedInActor; dossierId: string; attachmentId: string }) {
  const { dossier } = await loadDossierFor(deps.db, actor, dossierId);
  const attachment = await createDossiersRepository({ db: deps.db }).getAttachment(dossier.id, attachmentId);
  if (!attachment) throw createAttachmentNotFoundError();
  if (attachment.scanStatus !== 'CLEAN') throw createAttachmentQuarantinedError();
  return { attachment, body: await deps.storage.get(attachment.storageKey) };
}
