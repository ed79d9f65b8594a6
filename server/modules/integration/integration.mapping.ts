/**
 * From OpenDVC's dossiers and events to the portal's shapes (domain brief §5.2): the history step
 * of each event (`QuaTrinhXuLyDongBoDVC`), the dossier record (`HoSoDongBoDVC`), the code the
 * portal knows a dossier by (§2.7), and the signed, expiring download links of its files.
 * National statuses come from the one mapping function, toNationalStatus (dossiers module).
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { formatPortalDate, PORTAL_CODE_PATTERN, type HoSoDongBoDVC, type QuaTrinhXuLyDongBoDVC } from '../../../common/dvcqg/protocol.js';
import type { Config } from '../../platform/config/config.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { agenciesTable, caseComponentsTable, fieldsTable, proceduresTable } from '../catalog/index.js';
import { dossierAttachmentsTable, dossierEventsTable, dossiersTable, toNationalStatus, type DossierEventType, type DossierRow } from '../dossiers/index.js';
import { usersTable } from '../identity/index.js';

/** The events the portal is told of, each a history step; the others (claims, drafts, ratings…) stay local. */
export const SYNCED_EVENT_TYPES: ReadonlySet<string> = new Set<DossierEventType>([
  'dossier.submitted',
  'dossier.received',
  'dossier.refused',
  'dossier.supplement_requested',
  'dossier.supplement_answered',
  'dossier.step_completed',
  'dossier.payment_requested',
  'dossier.paid',
  'dossier.stopped',
  'dossier.withdrawn',
  'dossier.apology_issued',
  'dossier.result_signed',
  'dossier.result_issued',
  'dossier.returned',
]);

/** What each step says it did (NoiDungXuLy), by event type. */
export const stepContent: Record<string, string> = {
  'dossier.submitted': 'Nộp hồ sơ',
  'dossier.received': 'Tiếp nhận hồ sơ',
  'dossier.refused': 'Từ chối tiếp nhận hồ sơ',
  'dossier.supplement_requested': 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  'dossier.supplement_answered': 'Bổ sung hồ sơ',
  'dossier.step_completed': 'Chuyển bước xử lý',
  'dossier.payment_requested': 'Yêu cầu thực hiện nghĩa vụ tài chính',
  'dossier.paid': 'Đã thực hiện nghĩa vụ tài chính',
  'dossier.stopped': 'Dừng xử lý hồ sơ',
  'dossier.withdrawn': 'Rút hồ sơ',
  'dossier.apology_issued': 'Xin lỗi và hẹn lại ngày trả kết quả',
  'dossier.result_signed': 'Ký kết quả giải quyết',
  'dossier.result_issued': 'Ban hành kết quả giải quyết',
  'dossier.returned': 'Trả kết quả',
};

const roleTitles: Record<string, string> = {
  APPLICANT: 'Người nộp hồ sơ',
  SYSTEM: 'Hệ thống',
  ONE_STOP_OFFICER: 'Công chức Bộ phận Một cửa',
  SPECIALIST: 'Chuyên viên',
  UNIT_HEAD: 'Lãnh đạo đơn vị',
  LEADER: 'Lãnh đạo',
  RECORDS_CLERK: 'Văn thư',
  ACCOUNTANT: 'Kế toán',
  ADMINISTRATOR: 'Quản trị hệ thống',
};

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/**
 * The code the portal knows the dossier by: the local code when the portal takes it (it starts
 * with the agency's code and has the portal's form); otherwise `{agency}-{yyMMdd}-{5 random
 * digits}`, the local code kept as the other code (§2.7).
 */
export function portalCodeFor(localCode: string, agencyCode: string, day: Date): { portalCode: string; otherCode: string | null } {
  if (localCode.startsWith(`${agencyCode}-`) && PORTAL_CODE_PATTERN.test(localCode)) return { portalCode: localCode, otherCode: null };
  const yyMMdd = formatPortalDate(day).slice(2, 8);
  return { portalCode: `${agencyCode}-${yyMMdd}-${String(randomInt(0, 100_000)).padStart(5, '0')}`, otherCode: localCode };
}

