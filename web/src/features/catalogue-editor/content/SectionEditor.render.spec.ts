import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { I18nContext } from '../../../i18n/context';
import { vi as messages } from '../../../i18n/vi';
import { SectionEditor } from './SectionEditor';
import { sectionErrors, sectionSchema, type Rec } from './section-schema';

const f = messages.catalogueEditor.contentForm;
const texts = { titles: f.titles, rows: f.rows, choices: f.choices, yes: f.yes, no: f.no, datePlaceholder: f.datePlaceholder };

const value: Rec = {
  cases: [{
    code: 'TH1',
    name: '',
    steps: ['Nộp hồ sơ'],
    channels: [{ channel: 'ONLINE', phases: [{ name: 'Giải quyết', amount: 5, unit: 'WORKING_DAY', excludes: [] }], fees: [{ kind: 'CHARGE', name: 'Lệ phí', amountVnd: -1000 }] }],
    components: [{ name: 'Đơn đề nghị', mandatory: true, originals: 1, copies: 0, templates: [] }],
    capabilities: { onlineSubmission: true, onlinePayment: 'NO_FEE', resultDelivery: ['ELECTRONIC'], requiresInPersonStep: false },
  }],
};

const render = (problems: { path: string; message: string }[]) => {
  const { schema, uiSchema } = sectionSchema('version', ['cases'], texts);
  const placed = sectionErrors(problems, 'version', ['cases'], schema);
  return renderToString(createElement(MantineProvider, null, createElement(
    I18nContext.Provider,
    { value: { lang: 'vi', t: messages, setLang: () => {} } },
    createElement(SectionEditor, {
      sectionKey: 'cases', title: 'Trường hợp', schema, uiSchema, value, text: JSON.stringify(value), jsonState: 'ok',
      onFormChange: () => {}, onJsonChange: () => {}, errorSchema: placed.errorSchema, unplaced: placed.unplaced, problemCount: placed.count, editable: true,
    }),
  )));
};

describe('a section of the draft page as a form', () => {
  it('renders the case with Vietnamese labels, choices and list buttons', () => {
    const html = render([]);
    for (const label of ['Tên trường hợp', 'Mã trường hợp', 'Cách thức', 'Thời hạn giải quyết (các giai đoạn)', 'Số tiền (đồng)', 'Tên giấy tờ', 'Thanh toán trực tuyến', 'Cách nhận kết quả', 'Bản điện tử']) {
      expect(html, label).toContain(label);
    }
    expect(html).toContain('Trực tuyến');
    // Every field has a widget (online payment, yes/no/no fee, is a select).
    expect(html).not.toContain('Unsupported field schema');
    expect(html).toContain('Không thu phí');
    expect(html).toContain('Thêm trường hợp');
    expect(html).toContain('Thêm khoản thu');
    expect(html).toContain('Xóa dòng');
    expect(html).toContain('Biểu mẫu');
    expect(html).toContain('JSON cho chuyên gia');
    // The ids the server gives are not fields.
    expect(html).not.toMatch(/id="fcases_cases_0_components_0_id"[^>]*type="text"/);
  });

  it('shows the server problems beside their fields', () => {
    const html = render([
      { path: 'version.cases[0].name', message: 'Không được để trống' },
      { path: 'version.cases[0].channels[0].fees[0].amountVnd', message: 'Số tiền không được âm' },
    ]);
    const nameInput = html.indexOf('id="fcases_cases_0_name"');
    expect(nameInput).toBeGreaterThan(-1);
    const nameError = html.indexOf('Không được để trống', nameInput);
    expect(nameError).toBeGreaterThan(nameInput);
    expect(nameError).toBeLessThan(html.indexOf('id="fcases_cases_0_steps"'));
    const amount = html.indexOf('id="fcases_cases_0_channels_0_fees_0_amountVnd"');
    expect(amount).toBeGreaterThan(-1);
    // Beside the amount: after its input, before the next field of the fee.
    const amountError = html.indexOf('Số tiền không được âm', amount);
    expect(amountError).toBeGreaterThan(amount);
    expect(amountError).toBeLessThan(html.indexOf('id="fcases_cases_0_channels_0_fees_0_description"'));
    expect(html).toContain('2 lỗi trong mục này');
  });
});
