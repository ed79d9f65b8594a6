/**
 * Building blocks for the seeded e-forms: one function per kind of field, each giving the JSON
 * Schema, the uiSchema and a realistic example answer, and the sections most forms share
 * (applicant, location, licence reference). Deterministic: same input, same output.
 */
import type { JsonSchema } from '../../common/forms/validate.js';
import type { PrefillPath } from '../../common/forms/prefill.js';
import { ADDRESS_KEYWORD } from '../../common/forms/address-shape.js';
import { findUnit } from '../../common/administrative-units/index.js';

export interface Field {
  schema: JsonSchema;
  ui?: JsonSchema;
  /** A realistic valid answer; undefined leaves an optional field empty in the example. */
  example?: unknown;
  optional?: boolean;
}

/** A section or field shown only when a sibling choice has one of some values. */
export interface Conditional {
  field: string;
  equals: string | string[];
  then: Record<string, Field>;
  else?: Record<string, Field>;
}

interface Common {
  help?: string;
  /** Offered the sum of a field over the rows of the array beside it ("wells.flow"), still editable. */
  sumOf?: string;
  optional?: boolean;
  placeholder?: string;
}

const ui = (c: Common, extra: JsonSchema = {}): JsonSchema | undefined => {
  const out: JsonSchema = { ...extra };
  if (c.help) out['ui:help'] = c.help;
  if (c.placeholder) out['ui:placeholder'] = c.placeholder;
  if (c.sumOf) out['ui:options'] = { ...(out['ui:options'] as JsonSchema | undefined), sumOf: c.sumOf };
  return Object.keys(out).length ? out : undefined;
};

export function text(title: string, example: string, c: Common & { max?: number; min?: number; pattern?: string; format?: string; prefill?: PrefillPath; multiline?: boolean; inputType?: string } = {}): Field {
  const schema: JsonSchema = { type: 'string', title, minLength: c.min ?? 1, maxLength: c.max ?? (c.multiline ? 2000 : 255) };
  if (c.pattern) schema.pattern = c.pattern;
  if (c.format) schema.format = c.format;
  if (c.prefill) schema['x-prefill'] = c.prefill;
  const extra: JsonSchema = {};
  if (c.multiline) Object.assign(extra, { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } });
  if (c.inputType) extra['ui:options'] = { inputType: c.inputType };
  return { schema, ui: ui(c, extra), example: example === '' ? undefined : example, optional: c.optional };
}

export const longText = (title: string, example: string, c: Common & { max?: number } = {}) => text(title, example, { ...c, multiline: true });

export const personalId = (title = 'Số định danh cá nhân (CCCD)', c: Common & { prefill?: PrefillPath } = {}) =>
  text(title, '001090012345', { help: '12 chữ số ghi trên thẻ căn cước hoặc căn cước công dân', ...c, format: 'vn-personal-id', max: 12, inputType: 'text' });

export const taxCode = (title = 'Mã số thuế', c: Common & { prefill?: PrefillPath; example?: string } = {}) =>
  text(title, c.example ?? '0101234567', { help: '10 chữ số; đơn vị phụ thuộc ghi thêm 3 chữ số, ví dụ 0100109106-001', ...c, format: 'vn-tax-code', max: 14 });

export const phone = (title = 'Số điện thoại', c: Common & { prefill?: PrefillPath } = {}) =>
  text(title, '0912345678', { help: 'Số di động hoặc số cố định kèm mã vùng', ...c, format: 'vn-phone', max: 20, inputType: 'tel' });

export const email = (title = 'Thư điện tử', c: Common & { prefill?: PrefillPath } = {}) =>
  text(title, 'lienhe@moitruongxanh.vn', { ...c, format: 'email', max: 254, inputType: 'email' });

export function date(title: string, example: string, c: Common & { prefill?: PrefillPath; min?: string; max?: string } = {}): Field {
  const schema: JsonSchema = { type: 'string', title, format: 'date' };
  if (c.min) schema.formatMinimum = c.min;
  if (c.max) schema.formatMaximum = c.max;
  if (c.prefill) schema['x-prefill'] = c.prefill;
  return { schema, ui: ui(c), example, optional: c.optional };
}

export function number(title: string, example: number, c: Common & { min?: number; exclusiveMin?: number; max?: number; integer?: boolean } = {}): Field {
  const schema: JsonSchema = { type: c.integer ? 'integer' : 'number', title };
  if (c.exclusiveMin !== undefined) schema.exclusiveMinimum = c.exclusiveMin;
  else schema.minimum = c.min ?? 0;
  if (c.max !== undefined) schema.maximum = c.max;
  return { schema, ui: ui(c), example, optional: c.optional };
}

