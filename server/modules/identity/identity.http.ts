/**
 * HTTP side of sessions: cookies, the CSRF double-submit check, and `request.actor`.
 *
 * CSRF: a `csrf` cookie readable by scripts is set on any response to a client that lacks one
 * (and by GET /api/v1/auth/csrf), except on the reads of routes that opt out (`csrfCookie: false`). A state-changing request must echo it in `X-CSRF-Token` when
 * it carries a session cookie, and also when it carries the csrf cookie (sign-in and
 * registration from the portal), which stops login CSRF. SameSite=Lax on the session cookie is
 * the second layer.
 */
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { anonymousActor, type Actor, type ClientActor, type SignedInActor } from './identity.actor.js';
import { createCsrfInvalidError, createForbiddenError, createUnauthenticatedError } from './identity.errors.js';
import { createRandomToken } from './identity.models.js';
import { createIdentityRepository } from './identity.repository.js';
import { verifyAccessToken } from './identity.oauth.keys.js';
import { getActiveApiClient } from './identity.oauth.usecases.js';
import { resolveSession } from './identity.sessions.js';
import type { ApiScope } from './identity.tables.js';

export const SESSION_COOKIE = 'opendvc_session';
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The scope an API client's token must hold to call the route (`any`: every client). A route
     * without it refuses API clients (403), whatever their scopes.
     */
    apiScope?: ApiScope | 'any';
    /**
     * `false`: a GET or HEAD of the route sets no `csrf` cookie (the catalogue's public, cacheable
     * reads: they serve no form, and a shared cache must not keep a cookie with them). The portal
     * gets its token with its page or from GET /api/v1/auth/csrf before its first form.
     */
    csrfCookie?: false;
  }
  interface FastifyInstance {
    requireSignedIn: (request: FastifyRequest) => Promise<void>;
    requireOfficial: (request: FastifyRequest) => Promise<void>;
    requireAdministrator: (request: FastifyRequest) => Promise<void>;
    requireApplicant: (request: FastifyRequest) => Promise<void>;
    /**
     * An answer about the signed-in user kept with the session's cached check: computed once,
     * then served until that check expires (SESSION_CACHE_MS) or any write on this node clears
     * it, so it is never older than a revocation may be.
     */
    keptForSession: <T>(request: FastifyRequest, key: string, compute: () => Promise<T>) => Promise<T>;
  }
  interface FastifyRequest {
    actor: Actor;
    /** The client's CSRF token: its cookie, or the one set on this response. */
    csrfToken: string;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sessionCookieOptions(app: FastifyInstance) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.publicUrl.startsWith('https:'),
    maxAge: app.config.sessionAbsoluteHours * 3600,
  };
}

export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(app));
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply) {
  const { maxAge: _maxAge, ...options } = sessionCookieOptions(app);
  reply.clearCookie(SESSION_COOKIE, options);
}

/** Returns the signed-in person; throws auth.unauthenticated, or auth.forbidden for an API client. */
export function signedInActor(request: FastifyRequest): SignedInActor {
  if (request.actor.kind === 'anonymous') throw createUnauthenticatedError();
  if (request.actor.kind === 'client') throw createForbiddenError();
  return request.actor;
}

/** Returns the calling API client; throws auth.unauthenticated, or auth.forbidden for a person. */
export function clientActor(request: FastifyRequest): ClientActor {
  if (request.actor.kind === 'anonymous') throw createUnauthenticatedError();
  if (request.actor.kind !== 'client') throw createForbiddenError();
  return request.actor;
}

/**
 * Scopes, checked for every API client's request before its route runs: the route must declare
 * `config.apiScope` and the token must hold it, else 403 auth.forbidden.
 */
export function requireScope(request: FastifyRequest) {
  const { scopes } = clientActor(request);
  const scope = request.routeOptions.config?.apiScope;
  if (!scope || (scope !== 'any' && !scopes.includes(scope))) throw createForbiddenError();
}

const bearerToken = (request: FastifyRequest) => {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
};

