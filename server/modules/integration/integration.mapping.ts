/**
 * From OpenDVC's dossiers and events to the portal's shapes (domain brief §5.2): the history step
 * of each event (`QuaTrinhXuLyDongBoDVC`), the dossier record (`HoSoDongBoDVC`), the code the
 * portal knows a dossier by (§2.7), and the signed, expiring download links of its files.
 * National statuses come from the one mapping function, toNationalStatus (dossiers module).
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { formatPortalDate, PORTAL_CODE_PATTERN, type HoSoDongBoDVC, type QuaTrinhXuLyDongBoDVC, type SuKienEMC } from '../../../common/dvcqg/protocol.js';
import type { Config } from '../../platform/config/config.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { agenciesTable, caseComponentsTable, fieldsTable, proceduresTable } from '../catalog/index.js';
import { dossierAttachmentsTable, dossierDocumentsTable, dossierEventsTable, dossiersTable, toNationalStatusOf, type DossierEventType, type DossierRow } from '../dossiers/index.js';
import { usersTable } from '../identity/index.js';
import { paymentRequestsTable } from '../payments/index.js';

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

/**
 * The national status the portal is told of for a dossier after an event: the one mapping
 * (toNationalStatus), knowing whether the dossier had been received by then. A dossier held for
 * its filing fee before reception is 1, not 6 (the portal needs NgayTiepNhan from status 2 on).
 */
export function portalStatusAt(dossier: Pick<DossierRow, 'receivedAt'>, event: { toStatus: string; at: Date }) {
  const received = dossier.receivedAt !== null && dossier.receivedAt.getTime() <= event.at.getTime();
  return toNationalStatusOf(event.toStatus as DossierRow['status'], received);
}

/** The portal's status of a dossier as it stands now. */
export function portalStatusOf(dossier: Pick<DossierRow, 'status' | 'receivedAt'>) {
  return toNationalStatusOf(dossier.status, dossier.receivedAt !== null);
}

/**
 * The names a batch of steps needs (the events' actors and units), read once for the batch: two
 * reads at most, whatever its size.
 */
export async function stepNamesOf(tx: DbExecutor, events: readonly Pick<typeof dossierEventsTable.$inferSelect, 'actorUserId' | 'unitId'>[]) {
  const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => Boolean(id)))];
  const unitIds = [...new Set(events.map((e) => e.unitId).filter((id): id is string => Boolean(id)))];
  const [actors, units] = [
    actorIds.length ? await tx.select({ id: usersTable.id, name: usersTable.fullName }).from(usersTable).where(inArray(usersTable.id, actorIds)) : [],
    unitIds.length ? await tx.select({ id: agenciesTable.id, name: agenciesTable.name }).from(agenciesTable).where(inArray(agenciesTable.id, unitIds)) : [],
  ];
  return { actors: new Map(actors.map((a) => [a.id, a.name])), units: new Map(units.map((u) => [u.id, u.name])) };
}

export type StepNames = Awaited<ReturnType<typeof stepNamesOf>>;

