/**
 * The one place where errors become HTTP answers: `application/problem+json` (RFC 9457)
 * with a stable `code`, the request id, and for validation problems the list of bad fields.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isClientAbort, noteProblemCode } from '../logging/request-logging.js';
import { AppError, type FieldProblem, isAppError } from './app-error.js';
import { isDatabaseUnavailable, isNetworkFailure } from '../db/db-errors.js';
import {
  createDatabaseUnavailableError,
  createInternalError,
  DATABASE_RETRY_AFTER_SECONDS,
  createPayloadTooLargeError,
  createRateLimitedError,
  createValidationError,
} from './common.errors.js';

const contextNames: Record<string, string> = { querystring: 'query', body: 'body', params: 'params', headers: 'headers' };

function toFieldProblems(error: FastifyError & { validation: { instancePath: string; message?: string }[] }): FieldProblem[] {
  const where = contextNames[error.validationContext ?? 'body'] ?? 'body';
  return error.validation.map((v) => ({
    path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
    message: v.message ?? 'Giá trị không hợp lệ',
  }));
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  noteProblemCode(request, error.code);
  if (error.code === createDatabaseUnavailableError.code) reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  // Error answers must never be cached by a proxy: a cached 500 or 404 outlives the fault.
  return reply
    .status(error.status)
    .header('cache-control', 'no-store')
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `about:blank`,
      title: error.message,
      status: error.status,
      code: error.code,
      detail: error.message,
      requestId: request.id,
      ...(error.errors ? { errors: error.errors } : {}),
      ...(error.details ? { details: error.details } : {}),
    });
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) return createValidationError({ errors: toFieldProblems(fe) });
  if (fe?.validation) return createValidationError({ errors: toFieldProblems(fe as never) });
  if (fe?.statusCode === 429) return createRateLimitedError();
  // busboy (multipart): the body ended before its closing boundary.
  if (fe instanceof Error && /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found)$/.test(fe.message)) {
    return createValidationError({ errors: [{ path: 'body', message: 'Dữ liệu multipart bị cắt ngang hoặc sai định dạng' }] });
  }
  if (fe?.statusCode === 413 || fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return createPayloadTooLargeError();
  if (isDatabaseUnavailable(error)) return createDatabaseUnavailableError({ cause: error });
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors (bad JSON, wrong content type): keep the status, give a stable code.
    return new AppError({
      code: `request.${(fe.code ?? 'bad_request').toLowerCase().replace(/^fst_err_/, '')}`,
      message: 'Yêu cầu không hợp lệ.',
      status: fe.statusCode,
      details: { reason: fe.message },
    });
  }
  return createInternalError({ cause: error });
}

/**
 * `probeDatabase`: answers whether the database is reachable now; a network failure of unknown
 * origin (the database's or another service's) is reported as a database outage only when the
 * probe fails.
 */
export function registerErrorHandling(app: FastifyInstance, probeDatabase?: () => Promise<boolean>) {
  app.setErrorHandler(async (error, request, reply) => {
    // A client that went away (an autosave cut short) is not a fault: its one log line says so.
    let appError = isClientAbort(error, request)
      ? new AppError({ code: 'request.aborted', message: 'Yêu cầu đã bị hủy.', status: 400 })
      : toAppError(error);
    if (appError.code === createInternalError.code && probeDatabase && isNetworkFailure(error) && !(await probeDatabase())) {
      appError = createDatabaseUnavailableError({ cause: error });
    }
    // The request's one info line (request-logging.ts) carries the code; a fault adds its stack.
    if (appError.code === createDatabaseUnavailableError.code) request.log.warn({ err: { message: (error as Error)?.message } }, 'database unavailable');
    else if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, appError);
  });
}
