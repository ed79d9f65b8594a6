/**
 * "My personal data" (Law 91/2025/QH15, ADR 0022): everything the platform holds about one
 * account, as one JSON document plus the files (attachments, issued results, receipts), written
 * into a ZIP archive. Only what is the person's own: dossiers they filed or that were filed for
 * them as a principal (an organisation's dossiers filed by other members are the organisation's),
 * the events of those dossiers addressed to the applicant (never officials' internal notes), and
 * no secret (password hash, TOTP secret, token hashes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { Database } from '../../platform/db/create-database.js';
import { auditEventsTable } from '../../platform/audit/index.js';
import { mailDeliveriesTable } from '../../platform/mail/mail-deliveries.tables.js';
import { smsDeliveriesTable } from '../../platform/sms/sms-deliveries.tables.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { createZipWriter } from '../../platform/zip/zip-writer.js';
import {
  dossierAttachmentsTable, dossierDocumentsTable, dossierEventsTable, dossierRatingsTable, dossiersTable, supplementRequestsTable,
} from '../dossiers/index.js';
import {
  applicantProfilesTable, organisationMembersTable, organisationsTable, representativeAuthorisationsTable, roleGrantsTable, sessionsTable, usersTable,
} from '../identity/index.js';
import { notificationsTable } from '../notifications/index.js';
import { paymentRequestsTable } from '../payments/index.js';
import { receiptsTable } from '../receipts/index.js';
import { createUserNotFoundError } from './privacy.errors.js';

/** Bumped when the document's shape changes. */
export const PERSONAL_DATA_FORMAT = 'opendvc.personal-data/1';

export interface ExportFile {
  /** Path inside the archive. */
  path: string;
  storageKey: string;
}

export interface PersonalData {
  document: Record<string, unknown>;
  files: ExportFile[];
}

/** A name safe inside an archive: no separators or control characters, at most 120 characters. */
function safeName(name: string) {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^\.+/, '_').trim();
  return (cleaned || 'tep').slice(0, 120);
}

