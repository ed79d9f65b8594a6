import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAnswers, validateFormDefinition, type JsonSchema } from '../../../../../common/forms';
import { addField, FIELD_KINDS, fromJson, moveField, newField, removeField, replaceField, toJson, keyFromLabel, emptyForm, type BuilderForm } from './model';

const seedDir = join(__dirname, '../../../../../seed/forms');
const seedForms = readdirSync(seedDir).filter((f) => f.endsWith('.json')).flatMap((file) => {
  const doc = JSON.parse(readFileSync(join(seedDir, file), 'utf8')) as { cases: Array<{ caseCode: string; schema: JsonSchema; uiSchema: JsonSchema }> };
  return doc.cases.map((c) => ({ name: `${file} ${c.caseCode}`, schema: c.schema, uiSchema: c.uiSchema }));
});

/** `required` lists compare as sets (the builder writes them in the form's order). */
const normal = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(normal);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'required' && Array.isArray(x) ? [...x].sort() : normal(x)]));
  return v;
};

describe('form builder model', () => {
  it('each kind generates the schema and uiSchema the seeded forms use', () => {
    let form: BuilderForm = emptyForm('Tờ khai');
    for (const kind of FIELD_KINDS) form = { ...form, fields: [...form.fields, { ...newField(kind, kind, `Trường ${kind}`), required: true }] };
    const { schema, uiSchema } = toJson(form);
    const p = schema.properties as Record<string, JsonSchema>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual([...FIELD_KINDS]);
    expect(p.text).toEqual({ type: 'string', title: 'Trường text', minLength: 1, maxLength: 500 });
    expect(p.number).toEqual({ type: 'number', title: 'Trường number' });
    expect(p.date).toEqual({ type: 'string', title: 'Trường date', format: 'date' });
    expect(p.select).toEqual({ type: 'string', title: 'Trường select', oneOf: [{ const: 'A', title: 'Lựa chọn 1' }, { const: 'B', title: 'Lựa chọn 2' }] });
    expect(p.checkbox).toEqual({ type: 'boolean', title: 'Trường checkbox' });
    expect(p.group).toEqual({ type: 'array', title: 'Trường group', items: { type: 'object', title: 'Dòng', properties: {} } });
    expect(p.section).toEqual({ type: 'object', title: 'Trường section', properties: {} });
    expect(p.personalId).toMatchObject({ type: 'string', format: 'vn-personal-id', maxLength: 12 });
    expect(p.taxCode).toMatchObject({ format: 'vn-tax-code' });
    expect(p.phone).toMatchObject({ format: 'vn-phone' });
    expect(p.email).toMatchObject({ format: 'email' });
    expect(p.address).toMatchObject({ type: 'object', 'x-address': true, required: ['provinceCode', 'communeCode'] });
    expect(uiSchema['ui:order']).toEqual([...FIELD_KINDS]);
    expect(uiSchema.address).toEqual({ 'ui:field': 'administrativeAddress', 'ui:order': ['provinceCode', 'communeCode', 'detail', '*'] });
    expect(uiSchema.phone).toEqual({ 'ui:help': 'Số di động hoặc số cố định kèm mã vùng', 'ui:options': { inputType: 'tel' } });
    expect((uiSchema.file as JsonSchema)['ui:options']).toEqual({ 'data-field-kind': 'file-reference' });
    // The server accepts the generated form (strict compile, Vietnamese titles, ui:order).
    expect(validateFormDefinition(schema, uiSchema)).toEqual({ valid: true });
    // And the round trip gives the same model back.
    expect(fromJson(schema, uiSchema)).toEqual(fromJson(toJson(fromJson(schema, uiSchema)).schema, toJson(fromJson(schema, uiSchema)).uiSchema));
    expect(fromJson(schema, uiSchema).fields.map((f) => f.kind)).toEqual([...FIELD_KINDS]);
  });

  it('a condition "show when X equals v" is an if/then the server honours', () => {
    let form = emptyForm('Tờ khai có điều kiện');
    form = { ...form, fields: [{ ...newField('select', 'scope', 'Phạm vi'), required: true, options: [{ value: 'ALL', title: 'Toàn bộ' }, { value: 'PART', title: 'Một phần' }] }] };
    form = { ...form, fields: addField(form.fields, [], { ...newField('number', 'area', 'Diện tích (ha)'), required: true, showWhen: { field: 'scope', equals: 'PART' } }) };
    const { schema, uiSchema } = toJson(form);
    expect(schema.allOf).toEqual([{ if: { properties: { scope: { const: 'PART' } }, required: ['scope'] }, then: { required: ['area'], properties: { area: { type: 'number', title: 'Diện tích (ha)' } } } }]);
    expect(uiSchema['ui:order']).toEqual(['scope', 'area']);
    expect(validateFormDefinition(schema, uiSchema)).toEqual({ valid: true });
    expect(validateAnswers(schema, { scope: 'ALL' }).valid).toBe(true);
    const missing = validateAnswers(schema, { scope: 'PART' });
    expect(missing.valid).toBe(false);
    expect(validateAnswers(schema, { scope: 'PART', area: 2.5 }).valid).toBe(true);
    expect(fromJson(schema, uiSchema).fields[1]!.showWhen).toEqual({ field: 'scope', equals: 'PART' });
    // Deleting the field a condition names drops the condition.
    const without = removeField(form.fields, ['scope']);
    expect(without).toEqual([{ ...form.fields[1]!, showWhen: undefined }].map(({ showWhen: _s, ...f }) => f));
  });

  it('a repeatable group holds its row fields; edits move, replace and delete inside it', () => {
    let fields = [newField('group', 'wells', 'Các giếng')];
    fields = addField(fields, ['wells'], { ...newField('text', 'name', 'Tên giếng'), required: true });
    fields = addField(fields, ['wells'], newField('number', 'depth', 'Chiều sâu (m)'));
    fields = moveField(fields, ['wells', 'depth'], -1);
    expect(fields[0]!.fields!.map((f) => f.key)).toEqual(['depth', 'name']);
    fields = replaceField(fields, ['wells'], { ...fields[0]!, itemLabel: 'Giếng', required: true, extra: { minItems: 1 } });
    const { schema, uiSchema } = toJson({ ...emptyForm('Tờ khai giếng'), fields });
    expect((schema.properties as Record<string, JsonSchema>).wells).toEqual({
      type: 'array', title: 'Các giếng', minItems: 1,
      items: { type: 'object', title: 'Giếng', required: ['name'], properties: { depth: { type: 'number', title: 'Chiều sâu (m)' }, name: { type: 'string', title: 'Tên giếng', minLength: 1, maxLength: 500 } } },
    });
    expect(uiSchema.wells).toEqual({ items: { 'ui:order': ['depth', 'name'] } });
    expect(validateAnswers(schema, { wells: [{ name: '' }] }).valid).toBe(false);
    expect(validateAnswers(schema, { wells: [{ name: 'G1', depth: 30 }] }).valid).toBe(true);
    expect(removeField(fields, ['wells', 'name'])[0]!.fields!.map((f) => f.key)).toEqual(['depth']);
  });

  it('prefill sources are x-prefill of the profile', () => {
    const f = { ...newField('personalId', 'cccd', 'Số định danh cá nhân'), prefill: 'personalIdNumber' as const };
    const { schema } = toJson({ ...emptyForm('Tờ khai'), fields: [f] });
    expect((schema.properties as Record<string, JsonSchema>).cccd!['x-prefill']).toBe('personalIdNumber');
    expect(fromJson(schema).fields[0]!.prefill).toBe('personalIdNumber');
  });

  it('keys come from the Vietnamese label, unique', () => {
    expect(keyFromLabel('Họ và tên người đề nghị', new Set())).toBe('hoVaTenNguoiDeNghi');
    expect(keyFromLabel('Đơn vị', new Set(['donVi']))).toBe('donVi2');
    expect(keyFromLabel('123', new Set())).toBe('f123');
  });

  it.each(seedForms)('round trip JSON → builder → JSON keeps the seeded form $name', ({ schema, uiSchema }) => {
    const model = fromJson(schema, uiSchema);
    const back = toJson(model);
    expect(normal(back.schema)).toEqual(normal(schema));
    expect(back.uiSchema).toEqual(uiSchema);
  });
});
