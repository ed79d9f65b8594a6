/**
 * The result of a dossier (domain brief §2.2 steps 5–8): the specialist drafts it from the
 * template, the leader approves and digitally signs it (PAdES, the leader's PKCS#12), the records
 * clerk numbers, dates and issues it under the unit's seal, and it is handed over at the counter
 * or downloaded. Also the apology letter (template 04), the control sheet (template 05), and the
 * applicant's satisfaction rating. The signed PDFs are stored; their SHA-256 is what the public
 * verification page confirms.
 */
import { applicantWithFiler, formatVnDate } from './dossiers.models.js';
import { buffer as readAll } from 'node:stream/consumers';
import type { ActionEffect } from '../../../common/workflows/index.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import type { SignedInActor } from '../identity/index.js';
import { usersTable } from '../identity/index.js';
import { eq, inArray } from 'drizzle-orm';
import { loadDossierFor } from './dossiers.access.js';
import { deliversOnline } from './dossiers.delivery.models.js';
import { renderApology, renderControlSheet, renderResult } from './documents/index.js';
import {
  createDocumentNotFoundError,
  createInvalidActionInputError,
  createNoSigningCertificateError,
  createNotRatableError,
  createResultNotAvailableError,
  createResultNotReadyError,
  createVersionMismatchError,
} from './dossiers.errors.js';
import { createProcessingRepository } from './dossiers.processing.repository.js';
import { createDossiersRepository } from './dossiers.repository.js';
import type { DossierRow } from './dossiers.tables.js';
import { loadCaseContext, viewDossier, type DossierDeps } from './dossiers.core.js';
import { publishedTemplateTexts } from './document-templates.repository.js';
import { renderTemplate } from './documents/templates.js';

const vietnamYear = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });

export interface CertificateInfo {
  commonName: string;
  subject: string;
  serialNumber: string;
  issuer: string;
}

export interface SignMeta {
  reason: string;
  location?: string;
  name?: string;
}

/** The signing port (server/platform/signing provides it from the configured PKCS#12 keystore). */
export interface ResultSigning {
  /** Signs as the official (PAdES); undefined when no certificate is configured for them. */
  signAsUser(email: string, pdf: Buffer, meta: SignMeta): Promise<{ pdf: Buffer; certificate: CertificateInfo } | undefined>;
  /** Adds the number and date to a signed PDF with the unit's seal signature (an incremental update; earlier signatures stay valid). */
  sealAsUnit(unitCode: string, signedPdf: Buffer, stamp: { lines: string[] }, meta: SignMeta): Promise<{ pdf: Buffer; certificate: CertificateInfo } | undefined>;
}

export interface ResultDeps {
  storage: ObjectStorage;
  signing: ResultSigning;
}

const verifyUrl = (publicUrl: string, documentId: string) => `${publicUrl.replace(/\/$/, '')}/xac-minh/${documentId}`;

async function readStored(storage: ObjectStorage, key: string) {
  return readAll(await storage.get(key));
}

// ---------------------------------------------------------------------------------------------
// Draft

export interface ResultDraftInput {
  title: string;
  summary: string;
  body: string;
}

/** Values of the result template's placeholders for a dossier. */
export async function resultTemplateValues(db: DbExecutor, dossier: DossierRow): Promise<Record<string, string>> {
  const ctx = await loadCaseContext(db, dossier.caseId);
  const agency = await agencyNames(db, dossier.processingUnitId ?? dossier.receivingUnitId);
  return {
    'ho_so.ma': dossier.code ?? '',
    'nguoi_nop.ten': dossier.applicant.fullName,
    'nguoi_nop.ten_day_du': applicantWithFiler(dossier.applicant),
    'nguoi_nop.dia_chi': dossier.applicant.address ?? '',
    'thu_tuc.ten': ctx.procedure.name,
    'thu_tuc.ma': ctx.procedure.code,
    'co_quan.ten': agency.name,
    ngay_tiep_nhan: dossier.receivedAt ? formatVnDate(dossier.receivedAt) : '…',
    han_tra: dossier.appointmentAt ? formatVnDate(dossier.appointmentAt) : '…',
    'ket_qua.ten': ctx.version.results[0]?.name ?? `Kết quả giải quyết thủ tục ${ctx.procedure.name}`,
  };
}

/** The published result template (the procedure's own, else the global one) filled for a dossier. */
export async function resultTexts(db: DbExecutor, dossier: DossierRow, at?: Date) {
  const ctx = await loadCaseContext(db, dossier.caseId);
  const sources = await publishedTemplateTexts(db, 'RESULT', { procedureCode: ctx.procedure.code, at });
  return renderTemplate('RESULT', sources, await resultTemplateValues(db, dossier));
}