/** Gathers everything held about the account `userId`. */
export async function collectPersonalData(db: Database, userId: string, now = new Date()): Promise<PersonalData> {
  const [user] = await db.select().from(usersTable).where(eq(usersTable.id, userId));
  if (!user) throw createUserNotFoundError();
  const [profile] = await db.select().from(applicantProfilesTable).where(eq(applicantProfilesTable.userId, userId));

  const memberships = await db.select({ role: organisationMembersTable.role, since: organisationMembersTable.createdAt, organisation: organisationsTable })
    .from(organisationMembersTable).innerJoin(organisationsTable, eq(organisationsTable.id, organisationMembersTable.organisationId))
    .where(eq(organisationMembersTable.userId, userId));
  const authorisations = await db.select().from(representativeAuthorisationsTable)
    .where(or(eq(representativeAuthorisationsTable.representativeUserId, userId), eq(representativeAuthorisationsTable.principalUserId, userId)));
  const grants = await db.select({ role: roleGrantsTable.role, unitId: roleGrantsTable.unitAgencyId, createdAt: roleGrantsTable.createdAt }).from(roleGrantsTable).where(eq(roleGrantsTable.userId, userId));
  const sessions = await db.select({ createdAt: sessionsTable.createdAt, lastSeenAt: sessionsTable.lastSeenAt, expiresAt: sessionsTable.expiresAt, revokedAt: sessionsTable.revokedAt, ip: sessionsTable.ip, userAgent: sessionsTable.userAgent })
    .from(sessionsTable).where(eq(sessionsTable.userId, userId)).orderBy(desc(sessionsTable.createdAt));

  const d = dossiersTable;
  const dossiers = await db.select().from(d).where(or(eq(d.applicantUserId, userId), eq(d.principalUserId, userId))).orderBy(asc(d.createdAt), asc(d.id));
  const ids = dossiers.map((x) => x.id);
  const inIds = <T extends { dossierId: unknown }>(col: T['dossierId']) => (ids.length ? inArray(col as never, ids) : eq(d.id, '__none__'));
  const attachments = ids.length ? await db.select().from(dossierAttachmentsTable).where(inIds(dossierAttachmentsTable.dossierId)).orderBy(asc(dossierAttachmentsTable.createdAt)) : [];
  const events = ids.length ? await db.select().from(dossierEventsTable).where(and(inIds(dossierEventsTable.dossierId), eq(dossierEventsTable.audience, 'APPLICANT'))).orderBy(asc(dossierEventsTable.position)) : [];
  const supplements = ids.length ? await db.select().from(supplementRequestsTable).where(inIds(supplementRequestsTable.dossierId)).orderBy(asc(supplementRequestsTable.round)) : [];
  const documents = ids.length ? await db.select().from(dossierDocumentsTable).where(and(inIds(dossierDocumentsTable.dossierId), eq(dossierDocumentsTable.status, 'ISSUED'))) : [];
  const payments = ids.length ? await db.select().from(paymentRequestsTable).where(inIds(paymentRequestsTable.dossierId)).orderBy(asc(paymentRequestsTable.createdAt)) : [];
  const receipts = ids.length ? await db.select().from(receiptsTable).where(inIds(receiptsTable.dossierId)).orderBy(asc(receiptsTable.createdAt)) : [];
  const ratings = await db.select().from(dossierRatingsTable).where(eq(dossierRatingsTable.userId, userId));
  const notifications = await db.select().from(notificationsTable).where(eq(notificationsTable.userId, userId)).orderBy(asc(notificationsTable.createdAt));
  const mails = user.email ? await db.select({ subject: mailDeliveriesTable.subject, status: mailDeliveriesTable.status, sentAt: mailDeliveriesTable.sentAt, recipient: mailDeliveriesTable.recipient })
    .from(mailDeliveriesTable).where(eq(mailDeliveriesTable.recipient, user.email)) : [];
  const smsMessages = user.phone ? await db.select({ recipient: smsDeliveriesTable.recipient, status: smsDeliveriesTable.status, sentAt: smsDeliveriesTable.sentAt })
    .from(smsDeliveriesTable).where(eq(smsDeliveriesTable.recipient, user.phone)) : [];
  const audit = await db.select({ at: auditEventsTable.at, action: auditEventsTable.action, subject: auditEventsTable.subject, ip: auditEventsTable.ip, outcome: auditEventsTable.outcome })
    .from(auditEventsTable).where(or(eq(auditEventsTable.actorUserId, userId), eq(auditEventsTable.subject, `user:${userId}`))).orderBy(asc(auditEventsTable.seq));

  const files: ExportFile[] = [];
  const folderOf = (x: { id: string; code: string | null }) => `ho-so/${safeName(x.code ?? x.id)}`;
  const byDossier = <T extends { dossierId: string }>(rows: T[], id: string) => rows.filter((r) => r.dossierId === id);

  const dossierDocs = dossiers.map((x) => {
    const folder = folderOf(x);
    return {
      id: x.id,
      code: x.code,
      procedureId: x.procedureId,
      caseId: x.caseId,
      status: x.status,
      channel: x.channel,
      origin: x.origin,
      filedFor: x.principalUserId === userId && x.applicantUserId !== userId ? 'PRINCIPAL' : 'SELF',
      organisationId: x.organisationId,
      applicant: x.applicant,
      answers: x.answers,
      deliveryMethod: x.deliveryMethod,
      deliveryAddress: x.deliveryAddress,
      collectedBy: x.collectedBy,
      createdAt: x.createdAt,
      submittedAt: x.submittedAt,
      receivedAt: x.receivedAt,
      appointmentAt: x.appointmentAt,
      dueAt: x.dueAt,
      resolvedAt: x.resolvedAt,
      returnedAt: x.returnedAt,
      personalDataPurgedAt: x.personalDataPurgedAt,
      attachments: byDossier(attachments, x.id).map((a) => {
        const included = a.scanStatus === 'CLEAN';
        const filePath = `${folder}/tep-dinh-kem/${a.id}-${safeName(a.originalName)}`;
        if (included) files.push({ path: filePath, storageKey: a.storageKey });
        return { id: a.id, componentId: a.componentId, name: a.originalName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256, scanStatus: a.scanStatus, supplementRound: a.supplementRound, uploadedAt: a.createdAt, file: included ? filePath : null };
      }),
      history: byDossier(events, x.id).map((e) => ({ type: e.type, at: e.at, fromStatus: e.fromStatus, toStatus: e.toStatus, nationalStatusAfter: e.nationalStatusAfter, actorRole: e.actorRole, reason: e.reason, payload: e.payload })),
      supplementRequests: byDossier(supplements, x.id).map((s) => ({ round: s.round, reason: s.reason, components: s.components, fields: s.fields, requestedAt: s.requestedAt, dueAt: s.dueAt, answeredAt: s.answeredAt })),
      results: byDossier(documents, x.id).map((doc) => {
        const filePath = doc.issuedStorageKey ? `${folder}/ket-qua/${safeName(doc.number ?? doc.id)}-${doc.kind.toLowerCase()}.pdf` : null;
        if (filePath && doc.issuedStorageKey) files.push({ path: filePath, storageKey: doc.issuedStorageKey });
        return { id: doc.id, kind: doc.kind, title: doc.title, number: doc.number, issuedAt: doc.issuedAt, sha256: doc.issuedSha256, file: filePath };
      }),
      payments: byDossier(payments, x.id).map((p) => ({ id: p.id, stage: p.stage, status: p.status, amount: p.amount, currency: p.currency, items: p.items, reference: p.reference, provider: p.provider, providerTransactionId: p.providerTransactionId, paidAt: p.paidAt, createdAt: p.createdAt })),
      receipts: byDossier(receipts, x.id).map((r) => {
        const filePath = r.storageKey && r.status !== 'PENDING' ? `${folder}/bien-lai/${safeName(`${r.symbol}-${String(r.number).padStart(7, '0')}`)}.pdf` : null;
        if (filePath && r.storageKey) files.push({ path: filePath, storageKey: r.storageKey });
        return { id: r.id, formCode: r.formCode, symbol: r.symbol, number: r.number, payer: r.payer, items: r.items, amount: r.amount, currency: r.currency, paidAt: r.paidAt, status: r.status, issuedAt: r.issuedAt, refunds: r.refunds, cancelledAt: r.cancelledAt, file: filePath };
      }),
    };
  });

  const document = {
    format: PERSONAL_DATA_FORMAT,
    generatedAt: now.toISOString(),
    legalBasis: 'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15',
    account: {
      id: user.id, kind: user.kind, email: user.email, phone: user.phone, fullName: user.fullName, status: user.status,
      emailVerifiedAt: user.emailVerifiedAt, hasPassword: user.passwordHash !== null, createdAt: user.createdAt, updatedAt: user.updatedAt,
    },
    profile: profile ? {
      personalIdNumber: profile.personalIdNumber, dateOfBirth: profile.dateOfBirth, address: profile.address, addressUnits: profile.addressUnits,
      createdAt: profile.createdAt, updatedAt: profile.updatedAt,
    } : null,
    nationalSignIn: { personalIdVerifiedAt: profile?.personalIdVerifiedAt ?? null, linked: Boolean(profile?.personalIdVerifiedAt) },
    organisations: memberships.map((m) => ({ id: m.organisation.id, taxCode: m.organisation.taxCode, name: m.organisation.name, address: m.organisation.address, verificationStatus: m.organisation.verificationStatus, role: m.role, since: m.since })),
    representativeAuthorisations: authorisations.map((a) => ({ id: a.id, as: a.representativeUserId === userId ? 'REPRESENTATIVE' : 'PRINCIPAL', scope: a.scope, validFrom: a.validFrom, validTo: a.validTo, documentReference: a.documentReference, principalOrganisationId: a.principalOrganisationId })),
    roleGrants: grants,
    sessions,
    consents: {
      note: 'Hệ thống không lưu sự đồng ý riêng; lời cam đoan khi nộp hồ sơ nằm trong lịch sử từng hồ sơ (sự kiện dossier.submitted, trường declaration).',
      items: [],
    },
    dossiers: dossierDocs,
    ratings: ratings.map((r) => ({ dossierId: r.dossierId, score: r.score, comment: r.comment, createdAt: r.createdAt })),
    notifications: notifications.map((n) => ({ kind: n.kind, title: n.title, body: n.body, link: n.link, dossierId: n.dossierId, createdAt: n.createdAt, readAt: n.readAt })),
    emailsSent: mails,
    smsSent: smsMessages,
    auditTrail: audit,
  };
  return { document, files };
}

