import { isApiError } from '../../api/problem';
import type { Messages } from '../../i18n/vi';
import { serverFieldErrors, type FieldErrors } from './form-errors';

/**
 * Shows a failed request in a form: the server's field problems beside the fields (conflict codes
 * mapped to a field too), and the rest as the form's message.
 */
export function failFromServer<F extends string>(
  error: unknown,
  apiFields: Record<string, F>,
  fail: (fields: FieldErrors<F>, message?: string) => void,
  t: Messages,
  codeFields: Record<string, F> = {},
) {
  const { fields, other } = serverFieldErrors(error, apiFields);
  if (isApiError(error) && codeFields[error.code]) fields[codeFields[error.code]!] = error.title;
  const network = !isApiError(error) || error.code === 'network';
  fail(fields, network ? t.errors.network : Object.keys(fields).length > 0 ? other[0] : error.title);
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
