/**
 * Addresses in e-forms: an object marked `"x-address": true` holds the administrative units chosen
 * from the national list (`provinceCode`, `provinceName`, `communeCode`, `communeName`) and an
 * optional `detail` (village, street, number). Answers typed before the list existed have free-text
 * `province`, `district` and `commune` instead: they stay readable (`legacyAddressText`).
 * Pure and data-free (the browser uses it); checking codes against the list is in address-check.ts.
 */
import { resolveRef, walkProperties, type JsonSchema } from './schema-walk.js';

export const ADDRESS_KEYWORD = 'x-address';

export const isAddressSchema = (node: JsonSchema | undefined): boolean => !!node && node[ADDRESS_KEYWORD] === true;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The address as one line, most precise part first: "Thôn 3, Xã Ba Vì, Thành phố Hà Nội". */
export function addressText(value: unknown): string {
  if (!isObject(value)) return '';
  const parts = str(value.provinceCode) || str(value.communeCode)
    ? [value.detail, value.communeName, value.provinceName]
    : [value.detail, value.commune, value.district, value.province];
  return parts.map(str).filter(Boolean).join(', ');
}

/** The free text of an address typed before the list (no codes), or undefined. */
export function legacyAddressText(value: unknown): string | undefined {
  if (!isObject(value) || str(value.provinceCode) || str(value.communeCode)) return undefined;
  const text = [value.detail, value.commune, value.district, value.province].map(str).filter(Boolean).join(', ');
  return text || undefined;
}

/** Every address answer in the answers, with its dotted path (inside sections and table rows). */
export function addressAnswers(schema: JsonSchema, answers: unknown): Array<{ path: string; value: Record<string, unknown> }> {
  const out: Array<{ path: string; value: Record<string, unknown> }> = [];
  const visit = (node: JsonSchema, value: unknown, prefix: string, depth: number) => {
    if (depth > 12) return;
    const s = resolveRef(node, schema);
    if (isAddressSchema(s)) {
      if (isObject(value)) out.push({ path: prefix, value });
      return;
    }
    if (Array.isArray(value) && isObject(s.items)) {
      value.forEach((row, i) => visit(s.items as JsonSchema, row, prefix ? `${prefix}.${i}` : String(i), depth + 1));
      return;
    }
    if (!isObject(value)) return;
    for (const [key, child] of walkProperties(s, schema, { conditional: true })) visit(child, value[key], prefix ? `${prefix}.${key}` : key, depth + 1);
  };
  visit(schema, answers, '', 0);
  return out;
}
