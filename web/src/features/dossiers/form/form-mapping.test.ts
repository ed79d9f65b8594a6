import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidatorType } from '@rjsf/utils';
import { instantiatePrecompiled, type PrecompiledFactory } from '../../../../../common/forms/precompiled';
import { precompileForm } from '../../../../../server/modules/forms/forms.precompile';
import seededForm from '../../../../../seed/forms/1.012606.json';
import type { JsonSchema } from '../../../../../common/forms';
import { augmentUiSchema, createDossierValidator, errorSchemaOf, fieldIdOf, isEditable, keepReadOnly, mergeErrors, pathFromProperty, summaryItems } from './form-mapping';

const schema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['applicant', 'kind'],
  properties: {
    applicant: {
      type: 'object',
      title: 'Người nộp',
      required: ['fullName'],
      properties: {
        fullName: { type: 'string', title: 'Họ và tên', minLength: 1 },
        dateOfBirth: { type: 'string', title: 'Ngày sinh', format: 'date' },
      },
    },
    kind: { type: 'string', title: 'Nội dung đề nghị', oneOf: [{ const: 'NEW', title: 'Cấp mới' }, { const: 'RENEW', title: 'Gia hạn' }] },
    wells: { type: 'array', title: 'Giếng', items: { type: 'object', title: 'Giếng', properties: { code: { type: 'string', title: 'Số hiệu giếng' } } } },
  },
  if: { properties: { kind: { const: 'RENEW' } }, required: ['kind'] },
  then: { required: ['oldNumber'], properties: { oldNumber: { type: 'string', title: 'Số giấy phép cũ', minLength: 1 } } },
};

describe('paths and ids', () => {
  it.each([
    ['.applicant.fullName', 'applicant.fullName'],
    ['.wells.0.code', 'wells.0.code'],
    ["['a-b'].c", 'a-b.c'],
    ['.wells[1].code', 'wells.1.code'],
    ['', ''],
    [undefined, ''],
  ])('property %s → path %s', (property, expected) => expect(pathFromProperty(property)).toBe(expected));

  it.each([
    ['applicant.fullName', 'root_applicant_fullName'],
    ['wells.0.code', 'root_wells_0_code'],
    ['', 'root'],
  ])('path %s → field id %s', (p, id) => expect(fieldIdOf(p)).toBe(id));
});

describe('errors', () => {
  const errors = [
    { path: 'applicant.fullName', message: 'Họ và tên: bắt buộc nhập' },
    { path: 'applicant.fullName', message: 'Họ và tên: bắt buộc nhập' },
    { path: '', message: 'Hồ sơ đã được nộp' },
  ];
  it('builds the error schema RJSF shows beside fields', () => {
    expect(errorSchemaOf(errors.slice(0, 1))).toEqual({ applicant: { fullName: { __errors: ['Họ và tên: bắt buộc nhập'] } } });
    expect(errorSchemaOf([{ path: '', message: 'Chung' }])).toEqual({ __errors: ['Chung'] });
  });
  it('lists each distinct problem once in the summary, linked to its field', () => {
    expect(summaryItems(errors)).toEqual([
      { message: 'Họ và tên: bắt buộc nhập', fieldId: 'root_applicant_fullName' },
      { message: 'Hồ sơ đã được nộp' },
    ]);
  });
  it('merges server and browser errors without repeats', () => {
    expect(mergeErrors([errors[0]!], undefined, [errors[1]!, errors[2]!])).toEqual([errors[0], errors[2]]);
  });
});

