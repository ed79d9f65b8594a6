/**
 * The National Public Service Portal's integration shapes (domain brief §5.2), shared by the
 * integration module and the portal simulator (simulators/dvcqg): service names, the adapter's answer,
 * dates as `yyyyMMddHHmmss` in Vietnam time, the development credentials, and the field rules the
 * portal applies to `HoSoDongBoDVC` and `QuaTrinhXuLyDongBoDVC`. Pure code, no I/O.
 */

/** The development account of the adapter: the simulator's defaults and the app's DVCQG_USERNAME/PASSWORD defaults. */
export const DVCQG_DEV_USERNAME = 'opendvc-dev';
export const DVCQG_DEV_PASSWORD = 'opendvc-dev-secret';

/** Services called through the adapter (the path after its base URL). */
export const DVCQG_SERVICES = {
  auth: 'auth',
  dongBoHoSo: 'DongBoHoSoMC',
  capNhatTienDo: 'CapNhatTienDoHoSoMC',
} as const;

/** History steps per CapNhatTienDoHoSoMC call. */
export const DVCQG_HISTORY_CHUNK = 10;

/** Every answer of the adapter: `error_code` "0" or "00" is success. */
export interface AdapterAnswer {
  error_code: string;
  message?: string;
  session?: string;
  [key: string]: unknown;
}

export function isAdapterSuccess(answer: { error_code?: unknown }): boolean {
  return answer.error_code === '0' || answer.error_code === '00' || answer.error_code === 0;
}

/** Error codes the simulator answers with (and the client recognises). */
export const DVCQG_ERRORS = {
  /** Session token missing, unknown or expired: authenticate again. */
  unauthenticated: '401',
  /** A field fails the portal's rules: the same payload will fail again. */
  invalid: '-1',
  /** DongBoHoSoMC create of a code the portal already holds: update instead. */
  alreadyExists: '2',
  /** DongBoHoSoMC update, or history, of a code the portal does not hold. */
  notFound: '3',
  /** The portal could not take it now. */
  unavailable: '99',
} as const;

/** "already exists" as the portal words it; the client also recognises the error code. */
export const ALREADY_EXISTS_MESSAGE = 'Hồ sơ đã tồn tại';

const VN_OFFSET_MS = 7 * 3600_000;

