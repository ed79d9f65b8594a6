import createClient from 'openapi-fetch';
import type { paths } from '../../../contracts/api';
import { CSRF_HEADER, csrfToken, needsCsrfToken } from './csrf';
import { toApiError } from './problem';

/** Typed client over the generated contract: paths and parameters are checked, never hand-typed. */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '', credentials: 'same-origin' });

// Every state-changing request echoes the csrf cookie (double-submit).
api.use({
  async onRequest({ request }) {
    if (!needsCsrfToken(request.method)) return undefined;
    const token = await csrfToken(window.location.origin);
    if (token) request.headers.set(CSRF_HEADER, token);
    return request;
  },
});

/** Unwraps an openapi-fetch result: the data, or a thrown ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw toApiError(undefined, undefined);
  }
  if (result.error !== undefined || result.data === undefined) throw toApiError(result.error, result.response);
  return result.data;
}
