/**
 * One guard for every route's input, before any route code or database sees it: JSON bodies are
 * nested at most MAX_DEPTH levels, and no string (value or key) of the query, the path parameters
 * or the body holds a NUL character or an unpaired UTF-16 surrogate — PostgreSQL stores neither,
 * so they would otherwise surface as 500s deep inside a route. Each refusal is a 400 problem
 * naming the field (`body.answers.purpose`, `query.q`, `params.dossierId`). A multipart body that
 * ends early is a 400 too (see toAppError).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldProblem } from '../errors/app-error.js';
import { createValidationError } from '../errors/common.errors.js';

/** Deeper JSON than this is refused (the e-forms nest a few levels; 5,000 levels is an attack). */
export const MAX_DEPTH = 32;

// NUL, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD_STRING = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const messages = {
  nul: 'Không được chứa ký tự NUL (\\u0000)',
  surrogate: 'Chứa ký tự Unicode không hợp lệ (nửa cặp thay thế đứng riêng)',
  depth: `Dữ liệu lồng nhau quá ${MAX_DEPTH} cấp`,
};

function stringProblem(value: string): string | undefined {
  const match = BAD_STRING.exec(value);
  if (!match) return undefined;
  return match[0] === '\u0000' ? messages.nul : messages.surrogate;
}

const join = (path: string, key: string | number) => `${path}.${key}`;

/**
 * The first problem in a parsed value: a bad string or key, or nesting deeper than MAX_DEPTH.
 * Iterative, so that a hostile depth cannot exhaust the stack.
 */
export function findInputProblem(value: unknown, root: string): FieldProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = stringProblem(v);
      if (problem) return { path, message: problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return { path, message: messages.depth };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const keyProblem = stringProblem(k);
      if (keyProblem) return { path: join(path, k.replace(BAD_STRING, '?')), message: keyProblem };
      stack.push({ value: child, path: join(path, k), depth: depth + 1 });
    }
  }
  return undefined;
}

function guardRequest(request: FastifyRequest) {
  for (const [part, value] of [['query', request.query], ['params', request.params], ['body', request.body]] as const) {
    const problem = findInputProblem(value, part);
    if (problem) throw createValidationError({ errors: [problem] });
  }
}

/**
 * Registers the guard on the app: a JSON parser that refuses deep or bad input as it arrives, and
 * a hook that checks the query and path parameters (and any body another parser produced) before
 * a route's own checks.
 */
export function registerInputGuard(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      const problem = findInputProblem(value, 'body');
      if (problem) return done(createValidationError({ errors: [problem] }), undefined);
      done(null, value);
    });
  });
  app.addHook('preValidation', async (request) => guardRequest(request));
}
