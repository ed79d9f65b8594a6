import { describe, expect, it } from 'vitest';
import { compileForm, createFormValidator, validateAnswers, validateFormDefinition, type JsonSchema } from './validate.js';
import { isVnPersonalId, isVnPhone, isVnTaxCode, normalizeVnPhone } from './formats.js';

const schema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['applicant', 'requestType', 'wastes', 'consent'],
  properties: {
    applicant: {
      type: 'object',
      title: 'Thông tin người nộp',
      required: ['fullName', 'personalIdNumber'],
      properties: {
        fullName: { type: 'string', title: 'Họ và tên', minLength: 1, maxLength: 150, 'x-prefill': 'fullName' },
        personalIdNumber: { type: 'string', title: 'Số CCCD', format: 'vn-personal-id', 'x-prefill': 'personalIdNumber' },
        taxCode: { type: 'string', title: 'Mã số thuế', format: 'vn-tax-code' },
        phone: { type: 'string', title: 'Số điện thoại', format: 'vn-phone' },
        email: { type: 'string', title: 'Thư điện tử', format: 'email' },
        dateOfBirth: { type: 'string', title: 'Ngày sinh', format: 'date' },
      },
    },
    requestType: {
      type: 'string',
      title: 'Loại đề nghị',
      oneOf: [
        { const: 'NEW', title: 'Cấp mới' },
        { const: 'RENEW', title: 'Gia hạn' },
      ],
    },
    oldLicenceNumber: { type: 'string', title: 'Số giấy phép cũ', minLength: 1 },
    flow: { type: 'number', title: 'Lưu lượng (m³/ngày đêm)', exclusiveMinimum: 0, maximum: 1000000 },
    wastes: {
      type: 'array',
      title: 'Chất thải',
      minItems: 1,
      items: {
        type: 'object',
        title: 'Chất thải',
        required: ['code'],
        properties: {
          code: { type: 'string', title: 'Mã chất thải', pattern: '^\\d{2} \\d{2} \\d{2}$' },
          quantity: { type: 'number', title: 'Khối lượng (kg)', minimum: 0 },
        },
      },
    },
    consent: { type: 'boolean', title: 'Tôi cam đoan', const: true },
  },
  if: { properties: { requestType: { const: 'RENEW' } }, required: ['requestType'] },
  then: { required: ['oldLicenceNumber'] },
};

const valid = {
  applicant: { fullName: 'Nguyễn Văn An', personalIdNumber: '001090012345', taxCode: '0100109106-001', phone: '0912 345 678', email: 'an@example.vn', dateOfBirth: '1990-05-12' },
  requestType: 'NEW',
  flow: 1200,
  wastes: [{ code: '12 01 05', quantity: 10 }],
  consent: true,
};

