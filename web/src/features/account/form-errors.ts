import { isApiError } from '../../api/problem';

/** Field errors keyed by form field name, in the order the fields appear. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * Places the server's field problems (`body.email`, `body.profile.x`, …) beside the form's fields.
 * `fieldOf` maps the API property (first segment after `body`) to a form field; problems with no
 * field are returned apart, for the summary.
 */
export function serverFieldErrors<F extends string>(
  error: unknown,
  fieldOf: Record<string, F>,
): { fields: FieldErrors<F>; other: string[] } {
  const fields: FieldErrors<F> = {};
  const other: string[] = [];
  if (!isApiError(error)) return { fields, other };
  for (const problem of error.errors) {
    const segments = problem.path.split('.');
    const property = segments[0] === 'body' ? segments[1] : segments[0];
    const field = property === undefined ? undefined : fieldOf[property];
    if (field === undefined) other.push(problem.message);
    else fields[field] ??= problem.message;
  }
  return { fields, other };
}

/** Vietnamese mobile numbers and e-mail addresses share one field: an "@" makes it an e-mail. */
export function splitContact(value: string): { email?: string; phone?: string } {
  const trimmed = value.trim();
  if (!trimmed) return {};
  return trimmed.includes('@') ? { email: trimmed } : { phone: trimmed.replace(/[\s.-]/g, '') };
}