export const identityHttp = fp(async (app: FastifyInstance) => {
  await app.register(cookie);
  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfToken', '');
  const secure = app.config.publicUrl.startsWith('https:');

  // Session checks kept for a short time (SESSION_CACHE_MS ≤ 1 s), per node. A revocation on
  // another node is therefore refused here within that time; a write on this node (sign-out,
  // password change, a grant or account change) drops every kept check before it runs and
  // again when it ends, and nothing is kept while a write is in flight.
  const sessionCacheMs = app.config.sessionCacheMs;
  const sessionCache = new Map<string, { until: number; actor: SignedInActor; answers?: Map<string, unknown> }>();
  let writesInFlight = 0;
  let writeGeneration = 0;
  const writeStarted = Symbol('writeStarted');
  const endWrite = (request: FastifyRequest) => {
    const r = request as FastifyRequest & { [writeStarted]?: boolean };
    if (!r[writeStarted]) return;
    r[writeStarted] = false;
    writesInFlight -= 1;
    writeGeneration += 1;
    sessionCache.clear();
  };
  app.addHook('onResponse', async (request) => endWrite(request));
  app.addHook('onRequestAbort', async (request) => endWrite(request));

  app.addHook('onRequest', async (request, reply) => {
    request.actor = anonymousActor;
    if (!safeMethods.has(request.method)) {
      (request as FastifyRequest & { [writeStarted]?: boolean })[writeStarted] = true;
      writesInFlight += 1;
      writeGeneration += 1;
      sessionCache.clear();
    }
    const csrfCookie = request.cookies[CSRF_COOKIE];
    if (safeMethods.has(request.method) && request.routeOptions.config?.csrfCookie === false) {
      request.csrfToken = csrfCookie ?? '';
      return;
    }
    request.csrfToken = csrfCookie ?? createRandomToken();
    if (!csrfCookie) reply.setCookie(CSRF_COOKIE, request.csrfToken, { path: '/', sameSite: 'lax', secure, httpOnly: false });
    if (safeMethods.has(request.method)) return;
    // A bearer token is never sent by a browser on its own, and it replaces the session cookie.
    if (bearerToken(request)) return;
    if (!request.cookies[SESSION_COOKIE] && !csrfCookie) return;
    const header = request.headers[CSRF_HEADER];
    if (!csrfCookie || typeof header !== 'string' || !sameToken(header, csrfCookie)) throw createCsrfInvalidError();
  });

  // Before body validation, so that an anonymous caller learns nothing but 401 (routes check
  // access with `preValidation: app.requireSignedIn`).
  app.addHook('preValidation', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const bearer = bearerToken(request);
    if (bearer) {
      const claims = await verifyAccessToken({ db: app.db, issuer: app.config.publicUrl, tokenTtlSeconds: app.config.oauthTokenTtlSeconds, token: bearer });
      if (!claims || !(await getActiveApiClient({ db: app.db, clientId: claims.clientId }))) throw createUnauthenticatedError();
      request.actor = { kind: 'client', clientId: claims.clientId, scopes: claims.scopes };
      requireScope(request);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const now = Date.now();
    const kept = sessionCacheMs > 0 ? sessionCache.get(token) : undefined;
    if (kept && kept.until > now) {
      request.actor = kept.actor;
      return;
    }
    const generation = writeGeneration;
    const found = await resolveSession({ db: app.db, token });
    if (!found) {
      sessionCache.delete(token);
      // A dead cookie is dropped so the browser stops sending it.
      clearSessionCookie(app, reply);
      return;
    }
    const { user, session } = found;
    if (user.kind === 'OFFICIAL') {
      const grants = await createIdentityRepository({ db: app.db }).listGrants(user.id);
      request.actor = { kind: 'official', userId: user.id, sessionId: session.id, grants: grants.map(({ role, unitId, unitCode, fieldCodes }) => ({ role, unitId, unitCode, fieldCodes })) };
    } else {
      request.actor = { kind: 'applicant', userId: user.id, sessionId: session.id };
    }
    // Kept only when no write ran meanwhile on this node (its effect may not be in what was read).
    if (sessionCacheMs > 0 && writesInFlight === 0 && generation === writeGeneration) {
      if (sessionCache.size >= 10_000) sessionCache.clear();
      sessionCache.set(token, { until: now + sessionCacheMs, actor: request.actor });
    }
  });

  app.decorate('keptForSession', async <T>(request: FastifyRequest, key: string, compute: () => Promise<T>): Promise<T> => {
    const token = request.cookies[SESSION_COOKIE];
    const kept = token && sessionCacheMs > 0 ? sessionCache.get(token) : undefined;
    if (!kept || kept.until <= Date.now() || kept.actor !== request.actor) return compute();
    if (kept.answers?.has(key)) return kept.answers.get(key) as T;
    const generation = writeGeneration;
    const value = await compute();
    // Kept only when no write ran meanwhile on this node, and with the same check it belongs to.
    if (writesInFlight === 0 && generation === writeGeneration && sessionCache.get(token!) === kept) (kept.answers ??= new Map()).set(key, value);
    return value;
  });

  app.decorate('requireSignedIn', async (request: FastifyRequest) => {
    signedInActor(request);
  });
  app.decorate('requireOfficial', async (request: FastifyRequest) => {
    if (signedInActor(request).kind !== 'official') throw createForbiddenError();
  });
  app.decorate('requireApplicant', async (request: FastifyRequest) => {
    if (signedInActor(request).kind !== 'applicant') throw createForbiddenError();
  });
  app.decorate('requireAdministrator', async (request: FastifyRequest) => {
    const actor = signedInActor(request);
    if (actor.kind !== 'official' || !actor.grants.some((g) => g.role === 'ADMINISTRATOR')) throw createForbiddenError();
  });
});
