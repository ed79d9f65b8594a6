/**
 * Validation of e-form answers against the form's JSON Schema (draft 2020-12), with the same
 * rules on the server and in the browser: one Ajv 2020 instance, ajv-formats, the Vietnamese
 * formats (`vn-personal-id`, `vn-tax-code`, `vn-phone`) and the `x-prefill` keyword. Errors come
 * back as `{ path: 'applicant.fullName', message: 'Họ và tên: bắt buộc nhập' }`.
 * Also checks form definitions themselves (`validateFormDefinition`), for seeds and admin tools.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { CodeOptions, ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { VN_FORMATS } from './formats.js';
import { ADDRESS_KEYWORD } from './address-shape.js';
import type { FormLocale } from './messages-vi.js';
import { mapAjvErrors, type FormValidationResult } from './field-errors.js';
import { isPrefillPath, PREFILL_PATHS } from './prefill.js';
import { resolveRef, walkProperties, type JsonSchema } from './schema-walk.js';

export type { JsonSchema } from './schema-walk.js';
export { fieldLabel, mapAjvErrors, type FormFieldError, type FormValidationResult } from './field-errors.js';

/** ajv-formats is CommonJS: Node ESM hands back the module object, bundlers the function. */
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ?? (formatsModule as unknown as FormatsPlugin);

export const FORM_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export interface FormValidatorOptions {
  /** Ajv strict mode (unknown keywords, ambiguous types… throw at compile time). Default true. */
  strict?: boolean;
  /** Ajv code options: `{ source: true, formats }` to generate standalone code (precompiled validators). */
  code?: CodeOptions;
}

