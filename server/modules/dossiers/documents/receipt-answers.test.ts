import { describe, expect, it } from 'vitest';
import groundwater from '../../../../seed/forms/1.012604.json' with { type: 'json' };
import { answerLines, renderAnswers, type JsonSchema } from '../../../../common/forms/index.js';
import { flattenText, pdfText } from '../../../platform/pdf/pdf-inspect.js';
import { renderReceiptSlip } from './index.js';
import { sampleReceiptSlip } from './documents.samples.js';

const { schema, uiSchema } = groundwater.cases[0] as unknown as { schema: JsonSchema; uiSchema: JsonSchema };

describe('01 receipt slip: the answers, from the shared renderer', () => {
  it('prints the answers in form order, with option titles and each well as its own group', async () => {
    const answers = {
      abstraction: { purposes: ['INDUSTRY'], wells: [{ flow: 1200, code: 'LK1', x: 2345678, y: 560000, depth: 80 }], aquifer: 'Pleistocen', location: { province: 'Hà Nội', commune: 'Phường Hoàn Kiếm' }, flow: 1200, duration: 10 },
      organisation: { name: 'Công ty Cổ phần Nước sạch Hà Nội', taxCode: '0100109106' },
    };
    const pdf = await renderReceiptSlip({ ...sampleReceiptSlip, answers: answerLines(renderAnswers(schema, uiSchema, answers)) });
    const text = flattenText(await pdfText(pdf));
    expect(text).toContain('8. Nội dung tờ khai:');
    expect(text).toContain('Mục đích khai thác, sử dụng nước: Sản xuất công nghiệp, dịch vụ');
    expect(text).not.toContain('INDUSTRY');
    expect(text).toContain('Tọa độ X (VN-2000, m): 2.345.678');
    const order = ['Tên tổ chức, doanh nghiệp: Công ty', 'Vị trí công trình', 'Tầng chứa nước khai thác: Pleistocen', 'Giếng 1', 'Số hiệu giếng: LK1', 'Thời hạn đề nghị cấp phép (năm): 10'];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });
});