/** The draft the specialist starts from: the published result template filled with the dossier's data. */
export async function resultTemplate(db: DbExecutor, dossier: DossierRow): Promise<ResultDraftInput> {
  const texts = await resultTexts(db, dossier);
  return { title: texts.tieu_de ?? '', summary: texts.trich_yeu ?? '', body: texts.noi_dung ?? '' };
}

/** Reads the draft (or the template when none has been saved). */
export async function getResultDraft(deps: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const { dossier } = await loadDossierFor(deps.db, actor, dossierId, { need: ['officer', 'official'] });
  const doc = await createProcessingRepository({ db: deps.db }).getResultDocument(dossier.id);
  if (doc) return { documentId: doc.id, status: doc.status, saved: true, ...(doc.content as unknown as ResultDraftInput), title: doc.title };
  return { documentId: null, status: 'DRAFT' as const, saved: false, ...(await resultTemplate(deps.db, dossier)) };
}

/**
 * Saves the result draft; allowed to whoever may act on the current step while the result is not signed.
 *
 * @throws dossiers.action_not_available (409), dossiers.result_not_ready (409) once signed
 */
export async function saveResultDraft(deps: DossierDeps, { actor, dossierId, input, mayDraft }: {
  actor: SignedInActor; dossierId: string; input: ResultDraftInput; mayDraft: (tx: DbExecutor, dossier: DossierRow) => Promise<boolean>;
}) {
  return deps.db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { forUpdate: true, need: ['officer', 'official'] });
    if (!(await mayDraft(tx, dossier))) throw createResultNotReadyError({ message: 'Bạn không thể soạn dự thảo kết quả ở bước hiện tại của hồ sơ.' });
    const processing = createProcessingRepository({ db: tx });
    const existing = await processing.getResultDocument(dossier.id, { forUpdate: true });
    if (existing && existing.status !== 'DRAFT') throw createResultNotReadyError({ message: 'Kết quả đã được ký nên không sửa được dự thảo.' });
    const content = { summary: input.summary, body: input.body };
    const doc = existing
      ? await processing.updateDocument(existing.id, { title: input.title, content, draftedByUserId: actor.userId })
      : await processing.insertDocument({ id: createId('doc'), dossierId: dossier.id, kind: 'RESULT', status: 'DRAFT', title: input.title, content, draftedByUserId: actor.userId });
    await createDossiersRepository({ db: tx }).insertEvent({ dossierId: dossier.id, action: 'dossier.result_drafted', actorUserId: actor.userId, actorRole: dossier.currentRole, actorUnitId: dossier.currentUnitId, fromStatus: dossier.status, toStatus: dossier.status, payload: { documentId: doc.id } });
    return { documentId: doc.id, status: doc.status, saved: true, title: doc.title, summary: input.summary, body: input.body };
  });
}

// ---------------------------------------------------------------------------------------------
// Sign and issue (effects of workflow actions)

async function agencyNames(db: DbExecutor, unitId: string) {
  const processing = createProcessingRepository({ db });
  const unit = await processing.agencyById(unitId);
  const parent = unit?.parentId ? await processing.agencyById(unit.parentId) : undefined;
  return { unit, name: unit?.name ?? '', parentName: parent?.name };
}

/**
 * SIGN_RESULT: renders the draft with the signer's name and a QR code to the public verification
 * page, signs it with the leader's certificate and stores it. ISSUE_RESULT: takes the next number
 * of the unit's register for the year, stamps number and date and the unit's seal signature onto the
 * signed PDF, and stores the issued PDF.
 *
 * @throws dossiers.result_not_ready (409), dossiers.no_signing_certificate (409)
 */
