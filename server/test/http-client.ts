/**
 * A browser-like client over `app.inject`: keeps cookies between requests and, like the portal,
 * echoes the `csrf` cookie in X-CSRF-Token on state-changing requests (turn off with `csrf: false`).
 */
import type { FastifyInstance, InjectOptions } from 'fastify';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  payload?: InjectOptions['payload'];
  headers?: Record<string, string>;
  csrf?: boolean;
}

export function createHttpClient(app: FastifyInstance, { ip = '127.0.0.1' }: { ip?: string } = {}) {
  const jar = new Map<string, string>();

  async function request(method: Method, url: string, { payload, headers = {}, csrf = true }: RequestOptions = {}) {
    const all: Record<string, string> = { ...headers };
    if (jar.size > 0) all.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrfCookie = jar.get('csrf');
    if (csrf && csrfCookie && method !== 'GET') all['x-csrf-token'] = csrfCookie;
    const res = await app.inject({ method, url, payload, headers: all, remoteAddress: ip });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (expired) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return res;
  }

  return {
    jar,
    request,
    get: (url: string, options?: RequestOptions) => request('GET', url, options),
    post: (url: string, payload?: unknown, options: RequestOptions = {}) => request('POST', url, { ...options, payload: payload as InjectOptions['payload'] }),
    patch: (url: string, payload?: unknown, options: RequestOptions = {}) => request('PATCH', url, { ...options, payload: payload as InjectOptions['payload'] }),
    /** Fetches the CSRF cookie, then signs in. */
    async login(login: string, password: string, otp?: string) {
      if (!jar.has('csrf')) await request('GET', '/api/v1/auth/csrf');
      return request('POST', '/api/v1/auth/login', { payload: { login, password, ...(otp ? { otp } : {}) } });
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
