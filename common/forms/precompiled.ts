/**
 * Form validators compiled ahead on the server (Ajv standalone code, ADR 0021), run without any
 * code generation where they are loaded (the browser's script policy has no 'unsafe-eval').
 *
 * The server serves each form's validators as an ES module whose default export is a factory
 * `(require) => ({ [key]: validateFunction })`: the Ajv runtime helpers and the formats the code
 * refers to are handed in by the page through `precompiledRequire`, from the same packages the
 * server compiled with. Keys are RJSF's schema keys (`$id` or `hashForSchema`), the root form's
 * among them (`rootKeyOf`).
 */
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import equalModule from 'ajv/dist/runtime/equal.js';
import uriModule from 'ajv/dist/runtime/uri.js';
import validationErrorModule from 'ajv/dist/runtime/validation_error.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { hashForSchema, type RJSFSchema } from '@rjsf/utils';
import { VN_FORMATS } from './formats.js';
import { mapAjvErrors, type FormValidationResult } from './field-errors.js';
import type { FormLocale } from './messages-vi.js';
import type { JsonSchema } from './schema-walk.js';

/** The module name the generated code uses for the formats (`code.formats` of the Ajv options). */
export const PRECOMPILED_FORMATS_MODULE = 'opendvc/form-formats';

/** A precompiled validator module's default export. */
export type PrecompiledFactory = (require: (name: string) => unknown) => Record<string, ValidateFunction>;

/** CommonJS modules: Node hands back `module.exports` ({ default }), bundlers the default itself. */
const unwrap = (m: unknown): unknown => (m && typeof m === 'object' && 'default' in m ? (m as { default: unknown }).default : m);

/** The formats exactly as `createFormValidator` registers them: ajv-formats' full set and the Vietnamese ones. */
export const precompiledFormats: Record<string, unknown> = {
  ...fullFormats,
  ...Object.fromEntries(Object.entries(VN_FORMATS).map(([name, validate]) => [name, { type: 'string', validate }])),
};

const modules: Record<string, unknown> = {
  'ajv/dist/runtime/ucs2length': { default: unwrap(ucs2lengthModule) },
  'ajv/dist/runtime/equal': { default: unwrap(equalModule) },
  'ajv/dist/runtime/uri': { default: unwrap(uriModule) },
  'ajv/dist/runtime/validation_error': { default: unwrap(validationErrorModule) },
  [PRECOMPILED_FORMATS_MODULE]: precompiledFormats,
};

/** What the generated code may `require`; anything else is a generation fault, not a user error. */
export function precompiledRequire(name: string): unknown {
  const m = modules[name];
  if (m === undefined) throw new Error(`Precompiled form validator needs an unknown module "${name}"`);
  return m;
}

/** The validators of a loaded module. */
export const instantiatePrecompiled = (factory: PrecompiledFactory) => factory(precompiledRequire);

/** The key of the root form among the validators: its `$id`, or RJSF's hash of it (as RJSF looks it up). */
export function rootKeyOf(schema: JsonSchema): string {
  return typeof schema.$id === 'string' && schema.$id ? schema.$id : hashForSchema(schema as RJSFSchema);
}

/** `validateAnswers` with a precompiled function of the same schema: the same result, the same messages. */
export function validateWithPrecompiled(schema: JsonSchema, validate: ValidateFunction, answers: unknown, locale?: FormLocale): FormValidationResult {
  if (validate(answers)) return { valid: true };
  const errors = validate.errors ?? [];
  validate.errors = null;
  return { valid: false, errors: mapAjvErrors(schema, errors, locale) };
}