export async function applyResultEffect(deps: DossierDeps & ResultDeps, tx: DbExecutor, { effect, dossier, actor, now }: { effect: ActionEffect; dossier: DossierRow; actor: SignedInActor; now: Date }): Promise<Record<string, unknown>> {
  const processing = createProcessingRepository({ db: tx });
  const doc = await processing.getResultDocument(dossier.id, { forUpdate: true });
  const unitId = dossier.processingUnitId ?? dossier.receivingUnitId;
  if (effect === 'SIGN_RESULT') {
    if (!doc || doc.status !== 'DRAFT') throw createResultNotReadyError({ message: doc ? 'Kết quả đã được ký.' : 'Chưa có dự thảo kết quả để ký; chuyên viên cần soạn dự thảo trước.' });
    const [signer] = await tx.select({ fullName: usersTable.fullName, email: usersTable.email }).from(usersTable).where(eq(usersTable.id, actor.userId));
    if (!signer?.email) throw createNoSigningCertificateError();
    const ctx = await loadCaseContext(tx, dossier.caseId);
    const agency = await agencyNames(tx, unitId);
    const content = doc.content as { summary?: string; body?: string };
    const recipients = (await resultTexts(tx, dossier, now)).noi_nhan?.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const pdf = await renderResult({
      agencyName: agency.name,
      parentAgencyName: agency.parentName,
      documentTitle: doc.title,
      procedureName: ctx.procedure.name,
      dossierCode: dossier.code ?? '',
      applicantName: dossier.applicant.fullName,
      applicantIsOrganisation: Boolean(dossier.applicant.organisationTaxCode),
      applicantAddress: dossier.applicant.address ?? undefined,
      summary: content.summary ?? '',
      body: content.body ?? '',
      signerName: signer.fullName,
      signerTitle: 'Lãnh đạo',
      placeName: deps.config.documentPlace,
      verifyUrl: verifyUrl(deps.config.publicUrl, doc.id),
      documentId: doc.id,
      issuedNumber: null,
      signedAt: now,
      recipients: recipients?.length ? recipients : undefined,
    });
    const signed = await deps.signing.signAsUser(signer.email, pdf, { reason: `Phê duyệt ${doc.title} — hồ sơ ${dossier.code}`, location: deps.config.documentPlace, name: signer.fullName });
    if (!signed) throw createNoSigningCertificateError();
    const key = `results/${dossier.id}/${doc.id}-signed.pdf`;
    const stored = await deps.storage.put(key, signed.pdf, { contentType: 'application/pdf' });
    await processing.updateDocument(doc.id, { status: 'SIGNED', signedStorageKey: key, signedSha256: stored.sha256, signedByUserId: actor.userId, signedAt: now, signer: signed.certificate });
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'DOCUMENT_SIGNED', subject: `document:${doc.id}`, outcome: 'SUCCESS', details: { dossierId: dossier.id, sha256: stored.sha256, certificate: signed.certificate.serialNumber } } });
    return { documentId: doc.id, signedSha256: stored.sha256, signer: signed.certificate.commonName };
  }
  // ISSUE_RESULT
  if (!doc || doc.status !== 'SIGNED' || !doc.signedStorageKey) throw createResultNotReadyError({ message: doc?.status === 'ISSUED' ? 'Kết quả đã được ban hành.' : 'Kết quả chưa được lãnh đạo ký nên chưa ban hành được.' });
  const agency = await agencyNames(tx, unitId);
  const year = Number(vietnamYear.format(now));
  const n = await processing.nextDocumentNumber(unitId, year);
  const unitSuffix = (agency.unit?.code ?? 'DV').split('.').pop();
  const number = `${n}/${year}/KQ-${unitSuffix}`;
  const signedPdf = await readStored(deps.storage, doc.signedStorageKey);
  const sealed = await deps.signing.sealAsUnit(agency.unit?.code ?? '', signedPdf, { lines: [`Số: ${number}`, `Ban hành ngày ${formatVnDate(now)}`] }, { reason: `Ban hành văn bản số ${number}`, location: deps.config.documentPlace, name: agency.name });
  if (!sealed) throw createNoSigningCertificateError({ message: 'Chưa có chứng thư số của cơ quan để ban hành văn bản; liên hệ quản trị viên.' });
  const key = `results/${dossier.id}/${doc.id}-issued.pdf`;
  const stored = await deps.storage.put(key, sealed.pdf, { contentType: 'application/pdf' });
  await processing.updateDocument(doc.id, { status: 'ISSUED', number, issuedAt: now, issuedByUserId: actor.userId, issuedStorageKey: key, issuedSha256: stored.sha256 });
  await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'DOCUMENT_ISSUED', subject: `document:${doc.id}`, outcome: 'SUCCESS', details: { dossierId: dossier.id, number, sha256: stored.sha256 } } });
  return { documentId: doc.id, number, issuedSha256: stored.sha256 };
}

// ---------------------------------------------------------------------------------------------
// Downloads

/** Whether the applicant receives the result electronically (their choice at filing, else the case's rule). */
async function electronicDelivery(db: DbExecutor, dossier: DossierRow) {
  const ctx = await loadCaseContext(db, dossier.caseId);
  return deliversOnline(dossier, ctx.kase.capabilities);
}

/**
 * The result PDF. Officials of the dossier get the latest stored version (issued, else signed).
 * The applicant gets the issued result once it is returned, or as soon as it is ready when the case
 * delivers results electronically — that first download is the return (RESULT_RETURNED, DOWNLOAD).
 *
 * @throws dossiers.result_not_available (404)
 */
