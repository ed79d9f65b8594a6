/**
 * Ajv standalone code for a form (ADR 0021): the root schema and every sub-schema RJSF validates on
 * its own (options of `oneOf`/`anyOf`, `if` conditions: RJSF's `schemaParser`), compiled with the
 * same Ajv options, formats and keywords as the server's `validateAnswers`, wrapped as an ES module
 * whose default export takes the page's `require` (common/forms/precompiled.ts).
 */
import { createHash } from 'node:crypto';
import { _ } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { schemaParser, type RJSFSchema } from '@rjsf/utils';
import { createFormValidator, type JsonSchema } from '../../../common/forms/index.js';
import { PRECOMPILED_FORMATS_MODULE, rootKeyOf } from '../../../common/forms/precompiled.js';

type StandaloneCode = (ajv: unknown, refs?: Record<string, string>) => string;
const standaloneCode: StandaloneCode =
  (standaloneModule as unknown as { default?: StandaloneCode }).default ?? (standaloneModule as unknown as StandaloneCode);

/** SHA-256 of the schema's JSON text as stored: the key of its validator module. */
export const schemaHash = (schema: JsonSchema) => createHash('sha256').update(JSON.stringify(schema)).digest('hex');

export interface PrecompiledModule {
  /** ES module text. */
  code: string;
  /** Keys compiled (the root first). */
  keys: string[];
  /** Sub-schemas Ajv could not compile alone (a `$ref` into the root): RJSF treats them as not matching. */
  skipped: string[];
}

/** Generates the validator module of one form schema. Throws when the root schema itself does not compile. */
export function precompileForm(schema: JsonSchema): PrecompiledModule {
  const ajv = createFormValidator({ strict: false, code: { source: true, formats: _`require(${PRECOMPILED_FORMATS_MODULE})` } });
  const rootKey = rootKeyOf(schema);
  const map = schemaParser(schema as RJSFSchema) as Record<string, JsonSchema>;
  const refs: Record<string, string> = {};
  const keys: string[] = [];
  const skipped: string[] = [];
  const entries = Object.entries(map).sort(([a], [b]) => (a === rootKey ? -1 : b === rootKey ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const [key, sub] of entries) {
    try {
      ajv.addSchema({ ...sub, $id: key });
      ajv.getSchema(key);
      refs[key] = key;
      keys.push(key);
    } catch (e) {
      if (key === rootKey) throw e;
      ajv.removeSchema(key);
      skipped.push(key);
    }
  }
  const body = standaloneCode(ajv, refs);
  const code = [
    '// OpenDVC: precompiled e-form validators (Ajv standalone code). Generated; do not edit.',
    'export default function validators(require) {',
    'const module = { exports: {} };',
    'let exports = module.exports;',
    body,
    'return module.exports;',
    '}',
    '',
  ].join('\n');
  return { code, keys, skipped };
}
