import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { I18nContext } from '../../../i18n/context';
import { vi as messages } from '../../../i18n/vi';
import { DossierForm, type DossierFormProps } from './DossierForm';

const form = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../../../seed/forms/1.012606.json'), 'utf8'));
const { schema, uiSchema } = form.cases[0];

const render = (props: Partial<DossierFormProps>) =>
  renderToString(
    createElement(
      MantineProvider,
      null,
      createElement(
        I18nContext.Provider,
        { value: { lang: 'vi', t: messages, setLang: () => {} } },
        createElement(DossierForm, { schema, uiSchema, answers: {}, onChange: () => {}, ...props }),
      ),
    ),
  );

describe('DossierForm renders with @rjsf/mantine on Mantine 9', () => {
  it('shows labelled fields, help text and the conditional section for the chosen case', () => {
    const html = render({ answers: { kind: 'RENEW' } });
    expect(html).toContain('Tên tổ chức, doanh nghiệp');
    expect(html).toContain('id="root_organisation_name"');
    expect(html).toContain('Thời gian đề nghị gia hạn (năm)');
    expect(html).not.toContain('Nội dung đề nghị điều chỉnh');
    expect(html).toContain('10 chữ số; đơn vị phụ thuộc ghi thêm 3 chữ số');
    expect(html).toContain('dd/mm/yyyy');
  });

  it('shows server errors beside the field and in a summary linking to it', () => {
    const html = render({ answers: { kind: 'ADJUST' }, errors: [{ path: 'organisation.taxCode', message: 'Mã số thuế (mã số doanh nghiệp): phải gồm 10 chữ số hoặc 13 chữ số' }] });
    expect(html).toContain('Có lỗi cần sửa');
    expect(html).toContain('href="#root_organisation_taxCode"');
    expect(html.split('Mã số thuế (mã số doanh nghiệp): phải gồm 10 chữ số hoặc 13 chữ số').length - 1).toBeGreaterThanOrEqual(2);
    expect(html).toContain('Nội dung đề nghị điều chỉnh');
  });

  it('renders non-editable fields read-only in a supplement round', () => {
    const html = render({ answers: { kind: 'RENEW', organisation: { name: 'Công ty A' } }, editablePaths: ['extension'] });
    const nameInput = /<input[^>]*id="root_organisation_name"[^>]*>/.exec(html)?.[0] ?? '';
    expect(nameInput).toMatch(/disabled|readonly/i);
    const extension = /<input[^>]*id="root_extension"[^>]*>/.exec(html)?.[0] ?? '';
    expect(extension).not.toMatch(/disabled=""|readonly=""/i);
  });
});