export async function downloadResult(deps: DossierDeps & ResultDeps, { actor, dossierId, ip }: { actor: SignedInActor; dossierId: string; ip?: string | null }) {
  const { db } = deps;
  const { dossier, relation } = await loadDossierFor(db, actor, dossierId);
  const doc = await createProcessingRepository({ db }).getResultDocument(dossier.id);
  let key: string | null | undefined;
  if (relation === 'applicant') {
    if (!doc || doc.status !== 'ISSUED') throw createResultNotAvailableError();
    const returned = dossier.status === 'RESULT_RETURNED';
    if (!returned && !(dossier.status === 'RESULT_READY' && (await electronicDelivery(db, dossier)))) throw createResultNotAvailableError({ message: 'Kết quả của thủ tục này được trả tại Bộ phận Một cửa; chưa thể tải về.' });
    if (!returned) await markReturnedByDownload(deps, dossier, actor, ip);
    key = doc.issuedStorageKey;
  } else {
    key = doc?.issuedStorageKey ?? doc?.signedStorageKey;
  }
  if (!doc || !key) throw createResultNotAvailableError();
  return { pdf: await readStored(deps.storage, key), fileName: `ket-qua-${dossier.code ?? dossier.id}.pdf` };
}

async function markReturnedByDownload(deps: DossierDeps, dossier: DossierRow, actor: SignedInActor, ip?: string | null) {
  await deps.db.transaction(async (tx) => {
    const repo = createDossiersRepository({ db: tx });
    const current = await repo.getDossierById(dossier.id, { forUpdate: true });
    if (!current || current.status !== 'RESULT_READY') return;
    const now = new Date();
    const updated = await repo.updateDossier(current.id, current.version, {
      status: 'RESULT_RETURNED', returnedAt: now, returnMethod: 'DOWNLOAD', workflowStatus: 'FINISHED',
      currentUnitId: null, currentRole: null, assigneeUserId: null, stepDueAt: null,
    });
    if (!updated) throw createVersionMismatchError();
    await repo.insertEvent({ dossierId: current.id, action: 'dossier.result_downloaded', actorUserId: actor.userId, actorRole: 'APPLICANT', fromStatus: current.status, toStatus: 'RESULT_RETURNED', at: now, payload: { method: 'DOWNLOAD' } });
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'DOSSIER_RESULT_RETURNED', subject: `dossier:${current.id}`, ip, outcome: 'SUCCESS', details: { method: 'DOWNLOAD' } } });
  });
}

/** An apology letter (template 04) of the dossier, rendered from what was recorded. */
export async function renderApologyPdf(deps: DossierDeps, { actor, dossierId, documentId }: { actor: SignedInActor; dossierId: string; documentId: string }) {
  const { db, config } = deps;
  const { dossier } = await loadDossierFor(db, actor, dossierId);
  const doc = await createProcessingRepository({ db }).getDocument(dossier.id, documentId);
  if (!doc || doc.kind !== 'APOLOGY') throw createDocumentNotFoundError();
  const ctx = await loadCaseContext(db, dossier.caseId);
  const agency = await agencyNames(db, dossier.processingUnitId ?? dossier.receivingUnitId);
  const content = doc.content as { reason: string; originalAppointmentAt: string | null; newAppointmentAt: string };
  const [issuer] = doc.issuedByUserId ? await db.select({ fullName: usersTable.fullName }).from(usersTable).where(eq(usersTable.id, doc.issuedByUserId)) : [];
  const pdf = await renderApology({
    agency: { parentName: agency.parentName, name: agency.name, place: config.documentPlace },
    issuedAt: doc.issuedAt ?? doc.createdAt,
    templates: await publishedTemplateTexts(db, '04', { at: doc.issuedAt ?? doc.createdAt }),
    dossierCode: dossier.code ?? '',
    applicant: { name: dossier.applicant.fullName, idNumber: dossier.applicant.personalIdNumber ?? undefined, address: dossier.applicant.address ?? undefined },
    procedure: { name: ctx.procedure.name, code: ctx.procedure.code, caseName: ctx.kase.name },
    receivedAt: dossier.receivedAt ?? dossier.submittedAt ?? doc.createdAt,
    originalAppointmentAt: content.originalAppointmentAt ?? dossier.dueAt ?? doc.createdAt,
    reason: content.reason,
    newAppointmentAt: content.newAppointmentAt,
    signer: { name: issuer?.fullName ?? agency.name },
  });
  return { pdf, fileName: `phieu-xin-loi-${dossier.code ?? dossier.id}.pdf` };
}