/** One Ajv 2020 instance configured for forms. */
export function createFormValidator(options: FormValidatorOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: options.strict ?? true,
    // `then: { required: [...] }` names properties declared beside `if`, which Ajv's
    // strictRequired does not look for; validateFormDefinition checks those names instead.
    strictRequired: false,
    // Forms never reference each other: do not register their $id globally.
    addUsedSchema: false,
    ...(options.code ? { code: options.code } : {}),
  });
  addFormats(ajv);
  for (const [name, validate] of Object.entries(VN_FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  // An address of administrative units (address-shape.ts); its codes are checked on the server.
  ajv.addKeyword({ keyword: ADDRESS_KEYWORD, schemaType: 'boolean', metaSchema: { type: 'boolean', const: true } });
  ajv.addKeyword({
    keyword: 'x-prefill',
    schemaType: 'string',
    metaSchema: { type: 'string', enum: [...PREFILL_PATHS] },
  });
  return ajv;
}

let shared: Ajv2020 | undefined;
const sharedValidator = () => (shared ??= createFormValidator());

const byObject = new WeakMap<object, ValidateFunction>();
const byText = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

/** The compiled validator of a schema, cached per schema object and per schema text. */
export function compileForm(schema: JsonSchema): ValidateFunction {
  const hit = byObject.get(schema);
  if (hit) return hit;
  const text = JSON.stringify(schema);
  let fn = byText.get(text);
  if (!fn) {
    fn = sharedValidator().compile(schema);
    if (byText.size >= MAX_CACHED) byText.delete(byText.keys().next().value as string);
    byText.set(text, fn);
  }
  byObject.set(schema, fn);
  return fn;
}

/** Validates answers against a form schema; errors name each field by its title. */
export function validateAnswers(schema: JsonSchema, answers: unknown, options: { locale?: FormLocale } = {}): FormValidationResult {
  const validate = compileForm(schema);
  if (validate(answers)) return { valid: true };
  return { valid: false, errors: mapAjvErrors(schema, validate.errors ?? [], options.locale) };
}

// ---------- checking a form definition ----------

/** A letter only Vietnamese (among Latin scripts) writes: the title is in Vietnamese. */
const VIETNAMESE_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

export type FormDefinitionResult = { valid: true } | { valid: false; problems: string[] };

/**
 * Checks a form: `$schema` is draft 2020-12, the schema compiles under Ajv strict mode, every
 * property (nested, in arrays and in conditional branches) has a Vietnamese `title` (one with a
 * Vietnamese letter) and every labelled option a title, `x-prefill` names a known profile path, and the uiSchema only names
 * properties that exist (`ui:order` entries and nested keys).
 */
export function validateFormDefinition(schema: JsonSchema, uiSchema: JsonSchema = {}): FormDefinitionResult {
  const problems: string[] = [];
  if (schema.$schema !== FORM_SCHEMA_DIALECT) problems.push(`$schema phải là ${FORM_SCHEMA_DIALECT}`);
  if (schema.type !== 'object') problems.push('Biểu mẫu phải có type "object" ở gốc');
  try {
    createFormValidator({ strict: true }).compile(schema);
  } catch (e) {
    problems.push(`Không biên dịch được ở chế độ strict: ${(e as Error).message}`);
  }

  // Option labels may be names or codes ("Than", "HCFC-22"): only field titles must read as Vietnamese.
  const checkTitle = (title: unknown, where: string, field = true) => {
    if (typeof title !== 'string' || title.trim() === '') problems.push(`${where}: thiếu title`);
    else if (title !== title.normalize('NFC')) problems.push(`${where}: title chưa chuẩn hóa NFC`);
    else if (field && !VIETNAMESE_LETTER.test(title)) problems.push(`${where}: title "${title}" không phải tiếng Việt`);
  };

  const visitNode = (node: JsonSchema, where: string, depth: number) => {
    if (depth > 12) return;
    const s = resolveRef(node, schema);
    for (const [name, prop] of walkProperties(s, schema, { conditional: true })) {
      const at = where ? `${where}.${name}` : name;
      checkTitle(prop.title, at);
      if ('x-prefill' in prop && !isPrefillPath(prop['x-prefill'])) problems.push(`${at}: x-prefill "${String(prop['x-prefill'])}" không có trong hồ sơ người nộp`);
      for (const key of ['oneOf', 'anyOf'] as const) {
        if (Array.isArray(prop[key])) {
          prop[key].forEach((opt: JsonSchema, i: number) => {
            if (opt && 'const' in opt) checkTitle(opt.title, `${at}.${key}[${i}]`, false);
          });
        }
      }
      if (prop.items && typeof prop.items === 'object') {
        const items = resolveRef(prop.items, schema);
        if (Array.isArray(items.oneOf)) items.oneOf.forEach((opt: JsonSchema, i: number) => opt && 'const' in opt && checkTitle(opt.title, `${at}.items.oneOf[${i}]`, false));
        visitNode(items, `${at}[]`, depth + 1);
      }
      visitNode(prop, at, depth + 1);
    }
    // Conditions must test properties that exist.
    const conditions = [s, ...(Array.isArray(s.allOf) ? s.allOf : [])];
    const known = new Set(walkProperties(s, schema, { conditional: true }).map(([k]) => k));
    for (const c of conditions) {
      const ifProps = c?.if?.properties;
      if (ifProps && typeof ifProps === 'object') {
        for (const k of Object.keys(ifProps)) if (!known.has(k)) problems.push(`${where || '(gốc)'}: điều kiện if nhắc đến trường không tồn tại "${k}"`);
      }
      for (const branch of ['then', 'else'] as const) {
        const req = c?.[branch]?.required;
        if (Array.isArray(req)) for (const k of req) if (!known.has(k)) problems.push(`${where || '(gốc)'}: ${branch}.required nhắc đến trường không tồn tại "${k}"`);
      }
    }
  };
  visitNode(schema, '', 0);

  const visitUi = (ui: JsonSchema, node: JsonSchema | undefined, where: string, depth: number) => {
    if (!node || depth > 12 || typeof ui !== 'object' || ui === null) return;
    const s = resolveRef(node, schema);
    const isArray = s.type === 'array';
    const props = new Map(walkProperties(s, schema, { conditional: true }));
    const order = ui['ui:order'];
    if (order !== undefined) {
      if (!Array.isArray(order)) problems.push(`uiSchema ${where || '(gốc)'}: ui:order phải là mảng`);
      else {
        for (const name of order) if (name !== '*' && !props.has(name)) problems.push(`uiSchema ${where || '(gốc)'}: ui:order nhắc đến trường không tồn tại "${String(name)}"`);
        if (!order.includes('*')) for (const name of props.keys()) if (!order.includes(name)) problems.push(`uiSchema ${where || '(gốc)'}: ui:order thiếu trường "${name}"`);
      }
    }
    for (const [key, value] of Object.entries(ui)) {
      if (key.startsWith('ui:')) continue;
      if (isArray && key === 'items') {
        visitUi(value as JsonSchema, s.items, `${where}.items`, depth + 1);
        continue;
      }
      const child = props.get(key);
      if (!child) problems.push(`uiSchema ${where || '(gốc)'}: nhắc đến trường không tồn tại "${key}"`);
      else visitUi(value as JsonSchema, child, where ? `${where}.${key}` : key, depth + 1);
    }
  };
  visitUi(uiSchema, schema, '', 0);

  return problems.length ? { valid: false, problems } : { valid: true };
}
