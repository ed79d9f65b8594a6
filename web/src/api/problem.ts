import type { components } from '../../../contracts/api';

export type Problem = components['schemas']['Problem'];

/**
 * An API failure in one shape: the server's problem+json (stable `code`, Vietnamese `title`,
 * field `errors`), or a network failure with code `network`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: { path: string; message: string }[];

  constructor(init: { status: number; code: string; title: string; detail?: string; errors?: { path: string; message: string }[] }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail ?? '';
    this.errors = init.errors ?? [];
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** Worth asking again: the network or the server failed, not the request. */
  get isTransient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string' && typeof (body as Problem).title === 'string';
}

/** Turns whatever a failed call produced into an ApiError. */
export function toApiError(body: unknown, response: Response | undefined): ApiError {
  const status = response?.status ?? 0;
  if (isProblem(body)) return new ApiError({ ...body, status: body.status || status });
  return new ApiError({
    status,
    code: status === 0 ? 'network' : 'http.unexpected',
    title: status === 0 ? 'Không kết nối được máy chủ' : `Lỗi máy chủ (${status})`,
  });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Shown for a failure that is not the API's answer: a part of the page that did not load (a lost connection), or a fault of the page itself. */
export const PAGE_FAILURE = 'Trang gặp lỗi khi tải hoặc xử lý. Vui lòng kiểm tra kết nối mạng và tải lại trang.';

/** The one line to show for any failure: the API's Vietnamese title, or `PAGE_FAILURE`. */
export function errorTitle(error: unknown): string {
  return isApiError(error) ? error.title : PAGE_FAILURE;
}