/** The validators the page loads, generated the way the server serves them and loaded as a module file (no eval). */
async function precompiled(s: JsonSchema) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-form-'));
  const file = path.join(dir, 'validator.mjs');
  fs.writeFileSync(file, precompileForm(s).code);
  try {
    return instantiatePrecompiled(((await import(pathToFileURL(file).href)) as { default: PrecompiledFactory }).default);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the RJSF validator uses the shared rules, precompiled', () => {
  let validator: ValidatorType;
  let seeded: ValidatorType;
  const seededSchema = (seededForm.cases[0] as unknown as { schema: JsonSchema }).schema;
  beforeAll(async () => {
    validator = createDossierValidator(schema, await precompiled(schema));
    seeded = createDossierValidator(seededSchema, await precompiled(seededSchema));
  }, 60_000);
  it('gives Vietnamese messages naming fields, as the server does', () => {
    const result = validator.validateFormData({ kind: 'RENEW', applicant: { fullName: '' } }, schema);
    expect(result.errors.map((e) => [e.property, e.message]).sort()).toEqual([
      ['.applicant.fullName', 'Họ và tên: bắt buộc nhập'],
      ['.oldNumber', 'Số giấy phép cũ: bắt buộc nhập'],
    ]);
    expect(result.errorSchema).toEqual({ applicant: { fullName: { __errors: ['Họ và tên: bắt buộc nhập'] } }, oldNumber: { __errors: ['Số giấy phép cũ: bắt buộc nhập'] } });
  });
  it('evaluates conditions (isValid) with the precompiled sub-schemas', () => {
    expect(validator.isValid(schema.if, { kind: 'RENEW' }, schema)).toBe(true);
    expect(validator.isValid(schema.if, { kind: 'NEW' }, schema)).toBe(false);
    expect(validator.isValid(schema, { kind: 'NEW', applicant: { fullName: 'Nguyễn Văn A' } }, schema)).toBe(true);
  });
  it('treats a sub-schema compiled nowhere as not matching', () => {
    expect(validator.isValid({ type: 'string', format: 'vn-tax-code' }, '0100109106-001', schema)).toBe(false);
  });
  it('checks the formats of a seeded form and rejects the empty answers', () => {
    expect(seeded.validateFormData({}, seededSchema).errors.length).toBeGreaterThan(0);
  });
});

describe('uiSchema for the renderer', () => {
  it('shows dates as dd/mm/yyyy while storing ISO dates', () => {
    const ui = augmentUiSchema(schema, { applicant: { 'ui:order': ['fullName', 'dateOfBirth'] } });
    expect(ui.applicant['ui:order']).toEqual(['fullName', 'dateOfBirth']);
    expect(ui.applicant.dateOfBirth).toEqual({
      'ui:placeholder': 'dd/mm/yyyy',
      'ui:options': { valueFormat: 'YYYY-MM-DD', displayFormat: 'DD/MM/YYYY', clearable: true, clearButtonProps: { 'aria-label': 'Xóa ngày đã chọn', title: 'Xóa ngày đã chọn' } },
    });
    expect(ui.applicant.fullName).toEqual({});
  });

  it('makes everything but the editable paths read-only (supplement round)', () => {
    const ui = augmentUiSchema(schema, {}, { editablePaths: ['applicant.dateOfBirth', 'oldNumber'] });
    expect(ui.applicant['ui:readonly']).toBeUndefined();
    expect(ui.applicant.fullName['ui:readonly']).toBe(true);
    expect(ui.applicant.dateOfBirth['ui:readonly']).toBeUndefined();
    expect(ui.kind['ui:readonly']).toBe(true);
    expect(ui.oldNumber['ui:readonly']).toBeUndefined();
    expect(ui.wells['ui:readonly']).toBe(true);
    expect(ui.wells['ui:options']).toMatchObject({ addable: false, removable: false });
  });

  it('makes the read-only paths read-only and leaves the rest editable', () => {
    const ui = augmentUiSchema(schema, {}, { readOnlyPaths: ['applicant'] });
    expect(ui.applicant.fullName['ui:readonly']).toBe(true);
    expect(ui.applicant.dateOfBirth['ui:readonly']).toBe(true);
    expect(ui.kind['ui:readonly']).toBeUndefined();
  });

  it.each([
    ['applicant.fullName', { readOnlyPaths: ['applicant'] }, false],
    ['applicant.fullName', { editablePaths: ['applicant'] }, true],
    ['applicantX', { editablePaths: ['applicant'] }, false],
    ['kind', {}, true],
  ])('isEditable(%s, %j) → %s', (p, access, expected) => expect(isEditable(p, access)).toBe(expected));

  it('keeps read-only values when the renderer hands back changed answers', () => {
    const prev = { applicant: { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-12' }, kind: 'RENEW' };
    const next = { applicant: { fullName: 'X', dateOfBirth: '1990-05-13' }, kind: 'NEW' };
    expect(keepReadOnly(prev, next, { editablePaths: ['applicant.dateOfBirth'] })).toEqual({ applicant: { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-13' }, kind: 'RENEW' });
    expect(keepReadOnly(prev, next, {})).toBe(next);
  });
});
