/**
 * Fields an e-form can compute for the applicant: a number field whose uiSchema names
 * `ui:options.sumOf` ("wells.flow": the array beside it, and the field of each row) is offered the
 * sum of that field over the rows, e.g. the groundwater works' largest flow as the sum of its wells'
 * flows. It stays editable: once the applicant types another value, it is no longer followed.
 */
import type { JsonSchema } from '../../../../../common/forms/schema-walk';

export interface SumRule {
  /** Dotted path of the field that takes the sum. */
  path: string;
  /** Dotted path of the array whose rows are summed. */
  array: string;
  /** The field of each row. */
  field: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every field of the uiSchema (not inside arrays) that asks for a sum. */
export function sumRules(uiSchema: JsonSchema | undefined, path = ''): SumRule[] {
  if (!isRecord(uiSchema)) return [];
  const out: SumRule[] = [];
  const options = isRecord(uiSchema['ui:options']) ? uiSchema['ui:options'] : undefined;
  const sumOf = typeof options?.sumOf === 'string' ? options.sumOf : undefined;
  if (sumOf && path) {
    const cut = sumOf.lastIndexOf('.');
    const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    if (cut > 0) out.push({ path, array: parent ? `${parent}.${sumOf.slice(0, cut)}` : sumOf.slice(0, cut), field: sumOf.slice(cut + 1) });
  }
  for (const [key, child] of Object.entries(uiSchema)) {
    if (key.startsWith('ui:') || key === 'items') continue;
    out.push(...sumRules(child as JsonSchema, path ? `${path}.${key}` : key));
  }
  return out;
}

const valueAt = (root: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), root);

function withValue(root: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...root, [head!]: value };
  const child = isRecord(root[head!]) ? (root[head!] as Record<string, unknown>) : {};
  return { ...root, [head!]: withValue(child, rest.join('.'), value) };
}

/** The sum of the rows' numbers, or undefined when no row has one. */
export function rowsSum(answers: unknown, rule: SumRule): number | undefined {
  const rows = valueAt(answers, rule.array);
  if (!Array.isArray(rows)) return undefined;
  const numbers = rows.map((r) => (isRecord(r) ? r[rule.field] : undefined)).filter((n): n is number => typeof n === 'number' && Number.isFinite(n));
  if (numbers.length === 0) return undefined;
  // Rounded to the precision typed (avoids 0.1 + 0.2 = 0.30000000000000004).
  return Math.round(numbers.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
}

/**
 * The answers after a change, with each sum field following its rows while the applicant has not
 * typed another value in it (empty, or still the sum of the rows before the change).
 */
export function withSums(rules: readonly SumRule[], before: unknown, after: Record<string, unknown>): Record<string, unknown> {
  let out = after;
  for (const rule of rules) {
    const previous = rowsSum(before, rule);
    const next = rowsSum(after, rule);
    if (next === undefined || next === previous || next <= 0) continue;
    const current = valueAt(after, rule.path);
    if (current === undefined || current === null || current === '' || current === previous) out = withValue(out, rule.path, next);
  }
  return out;
}