/** Template 05: one row per hand-over between steps, read from the dossier's events. */
export async function renderControlSheetPdf(deps: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const { db, config } = deps;
  const { dossier } = await loadDossierFor(db, actor, dossierId, { need: ['officer', 'official'] });
  if (!dossier.receivedAt || !dossier.dueAt) throw createResultNotAvailableError({ message: 'Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát.' });
  const ctx = await loadCaseContext(db, dossier.caseId);
  const events = await createDossiersRepository({ db }).listEvents(dossier.id);
  const named = [...new Set([...events.map((e) => e.actorUserId), dossier.assigneeUserId].filter((id): id is string => Boolean(id)))];
  const users = new Map((named.length ? await db.select({ id: usersTable.id, fullName: usersTable.fullName }).from(usersTable).where(inArray(usersTable.id, named)) : []).map((u) => [u.id, u.fullName]));
  const processing = createProcessingRepository({ db });
  const unitName = async (id: string | null) => (id ? (await processing.agencyById(id))?.name ?? '' : '');
  const agency = await agencyNames(db, dossier.receivingUnitId);
  const moves = events.filter((e) => ['dossier.received', 'dossier.forward', 'dossier.send_back', 'dossier.coordinate', 'dossier.payment', 'dossier.request_supplement', 'dossier.finish', 'dossier.stop', 'dossier.assigned', 'dossier.claimed'].includes(e.action));
  const handovers = [];
  for (let i = 0; i < moves.length; i += 1) {
    const e = moves[i]!;
    const next = moves[i + 1];
    const payload = e.payload as { assigneeId?: string | null; toStep?: string | null; workflowAction?: string; label?: string };
    handovers.push({
      from: { unit: await unitName(e.actorUnitId), person: users.get(e.actorUserId ?? '') ?? 'Người nộp hồ sơ' },
      to: next
        ? { unit: await unitName(next.actorUnitId), person: users.get(next.actorUserId ?? '') ?? '' }
        : { unit: e.action === 'dossier.finish' ? 'Tổ chức, cá nhân' : await unitName(dossier.currentUnitId), person: e.action === 'dossier.finish' ? dossier.collectedBy?.fullName ?? dossier.applicant.fullName : users.get(dossier.assigneeUserId ?? '') ?? '' },
      at: e.at,
      note: payload.label ?? e.reason ?? undefined,
      confirmedElectronically: true,
    });
  }
  const pdf = await renderControlSheet({
    agency: { parentName: agency.parentName, name: agency.name, place: config.documentPlace },
    issuedAt: dossier.receivedAt,
    templates: await publishedTemplateTexts(db, '05'),
    dossierCode: dossier.code ?? '',
    applicant: { name: dossier.applicant.fullName },
    procedure: { name: ctx.procedure.name, code: ctx.procedure.code, caseName: ctx.kase.name },
    processingUnit: await unitName(dossier.processingUnitId ?? dossier.receivingUnitId),
    coordinatingUnits: [...new Set(events.map((e) => (e.payload as { agency?: string }).agency).filter((a): a is string => Boolean(a)))],
    receivedAt: dossier.receivedAt,
    appointmentAt: dossier.appointmentAt ?? dossier.dueAt,
    handovers,
  });
  return { pdf, fileName: `phieu-kiem-soat-${dossier.code ?? dossier.id}.pdf` };
}

// ---------------------------------------------------------------------------------------------
// Rating

/** @throws dossiers.not_ratable (409) before the result is returned or when already rated */
export async function rateDossier(deps: DossierDeps, { actor, dossierId, score, comment }: { actor: SignedInActor; dossierId: string; score: number; comment?: string | null }) {
  const dossier = await deps.db.transaction(async (tx) => {
    const { dossier } = await loadDossierFor(tx, actor, dossierId, { need: ['applicant'] });
    if (dossier.status !== 'RESULT_RETURNED') throw createNotRatableError();
    if (!Number.isInteger(score) || score < 1 || score > 5) throw createInvalidActionInputError({ errors: [{ path: 'body.score', message: 'Chọn mức đánh giá từ 1 đến 5.' }] });
    const inserted = await createProcessingRepository({ db: tx }).insertRating({ dossierId: dossier.id, userId: actor.userId, score, comment: comment?.trim() || null });
    if (!inserted) throw createNotRatableError();
    await createDossiersRepository({ db: tx }).insertEvent({ dossierId: dossier.id, action: 'dossier.rated', actorUserId: actor.userId, actorRole: 'APPLICANT', fromStatus: dossier.status, toStatus: dossier.status, payload: { score } });
    return dossier;
  });
  return viewDossier(deps, dossier);
}