/** The history step of one event, fixed when the event is consumed. */
export async function stepOf(tx: DbExecutor, event: typeof dossierEventsTable.$inferSelect, dossier: DossierRow, portalCode: string): Promise<QuaTrinhXuLyDongBoDVC> {
  const [actor] = event.actorUserId ? await tx.select({ fullName: usersTable.fullName }).from(usersTable).where(eq(usersTable.id, event.actorUserId)) : [];
  const [unit] = event.unitId ? await tx.select({ name: agenciesTable.name }).from(agenciesTable).where(eq(agenciesTable.id, event.unitId)) : [];
  const role = event.actorRole ?? (event.actorUserId ? 'APPLICANT' : 'SYSTEM');
  const who = actor?.fullName ?? (role === 'APPLICANT' ? dossier.applicant.fullName : 'Hệ thống');
  const payload = event.payload as Record<string, unknown>;
  const label = typeof payload.label === 'string' && payload.label ? `${stepContent[event.type] ?? event.type}: ${payload.label}` : (stepContent[event.type] ?? event.type);
  // The reason is the applicant's to read (supplement, refusal, stop); internal notes never leave.
  const content = event.reason ? `${label}. ${event.reason}` : label;
  const dueAt = typeof payload.appointmentAt === 'string' ? new Date(payload.appointmentAt) : (dossier.appointmentAt ?? null);
  return {
    MaHoSo: portalCode,
    NguoiXuLy: cut(who, 50),
    ChucDanh: roleTitles[role] ?? role,
    ThoiDiemXuLy: formatPortalDate(event.at),
    PhongBanXuLy: unit?.name ?? '',
    NoiDungXuLy: cut(content, 2000),
    // Held for the filing fee before reception: filed (1) for the portal, as in hoSoOf.
    TrangThai: String(event.toStatus === 'AWAITING_PAYMENT' && (event.type === 'dossier.submitted' || payload.stage === 'FILING') ? 1 : (event.nationalStatusAfter ?? toNationalStatus(event.toStatus as DossierRow['status']) ?? '')),
    NgayBatDau: formatPortalDate(event.at),
    NgayKetThucTheoQuyDinh: dueAt && !Number.isNaN(dueAt.getTime()) ? formatPortalDate(dueAt) : '',
  };
}

// ---------------------------------------------------------------------------------------------
// Signed, expiring download links of dossier files

function linkSignature(secret: string, attachmentId: string, expires: number) {
  return createHmac('sha256', secret).update(`dvcqg-file:${attachmentId}:${expires}`).digest('base64url');
}

export function signedFileUrl(config: Pick<Config, 'publicUrl' | 'dvcqgFileLinkSecret' | 'dvcqgFileLinkTtlSeconds'>, attachmentId: string, now = Date.now()) {
  const expires = Math.floor(now / 1000) + config.dvcqgFileLinkTtlSeconds;
  return `${config.publicUrl}/api/v1/dvcqg/files/${encodeURIComponent(attachmentId)}?expires=${expires}&signature=${linkSignature(config.dvcqgFileLinkSecret, attachmentId, expires)}`;
}