/** A positive quantity with its unit in the title: "Lưu lượng khai thác (m³/ngày đêm)". */
export const quantity = (title: string, unit: string, example: number, c: Common & { max?: number } = {}) =>
  number(`${title} (${unit})`, example, { ...c, exclusiveMin: 0 });

export const integer = (title: string, example: number, c: Common & { min?: number; max?: number } = {}) => number(title, example, { ...c, integer: true });

export type Options = ReadonlyArray<readonly [string, string]>;

export function choice(title: string, options: Options, example: string, c: Common & { radio?: boolean; prefill?: PrefillPath } = {}): Field {
  return {
    schema: { type: 'string', ...(c.prefill ? { 'x-prefill': c.prefill } : {}), title, oneOf: options.map(([value, label]) => ({ const: value, title: label })) },
    ui: ui(c, c.radio ?? options.length <= 4 ? { 'ui:widget': 'radio' } : {}),
    example,
    optional: c.optional,
  };
}

export function multiChoice(title: string, options: Options, example: string[], c: Common & { min?: number } = {}): Field {
  return {
    schema: { type: 'array', title, minItems: c.min ?? 1, uniqueItems: true, items: { type: 'string', oneOf: options.map(([value, label]) => ({ const: value, title: label })) } },
    ui: ui(c, { 'ui:widget': 'checkboxes' }),
    example,
    optional: c.optional,
  };
}

/** The applicant's commitment: must be ticked. */
export const confirm = (title: string) => ({ schema: { type: 'boolean', title, const: true }, example: true }) satisfies Field;

const conditionSchema = (c: Conditional): JsonSchema => ({
  properties: { [c.field]: Array.isArray(c.equals) ? { enum: c.equals } : { const: c.equals } },
  required: [c.field],
});

const requiredOf = (fields: Record<string, Field>) => Object.entries(fields).filter(([, f]) => !f.optional).map(([k]) => k);

function propsAndUi(fields: Record<string, Field>) {
  const properties: JsonSchema = {};
  const uiSchema: JsonSchema = {};
  for (const [k, f] of Object.entries(fields)) {
    properties[k] = f.schema;
    if (f.ui) uiSchema[k] = f.ui;
  }
  return { properties, uiSchema };
}

/**
 * An object (a section of the form, or the whole form). Conditional fields are declared in the
 * `then`/`else` branches so the renderer shows them only when the condition holds; they follow
 * their trigger field in `ui:order`.
 */
export function obj(title: string | undefined, fields: Record<string, Field>, c: Common & { conditionals?: Conditional[]; description?: string } = {}): Field {
  const { properties, uiSchema } = propsAndUi(fields);
  const schema: JsonSchema = { type: 'object' };
  if (title) schema.title = title;
  if (c.description) schema.description = c.description;
  schema.required = requiredOf(fields);
  schema.properties = properties;
  const order: string[] = [];
  const conditionals = c.conditionals ?? [];
  for (const k of Object.keys(fields)) {
    order.push(k);
    for (const cond of conditionals.filter((x) => x.field === k)) {
      for (const branch of [cond.then, cond.else ?? {}]) {
        for (const [ck, cf] of Object.entries(branch)) {
          if (!order.includes(ck)) order.push(ck);
          if (cf.ui) uiSchema[ck] = cf.ui;
        }
      }
    }
  }
  const branches = conditionals.map((cond) => {
    const b: JsonSchema = { if: conditionSchema(cond), then: { required: requiredOf(cond.then), properties: propsAndUi(cond.then).properties } };
    if (cond.else) b.else = { required: requiredOf(cond.else), properties: propsAndUi(cond.else).properties };
    return b;
  });
  if (branches.length === 1) Object.assign(schema, branches[0]);
  else if (branches.length > 1) schema.allOf = branches;

  const example: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(fields)) if (f.example !== undefined) example[k] = f.example;
  for (const cond of conditionals) {
    const v = example[cond.field];
    const holds = Array.isArray(cond.equals) ? cond.equals.includes(v as string) : cond.equals === v;
    for (const [k, f] of Object.entries(holds ? cond.then : cond.else ?? {})) if (f.example !== undefined) example[k] = f.example;
  }
  return { schema, ui: { 'ui:order': order, ...uiSchema, ...ui(c) }, example, optional: c.optional };
}

/** A table of rows (waste streams, wells, corner points…). */
export function list(title: string, itemTitle: string, fields: Record<string, Field>, examples: Array<Record<string, unknown>>, c: Common & { min?: number; max?: number } = {}): Field {
  const item = obj(itemTitle, fields);
  const schema: JsonSchema = { type: 'array', title, minItems: c.min ?? 1, items: item.schema };
  if (c.max) schema.maxItems = c.max;
  return { schema, ui: { items: item.ui, ...ui(c) }, example: examples, optional: c.optional };
}

