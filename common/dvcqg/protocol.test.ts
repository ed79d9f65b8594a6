import { describe, expect, it } from 'vitest';
import { formatPortalDate, isAdapterSuccess, parsePortalDate, validateHoSo, validateQuaTrinh } from './protocol.js';

describe('national portal protocol', () => {
  it('writes and reads dates as yyyyMMddHHmmss in Vietnam time', () => {
    expect(formatPortalDate(new Date('2026-12-31T17:30:05Z'))).toBe('20270101003005');
    expect(parsePortalDate('20270101003005')!.toISOString()).toBe('2026-12-31T17:30:05.000Z');
    expect(parsePortalDate('20260230120000')).toBeNull();
    expect(parsePortalDate('2026-01-01')).toBeNull();
  });

  it('counts "0" and "00" as success, nothing else', () => {
    expect(['0', '00'].map((c) => isAdapterSuccess({ error_code: c }))).toEqual([true, true]);
    expect(['', '-1', '2', '99', undefined].map((c) => isAdapterSuccess({ error_code: c }))).toEqual([false, false, false, false, false]);
  });

  it('checks a dossier field by field, as the portal does', () => {
    const good = { MaHoSo: '000.00.01.G99-261204-0001', MaTTHC: '1.012601', TenTTHC: 'Cấp giấy phép', KenhThucHien: '2', ChuHoSo: 'Nguyễn Văn An', LoaiDoiTuong: '1', TrangThaiHoSo: '2', NgayNopHoSo: '20261204083000', NgayTiepNhan: '20261204090000', DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '001090012345' }] };
    expect(validateHoSo(good)).toEqual([]);
    expect(validateHoSo({ ...good, MaHoSo: 'HS-1', TrangThaiHoSo: '11', NgayTiepNhan: '', SoDienThoai: 'không có', DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '123' }] }).map((p) => p.field).sort())
      .toEqual(['DinhDanhCHS[0].SoDinhDanh', 'MaHoSo', 'SoDienThoai', 'TrangThaiHoSo']);
    expect(validateHoSo({ ...good, NgayTiepNhan: '' }).map((p) => p.field)).toEqual(['NgayTiepNhan']);
    expect(validateQuaTrinh({ MaHoSo: good.MaHoSo, NguoiXuLy: 'x'.repeat(51), ThoiDiemXuLy: '2026', NoiDungXuLy: 'Tiếp nhận', TrangThai: '2' }).map((p) => p.field)).toEqual(['NguoiXuLy', 'ThoiDiemXuLy']);
  });
});
