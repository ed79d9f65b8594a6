/** Where to go after signing in: only a path on this site (never `//host` or a full URL). */
export function safeNextPath(next: string | null | undefined, fallback = '/tai-khoan'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

export const LOGIN_PATH = '/dang-nhap';
export const REGISTER_PATH = '/dang-ky';
export const REGISTERED_PATH = '/dang-ky/kiem-tra-thu';
export const ACCOUNT_PATH = '/tai-khoan';
export const OIDC_START_PATH = '/api/v1/auth/oidc/start';

export function loginHref(next?: string): string {
  return next ? `${LOGIN_PATH}?next=${encodeURIComponent(next)}` : LOGIN_PATH;
}
