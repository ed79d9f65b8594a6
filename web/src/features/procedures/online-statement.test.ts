import { describe, expect, it } from 'vitest';
import type { ProcedureCapabilities } from '../../../../common/service-levels';
import { onlineStatement } from './online-statement';

const partial: ProcedureCapabilities = {
  onlineSubmission: true,
  onlinePayment: false,
  resultDelivery: ['COUNTER', 'POSTAL'],
  requiresInPersonStep: false,
};

describe('onlineStatement', () => {
  it('says what is online and what is not for a partly online procedure', () => {
    expect(onlineStatement(partial, 'vi')).toBe(
      'Bạn có thể nộp hồ sơ trực tuyến. Lệ phí nộp trực tiếp; nhận kết quả tại Văn phòng Một cửa hoặc qua bưu chính.',
    );
    expect(onlineStatement(partial, 'en')).toBe(
      'You can submit your application online. Fees are paid in person; receive the result at the One-Stop Office or by post.',
    );
  });

  it('names the National Single Window for procedures done there', () => {
    const nsw: ProcedureCapabilities = {
      onlineSubmission: true,
      onlinePayment: 'NO_FEE',
      resultDelivery: ['ELECTRONIC'],
      requiresInPersonStep: false,
      externalSystem: { name: 'Cổng thông tin một cửa quốc gia' },
    };
    expect(onlineStatement(nsw, 'vi')).toBe('Thủ tục này được thực hiện trực tuyến toàn trình qua Cổng thông tin một cửa quốc gia.');
    expect(onlineStatement(nsw, 'en')).toBe('This procedure is carried out fully online through Cổng thông tin một cửa quốc gia.');
  });

  it('describes a full online procedure on this portal', () => {
    const full: ProcedureCapabilities = { ...partial, onlinePayment: true, resultDelivery: ['ELECTRONIC', 'POSTAL'] };
    expect(onlineStatement(full, 'vi')).toBe(
      'Bạn có thể thực hiện toàn bộ thủ tục trực tuyến, không cần đến cơ quan: nộp hồ sơ và lệ phí trên Cổng, nhận kết quả bản điện tử trên Cổng hoặc qua bưu chính.',
    );
  });

  it('mentions a required visit', () => {
    const visit: ProcedureCapabilities = { ...partial, onlinePayment: true, requiresInPersonStep: true };
    expect(onlineStatement(visit, 'vi')).toContain('Bạn vẫn cần đến cơ quan ít nhất một lần');
  });

  it('is honest when nothing can be filed online', () => {
    const info: ProcedureCapabilities = { ...partial, onlineSubmission: false, resultDelivery: ['COUNTER'] };
    const text = onlineStatement(info, 'vi');
    expect(text).toMatch(/^Thủ tục này chưa nộp được hồ sơ trực tuyến/);
    expect(text).toContain('nhận kết quả tại Văn phòng Một cửa.');
  });
});