/** `yyyyMMddHHmmss` in Vietnam time (UTC+7, no daylight saving). */
export function formatPortalDate(date: Date): string {
  const d = new Date(date.getTime() + VN_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** The instant of a `yyyyMMddHHmmss` Vietnam-time date, or null when it is not one. */
export function parsePortalDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(utc - VN_OFFSET_MS);
}

export interface TaiLieuNop {
  TepDinhKemId: string;
  TenTepDinhKem: string;
  IsDeleted: 'True' | 'False';
  MaThanhPhanHoSo: string;
  DuongDanTaiTepTin: string;
  DuocSoHoa: '0' | '1';
  DuocTaiSuDung: '0' | '1';
  DuocLayTuKhoDMQG: '0' | '1';
}

/** The dossier as the portal takes it (the fields OpenDVC fills). */
export interface HoSoDongBoDVC {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  KenhThucHien: '1' | '2' | '3';
  ChuHoSo: string;
  SoGiayToChuHoSo: string;
  LoaiDoiTuong: '1' | '2' | '3' | '4';
  MaDoiTuong: string;
  DinhDanhCHS: { LoaiDinhDanh: '1' | '2'; SoDinhDanh: string }[];
  Email: string;
  Fax: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  ThongTinKhac: string;
  NgayNopHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  NgayTra: string;
  NgayKetThucXuLy: string;
  NgayTuChoi: string;
  TrangThaiHoSo: string;
  HinhThuc: '0' | '1';
  DonViXuLy: string;
  GhiChu: string;
  NoiNopHoSo: string;
  HoSoCoThanhPhanSoHoa: '0' | '1';
  TaiKhoanDuocXacThucVoiVNeID: '0' | '1';
  DuocThanhToanTrucTuyen: '0' | '1' | '2';
  TaiLieuNop: TaiLieuNop[];
  DanhSachLePhi: { TenPhiLePhi: string; MaPhiLePhi: string; HinhThucThu: string; Gia: string; LoaiPhiLePhi: string }[];
  DanhSachGiayToKetQua: { TenGiayTo: string; MaThanhPhanHoSo: string; GiayToId: string; DuongDanTepTinKetQua: string; MaGiayToKetQua: string }[];
  /** Local code when MaHoSo had to be replaced (§2.7). */
  MaHoSoKhac?: string;
}

/** One processing-history step. */
export interface QuaTrinhXuLyDongBoDVC {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

const dateFields = ['NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayTra', 'NgayKetThucXuLy', 'NgayTuChoi'] as const;

function str(o: Record<string, unknown>, field: string, problems: FieldProblem[], { required = false, max, pattern, values }: { required?: boolean; max?: number; pattern?: RegExp; values?: readonly string[] } = {}) {
  const v = o[field];
  if (v === undefined || v === null || v === '') {
    if (required) problems.push({ field, message: 'bắt buộc' });
    return;
  }
  if (typeof v !== 'string') return problems.push({ field, message: 'phải là chuỗi' });
  if (max !== undefined && v.length > max) problems.push({ field, message: `tối đa ${max} ký tự` });
  if (pattern && !pattern.test(v)) problems.push({ field, message: 'sai định dạng' });
  if (values && !values.includes(v)) problems.push({ field, message: `phải là một trong ${values.join(', ')}` });
}

function date(o: Record<string, unknown>, field: string, problems: FieldProblem[], required = false) {
  const v = o[field];
  if (v === undefined || v === null || v === '') {
    if (required) problems.push({ field, message: 'bắt buộc' });
    return;
  }
  if (typeof v !== 'string' || !parsePortalDate(v)) problems.push({ field, message: 'phải có dạng yyyyMMddHHmmss' });
}

const STATUS_VALUES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
/** Dossier codes the portal takes: `{agency e-ID}-{yyMMdd}-{digits}`. */
export const PORTAL_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,6}$/;

/** The portal's rules for one `HoSoDongBoDVC`; empty when it is acceptable. */
export function validateHoSo(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [{ field: '', message: 'phải là một đối tượng' }];
  const o = value as Record<string, unknown>;
  str(o, 'MaHoSo', problems, { required: true, max: 50, pattern: PORTAL_CODE_PATTERN });
  str(o, 'MaTTHC', problems, { required: true, max: 50, pattern: /^\d\.\d{6}(\.[\w.]+)?$/ });
  str(o, 'TenTTHC', problems, { required: true, max: 2000 });
  str(o, 'MaLinhVuc', problems, { max: 100 });
  str(o, 'TenLinhVuc', problems, { max: 500 });
  str(o, 'KenhThucHien', problems, { required: true, values: ['1', '2', '3'] });
  str(o, 'ChuHoSo', problems, { required: true, max: 500 });
  str(o, 'SoGiayToChuHoSo', problems, { max: 50 });
  str(o, 'LoaiDoiTuong', problems, { required: true, values: ['1', '2', '3', '4'] });
  str(o, 'Email', problems, { max: 255, pattern: /^[^\s@]+@[^\s@]+$/ });
  str(o, 'SoDienThoai', problems, { max: 20, pattern: /^[0-9+() .-]+$/ });
  str(o, 'TrichYeuHoSo', problems, { max: 1000 });
  str(o, 'TrangThaiHoSo', problems, { required: true, values: STATUS_VALUES });
  str(o, 'HinhThuc', problems, { values: ['0', '1'] });
  str(o, 'DonViXuLy', problems, { max: 500 });
  for (const f of dateFields) date(o, f, problems, f === 'NgayNopHoSo');
  const status = Number(o.TrangThaiHoSo);
  if ([2, 4, 6, 9, 10].includes(status) && !o.NgayTiepNhan) problems.push({ field: 'NgayTiepNhan', message: 'bắt buộc khi hồ sơ đã được tiếp nhận' });
  if (status === 3 && !o.NgayTuChoi) problems.push({ field: 'NgayTuChoi', message: 'bắt buộc khi hồ sơ không được tiếp nhận' });
  if (status === 10 && !o.NgayTra) problems.push({ field: 'NgayTra', message: 'bắt buộc khi đã trả kết quả' });
  if (o.DinhDanhCHS !== undefined) {
    if (!Array.isArray(o.DinhDanhCHS)) problems.push({ field: 'DinhDanhCHS', message: 'phải là danh sách' });
    else o.DinhDanhCHS.forEach((d: unknown, i) => {
      const item = (d ?? {}) as Record<string, unknown>;
      const own: FieldProblem[] = [];
      str(item, 'LoaiDinhDanh', own, { required: true, values: ['1', '2'] });
      if (item.LoaiDinhDanh === '1') str(item, 'SoDinhDanh', own, { required: true, pattern: /^\d{12}$/ });
      else str(item, 'SoDinhDanh', own, { required: true, max: 50 });
      problems.push(...own.map((p) => ({ ...p, field: `DinhDanhCHS[${i}].${p.field}` })));
    });
  }
  if (o.TaiLieuNop !== undefined) {
    if (!Array.isArray(o.TaiLieuNop)) problems.push({ field: 'TaiLieuNop', message: 'phải là danh sách' });
    else o.TaiLieuNop.forEach((t: unknown, i) => {
      const item = (t ?? {}) as Record<string, unknown>;
      const own: FieldProblem[] = [];
      str(item, 'TepDinhKemId', own, { required: true, max: 100 });
      str(item, 'TenTepDinhKem', own, { required: true, max: 500 });
      str(item, 'DuongDanTaiTepTin', own, { required: true, pattern: /^https?:\/\/\S+$/ });
      str(item, 'IsDeleted', own, { values: ['True', 'False'] });
      problems.push(...own.map((p) => ({ ...p, field: `TaiLieuNop[${i}].${p.field}` })));
    });
  }
  return problems;
}

/** The portal's rules for one history step. */
export function validateQuaTrinh(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [{ field: '', message: 'phải là một đối tượng' }];
  const o = value as Record<string, unknown>;
  str(o, 'MaHoSo', problems, { required: true, max: 50, pattern: PORTAL_CODE_PATTERN });
  str(o, 'NguoiXuLy', problems, { required: true, max: 50 });
  str(o, 'ChucDanh', problems, { max: 255 });
  date(o, 'ThoiDiemXuLy', problems, true);
  str(o, 'PhongBanXuLy', problems, { max: 500 });
  str(o, 'NoiDungXuLy', problems, { required: true, max: 2000 });
  str(o, 'TrangThai', problems, { required: true, values: STATUS_VALUES });
  date(o, 'NgayBatDau', problems);
  date(o, 'NgayKetThucTheoQuyDinh', problems);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Dossiers filed on the portal, pushed to the ministry ("nhận hồ sơ DVCQG", domain brief §5.2)

/** One file of a pushed dossier: the ministry fetches it from the link. */
export interface TepHoSoDay {
  TepDinhKemId: string;
  TenTepDinhKem: string;
  MaThanhPhanHoSo: string;
  DuongDanTaiTepTin: string;
}

/** A dossier filed on the portal, as the portal pushes it (`POST …/dvcqg/dossiers`, body `{data}`). */
export interface HoSoDayDVCQG {
  MaHoSo: string;
  MaTTHC: string;
  /** The procedure's case; the first one when absent. */
  MaTruongHop?: string;
  ChuHoSo: string;
  SoGiayToChuHoSo?: string;
  LoaiDoiTuong: '1' | '2' | '3' | '4';
  /** The portal user's TechID. */
  MaDoiTuong?: string;
  Email?: string;
  SoDienThoai?: string;
  DiaChiChuHoSo?: string;
  NgayNopHoSo: string;
  TrichYeuHoSo?: string;
  /** The e-form's answers, as filled on the portal. */
  DuLieuBieuMau?: Record<string, unknown>;
  TaiLieuNop: TepHoSoDay[];
}

/** The portal's rules for a pushed dossier; empty when it is acceptable. */
export function validateHoSoDay(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [{ field: 'data', message: 'phải là một đối tượng' }];
  const o = value as Record<string, unknown>;
  str(o, 'MaHoSo', problems, { required: true, max: 50, pattern: PORTAL_CODE_PATTERN });
  str(o, 'MaTTHC', problems, { required: true, max: 50, pattern: /^\d\.\d{6}(\.[\w.]+)?$/ });
  str(o, 'MaTruongHop', problems, { max: 50 });
  str(o, 'ChuHoSo', problems, { required: true, max: 500 });
  str(o, 'SoGiayToChuHoSo', problems, { max: 50 });
  str(o, 'LoaiDoiTuong', problems, { required: true, values: ['1', '2', '3', '4'] });
  str(o, 'MaDoiTuong', problems, { max: 100 });
  str(o, 'Email', problems, { max: 255, pattern: /^[^\s@]+@[^\s@]+$/ });
  str(o, 'SoDienThoai', problems, { max: 20, pattern: /^[0-9+() .-]+$/ });
  str(o, 'DiaChiChuHoSo', problems, { max: 1000 });
  str(o, 'TrichYeuHoSo', problems, { max: 1000 });
  date(o, 'NgayNopHoSo', problems, true);
  if (o.DuLieuBieuMau !== undefined && (typeof o.DuLieuBieuMau !== 'object' || o.DuLieuBieuMau === null || Array.isArray(o.DuLieuBieuMau))) problems.push({ field: 'DuLieuBieuMau', message: 'phải là một đối tượng' });
  if (!Array.isArray(o.TaiLieuNop)) problems.push({ field: 'TaiLieuNop', message: 'phải là danh sách' });
  else if (o.TaiLieuNop.length > 50) problems.push({ field: 'TaiLieuNop', message: 'tối đa 50 tệp' });
  else o.TaiLieuNop.forEach((t: unknown, i) => {
    const item = (t ?? {}) as Record<string, unknown>;
    const own: FieldProblem[] = [];
    str(item, 'TepDinhKemId', own, { required: true, max: 100 });
    str(item, 'TenTepDinhKem', own, { required: true, max: 255 });
    str(item, 'MaThanhPhanHoSo', own, { required: true, max: 100 });
    str(item, 'DuongDanTaiTepTin', own, { required: true, max: 2000, pattern: /^https?:\/\/\S+$/ });
    problems.push(...own.map((p) => ({ ...p, field: `TaiLieuNop[${i}].${p.field}` })));
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Catalogue (§3.2) and EMC usage events (§5.6)

/** Services of the national database and of EMC, called through the same adapter. */
export const DVCQG_CATALOGUE_SERVICES = { list: 'LayDanhSachTTHC', one: 'LayThuTuc' } as const;
export const DVCQG_EMC_SERVICE = 'GuiSuKienEMC';

/** The national procedure packet (`GoiTinThuTucQG`), the keys OpenDVC compares. */
export interface GoiTinThuTucQG {
  MaTTHC: string;
  TENTTHC: string;
  MACOQUANCONGBO?: string;
  TRANGTHAI?: string;
  NgayCapNhat?: string;
  LINHVUCTHUCHIEN?: { MALINHVUC: string; TENLINHVUC: string }[];
  CACHTHUCTHUCHIEN?: { KENH: string; /** The case it applies to (a local extension; the national packet has it per case). */ TRUONGHOP?: string; THOIGIAN: { THOIGIANGIAIQUYET: number | string; DONVITINH: string; MOTA?: string; PHILEPHI?: { MAPHILEPHI?: string; SOTIEN: number | string; DONVI?: string; MOTA?: string }[] }[] }[];
  THANHPHANHOSO?: { TRUONGHOP: string; GIAYTO: { MAGIAYTO?: string; TENGIAYTO: string; SOBANCHINH?: number; SOBANSAO?: number }[] }[];
  TRINHTUTHUCHIEN?: { TRUONGHOP: string; TRINHTU: { TENTRINHTU: string }[] }[];
  KETQUATHUCHIEN?: { MAKETQUA?: string; TENKETQUA: string }[];
  CANCUPHAPLY?: { SOVANBAN: string; TENVANBAN: string; NGAYBANHANH?: string; COQUANBANHANH?: string }[];
  [key: string]: unknown;
}

/** EMC statuses (§5.6): 1 received, 4 assigned, 2 processing done, 3 returned. */
export const EMC_STATUSES = ['1', '2', '3', '4'] as const;

/** One EMC usage event (the fields of S1's EMCRequestBody). */
export interface SuKienEMC {
  MaTTHC: string;
  MaHoSo: string;
  TrangThai: (typeof EMC_STATUSES)[number];
  ThoiGian: string;
  /** 1 direct, 2 online, 3 postal. */
  KenhThucHien: '1' | '2' | '3';
  /** 0 none, 1 online payment, 2 other. */
  HinhThucThanhToan: '0' | '1' | '2';
  /** Level of the online service: 3 partial, 4 full (2: information only). */
  MucDo: '2' | '3' | '4';
  TuCongDVCQG: '0' | '1';
  BuuChinh: '0' | '1';
}

export function validateSuKienEMC(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [{ field: '', message: 'phải là một đối tượng' }];
  const o = value as Record<string, unknown>;
  str(o, 'MaTTHC', problems, { required: true, max: 50 });
  str(o, 'MaHoSo', problems, { required: true, max: 50, pattern: PORTAL_CODE_PATTERN });
  str(o, 'TrangThai', problems, { required: true, values: EMC_STATUSES });
  date(o, 'ThoiGian', problems, true);
  str(o, 'KenhThucHien', problems, { required: true, values: ['1', '2', '3'] });
  str(o, 'HinhThucThanhToan', problems, { required: true, values: ['0', '1', '2'] });
  str(o, 'MucDo', problems, { required: true, values: ['2', '3', '4'] });
  str(o, 'TuCongDVCQG', problems, { required: true, values: ['0', '1'] });
  str(o, 'BuuChinh', problems, { required: true, values: ['0', '1'] });
  return problems;
}
