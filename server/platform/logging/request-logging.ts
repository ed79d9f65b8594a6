/**
 * One log line per request, at info, when its answer is sent (Fastify's own two lines per request
 * are turned off): method, URL, status, time taken, and the problem code of a refused request.
 * A request the client gave up on (a closed tab, an autosave replaced by the next one) is
 * logged once, at info, as aborted: it is not a fault of the server.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

const problemCodes = new WeakMap<FastifyRequest, string>();

/** Remembers the problem code of a refused request for its log line. */
export function noteProblemCode(request: FastifyRequest, code: string) {
  problemCodes.set(request, code);
}

const abortCodes = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'FST_ERR_CTP_INVALID_CONTENT_LENGTH']);

/** The client went away before the answer: aborted body, reset connection, stream closed early. */
export function isClientAbort(error: unknown, request: FastifyRequest): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && abortCodes.has(code.toUpperCase().replace(/^REQUEST\./, ''))) return true;
  return request.raw.aborted || (request.raw.socket?.destroyed ?? false);
}

export function registerRequestLogging(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    const code = problemCodes.get(request);
    request.log.info({ req: request, res: reply, responseTime: Math.round(reply.elapsedTime), ...(code ? { code } : {}) }, 'request completed');
  });
  // No answer reaches a client that closed the connection, so onResponse does not run.
  app.addHook('onRequestAbort', async (request) => {
    request.log.info({ req: request, aborted: true }, 'request aborted by the client');
  });
}
