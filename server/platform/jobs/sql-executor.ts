/**
 * pg-boss runs its statements through an executor `{ executeSql(text, values) }`. These build
 * one over each thing the platform has: the embedded PGlite, the pg pool, and a Drizzle
 * transaction (so a job is written by the caller's own transaction and shares its fate).
 */
import type PgBoss from 'pg-boss';
import type { DatabaseHandle, DbExecutor } from '../db/create-database.js';

export type SqlExecutor = PgBoss.Db;

export function executorForHandle(handle: DatabaseHandle): SqlExecutor {
  if (handle.engine === 'pglite') {
    const pglite = handle.pglite!;
    return {
      async executeSql(text, values) {
        if (values && values.length > 0) return pglite.query(text, values);
        // Without parameters pg-boss may send several statements (schema creation, migrations).
        const results = await pglite.exec(text);
        return results.at(-1) ?? { rows: [] };
      },
    };
  }
  const pool = handle.pool!;
  return { executeSql: (text, values) => pool.query(text, values) };
}

/**
 * pg-boss's executor once the queue is stopping. pg-boss 10 completes or fails a job of its
 * internal workers (the cron clock's send-it queue) without awaiting the statement, and
 * `boss.stop()` does not wait for those workers; when shutdown then closes the database
 * (server/main.ts), such a statement rejects with nobody to catch it and the process ends with an
 * error instead of cleanly. Once `isStopping()` holds, a failed statement is reported to `onDropped`
 * and answered with no rows: the job keeps its lease until it lapses and is then run again, as
 * after a crash. Before that, failures go to pg-boss as they are.
 */
export function quietWhenStopping(inner: SqlExecutor, isStopping: () => boolean, onDropped: (err: unknown) => void): SqlExecutor {
  return {
    async executeSql(text, values) {
      try {
        return await inner.executeSql(text, values);
      } catch (err) {
        if (!isStopping()) throw err;
        onDropped(err);
        return { rows: [] };
      }
    },
  };
}

/**
 * Runs pg-boss's statements on the connection of a Drizzle transaction `tx` (a pg PoolClient, or
 * PGlite's transaction object), so they commit or roll back with it. The driver is used directly
 * because pg-boss repeats positional parameters (`$5` several times), which must stay one parameter.
 */
export function executorForTransaction(tx: Pick<DbExecutor, 'execute'>): SqlExecutor {
  const client = (tx as unknown as { session?: { client?: { query?: unknown } } }).session?.client as
    | { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> }
    | undefined;
  if (typeof client?.query !== 'function') throw new Error('executorForTransaction: not a Drizzle pg or PGlite transaction');
  return {
    async executeSql(text, values = []) {
      const result = await client.query(text, values.map((v) => (v === undefined ? null : v)));
      return { rows: result.rows };
    },
  };
}