/** The history step of one event, fixed when the event is consumed (names from stepNamesOf). */
export function stepOf(event: typeof dossierEventsTable.$inferSelect, dossier: DossierRow, portalCode: string, names: StepNames): QuaTrinhXuLyDongBoDVC {
  const actor = event.actorUserId && names.actors.has(event.actorUserId) ? { fullName: names.actors.get(event.actorUserId)! } : undefined;
  const unit = event.unitId && names.units.has(event.unitId) ? { name: names.units.get(event.unitId)! } : undefined;
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
    TrangThai: String(portalStatusAt(dossier, event) ?? event.nationalStatusAfter ?? ''),
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
/** LoaiPhiLePhi: 1 fee (phí), 2 charge (lệ phí), 3 other. HinhThucThu: 0 not paid yet, 1 online, 2 bank transfer. */
const feeKinds: Record<string, string> = { PHI: '1', LE_PHI: '2', OTHER: '3' };
const date = (d: Date | null | undefined) => (d ? formatPortalDate(d) : '');

/** The dossier as the portal holds it, from its current state; null when it has no national status. */
export async function hoSoOf(db: DbExecutor, config: Pick<Config, 'publicUrl' | 'dvcqgFileLinkSecret' | 'dvcqgFileLinkTtlSeconds'>, dossierId: string, codes: { portalCode: string; otherCode: string | null }): Promise<HoSoDongBoDVC | null> {
  const [dossier] = await db.select().from(dossiersTable).where(eq(dossiersTable.id, dossierId));
  const status = dossier ? portalStatusOf(dossier) : null;
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
  // Fees, from the payments module's requests (cancelled or expired ones were never owed).
  const payments = await db.select({ status: paymentRequestsTable.status, items: paymentRequestsTable.items, provider: paymentRequestsTable.provider })
    .from(paymentRequestsTable).where(and(eq(paymentRequestsTable.dossierId, dossierId), inArray(paymentRequestsTable.status, ['PENDING', 'PAID', 'REFUNDED'])))
    .orderBy(paymentRequestsTable.createdAt);
  const paidOnline = payments.some((p) => p.status === 'PAID' && (p.provider === 'national' || p.provider === 'vnpay'));
  // Result documents once issued, as signed links the portal can fetch.
  const results = await db.select({ id: dossierDocumentsTable.id, title: dossierDocumentsTable.title, number: dossierDocumentsTable.number })
    .from(dossierDocumentsTable).where(and(eq(dossierDocumentsTable.dossierId, dossierId), eq(dossierDocumentsTable.kind, 'RESULT'), eq(dossierDocumentsTable.status, 'ISSUED')))
    .orderBy(dossierDocumentsTable.createdAt);
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
    DuocThanhToanTrucTuyen: paidOnline ? '1' : '0',
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
    DanhSachLePhi: payments.flatMap((p) => p.items.map((item) => ({
      TenPhiLePhi: cut(item.name, 500),
      MaPhiLePhi: item.code,
      HinhThucThu: p.status !== 'PAID' ? '0' : p.provider === 'bank_transfer' ? '2' : '1',
      Gia: String(item.amount),
      LoaiPhiLePhi: feeKinds[item.kind] ?? '3',
    }))),
    DanhSachGiayToKetQua: results.map((r) => ({
      TenGiayTo: cut(r.title, 500),
      MaThanhPhanHoSo: '',
      GiayToId: r.id,
      DuongDanTepTinKetQua: signedFileUrl(config, r.id),
      MaGiayToKetQua: r.number ?? '',
    })),
    ...(codes.otherCode ? { MaHoSoKhac: codes.otherCode } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// EMC usage events (domain brief §5.6): one per milestone of a dossier

/**
 * The EMC status of an event, or null when it is no milestone: reception 1, the first move
 * into processing (assignment) 4, the result ready 2 (processing done), the result returned 3.
 */
export function emcStatusOf(event: { type: string; fromStatus: string | null; toStatus: string }, alreadySent: ReadonlySet<string>): '1' | '2' | '3' | '4' | null {
  const status = event.type === 'dossier.received' ? '1'
    : event.type === 'dossier.step_completed' && event.toStatus === 'IN_PROGRESS' ? '4'
      : event.toStatus === 'RESULT_READY' && event.fromStatus !== 'RESULT_READY' ? '2'
        : event.type === 'dossier.returned' ? '3' : null;
  return status && !alreadySent.has(status) ? status : null;
}

/** The EMC event's body (S1's EMCRequestBody fields). */
export function emcBodyOf(input: { status: '1' | '2' | '3' | '4'; at: Date; portalCode: string; procedureCode: string; dossier: Pick<DossierRow, 'channel' | 'deliveryMethod' | 'returnMethod'>; paidOnline: boolean; fromPortal: boolean }): SuKienEMC {
  const { dossier } = input;
  return {
    MaTTHC: input.procedureCode,
    MaHoSo: input.portalCode,
    TrangThai: input.status,
    ThoiGian: formatPortalDate(input.at),
    KenhThucHien: channelCodes[dossier.channel],
    HinhThucThanhToan: input.paidOnline ? '1' : '0',
    MucDo: dossier.channel === 'ONLINE' ? '4' : '2',
    TuCongDVCQG: input.fromPortal ? '1' : '0',
    BuuChinh: dossier.channel === 'POSTAL' || dossier.deliveryMethod === 'POSTAL' || dossier.returnMethod === 'POSTAL' ? '1' : '0',
  };
}