// ---------- shared sections ----------

export type ApplicantType = 'CITIZEN' | 'ENTERPRISE' | 'ORGANISATION' | 'STATE_AGENCY';

export const individualSection = () =>
  obj('Thông tin cá nhân đề nghị', {
    fullName: text('Họ và tên', 'Nguyễn Văn An', { prefill: 'fullName', max: 150 }),
    personalIdNumber: personalId('Số định danh cá nhân (CCCD)', { prefill: 'personalIdNumber' }),
    dateOfBirth: date('Ngày sinh', '1990-05-12', { prefill: 'dateOfBirth', min: '1900-01-01' }),
    address: location('Địa chỉ thường trú', { communeCode: '00166', detail: 'Số 10 phố Tôn Thất Thuyết' }, { prefill: 'address', detailTitle: 'Số nhà, đường phố, thôn, tổ' }),
    phone: phone('Số điện thoại', { prefill: 'phone' }),
    email: email('Thư điện tử', { prefill: 'email', optional: true }),
  });

/**
 * The organisation filing. With `businessRegistry` the tax code comes first and the national
 * business register fills the name, the head office (by administrative units) and the
 * representative's position once it is typed (the web form's lookup, `ui:options.businessRegistry`).
 */
export function organisationSection(opts: { taxCodeOptional?: boolean; businessRegistry?: boolean } = {}): Field {
  const name = text('Tên tổ chức, doanh nghiệp', 'Công ty TNHH Môi trường Xanh', { prefill: 'organisation.name', max: 300 });
  const rest = {
    representative: text('Người đại diện theo pháp luật', 'Nguyễn Văn An', { prefill: 'fullName', max: 150 }),
    position: text('Chức vụ', 'Giám đốc', { max: 100 }),
    phone: phone('Số điện thoại liên hệ', { prefill: 'phone' }),
    email: email('Thư điện tử liên hệ', { prefill: 'email', optional: true }),
  };
  if (!opts.businessRegistry) {
    return obj('Thông tin tổ chức đề nghị', {
      name,
      taxCode: taxCode('Mã số thuế (mã số doanh nghiệp)', { prefill: 'organisation.taxCode', optional: opts.taxCodeOptional }),
      address: text('Địa chỉ trụ sở chính', 'Số 25 phố Láng Hạ, quận Đống Đa, Hà Nội', { prefill: 'organisation.address', max: 500 }),
      ...rest,
    });
  }
  const section = obj('Thông tin tổ chức đề nghị', {
    taxCode: taxCode('Mã số thuế (mã số doanh nghiệp)', {
      prefill: 'organisation.taxCode',
      optional: opts.taxCodeOptional,
      help: '10 chữ số; đơn vị phụ thuộc ghi thêm 3 chữ số, ví dụ 0100109106-001. Tên, địa chỉ trụ sở và chức vụ người đại diện được điền từ Cổng thông tin quốc gia về đăng ký doanh nghiệp.',
    }),
    name,
    address: location('Địa chỉ trụ sở chính', { communeCode: '00004', detail: 'Số 10 phố Điện Biên Phủ' }, {
      // The head office of the organisation filed for, from its profile (by units).
      prefill: 'organisation.address',
      detailTitle: 'Số nhà, đường phố (tòa nhà, khu công nghiệp…)',
      // Their own labels: the error summary then names the head office, not the applicant's home.
      provinceTitle: 'Tỉnh, thành phố nơi đặt trụ sở chính',
      provinceNameTitle: 'Tên tỉnh, thành phố nơi đặt trụ sở chính',
      communeTitle: 'Phường, xã nơi đặt trụ sở chính',
      communeNameTitle: 'Tên phường, xã nơi đặt trụ sở chính',
    }),
    ...rest,
  });
  section.ui = { ...section.ui, 'ui:options': { businessRegistry: { taxCode: 'taxCode', fill: { name: 'name', address: 'address', position: 'legalRepresentative.position' } } } };
  return section;
}

/**
 * The applicant block of a form, from the procedure's applicant types: a person, an organisation,
 * or a choice between the two when both may apply. Returns top-level fields and conditionals.
 */
export function applicantFields(types: ReadonlyArray<string>, opts: { businessRegistry?: boolean } = {}): { fields: Record<string, Field>; conditionals: Conditional[] } {
  const person = types.includes('CITIZEN');
  const org = types.some((t) => t !== 'CITIZEN');
  const taxCodeOptional = types.includes('STATE_AGENCY');
  if (person && !org) return { fields: { applicant: individualSection() }, conditionals: [] };
  if (org && !person) return { fields: { organisation: organisationSection({ taxCodeOptional, businessRegistry: opts.businessRegistry }) }, conditionals: [] };
  return {
    fields: {
      applicantKind: choice('Người đề nghị là', [['ORGANISATION', 'Tổ chức, doanh nghiệp'], ['INDIVIDUAL', 'Cá nhân']], 'ORGANISATION', { radio: true, prefill: 'applicantKind' }),
    },
    conditionals: [{ field: 'applicantKind', equals: 'INDIVIDUAL', then: { applicant: individualSection() }, else: { organisation: organisationSection({ taxCodeOptional, businessRegistry: opts.businessRegistry }) } }],
  };
}