describe('validateAnswers', () => {
  it('accepts a valid answer set', () => {
    expect(validateAnswers(schema, valid)).toEqual({ valid: true });
  });

  const cases: Array<[string, unknown, { path: string; message: string }]> = [
    ['missing nested required', { ...valid, applicant: { ...valid.applicant, fullName: undefined } }, { path: 'applicant.fullName', message: 'Họ và tên: bắt buộc nhập' }],
    ['empty string', { ...valid, applicant: { ...valid.applicant, fullName: '' } }, { path: 'applicant.fullName', message: 'Họ và tên: bắt buộc nhập' }],
    ['too long', { ...valid, applicant: { ...valid.applicant, fullName: 'a'.repeat(151) } }, { path: 'applicant.fullName', message: 'Họ và tên: dài tối đa 150 ký tự' }],
    ['personal id', { ...valid, applicant: { ...valid.applicant, personalIdNumber: '12345' } }, { path: 'applicant.personalIdNumber', message: 'Số CCCD: phải gồm 12 chữ số, 3 chữ số đầu là mã tỉnh hợp lệ' }],
    ['personal id bad province', { ...valid, applicant: { ...valid.applicant, personalIdNumber: '003090012345' } }, { path: 'applicant.personalIdNumber', message: 'Số CCCD: phải gồm 12 chữ số, 3 chữ số đầu là mã tỉnh hợp lệ' }],
    ['tax code', { ...valid, applicant: { ...valid.applicant, taxCode: '01001' } }, { path: 'applicant.taxCode', message: 'Mã số thuế: phải gồm 10 chữ số hoặc 13 chữ số (ví dụ 0100109106 hoặc 0100109106-001)' }],
    ['phone', { ...valid, applicant: { ...valid.applicant, phone: '12345' } }, { path: 'applicant.phone', message: 'Số điện thoại: số điện thoại không hợp lệ (ví dụ 0912345678 hoặc 024 3822 1234)' }],
    ['email', { ...valid, applicant: { ...valid.applicant, email: 'an@' } }, { path: 'applicant.email', message: 'Thư điện tử: địa chỉ thư điện tử không hợp lệ' }],
    ['date', { ...valid, applicant: { ...valid.applicant, dateOfBirth: '1990-02-30' } }, { path: 'applicant.dateOfBirth', message: 'Ngày sinh: ngày không hợp lệ (ngày/tháng/năm)' }],
    ['choice', { ...valid, requestType: 'X' }, { path: 'requestType', message: 'Loại đề nghị: vui lòng chọn một giá trị trong danh sách' }],
    ['conditional required', { ...valid, requestType: 'RENEW' }, { path: 'oldLicenceNumber', message: 'Số giấy phép cũ: bắt buộc nhập' }],
    ['exclusive minimum', { ...valid, flow: 0 }, { path: 'flow', message: 'Lưu lượng (m³/ngày đêm): phải lớn hơn 0' }],
    ['maximum', { ...valid, flow: 2000000 }, { path: 'flow', message: 'Lưu lượng (m³/ngày đêm): phải nhỏ hơn hoặc bằng 1.000.000' }],
    ['type', { ...valid, flow: 'nhiều' }, { path: 'flow', message: 'Lưu lượng (m³/ngày đêm): phải là số' }],
    ['min items', { ...valid, wastes: [] }, { path: 'wastes', message: 'Chất thải: phải có ít nhất 1 mục' }],
    ['array item pattern', { ...valid, wastes: [valid.wastes[0], { code: '1201' }] }, { path: 'wastes.1.code', message: 'Mã chất thải (dòng 2): không đúng định dạng' }],
    ['array item required', { ...valid, wastes: [{ quantity: 1 }] }, { path: 'wastes.0.code', message: 'Mã chất thải (dòng 1): bắt buộc nhập' }],
    ['array item minimum', { ...valid, wastes: [{ code: '12 01 05', quantity: -1 }] }, { path: 'wastes.0.quantity', message: 'Khối lượng (kg) (dòng 1): phải lớn hơn hoặc bằng 0' }],
    ['const true', { ...valid, consent: false }, { path: 'consent', message: 'Tôi cam đoan: cần đánh dấu xác nhận' }],
  ];
  it.each(cases)('%s', (_name, answers, expected) => {
    const result = validateAnswers(schema, answers);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.errors).toEqual([expected]);
  });

  it('reports every problem at once (allErrors) with no summary noise', () => {
    const result = validateAnswers(schema, {});
    expect(result).toEqual({
      valid: false,
      errors: [
        { path: 'applicant', message: 'Thông tin người nộp: bắt buộc nhập' },
        { path: 'requestType', message: 'Loại đề nghị: bắt buộc nhập' },
        { path: 'wastes', message: 'Chất thải: bắt buộc nhập' },
        { path: 'consent', message: 'Tôi cam đoan: bắt buộc nhập' },
      ],
    });
  });

  it('speaks English on request', () => {
    const result = validateAnswers(schema, { ...valid, applicant: { ...valid.applicant, fullName: '' } }, { locale: 'en' });
    expect(result).toEqual({ valid: false, errors: [{ path: 'applicant.fullName', message: 'Họ và tên: is required' }] });
  });

  it('caches compiled validators per schema object and per schema text', () => {
    expect(compileForm(schema)).toBe(compileForm(schema));
    expect(compileForm(structuredClone(schema))).toBe(compileForm(schema));
  });

  it('rejects unknown keywords (strict) but allows x-prefill with a known path', () => {
    const ajv = createFormValidator();
    expect(() => ajv.compile({ type: 'string', 'x-widget': 'a' })).toThrow(/unknown keyword/);
    expect(() => ajv.compile({ type: 'string', 'x-prefill': 'nickname' })).toThrow();
    expect(() => ajv.compile({ type: 'string', 'x-prefill': 'organisation.taxCode' })).not.toThrow();
  });
});

