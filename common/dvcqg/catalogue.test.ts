import { describe, expect, it } from 'vitest';
import { comparableFromPacket, compareProcedures } from './catalogue.js';
import type { GoiTinThuTucQG } from './protocol.js';

const packet: GoiTinThuTucQG = {
  MaTTHC: '1.004227',
  TENTTHC: 'Cấp giấy phép khai thác, sử dụng nước mặt',
  LINHVUCTHUCHIEN: [{ MALINHVUC: 'G99-TNN', TENLINHVUC: 'Tài nguyên nước' }],
  CANCUPHAPLY: [{ SOVANBAN: '28/2023/QH15', TENVANBAN: 'Luật Tài nguyên nước' }],
  KETQUATHUCHIEN: [{ TENKETQUA: 'Giấy phép khai thác, sử dụng nước mặt' }],
  THANHPHANHOSO: [{ TRUONGHOP: 'TH1', GIAYTO: [{ TENGIAYTO: 'Đơn đề nghị cấp giấy phép' }] }],
  CACHTHUCTHUCHIEN: [{ KENH: '2', TRUONGHOP: 'TH1', THOIGIAN: [{ THOIGIANGIAIQUYET: 30, DONVITINH: 'WORKING_DAY', PHILEPHI: [{ MAPHILEPHI: 'TD', SOTIEN: 600000 }] }] }],
};

describe('national packet compared with the catalogue', () => {
  it('agrees with itself, whatever the spacing and Unicode form', () => {
    const spaced = { ...packet, TENTTHC: ` Cấp giấy phép  khai thác, sử dụng nước mặt `.normalize('NFD') };
    expect(compareProcedures(comparableFromPacket(spaced), comparableFromPacket(packet))).toEqual([]);
  });

  it('lists each difference with its Vietnamese label, the national and the local value', () => {
    const changed = { ...packet, CACHTHUCTHUCHIEN: [{ KENH: '2', TRUONGHOP: 'TH1', THOIGIAN: [{ THOIGIANGIAIQUYET: 20, DONVITINH: 'WORKING_DAY', PHILEPHI: [{ MAPHILEPHI: 'TD', SOTIEN: 800000 }] }] }] };
    expect(compareProcedures(comparableFromPacket(changed), comparableFromPacket(packet))).toEqual([
      { field: 'CACHTHUCTHUCHIEN.TH1/2', label: 'Thời hạn và phí, lệ phí (TH1, trực tuyến)', national: '20 WORKING_DAY; TD=800000', local: '30 WORKING_DAY; TD=600000' },
    ]);
    const fewer = { ...packet, THANHPHANHOSO: [] };
    expect(compareProcedures(comparableFromPacket(fewer), comparableFromPacket(packet))[0]).toMatchObject({ field: 'THANHPHANHOSO.TH1', national: '(không có)', local: 'Đơn đề nghị cấp giấy phép' });
  });
});
