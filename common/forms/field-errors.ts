/**
 * Form errors as people read them: Ajv's errors turned into one `{ path, message }` per problem,
 * the field named by its title. Needs no Ajv at run time (its types only): the browser's
 * precompiled validators (ADR 0021) use it without bringing the Ajv compiler into the page.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { errorMessage, SUMMARY_KEYWORDS, type FormLocale } from './messages-vi.js';
import { pointerToSegments, schemaAt, segmentsToPath, type JsonSchema } from './schema-walk.js';

export interface FormFieldError {
  /** Dotted path of the field in the answers: `applicant.fullName`, `wasteStreams.0.code`. */
  path: string;
  /** Message naming the field by its title: "Họ và tên: bắt buộc nhập". */
  message: string;
}
export type FormValidationResult = { valid: true } | { valid: false; errors: FormFieldError[] };

/** The title shown for the field at `segments`: its `title`, with the row for array items. */
export function fieldLabel(root: JsonSchema, segments: ReadonlyArray<string | number>, locale: FormLocale = 'vi'): string {
  if (segments.length === 0) return locale === 'en' ? 'Form' : 'Biểu mẫu';
  const node = schemaAt(root, segments);
  const last = segments[segments.length - 1]!;
  let title: string = typeof node?.title === 'string' && node.title ? node.title : String(last);
  const lastIndex = [...segments].reverse().find((s) => typeof s === 'number' || /^\d+$/.test(String(s)));
  if (lastIndex !== undefined && lastIndex !== last) title += locale === 'en' ? ` (row ${Number(lastIndex) + 1})` : ` (dòng ${Number(lastIndex) + 1})`;
  else if (lastIndex !== undefined) {
    const parent = schemaAt(root, segments.slice(0, -1));
    const parentTitle = typeof parent?.title === 'string' ? parent.title : String(segments[segments.length - 2] ?? '');
    title = locale === 'en' ? `${parentTitle} (row ${Number(last) + 1})` : `${parentTitle} (dòng ${Number(last) + 1})`;
  }
  return title;
}

/** Turns Ajv errors into one `{ path, message }` per distinct problem. */
export function mapAjvErrors(root: JsonSchema, errors: ReadonlyArray<ErrorObject>, locale: FormLocale = 'vi'): FormFieldError[] {
  const choiceSchemaPaths = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const out: FormFieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (SUMMARY_KEYWORDS.has(e.keyword)) continue;
    // A failed choice (oneOf of const options) reports each option too: keep the choice only.
    if (choiceSchemaPaths.some((p) => e.schemaPath.startsWith(p))) continue;
    const segments: string[] = pointerToSegments(e.instancePath);
    const missing = (e.params as { missingProperty?: string }).missingProperty;
    if ((e.keyword === 'required' || e.keyword === 'dependentRequired') && missing) segments.push(missing);
    const path = segmentsToPath(segments);
    const message = `${fieldLabel(root, segments, locale)}: ${errorMessage({ keyword: e.keyword, params: e.params as Record<string, unknown>, data: e.data }, locale)}`;
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}
