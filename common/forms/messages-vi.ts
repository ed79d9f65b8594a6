/**
 * Messages for Ajv errors on form answers, in Vietnamese (first) and English. Each message is
 * prefixed by the field's title by the caller: "Họ và tên: bắt buộc nhập".
 */

export type FormLocale = 'vi' | 'en';

/** What a message needs from an Ajv error. */
export interface FormErrorLike {
  keyword: string;
  params: Record<string, unknown>;
  /** The failing value (Ajv `verbose`), when known. */
  data?: unknown;
}

type MessageFn = (e: FormErrorLike) => string;

const typeNamesVi: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  integer: 'số nguyên',
  boolean: 'có hoặc không',
  object: 'nhóm thông tin',
  array: 'danh sách',
  null: 'để trống',
};

const formatMessagesVi: Record<string, string> = {
  'vn-personal-id': 'phải gồm 12 chữ số, 3 chữ số đầu là mã tỉnh hợp lệ',
  'vn-tax-code': 'phải gồm 10 chữ số hoặc 13 chữ số (ví dụ 0100109106 hoặc 0100109106-001)',
  'vn-phone': 'số điện thoại không hợp lệ (ví dụ 0912345678 hoặc 024 3822 1234)',
  date: 'ngày không hợp lệ (ngày/tháng/năm)',
  'date-time': 'thời điểm không hợp lệ',
  time: 'giờ không hợp lệ',
  email: 'địa chỉ thư điện tử không hợp lệ',
  uri: 'địa chỉ trang web không hợp lệ',
  url: 'địa chỉ trang web không hợp lệ',
};

const formatMessagesEn: Record<string, string> = {
  'vn-personal-id': 'must be 12 digits starting with a valid province code',
  'vn-tax-code': 'must be 10 or 13 digits (e.g. 0100109106 or 0100109106-001)',
  'vn-phone': 'is not a valid Vietnamese phone number (e.g. 0912345678 or 024 3822 1234)',
  date: 'is not a valid date',
  'date-time': 'is not a valid date and time',
  time: 'is not a valid time',
  email: 'is not a valid e-mail address',
  uri: 'is not a valid web address',
  url: 'is not a valid web address',
};

const num = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('vi-VN') : String(v));
const isoToVi = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v.split('-').reverse().join('/') : String(v));

export const messagesVi: Record<string, MessageFn> = {
  required: () => 'bắt buộc nhập',
  dependentRequired: () => 'bắt buộc nhập',
  type: (e) => `phải là ${String(e.params.type).split(',').map((t) => typeNamesVi[t] ?? t).join(' hoặc ')}`,
  minLength: (e) => (e.params.limit === 1 ? 'bắt buộc nhập' : `phải có ít nhất ${num(e.params.limit)} ký tự`),
  maxLength: (e) => `dài tối đa ${num(e.params.limit)} ký tự`,
  pattern: () => 'không đúng định dạng',
  format: (e) => formatMessagesVi[String(e.params.format)] ?? 'không đúng định dạng',
  minimum: (e) => `phải lớn hơn hoặc bằng ${num(e.params.limit)}`,
  maximum: (e) => `phải nhỏ hơn hoặc bằng ${num(e.params.limit)}`,
  exclusiveMinimum: (e) => `phải lớn hơn ${num(e.params.limit)}`,
  exclusiveMaximum: (e) => `phải nhỏ hơn ${num(e.params.limit)}`,
  multipleOf: (e) => `phải là bội số của ${num(e.params.multipleOf)}`,
  formatMinimum: (e) => `không được trước ${isoToVi(e.params.limit)}`,
  formatExclusiveMinimum: (e) => `phải sau ${isoToVi(e.params.limit)}`,
  formatMaximum: (e) => `không được sau ${isoToVi(e.params.limit)}`,
  formatExclusiveMaximum: (e) => `phải trước ${isoToVi(e.params.limit)}`,
  enum: () => 'vui lòng chọn một giá trị trong danh sách',
  const: (e) => (e.params.allowedValue === true ? 'cần đánh dấu xác nhận' : 'giá trị không được chấp nhận'),
  oneOf: () => 'vui lòng chọn một giá trị trong danh sách',
  anyOf: () => 'giá trị không phù hợp với lựa chọn nào',
  not: () => 'giá trị không được chấp nhận',
  minItems: (e) => `phải có ít nhất ${num(e.params.limit)} mục`,
  maxItems: (e) => `có tối đa ${num(e.params.limit)} mục`,
  uniqueItems: () => 'các mục không được trùng nhau',
  minProperties: () => 'bắt buộc nhập',
  additionalProperties: (e) => `có trường không thuộc biểu mẫu (${String(e.params.additionalProperty)})`,
  unevaluatedProperties: (e) => `có trường không thuộc biểu mẫu (${String(e.params.unevaluatedProperty)})`,
};

export const messagesEn: Record<string, MessageFn> = {
  required: () => 'is required',
  dependentRequired: () => 'is required',
  type: (e) => `must be of type ${String(e.params.type)}`,
  minLength: (e) => (e.params.limit === 1 ? 'is required' : `must have at least ${String(e.params.limit)} characters`),
  maxLength: (e) => `must have at most ${String(e.params.limit)} characters`,
  pattern: () => 'has the wrong format',
  format: (e) => formatMessagesEn[String(e.params.format)] ?? 'has the wrong format',
  minimum: (e) => `must be at least ${String(e.params.limit)}`,
  maximum: (e) => `must be at most ${String(e.params.limit)}`,
  exclusiveMinimum: (e) => `must be greater than ${String(e.params.limit)}`,
  exclusiveMaximum: (e) => `must be less than ${String(e.params.limit)}`,
  multipleOf: (e) => `must be a multiple of ${String(e.params.multipleOf)}`,
  formatMinimum: (e) => `must not be before ${String(e.params.limit)}`,
  formatExclusiveMinimum: (e) => `must be after ${String(e.params.limit)}`,
  formatMaximum: (e) => `must not be after ${String(e.params.limit)}`,
  formatExclusiveMaximum: (e) => `must be before ${String(e.params.limit)}`,
  enum: () => 'must be one of the listed values',
  const: (e) => (e.params.allowedValue === true ? 'must be ticked' : 'is not an accepted value'),
  oneOf: () => 'must be one of the listed values',
  anyOf: () => 'does not match any option',
  not: () => 'is not an accepted value',
  minItems: (e) => `must have at least ${String(e.params.limit)} items`,
  maxItems: (e) => `must have at most ${String(e.params.limit)} items`,
  uniqueItems: () => 'items must not repeat',
  minProperties: () => 'is required',
  additionalProperties: (e) => `has a field that is not in the form (${String(e.params.additionalProperty)})`,
  unevaluatedProperties: (e) => `has a field that is not in the form (${String(e.params.unevaluatedProperty)})`,
};

/** The message for one error without the field title ("bắt buộc nhập"). */
export function errorMessage(e: FormErrorLike, locale: FormLocale = 'vi'): string {
  const table = locale === 'en' ? messagesEn : messagesVi;
  const fn = table[e.keyword];
  return fn ? fn(e) : locale === 'en' ? 'is not valid' : 'không hợp lệ';
}

/** Keywords whose error only summarises errors reported elsewhere (Ajv reports both). */
export const SUMMARY_KEYWORDS: ReadonlySet<string> = new Set(['if', 'then', 'else', 'allOf']);
