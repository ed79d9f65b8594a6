import { describe, expect, it } from 'vitest';
import { applyNationalPacket, timeUnitOf } from './authoring.national.js';

const content = () => ({
  procedure: { name: 'Cấp giấy phép', fieldCode: 'TAI_NGUYEN_NUOC' },
  version: {
    validFrom: '2025-07-01',
    validTo: '2030-01-01',
    legalBasis: [{ number: '54/2024/NĐ-CP', title: 'Nghị định 54', url: 'https://example.gov.vn/54' }],
    results: [{ name: 'Giấy phép' }],
    cases: [{
      code: 'TH1',
      components: [{ name: 'Đơn đề nghị', mandatory: true, originals: 1, copies: 0, maxFiles: 3 }],
      channels: [
        { channel: 'ONLINE', phases: [{ name: 'Thẩm định', amount: 30, unit: 'WORKING_DAY', excludes: ['APPLICANT_SUPPLEMENT'] }], fees: [{ code: 'le-phi', kind: 'CHARGE', name: 'Lệ phí', amountVnd: 100000 }, { code: 'phi-td', kind: 'FEE', name: 'Phí thẩm định', tiers: { path: 'a', table: [{ amountVnd: 1 }] } }] },
        { channel: 'IN_PERSON', phases: [{ name: 'Thẩm định', amount: 30, unit: 'WORKING_DAY', excludes: [] }], fees: [] },
      ],
    }],
  },
});

describe('a draft version from the national packet', () => {
  it('puts the national values in and keeps what the packet does not carry', () => {
    const out = applyNationalPacket(content(), {
      MaTTHC: '1.000001',
      TENTTHC: 'Cấp giấy phép  (sửa đổi)',
      CANCUPHAPLY: [{ SOVANBAN: '54/2024/NĐ-CP', TENVANBAN: 'x' }, { SOVANBAN: '05/2025/NĐ-CP', TENVANBAN: 'Nghị định sửa đổi', COQUANBANHANH: 'Chính phủ' }],
      KETQUATHUCHIEN: [{ TENKETQUA: 'Giấy phép' }, { MAKETQUA: 'KQ2', TENKETQUA: 'Văn bản trả lời' }],
      THANHPHANHOSO: [{ TRUONGHOP: 'TH1', GIAYTO: [{ TENGIAYTO: 'Đơn đề nghị' }, { MAGIAYTO: 'GT2', TENGIAYTO: 'Bản đồ khu vực', SOBANCHINH: 1, SOBANSAO: 2 }] }],
      CACHTHUCTHUCHIEN: [{ KENH: '2', TRUONGHOP: 'TH1', THOIGIAN: [{ THOIGIANGIAIQUYET: 25, DONVITINH: 'Ngày làm việc', PHILEPHI: [{ MAPHILEPHI: 'le-phi', SOTIEN: 150000 }, { MAPHILEPHI: 'phi-td', SOTIEN: 9 }] }] }],
    } as never);
    expect(out.procedure.name).toBe('Cấp giấy phép (sửa đổi)');
    expect(out.version.legalBasis).toEqual([
      { number: '54/2024/NĐ-CP', title: 'Nghị định 54', url: 'https://example.gov.vn/54' },
      { number: '05/2025/NĐ-CP', title: 'Nghị định sửa đổi', issuer: 'Chính phủ' },
    ]);
    expect(out.version.results).toEqual([{ name: 'Giấy phép' }, { code: 'KQ2', name: 'Văn bản trả lời' }]);
    const kase = (out.version.cases as { components: unknown[]; channels: { channel: string; phases: unknown[]; fees: { amountVnd?: number }[] }[] }[])[0]!;
    expect(kase.components).toEqual([
      { name: 'Đơn đề nghị', mandatory: true, originals: 1, copies: 0, maxFiles: 3 },
      { code: 'GT2', name: 'Bản đồ khu vực', mandatory: true, originals: 1, copies: 2, templates: [] },
    ]);
    expect(kase.channels[0]!.phases).toEqual([{ name: 'Thẩm định', amount: 25, unit: 'WORKING_DAY', excludes: ['APPLICANT_SUPPLEMENT'] }]);
    // A fee with a tier table keeps it; a fixed fee takes the national amount.
    expect(kase.channels[0]!.fees.map((f) => f.amountVnd)).toEqual([150000, undefined]);
    // The counter channel is not in the packet: unchanged.
    expect(kase.channels[1]!.phases).toEqual([{ name: 'Thẩm định', amount: 30, unit: 'WORKING_DAY', excludes: [] }]);
    expect(out.version.validTo).toBeUndefined();
    expect(out.version.validFrom).not.toBe('2025-07-01');
  });

  it('reads the portal\'s time units', () => {
    expect(['Ngày làm việc', 'Ngày', 'Giờ', 'WORKING_DAY', 'tuần'].map(timeUnitOf)).toEqual(['WORKING_DAY', 'CALENDAR_DAY', 'HOUR', 'WORKING_DAY', null]);
  });
});
