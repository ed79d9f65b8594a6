import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrecompiledValidator } from '@rjsf/validator-ajv8';
import { schemaParser, type RJSFSchema } from '@rjsf/utils';
import { createFormValidator, validateAnswers, type JsonSchema } from '../../../common/forms/index.js';
import { instantiatePrecompiled, rootKeyOf, validateWithPrecompiled, type PrecompiledFactory } from '../../../common/forms/precompiled.js';
import { buildForms } from '../../../scripts/forms/definitions.js';
import { FORMS_DIR, readCatalogProcedures } from '../../../scripts/generate-forms.js';
import { precompileForm } from './forms.precompile.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-validators-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** Loads generated module text the way the browser does: as a module file, no eval. */
async function load(code: string) {
  const file = path.join(tmp, `v${n++}.mjs`);
  fs.writeFileSync(file, code);
  const mod = (await import(pathToFileURL(file).href)) as { default: PrecompiledFactory };
  return instantiatePrecompiled(mod.default);
}

/** Wrong answers derived from a good one: each leaf emptied, mistyped, too long, badly formatted or removed. */
function badVariants(good: Record<string, unknown>, limit: number): unknown[] {
  const out: unknown[] = [{}, { unexpected: true }];
  const leaves: Array<Array<string | number>> = [];
  const walk = (v: unknown, at: Array<string | number>) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    else leaves.push(at);
  };
  walk(good, []);
  const setAt = (root: unknown, at: Array<string | number>, value: unknown) => {
    const copy = structuredClone(root) as Record<string | number, unknown>;
    let node = copy;
    for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
    const last = at[at.length - 1]!;
    if (value === undefined) delete node[last];
    else node[last] = value;
    return copy;
  };
  for (const at of leaves) {
    for (const value of ['', 12345, 'x'.repeat(3000), '12', '2026-13-45', -1, ['a'], undefined]) {
      if (out.length >= limit) return out;
      out.push(setAt(good, at, value));
    }
  }
  return out;
}

const procedures = readCatalogProcedures();
const { examples } = buildForms(procedures);
const files = fs.readdirSync(FORMS_DIR).filter((f) => f.endsWith('.json')).sort();
const cases = files.flatMap((file) => {
  const form = JSON.parse(fs.readFileSync(path.join(FORMS_DIR, file), 'utf8')) as { procedureCode: string; cases: Array<{ caseCode: string; schema: JsonSchema }> };
  return form.cases.map((c) => ({ name: `${form.procedureCode}/${c.caseCode}`, schema: c.schema, good: examples[form.procedureCode]?.[c.caseCode] ?? [] }));
});

describe('precompiled form validators (Ajv standalone code)', () => {
  it('cover every seeded form', () => {
    expect(cases.length).toBe(68);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s validates exactly like the server', async (_name, c) => {
    const compiled = precompileForm(c.schema);
    expect(compiled.code).not.toMatch(/\bnew Function\b|\beval\(/);
    const fns = await load(compiled.code);
    const root = fns[rootKeyOf(c.schema)];
    expect(root).toBeTypeOf('function');
    expect(c.good.length).toBeGreaterThan(0);
    for (const answers of c.good) {
      expect(validateWithPrecompiled(c.schema, root!, answers)).toEqual({ valid: true });
      expect(validateAnswers(c.schema, answers)).toEqual({ valid: true });
    }
    let invalid = 0;
    for (const answers of c.good.flatMap((g) => badVariants(g, 30))) {
      const expected = validateAnswers(c.schema, answers);
      expect(validateWithPrecompiled(c.schema, root!, answers), JSON.stringify(answers).slice(0, 300)).toEqual(expected);
      expect(validateWithPrecompiled(c.schema, root!, answers, 'en')).toEqual(validateAnswers(c.schema, answers, { locale: 'en' }));
      if (!expected.valid) invalid++;
    }
    expect(invalid).toBeGreaterThan(0);
    // Every sub-schema RJSF may check alone is there and agrees with Ajv compiling it at run time.
    const validator = createPrecompiledValidator(fns as never, c.schema as RJSFSchema);
    const ajv = createFormValidator({ strict: false });
    const subSchemas = schemaParser(c.schema as RJSFSchema);
    expect(Object.keys(subSchemas).sort()).toEqual([...compiled.keys, ...compiled.skipped].sort());
    for (const key of compiled.keys) {
      const fresh = ajv.compile({ ...subSchemas[key], $id: `check:${key}` });
      for (const answers of [...c.good, {}, 'text', 7]) expect(fns[key]!(answers), key).toBe(fresh(answers));
    }
    expect(validator.isValid(c.schema as RJSFSchema, c.good[0], c.schema as RJSFSchema)).toBe(true);
    expect(validator.isValid(c.schema as RJSFSchema, {}, c.schema as RJSFSchema)).toBe(false);
  }, 60_000);
});
