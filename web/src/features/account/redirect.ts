import { safeNextPath as sameSitePath } from '../../../../common/sign-in-redirect';

export { pathAfterSignIn } from '../../../../common/sign-in-redirect';

/** Where to go after signing in: only a path on this site (never `//host` or a full URL). */
export function safeNextPath(next: string | null | undefined, fallback = '/tai-khoan'): string {
  return sameSitePath(next) ?? fallback;
}

export const LOGIN_PATH = '/dang-nhap';
export const REGISTER_PATH = '/dang-ky';
export const REGISTERED_PATH = '/dang-ky/kiem-tra-thu';
export const ACCOUNT_PATH = '/tai-khoan';
/** Where a phone registration enters the code sent to the number. */
export const VERIFY_PHONE_PATH = '/xac-thuc-so-dien-thoai';
export const OIDC_START_PATH = '/api/v1/auth/oidc/start';

/** Pages of the sign-in itself: coming back to them after signing in makes no sense. */
const SIGN_IN_PAGES = [LOGIN_PATH, REGISTER_PATH, '/quen-mat-khau', '/dat-lai-mat-khau', '/xac-minh-email', VERIFY_PHONE_PATH];

function withNext(path: string, next: string | null | undefined): string {
  const safe = sameSitePath(next);
  return safe ? `${path}?next=${encodeURIComponent(safe)}` : path;
}

export function loginHref(next?: string | null): string {
  return withNext(LOGIN_PATH, next);
}

export function registerHref(next?: string | null): string {
  return withNext(REGISTER_PATH, next);
}

/** The national sign-in, coming back to `next` (checked again by the server). */
export function oidcStartHref(next?: string | null): string {
  return withNext(OIDC_START_PATH, next);
}

/** "Đăng nhập" from any page comes back to that page, except from the sign-in pages themselves. */
export function loginHrefFrom(pathname: string, search = ''): string {
  if (SIGN_IN_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return LOGIN_PATH;
  return loginHref(pathname === '/' ? null : `${pathname}${search}`);
}