describe('Vietnamese formats', () => {
  it.each([
    ['001090012345', true], ['079203001234', true], ['096190000001', true],
    ['000090012345', false], ['003090012345', false], ['097090012345', false], ['00109001234', false], ['0010900123456', false], ['00109001234a', false],
  ])('personal id %s → %s', (v, ok) => expect(isVnPersonalId(v)).toBe(ok));

  it.each([
    ['0100109106', true], ['0100109106-001', true], ['0100109106001', true],
    ['010010910', false], ['0100109106-01', false], ['0100109106_001', false], ['01001091060011', false],
  ])('tax code %s → %s', (v, ok) => expect(isVnTaxCode(v)).toBe(ok));

  it.each([
    ['0912345678', true], ['091 234 5678', true], ['+84912345678', true], ['84912345678', true], ['0386.123.456', true],
    ['02438221234', true], ['024 3822 1234', true], ['(028) 3829 1234', true],
    ['0112345678', false], ['091234567', false], ['09123456789', false], ['0243822123', false], ['abc', false], ['', false],
  ])('phone %s → %s', (v, ok) => expect(isVnPhone(v)).toBe(ok));

  it('normalises phone numbers', () => {
    expect(normalizeVnPhone('+84 912 345 678')).toBe('0912345678');
    expect(normalizeVnPhone('0084912345678')).toBe('0912345678');
  });
});

describe('validateFormDefinition', () => {
  it('accepts a well-formed form', () => {
    expect(validateFormDefinition(schema, { 'ui:order': ['applicant', 'requestType', '*'], applicant: { 'ui:order': ['fullName', '*'] } })).toEqual({ valid: true });
  });

  const bad: Array<[string, JsonSchema, JsonSchema, RegExp]> = [
    ['wrong dialect', { ...schema, $schema: 'http://json-schema.org/draft-07/schema#' }, {}, /\$schema/],
    ['unknown keyword', { ...schema, properties: { ...schema.properties, x: { type: 'string', title: 'Tên', widget: 'text' } } }, {}, /strict/],
    ['missing title', { ...schema, properties: { ...schema.properties, x: { type: 'string' } } }, {}, /^x: thiếu title/],
    ['English title', { ...schema, properties: { ...schema.properties, x: { type: 'string', title: 'Name' } } }, {}, /không phải tiếng Việt/],
    ['nested missing title', { ...schema, properties: { ...schema.properties, wastes: { type: 'array', title: 'Chất thải', items: { type: 'object', properties: { code: { type: 'string' } } } } } }, {}, /wastes\[\]\.code: thiếu title/],
    ['option without title', { ...schema, properties: { ...schema.properties, requestType: { type: 'string', title: 'Loại đề nghị', oneOf: [{ const: 'NEW' }] } } }, {}, /requestType\.oneOf\[0\]: thiếu title/],
    ['unknown prefill', { ...schema, properties: { ...schema.properties, x: { type: 'string', title: 'Biệt danh', 'x-prefill': 'nickname' } } }, {}, /x-prefill/],
    ['ui:order names a missing field', schema, { 'ui:order': ['applicant', 'nope', '*'] }, /ui:order nhắc đến trường không tồn tại "nope"/],
    ['ui:order without * misses a field', schema, { 'ui:order': ['applicant'] }, /ui:order thiếu trường "requestType"/],
    ['nested ui key names a missing field', schema, { applicant: { nope: { 'ui:widget': 'textarea' } } }, /nhắc đến trường không tồn tại "nope"/],
    ['then requires a missing field', { ...schema, then: { required: ['nope'] } }, {}, /then\.required nhắc đến trường không tồn tại "nope"/],
  ];
  it.each(bad)('rejects: %s', (_name, s, ui, problem) => {
    const result = validateFormDefinition(s, ui);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.problems.some((p) => problem.test(p))).toBe(true);
  });
});
