/**
 * Opens the database: embedded PGlite in DATA_DIR when no DATABASE_URL is set, otherwise a
 * node-postgres pool. Both are a Drizzle `PgDatabase`; no repository knows which it has.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createErrorFactory } from '../errors/app-error.js';
import { acquireDataDirLock } from './data-dir-lock.js';
/**
 * No relational schema is attached: queries use the query builder over the tables each module
 * declares, so this layer does not need to know the modules' tables.
 */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;
/** A transaction or the root handle: repositories accept either. */
export type DbExecutor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction' | 'query'>;

export interface DatabaseHandle {
  db: Database;
  engine: 'pglite' | 'postgres';
  /** The PGlite instance, when embedded (tests dump and load it). */
  pglite?: PGlite;
  /** The pg pool, when on PostgreSQL. */
  pool?: pg.Pool;
  /** Connection faults seen so far (a connection dropped, idle or in use), for the metrics. */
  readonly faults: { connectionErrors: number };
  /** True when the database answers `SELECT 1` within `timeoutMs`. */
  probe(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Runs `SELECT 1`, false on any error or when it takes longer than `timeoutMs`. */
async function probeWith(query: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([query().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const createDataDirLockedError = createErrorFactory({
  code: 'db.data_dir_locked',
  message: 'Thư mục dữ liệu đang được một tiến trình OpenDVC khác sử dụng.',
  status: 500,
});

export const pgliteExtensions = { pg_trgm, unaccent };

/** Wraps an open PGlite (on disk, in memory or loaded from a dump) as a Database. */
export function wrapPglite(client: PGlite, onClose: () => Promise<void> = async () => {}): DatabaseHandle {
  const db = drizzlePglite({ client }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    pglite: client,
    faults: { connectionErrors: 0 },
    probe: (timeoutMs = 2000) => probeWith(() => client.query('SELECT 1'), timeoutMs),
    async close() {
      await client.close();
      await onClose();
    },
  };
}

/**
 * Opens the embedded database folder, holding a lock file so that a second process cannot
 * open the same folder (PGlite itself does not prevent it, and two writers corrupt it).
 */
export async function openPgliteDataDir(dataDir: string): Promise<DatabaseHandle> {
  fs.mkdirSync(dataDir, { recursive: true });
  const dbDir = path.join(dataDir, 'pglite');
  let release: () => void;
  try {
    release = acquireDataDirLock(path.join(dataDir, 'pglite.lock'));
  } catch (cause) {
    throw createDataDirLockedError({ details: { dataDir, owner: (cause as { owner?: unknown }).owner }, cause });
  }
  try {
    const client = await PGlite.create(dbDir, { extensions: pgliteExtensions });
    return wrapPglite(client, async () => release());
  } catch (e) {
    release();
    throw e;
  }
}

/** The single-client handle each transaction of `openPostgres` runs on, by transaction. */
const transactionConnections = new WeakMap<object, Database>();
/** Statements built by `preparedStatement`, by the handle they were built on, then by name. */
const preparedStatements = new WeakMap<object, Map<string, unknown>>();

/**
 * A statement built once per database handle and reused (Drizzle's `.prepare(name)`): its SQL text
 * and row mapping are not built again on every call, and node-postgres parses a named statement
 * once per connection. In a transaction of `openPostgres` it is built on the handle of the
 * transaction's connection (kept with that connection), so that it runs in the transaction; on the
 * pool, on PGlite or in any other transaction, on `db` itself. `build` must take every value from
 * `sql.placeholder(…)`, and `name` must stand for one SQL text only (node-postgres refuses a name
 * met with another text on the same connection).
 */
export function preparedStatement<T>(db: DbExecutor, name: string, build: (db: DbExecutor) => T): T {
  const on = transactionConnections.get(db) ?? db;
  let byName = preparedStatements.get(on);
  if (!byName) preparedStatements.set(on, (byName = new Map()));
  let statement = byName.get(name) as T | undefined;
  if (statement === undefined) byName.set(name, (statement = build(on)));
  return statement;
}

/** What Drizzle's handles hold to run a raw statement (as `execute` does). */
interface RawStatementParts {
  dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
  _: { session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, isResponseInArrayMode: boolean): { execute(values?: Record<string, unknown>): Promise<unknown> } } };
}

/**
 * A raw statement (`sql` with `sql.placeholder(…)` for every value that changes between calls)
 * built once per database handle and run as a named prepared statement, as `preparedStatement`
 * does for the query builder: the same rules (one SQL text per name; in a transaction of
 * `openPostgres`, built on the transaction's connection). `execute` answers the rows, as
 * `queryRows` does. A value given by `sql.param(sql.placeholder(…), column)` goes through the
 * column's mapping when the statement runs; it must not be null then.
 */
export function preparedQuery<T>(db: DbExecutor, name: string, build: () => SQL): { execute(values: Record<string, unknown>): Promise<T[]> } {
  return preparedStatement(db, name, (on) => {
    const parts = on as unknown as RawStatementParts;
    const statement = parts._.session.prepareQuery(parts.dialect.sqlToQuery(build()), undefined, name, false);
    return { execute: async (values) => ((await statement.execute(values)) as { rows: T[] }).rows };
  });
}

export interface PostgresOptions {
  /** How long a request waits for a new connection before failing (then 503). */
  connectTimeoutMs?: number;
  /** Called with every connection fault (logging). */
  onConnectionError?: (err: Error) => void;
}

/**
 * A node-postgres pool that survives the server going away. pg-pool listens for errors on idle
 * clients only; a client checked out (a transaction in flight) whose backend is terminated emits
 * 'error' with no listener, which would end the process. Every client gets its own listener at
 * connect: the fault then reaches only the query or transaction that held the client (its
 * promise rejects, the request answers 503), the broken client is discarded on release, and the
 * pool opens new connections as soon as the server accepts them again.
 */
export function openPostgres(connectionString: string, max = 10, options: PostgresOptions = {}): DatabaseHandle {
  const faults = { connectionErrors: 0 };
  const onError = (err: Error) => {
    faults.connectionErrors += 1;
    options.onConnectionError?.(err);
  };
  const pool = new pg.Pool({ connectionString, max, application_name: 'opendvc', connectionTimeoutMillis: options.connectTimeoutMs ?? 30000 });
  pool.on('connect', (client) => client.on('error', onError));
  // Idle clients: the pool removes them itself.
  pool.on('error', onError);
  const db = drizzlePg({ client: pool }) as unknown as Database;
  // drizzle's transaction on a pool checks a client out and sends `begin` before its
  // try/finally: when `begin` fails (the connection was terminated while the client sat idle in
  // the pool, "Client has encountered a connection error and is not queryable"), the client is
  // never released. The pool then has one connection less for good, and pool.end() at shutdown
  // waits for it until the shutdown timer ends the process with exit code 1. Here the client is
  // checked out, and always released, by us (a broken one is discarded by the pool on release);
  // drizzle runs the transaction on it as on a single client, which it does not release.
  const onClient = new WeakMap<pg.PoolClient, Database>();
  const transaction: Database['transaction'] = async (run, config) => {
    const client = await pool.connect();
    try {
      let clientDb = onClient.get(client);
      if (!clientDb) onClient.set(client, (clientDb = drizzlePg({ client }) as unknown as Database));
      const owner = clientDb;
      return await clientDb.transaction((tx) => {
        transactionConnections.set(tx, owner);
        return run(tx);
      }, config);
    } finally {
      client.release();
    }
  };
  db.transaction = transaction;
  return {
    db,
    engine: 'postgres',
    pool,
    faults,
    probe: (timeoutMs = 2000) => probeWith(() => pool.query('SELECT 1'), timeoutMs),
    close: () => pool.end(),
  };
}

export async function openDatabase(
  config: { databaseUrl?: string; dataDir: string; databasePoolMax: number; databaseConnectTimeoutMs?: number },
  options: Pick<PostgresOptions, 'onConnectionError'> = {},
) {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.databasePoolMax, { connectTimeoutMs: config.databaseConnectTimeoutMs, ...options })
    : openPgliteDataDir(config.dataDir);
}

/** Rows of a raw query, whichever driver answered. */
export async function queryRows<T>(db: Pick<Database, 'execute'>, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A `text[]` literal of `values` (`{"a","b"}`), given as one parameter and cast with `::text[]`
 * (`= ANY($1::text[])`): one parameter for a list of any length, on both engines.
 */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
