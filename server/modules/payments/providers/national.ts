/**
 * The national payment platform (Nền tảng thanh toán của Cổng DVCQG), domain brief §5.4:
 * INIT (JSON, bearer token) answered with `UrlThanhToan`, the platform's callback, QUERY
 * polling. `MaXacThuc` = lowercase hex SHA-256 of the message's fields joined by `|`, then `|`
 * and the partner secret. The field order of each message is fixed here (FIELDS_*), the same
 * on both sides.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { fromVnTimestamp, ProviderError, type CheckoutInput, type PaymentProvider, type Verified } from './port.js';

export const NATIONAL_VERSION = '1.0.6';
export const FIELDS_INIT = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'LoaiHinhThanhToan', 'MaKenhThanhToan', 'MaThietBi', 'NgonNgu', 'MaTienTe', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD', 'Ip'] as const;
export const FIELDS_INIT_RESPONSE = ['MaLoi', 'MaDoiTac', 'MaThamChieu', 'UrlThanhToan'] as const;
export const FIELDS_RESULT = ['MaLoi', 'MaDoiTac', 'MaThamChieu', 'MaGiaoDich', 'MaNganHang', 'SoTien', 'ThoiGianGD', 'TrangThaiGD'] as const;
export const FIELDS_QUERY = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'] as const;

/** `TrangThaiGD`: 1 paid, 2 failed or cancelled, 0 not settled yet. */
export const NATIONAL_PAID = '1';
export const NATIONAL_FAILED = '2';

export function nationalChecksum(message: Record<string, unknown>, fields: readonly string[], secret: string): string {
  const joined = fields.map((f) => String(message[f] ?? '')).join('|');
  return createHash('sha256').update(`${joined}|${secret}`, 'utf8').digest('hex');
}

function sameHex(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase()), Buffer.from(b));
}

export interface NationalSettings {
  baseUrl: string;
  partnerCode: string;
  secret: string;
  token: string;
  fetch?: typeof fetch;
}

export function createNationalProvider(s: NationalSettings): PaymentProvider {
  const http = s.fetch ?? fetch;
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await http(`${s.baseUrl.replace(/\/$/, '')}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let json: Record<string, unknown>;
    try { json = JSON.parse(text) as Record<string, unknown>; } catch { throw new ProviderError(`national platform answered ${res.status} without JSON`); }
    return json;
  };

  const verify = (m: Record<string, unknown>): Verified => {
    if (!sameHex(m.MaXacThuc, nationalChecksum(m, FIELDS_RESULT, s.secret))) return { ok: false, reason: 'checksum' };
    if (m.MaDoiTac !== s.partnerCode) return { ok: false, reason: 'partner' };
    const amount = Number(m.SoTien);
    if (!Number.isSafeInteger(amount)) return { ok: false, reason: 'amount' };
    if (m.MaLoi === '01') return { ok: true, outcome: { providerReference: String(m.MaThamChieu), amount, status: 'UNKNOWN', transactionId: null, bankCode: null, paidAt: null } };
    const status = m.TrangThaiGD === NATIONAL_PAID && m.MaLoi === '00' ? 'SUCCEEDED' : m.TrangThaiGD === NATIONAL_FAILED ? 'FAILED' : 'PENDING';
    return {
      ok: true,
      outcome: {
        providerReference: String(m.MaThamChieu ?? ''), amount, status,
        transactionId: m.MaGiaoDich ? String(m.MaGiaoDich) : null, bankCode: m.MaNganHang ? String(m.MaNganHang) : null,
        paidAt: typeof m.ThoiGianGD === 'string' ? fromVnTimestamp(m.ThoiGianGD) : null,
      },
    };
  };

  return {
    name: 'national',
    async checkout(input: CheckoutInput) {
      const r = input.receipt;
      const message: Record<string, unknown> = {
        LoaiBanTin: 'INIT', PhienBan: NATIONAL_VERSION, MaDoiTac: s.partnerCode, MaThamChieu: input.providerReference, SoTien: input.amount,
        LoaiHinhThanhToan: 'PAY', MaKenhThanhToan: '1', MaThietBi: '1', NgonNgu: 'vi-VN', MaTienTe: 'VND', MaNganHang: '',
        ThongTinGiaoDich: input.description, ThoiGianGD: input.createdAt, Ip: input.ip,
        UrlQuayLai: input.returnUrl, UrlThongBao: input.callbackUrl, ThoiGianHetHan: input.expiresAt,
        ThongTinBienLai: {
          MaDichVu: '1', MaDVC: r.dossierCode, TenDVC: r.procedureName, MaTTHC: r.procedureCode, TenTTHC: r.procedureName,
          MaDonVi: r.unitCode, TenDonVi: r.unitName, MaHoSo: r.dossierCode,
          TKThuHuong: r.beneficiary?.accountNumber ?? '', MaNHThuHuong: r.beneficiary?.bankBin ?? '', TenTKThuHuong: r.beneficiary?.accountName ?? '',
          HoTenNguoiNop: r.payerName, SoCMNDNguoiNop: r.payerId ?? '', NoiDungThanhToan: input.description,
          PhiLePhi: r.items.map((i) => ({ LoaiPhiLePhi: '1', MaPhiLePhi: i.code, TenPhiLePhi: i.name, SoTien: i.amount })),
          DSKhoanNop: r.items.map((i) => ({ NoiDung: i.name, SoTien: i.amount })),
        },
      };
      message.MaXacThuc = nationalChecksum(message, FIELDS_INIT, s.secret);
      const answer = await post('/api/thanhtoan/init', message);
      if (answer.MaLoi !== '00') throw new ProviderError(`national INIT refused: ${String(answer.MaLoi)} ${String(answer.MoTaLoi ?? '')}`, String(answer.MaLoi));
      if (!sameHex(answer.MaXacThuc, nationalChecksum(answer, FIELDS_INIT_RESPONSE, s.secret))) throw new ProviderError('national INIT answer has a wrong checksum');
      if (answer.MaThamChieu !== input.providerReference || typeof answer.UrlThanhToan !== 'string') throw new ProviderError('national INIT answer does not match the request');
      return { redirectUrl: answer.UrlThanhToan };
    },
    verify,
    /** The platform's list of the day's paid transactions (each one signed like a callback). */
    async dailyTransactions(day: string) {
      const res = await http(`${s.baseUrl.replace(/\/$/, '')}/api/thanhtoan/transactions?ngay=${encodeURIComponent(day)}`, { headers: { authorization: `Bearer ${s.token}` }, signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new ProviderError(`national transaction list answered ${res.status}`);
      const list = (await res.json()) as { DanhSach?: Record<string, unknown>[] };
      return (list.DanhSach ?? []).flatMap((m) => {
        const v = verify(m);
        return v.ok ? [v.outcome] : [];
      });
    },
    async query(attempt) {
      const message: Record<string, unknown> = { LoaiBanTin: 'QUERY', PhienBan: NATIONAL_VERSION, MaDoiTac: s.partnerCode, MaThamChieu: attempt.providerReference, ThoiGianGD: attempt.createdAt };
      message.MaXacThuc = nationalChecksum(message, FIELDS_QUERY, s.secret);
      const answer = await post('/api/thanhtoan/query', message);
      if (answer.MaLoi !== '00' && answer.MaLoi !== '01') throw new ProviderError(`national QUERY failed: ${String(answer.MaLoi)}`, String(answer.MaLoi));
      return verify(answer);
    },
  };
}
