/**
 * The shape of a form before anyone types: every required section present (as `{}`) and every
 * required repeatable section with one empty row, so that validation names each missing field
 * inside them on the first try, and the applicant starts with a row to fill in. Answers given are
 * kept as they are; an array the applicant emptied on purpose stays empty. Pure.
 */
import { resolveRef, walkProperties, type JsonSchema } from './schema-walk.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isObjectSchema = (s: JsonSchema) => s.type === 'object' || isObject(s.properties);

function requiredNames(node: JsonSchema, root: JsonSchema): Set<string> {
  const names = new Set<string>();
  const visit = (n: unknown, depth: number) => {
    if (!isObject(n) || depth > 10) return;
    const s = resolveRef(n as JsonSchema, root);
    if (Array.isArray(s.required)) for (const k of s.required) if (typeof k === 'string') names.add(k);
    if (Array.isArray(s.allOf)) for (const m of s.allOf) visit(m, depth + 1);
  };
  visit(node, 0);
  return names;
}

/** A required array of objects, or one with `minItems` ≥ 1, starts with one row. */
export function startsWithRow(node: JsonSchema, root: JsonSchema, required: boolean): boolean {
  const items = isObject(node.items) ? resolveRef(node.items as JsonSchema, root) : undefined;
  return node.type === 'array' && !!items && isObjectSchema(items) && (required || (typeof node.minItems === 'number' && node.minItems > 0));
}

/** `answers` with the required sections and the first row of required repeatable sections added. */
export function withRequiredSections(schema: JsonSchema, answers: unknown): Record<string, unknown> {
  const fill = (node: JsonSchema, value: unknown, depth: number): unknown => {
    if (depth > 12) return value;
    const s = resolveRef(node, schema);
    if (isObjectSchema(s)) {
      if (value !== undefined && !isObject(value)) return value;
      const out: Record<string, unknown> = { ...((value as Record<string, unknown> | undefined) ?? {}) };
      const required = requiredNames(s, schema);
      for (const [key, raw] of walkProperties(s, schema)) {
        const child = resolveRef(raw, schema);
        const current = out[key];
        if (current === undefined && required.has(key) && isObjectSchema(child)) out[key] = fill(child, {}, depth + 1);
        else if (current === undefined && startsWithRow(child, schema, required.has(key))) out[key] = [fill(child.items as JsonSchema, {}, depth + 1)];
        else if (isObject(current) && isObjectSchema(child)) out[key] = fill(child, current, depth + 1);
        else if (Array.isArray(current) && child.type === 'array' && isObject(child.items)) out[key] = current.map((row) => (isObject(row) ? fill(child.items as JsonSchema, row, depth + 1) : row));
      }
      return out;
    }
    return value;
  };
  const out = fill(schema, answers ?? {}, 0);
  return isObject(out) ? out : {};
}