/**
 * An address of administrative units in force (common/administrative-units): the province and the
 * commune, ward or special zone chosen from the list by code, the names stored beside the codes,
 * and an optional detail. Rendered by the address field of the web form (two searchable selects).
 */
export function location(title = 'Địa điểm', example: { communeCode: string; detail?: string } = { communeCode: '06661', detail: 'Khu công nghiệp Cái Lân' }, c: { prefill?: 'address' | 'organisation.address'; detailTitle?: string; provinceTitle?: string; provinceNameTitle?: string; communeTitle?: string; communeNameTitle?: string } = {}): Field {
  const commune = findUnit(example.communeCode);
  const province = commune?.parentCode ? findUnit(commune.parentCode) : undefined;
  if (!commune || !province) throw new Error(`location(): unknown commune code ${example.communeCode}`);
  const value: Record<string, string> = { provinceCode: province.code, provinceName: province.name, communeCode: commune.code, communeName: commune.name };
  if (example.detail) value.detail = example.detail;
  return {
    schema: {
      type: 'object',
      title,
      [ADDRESS_KEYWORD]: true,
      ...(c.prefill ? { 'x-prefill': c.prefill } : {}),
      required: ['provinceCode', 'communeCode'],
      dependentRequired: { provinceCode: ['provinceName'], communeCode: ['communeName'] },
      properties: {
        provinceCode: { type: 'string', title: c.provinceTitle ?? 'Tỉnh, thành phố trực thuộc trung ương', pattern: '^[0-9]{2}$' },
        provinceName: { type: 'string', title: c.provinceNameTitle ?? 'Tên tỉnh, thành phố', minLength: 1, maxLength: 100 },
        communeCode: { type: 'string', title: c.communeTitle ?? 'Xã, phường, đặc khu', pattern: '^[0-9]{5}$' },
        communeName: { type: 'string', title: c.communeNameTitle ?? 'Tên xã, phường, đặc khu', minLength: 1, maxLength: 100 },
        detail: { type: 'string', title: c.detailTitle ?? 'Địa chỉ chi tiết (thôn, tổ, số nhà, khu công nghiệp…)', minLength: 1, maxLength: 300 },
      },
    },
    ui: { 'ui:field': 'administrativeAddress', 'ui:order': ['provinceCode', 'communeCode', 'detail', '*'] },
    example: value,
  };
}

export const licenceRef = (title: string, example: { number: string; issuedOn: string; issuer?: string } = { number: '125/GP-BTNMT', issuedOn: '2021-03-15' }) =>
  obj(title, {
    number: text('Số giấy phép, giấy chứng nhận', example.number, { max: 60, placeholder: 'Ví dụ: 125/GP-BTNMT' }),
    issuedOn: date('Ngày cấp', example.issuedOn, { min: '1990-01-01' }),
    issuer: text('Cơ quan cấp', example.issuer ?? 'Bộ Tài nguyên và Môi trường', { max: 200 }),
  });

/** Coordinates of corner points in the VN-2000 system (meters). */
export const cornerPoints = (title = 'Tọa độ các điểm góc (hệ VN-2000)', min = 3) =>
  list(
    title,
    'Điểm góc',
    {
      point: text('Tên điểm', '1', { max: 10 }),
      x: number('Tọa độ X (m)', 2321456.5, { min: 0, max: 2600000 }),
      y: number('Tọa độ Y (m)', 432100.2, { min: 0, max: 1000000 }),
    },
    [
      { point: '1', x: 2321456.5, y: 432100.2 },
      { point: '2', x: 2321456.5, y: 433250.8 },
      { point: '3', x: 2320310.1, y: 433250.8 },
      { point: '4', x: 2320310.1, y: 432100.2 },
    ],
    { min, help: 'Kinh tuyến trục và múi chiếu 3° theo tỉnh; đơn vị mét' },
  );

export const vn2000Meridian = () => text('Kinh tuyến trục (hệ VN-2000, múi chiếu 3°)', '107°45′', { max: 20, help: 'Ví dụ: 105°00′ (Hà Nội), 107°45′ (Quảng Ninh)' });

export const notes = () => longText('Ghi chú, đề nghị khác', '', { optional: true, max: 1000 });