/**
 * Writes the archive (`du-lieu-ca-nhan.json`, `README.txt`, then the files) into a temporary
 * file and answers its path and size; the caller sends it and removes it. A file missing from
 * storage is listed in `missingFiles` of the JSON written last, never fails the export.
 */
export async function writePersonalDataZip(storage: ObjectStorage, data: PersonalData): Promise<{ file: string; size: number; files: number }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'opendvc-export-'));
  const file = path.join(dir, 'du-lieu-ca-nhan.zip');
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => { out.on('close', resolve); out.on('error', reject); });
  try {
    const zip = createZipWriter(out);
    await zip.add('README.txt', Buffer.from(readme(data)));
    const missing: string[] = [];
    let written = 0;
    for (const f of data.files) {
      if (!(await storage.exists(f.storageKey))) { missing.push(f.path); continue; }
      await zip.add(f.path, await storage.get(f.storageKey), { compress: false });
      written += 1;
    }
    await zip.add('du-lieu-ca-nhan.json', Buffer.from(JSON.stringify({ ...data.document, missingFiles: missing }, null, 2)));
    const size = await zip.finish();
    out.end();
    await closed;
    return { file, size, files: written };
  } catch (err) {
    out.destroy();
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function readme(data: PersonalData) {
  const doc = data.document as { generatedAt: string; dossiers: unknown[] };
  return [
    'DỮ LIỆU CÁ NHÂN CỦA BẠN TRÊN CỔNG DỊCH VỤ CÔNG',
    `Thời điểm trích xuất: ${doc.generatedAt}`,
    '',
    '- du-lieu-ca-nhan.json: tài khoản, hồ sơ cá nhân và địa chỉ, liên kết định danh quốc gia, tổ chức và ủy quyền,',
    '  hồ sơ thủ tục hành chính (dữ liệu tờ khai, lịch sử xử lý, yêu cầu bổ sung, thanh toán, biên lai, kết quả),',
    '  đánh giá, thông báo và thư điện tử đã gửi cho bạn, nhật ký truy cập tài khoản.',
    `- ho-so/…: tệp đính kèm bạn đã nộp, kết quả đã ban hành và biên lai (${data.files.length} tệp) của ${doc.dossiers.length} hồ sơ.`,
    '',
    'Your personal data: the JSON document and the files of your dossiers (Law 91/2025/QH15).',
    '',
  ].join('\r\n');
}
