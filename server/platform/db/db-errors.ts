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
