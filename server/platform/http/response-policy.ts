/**
 * Response rules every route shares: the request id a client may choose, HSTS, and the cache
 * policy of the API.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** A client's X-Request-Id is kept only when it is 1–128 characters of this set; else a new id is made. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:@+=-]{1,128}$/;

/** The request id: the client's `X-Request-Id` when short and plain, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Browsers are told to use https only when the portal is published over https. */
export function hstsWanted(publicUrl: string): boolean {
  return new URL(publicUrl).protocol === 'https:';
}

/**
 * Every API answer is `Cache-Control: no-store` (personal data must not stay in a browser or
 * proxy cache) unless its route chose a cache policy itself — public catalogue files and the
 * JWKS do. The request id goes back on every answer.
 */
export function registerResponsePolicy(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
