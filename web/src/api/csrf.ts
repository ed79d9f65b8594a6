/**
 * CSRF double-submit: the server sets a `csrf` cookie that scripts may read, and every
 * state-changing request must echo it in the `X-CSRF-Token` header.
 */
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function needsCsrfToken(method: string): boolean {
  return unsafeMethods.has(method.toUpperCase());
}

/** The value of one cookie in a `document.cookie` string, or undefined. */
export function readCookie(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    if (!value) return undefined;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/**
 * The token to send: the cookie's value, or — when the browser has no cookie yet — one asked
 * from the server (which sets the cookie on the same answer).
 */
export async function csrfToken(baseUrl: string): Promise<string | undefined> {
  const existing = readCookie(document.cookie, CSRF_COOKIE);
  if (existing) return existing;
  try {
    const response = await fetch(`${baseUrl}/api/v1/auth/csrf`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { csrfToken?: unknown };
    return readCookie(document.cookie, CSRF_COOKIE) ?? (typeof body.csrfToken === 'string' ? body.csrfToken : undefined);
  } catch {
    return undefined;
  }
}