/** True when the link is the server's own and has not expired. */
export function verifyFileLink(secret: string, attachmentId: string, expires: number, signature: string, now = Date.now()) {
  if (!Number.isFinite(expires) || expires * 1000 < now) return false;
  const expected = Buffer.from(linkSignature(secret, attachmentId, expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

// ---------------------------------------------------------------------------------------------
// The dossier record

const channelCodes = { IN_PERSON: '1', ONLINE: '2', POSTAL: '3' } as const;
const date = (d: Date | null | undefined) => (d ? formatPortalDate(d) : '');

/** The dossier as the portal holds it, from its current state; null when it has no national status. */
export async function hoSoOf(db: DbExecutor, config: Pick<Config, 'publicUrl' | 'dvcqgFileLinkSecret' | 'dvcqgFileLinkTtlSeconds'>, dossierId: string, codes: { portalCode: string; otherCode: string | null }): Promise<HoSoDongBoDVC | null> {
  const [dossier] = await db.select().from(dossiersTable).where(eq(dossiersTable.id, dossierId));
  // A dossier held for its filing fee has not been received: the portal's status 6 needs a
  // reception date (NgayTiepNhan), so the portal holds it as filed (1) until it is received.
  const status = dossier ? (dossier.status === 'AWAITING_PAYMENT' && !dossier.receivedAt ? 1 : toNationalStatus(dossier.status)) : null;
  if (!dossier || status === null) return null;
  const [procedure] = await db.select({ code: proceduresTable.code, name: proceduresTable.name, fieldCode: proceduresTable.fieldCode, fieldName: fieldsTable.name })
    .from(proceduresTable).innerJoin(fieldsTable, eq(fieldsTable.code, proceduresTable.fieldCode)).where(eq(proceduresTable.id, dossier.procedureId));
  const unitIds = [dossier.processingUnitId, dossier.receivingUnitId].filter((x): x is string => Boolean(x));
  const units = new Map((await db.select({ id: agenciesTable.id, name: agenciesTable.name }).from(agenciesTable).where(inArray(agenciesTable.id, unitIds))).map((u) => [u.id, u.name]));
  const attachments = await db.select({ id: dossierAttachmentsTable.id, name: dossierAttachmentsTable.originalName, componentId: dossierAttachmentsTable.componentId, componentCode: caseComponentsTable.code })
    .from(dossierAttachmentsTable).innerJoin(caseComponentsTable, eq(caseComponentsTable.id, dossierAttachmentsTable.componentId))
    .where(and(eq(dossierAttachmentsTable.dossierId, dossierId), eq(dossierAttachmentsTable.scanStatus, 'CLEAN'))).orderBy(dossierAttachmentsTable.createdAt);
  let refusedAt: Date | null = null;
  if (dossier.status === 'REFUSED') {
    const [refusal] = await db.select({ at: dossierEventsTable.at }).from(dossierEventsTable)
      .where(and(eq(dossierEventsTable.dossierId, dossierId), eq(dossierEventsTable.type, 'dossier.refused'))).orderBy(desc(dossierEventsTable.position)).limit(1);
    refusedAt = refusal?.at ?? dossier.updatedAt;
  }
  const idNumber = dossier.applicant.personalIdNumber ?? '';
  const procedureName = procedure?.name ?? '';
  return {
    MaHoSo: codes.portalCode,
    MaTTHC: procedure?.code ?? '',
    TenTTHC: procedureName,
    MaLinhVuc: procedure?.fieldCode ?? '',
    TenLinhVuc: procedure?.fieldName ?? '',
    KenhThucHien: channelCodes[dossier.channel],
    ChuHoSo: dossier.applicant.fullName,
    SoGiayToChuHoSo: idNumber,
    LoaiDoiTuong: dossier.organisationId ? '2' : '1',
    MaDoiTuong: '',
    DinhDanhCHS: idNumber ? [{ LoaiDinhDanh: /^\d{12}$/.test(idNumber) ? '1' : '2', SoDinhDanh: idNumber }] : [],
    Email: dossier.applicant.email ?? '',
    Fax: '',
    SoDienThoai: dossier.applicant.phone ?? '',
    TrichYeuHoSo: cut(procedureName, 1000),
    ThongTinKhac: codes.otherCode ? `Mã hồ sơ khác: ${codes.otherCode}` : '',
    NgayNopHoSo: date(dossier.submittedAt ?? dossier.receivedAt ?? dossier.createdAt),
    NgayTiepNhan: date(dossier.receivedAt),
    NgayHenTra: date(dossier.appointmentAt),
    NgayTra: date(dossier.returnedAt),
    NgayKetThucXuLy: date(dossier.resolvedAt),
    NgayTuChoi: date(refusedAt),
    TrangThaiHoSo: String(status),
    HinhThuc: dossier.returnMethod === 'POSTAL' ? '1' : '0',
    DonViXuLy: units.get(dossier.processingUnitId ?? '') ?? units.get(dossier.receivingUnitId) ?? '',
    GhiChu: '',
    NoiNopHoSo: dossier.channel === 'ONLINE' ? 'Cổng dịch vụ công của Bộ' : (units.get(dossier.receivingUnitId) ?? ''),
    HoSoCoThanhPhanSoHoa: attachments.length > 0 ? '1' : '0',
    TaiKhoanDuocXacThucVoiVNeID: '0',
    DuocThanhToanTrucTuyen: '0',
    TaiLieuNop: attachments.map((a) => ({
      TepDinhKemId: a.id,
      TenTepDinhKem: cut(a.name, 500),
      IsDeleted: 'False',
      MaThanhPhanHoSo: a.componentCode ?? a.componentId,
      DuongDanTaiTepTin: signedFileUrl(config, a.id),
      DuocSoHoa: '0',
      DuocTaiSuDung: '0',
      DuocLayTuKhoDMQG: '0',
    })),
    DanhSachLePhi: [],
    DanhSachGiayToKetQua: [],
    ...(codes.otherCode ? { MaHoSoKhac: codes.otherCode } : {}),
  };
}
