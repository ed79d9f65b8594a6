/**
 * pino options shared by the HTTP server and the CLI. Secrets and personal data never reach a log:
 * fields are redacted by name at any depth (passwords, hashes, ID numbers, secrets, tokens,
 * one-time codes), and a database error is logged with its SQL text but never its parameters.
 */
import type { Writable } from 'node:stream';
import { stdSerializers, type LoggerOptions } from 'pino';
import type { Config } from '../config/config.js';

const CENSOR = '[redacted]';

/** Field names whose values are never logged: `password*` (also `newPassword`…), `*hash`, `personalIdNumber`, `idNumber`, `*secret`, `*token`, `otp`, cookies and credentials. */
const SECRET_FIELD = /password|hash$|^(personal)?idnumber$|secret$|token$|^otp$|^(authorization|cookie|set-cookie)$/i;

export const isSecretField = (name: string) => SECRET_FIELD.test(name);

const MAX_DEPTH = 8;

/** A copy of a plain value with secret fields censored at any depth (class instances other than errors are left as they are). */
export function redactSecrets(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value);
  if (seen.has(value) || depth > MAX_DEPTH) return value;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((v) => redactSecrets(v, depth + 1, seen));
  }
  if (proto !== Object.prototype && proto !== null) return value;
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretField(k) ? CENSOR : redactSecrets(v, depth + 1, seen);
  return out;
}

/**
 * Drizzle's "Failed query: … \nparams: …" keeps the query and loses the parameters; PostgreSQL's
 * messages keep the names they quote (constraints, columns, types…) but not the values
 * (`value "001090012345" is out of range`, `invalid input syntax for type uuid: "…"`).
 */
const QUOTED_VALUE = /(?<!\b(?:constraint|relation|column|table|type|encoding|index|schema|function|sequence|role|database|operator|extension|collation|trigger|view|domain) )"[^"\n]*"/g;
const withoutParams = (text: string) => text.replace(/\nparams: [\s\S]*?(?=\n\s+at |\ncaused by: |$)/g, '\nparams: [redacted]');
const withoutValues = (text: string) => text.replace(QUOTED_VALUE, '"[redacted]"');
/** A database driver's error (node-postgres, PGlite): it has a five-character SQLSTATE. */
const isDriverError = (error: unknown) => /^[0-9A-Z]{5}$/.test(String((error as { code?: unknown })?.code ?? ''));

/**
 * An error's message or stack without statement parameters, and without the values that the
 * database's own messages quote (those of the driver error itself, or its "caused by:" lines).
 */
export function scrubErrorText(text: string, driverError = false): string {
  const clean = withoutParams(text);
  return driverError ? withoutValues(clean) : clean.replace(/caused by: [^\n]*/g, withoutValues);
}

/** Error properties that may carry the values of a failed statement (node-postgres, PGlite, Drizzle). */
const VALUE_BEARING = new Set(['params', 'parameters', 'detail', 'where', 'internalQuery']);

/**
 * pino's error serializer, then: no query parameters or value-bearing driver fields (a unique
 * violation's detail quotes the value), messages and stacks scrubbed, secret fields censored,
 * along the whole cause chain.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return redactSecrets(error);
  const raw = stdSerializers.err(error) as unknown as Record<string, unknown>;
  const clean = (node: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (VALUE_BEARING.has(k)) out[k] = CENSOR;
      else if (isSecretField(k)) out[k] = CENSOR;
      else if ((k === 'message' || k === 'stack') && typeof v === 'string') out[k] = scrubErrorText(v, isDriverError(node));
      else if (k === 'cause' && v && typeof v === 'object' && depth < MAX_DEPTH) out[k] = clean(v as Record<string, unknown>, depth + 1);
      else out[k] = redactSecrets(v, depth + 1);
    }
    return out;
  };
  return clean(raw, 0);
}

/** pino options shared by the HTTP server and the CLI; personal data and secrets are redacted. */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'logPretty'>, stream?: Writable): LoggerOptions & { stream?: Writable } {
  return {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      censor: CENSOR,
    },
    serializers: { err: serializeError, error: serializeError },
    hooks: {
      // `log.error(err)` makes the message from err.message, and a message may quote a failed statement.
      logMethod(args, method) {
        const [first, second] = args as unknown[];
        if (first instanceof Error && typeof second !== 'string') return method.apply(this, [first, scrubErrorText(first.message, isDriverError(first))]);
        return method.apply(this, (args as unknown[]).map((a) => (typeof a === 'string' ? withoutParams(a) : a)) as Parameters<typeof method>);
      },
    },
    formatters: {
      // Every logged object, at any depth: secret fields by name.
      log: (object) => redactSecrets(object) as Record<string, unknown>,
    },
    ...(stream ? { stream } : {}),
    ...(config.logPretty && !stream
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
}
