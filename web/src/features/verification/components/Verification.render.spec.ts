import { describe, expect, it } from 'vitest';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { I18nContext } from '../../../i18n/context';
import { en } from '../../../i18n/en';
import { vi } from '../../../i18n/vi';
import type { DocumentVerification } from '../types';
import { FileCheck } from './FileCheck';
import { VerificationFacts } from './VerificationFacts';

const render = (element: ReactElement, lang: 'vi' | 'en' = 'vi') =>
  renderToString(
    createElement(MantineProvider, null, createElement(I18nContext.Provider, { value: { lang, t: lang === 'vi' ? vi : en, setLang: () => {} } }, element)),
  );

const issued: DocumentVerification = {
  documentId: 'doc_01jdx8y2q4m7n9p3r5t7v9w1z3',
  kind: 'RESULT',
  title: 'Giấy phép khai thác, sử dụng nước mặt',
  status: 'ISSUED',
  number: '12/KQ-G99',
  issuedAt: '2026-11-28T08:40:00.000Z',
  signedAt: '2026-11-28T03:15:00.000Z',
  signer: {
    commonName: 'Đặng Văn Hùng',
    subject: 'CN=Đặng Văn Hùng, T=Phó Cục trưởng, O=Văn phòng Bộ (Văn phòng Một cửa), C=VN',
    serialNumber: '5F112BE3F2333C767C610358DD062966',
    issuer: 'CN=OpenDVC Demo CA — không dùng cho giao dịch thật, O=OpenDVC, C=VN',
  },
  sha256: 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef',
  agencyName: 'Văn phòng Bộ (Văn phòng Một cửa)',
  dossierCode: '000.00.01.G99-261128-0012',
  procedureName: 'Cấp giấy phép khai thác, sử dụng nước mặt',
};

const noDigest = undefined;
const digest = async () => new ArrayBuffer(32);

describe('verification page parts', () => {
  it('shows an issued document: number, dates in Viet Nam time, signer, certificate and the grouped SHA-256', () => {
    const html = render(createElement(VerificationFacts, { data: issued }));
    for (const text of [
      'Thông tin văn bản',
      'Giấy phép khai thác, sử dụng nước mặt',
      'Kết quả giải quyết thủ tục hành chính',
      'Đã ban hành',
      '12/KQ-G99',
      '28/11/2026',
      '10:15, 28/11/2026',
      'Đặng Văn Hùng',
      'Văn phòng Bộ (Văn phòng Một cửa)',
      '000.00.01.G99-261128-0012',
      'Chứng thư số của người ký',
      '5F112BE3F2333C767C610358DD062966',
      'OpenDVC Demo CA — không dùng cho giao dịch thật',
      'a3f1c2d4 e5b6a798 01234567',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<dl[^>]*>.*<dt[^>]*>Văn bản<\/dt>/);
    expect(html).toContain('aria-labelledby="verify-facts"');
    expect(html).toContain('id="verify-facts"');
  });

  it('says when a document is signed but not issued yet, without a number', () => {
    const html = render(createElement(VerificationFacts, { data: { ...issued, status: 'SIGNED', number: null, issuedAt: null } }));
    expect(html).toContain('Đã ký, chưa ban hành');
    expect(html).toContain('văn thư chưa cấp số');
    expect(html).not.toContain('Số, ký hiệu');
    expect(html).not.toContain('Ngày ban hành');
  });

  it('offers the file check, and states the verdict clearly in an announced region', () => {
    const idle = render(createElement(FileCheck, { expectedSha256: issued.sha256, digest }));
    expect(idle).toContain('Kiểm tra tệp bạn đang có');
    expect(idle).toContain('không gửi lên máy chủ');
    expect(idle).toContain('Chọn tệp PDF');
    expect(idle).toContain('role="status"');

    const match = render(createElement(FileCheck, { expectedSha256: issued.sha256, digest, initial: { state: 'done', fileName: 'ket-qua.pdf', digest: issued.sha256, match: true } }));
    expect(match).toContain('Khớp — tệp là bản gốc đã ký');
    expect(match).toContain('Chọn tệp khác');
    expect(match).not.toContain('Không khớp');

    const mismatch = render(createElement(FileCheck, { expectedSha256: issued.sha256, digest, initial: { state: 'done', fileName: 'ban-chup.pdf', digest: '00ff', match: false } }));
    expect(mismatch).toContain('Không khớp');
    expect(mismatch).toContain('ban-chup.pdf');
    expect(mismatch).not.toContain('Khớp — tệp là bản gốc');

    expect(render(createElement(FileCheck, { expectedSha256: issued.sha256, digest: noDigest }))).toContain('cần kết nối bảo mật https');
  });

  it('has English texts', () => {
    const html = render(createElement(FileCheck, { expectedSha256: issued.sha256, digest, initial: { state: 'done', fileName: 'a.pdf', digest: issued.sha256, match: true } }), 'en');
    expect(html).toContain('Match — this file is the signed original');
    expect(render(createElement(VerificationFacts, { data: issued }), 'en')).toContain('Issued');
  });
});
