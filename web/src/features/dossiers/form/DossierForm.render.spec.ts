import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { instantiatePrecompiled, type PrecompiledFactory } from '../../../../../common/forms/precompiled';
import { precompileForm } from '../../../../../server/modules/forms/forms.precompile';
import { formValidatorsKey } from './useFormValidators';
import seededForm from '../../../../../seed/forms/1.012606.json';
import groundwaterForm from '../../../../../seed/forms/1.012604.json';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nContext } from '../../../i18n/context';
import { vi as messages } from '../../../i18n/vi';
import { DossierForm, type DossierFormProps } from './DossierForm';

const { schema, uiSchema } = seededForm.cases[0] as unknown as Pick<DossierFormProps, 'schema' | 'uiSchema'>;

/** Each form's validators as the page loads them (generated as the server serves them), by URL. */
const loaded = new Map<string, Record<string, ValidateFunction>>();
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-render-'));
  try {
    for (const [name, form] of [['seeded', seededForm], ['groundwater', groundwaterForm]] as const) {
      const file = path.join(dir, `${name}.mjs`);
      fs.writeFileSync(file, precompileForm((form.cases[0] as unknown as { schema: DossierFormProps['schema'] }).schema).code);
      loaded.set(`/validators/${name}.js`, instantiatePrecompiled(((await import(pathToFileURL(file).href)) as { default: PrecompiledFactory }).default));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

const clientWithValidators = () => {
  const client = new QueryClient();
  for (const [url, validators] of loaded) client.setQueryData(formValidatorsKey(url), validators);
  return client;
};

const render = (props: Partial<DossierFormProps>) =>
  renderToString(
    createElement(
      QueryClientProvider,
      // The address field asks for administrative units; rendered on the server, nothing is fetched.
      { client: clientWithValidators() },
      createElement(
        MantineProvider,
        null,
        createElement(
          I18nContext.Provider,
          { value: { lang: 'vi', t: messages, setLang: () => {} } },
          createElement(DossierForm, { schema, uiSchema, validatorUrl: '/validators/seeded.js', answers: {}, onChange: () => {}, ...props }),
        ),
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

  it('starts a required list of wells with one row, marked required, with a labelled add button and headings after the h1', () => {
    const gw = groundwaterForm.cases[0] as unknown as Pick<DossierFormProps, 'schema' | 'uiSchema'>;
    const html = render({ schema: gw.schema, uiSchema: gw.uiSchema, validatorUrl: '/validators/groundwater.js', answers: {} });
    expect(html).toContain('id="root_abstraction_wells_0_code"');
    expect(html).toMatch(/Giếng khai thác<span[^>]*aria-hidden="true"[^>]*> \*<\/span>/);
    expect(html).toMatch(/<button[^>]*id="root_abstraction_wells__add"[^>]*>[\s\S]*?Thêm giếng/);
    expect(html).toContain('>Giếng 1</h');
    expect(html).toMatch(/<h2[^>]*>Đơn đề nghị/);
    expect(html).not.toMatch(/<h1/);
  });

  it('waits for its precompiled validators, and says so when there are none', () => {
    expect(render({ validatorUrl: undefined })).toContain('Đang tải biểu mẫu');
    expect(render({ validatorUrl: null })).toContain('Chưa tải được biểu mẫu');
  });
});
