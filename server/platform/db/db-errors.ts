import { DrizzleQueryError } from 'drizzle-orm';

/** Reads driver errors the same way on node-postgres and PGlite (both wrapped by Drizzle). */
interface DriverError {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

/** The violated unique constraint's name, or undefined when the error is something else. */
export function uniqueViolation(error: unknown): string | undefined {
  let current = error as DriverError | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.code === '23505') return current.constraint ?? '';
    current = current.cause as DriverError | undefined;
  }
  return undefined;
}

/**
 * SQLSTATE classes and driver messages that mean "the database cannot be reached now" (server
 * down or restarting, connection killed, pool unable to connect), as opposed to a fault of the
 * request itself. Such errors answer 503 with Retry-After instead of 500.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
/** Network failures: the database's, or another service's (storage, a national system). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Cannot use a pool after calling end on the pool/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  // PGlite: the embedded instance was closed (or aborted) underneath the app.
  /^PGlite is closed$/,
];

/**
 * Certainly a database outage (SQLSTATE or driver message), or the connection a query ran on
 * broken by the network (a statement failed with ECONNRESET or EPIPE: the backend went away while
 * the statement was being written, as when it is terminated; the database itself may be up).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error as (DriverError & { message?: string; errors?: unknown[] }) | undefined;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current.code && UNAVAILABLE_SQLSTATES.has(current.code)) return true;
    // Drizzle wraps every failed statement: a network failure under it is the database connection's.
    if (isNetworkFailure(current instanceof DrizzleQueryError ? current.cause : undefined)) return true;
    if (typeof current.message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(current!.message!))) return true;
    // AggregateError (connect to several addresses, all refused).
    if (Array.isArray(current.errors) && current.errors.some((e) => isDatabaseUnavailable(e))) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/**
 * A network failure that may be the database's: the caller confirms with a probe of the
 * database before answering "database unavailable".
 */
export function isNetworkFailure(error: unknown): boolean {
  let current = error as (DriverError & { errors?: unknown[] }) | undefined;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current.code && NETWORK_CODES.has(current.code)) return true;
    if (Array.isArray(current.errors) && current.errors.some((e) => isNetworkFailure(e))) return true;
    current = current.cause as typeof current;
  }
  return false;
}
