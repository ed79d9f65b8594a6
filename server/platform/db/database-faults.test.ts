/**
 * Database faults seen from the HTTP API. On PostgreSQL (`npm run test:pg`): backends terminated
 * under load (`pg_terminate_backend`, what a server restart does to every connection), a client
 * terminated in the middle of a transaction, and the database unreachable (a TCP proxy in front of
 * it cut and restored). On PGlite, which has one in-process backend, the same file checks what
 * applies there: terminating the backend is refused and changes nothing, and a closed embedded
 * database answers 503 like an unreachable server.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { createTestApp, type TestContext } from '../../test/test-app.js';
import { startTcpProxy, type TcpProxy } from '../../test/tcp-proxy.js';
import { openPostgres, type DatabaseHandle } from './create-database.js';
import { isDatabaseUnavailable } from './db-errors.js';
import { toAppError } from '../errors/error-handler.js';

const LIST = '/api/v1/procedures?pageSize=5';

async function statusesOf(ctx: TestContext, n: number) {
  const answers = await Promise.all(Array.from({ length: n }, () => ctx.app.inject({ method: 'GET', url: LIST })));
  return answers.map((a) => (a.statusCode === 200 ? 200 : `${a.statusCode} ${a.json().code}`));
}

const onPostgres = Boolean(process.env.DATABASE_URL);
// Every catalogue search reads the database: no answer cache, and the in-memory search index
// checks the projection's version on every search.
const NO_CACHE = { SEARCH_CACHE_SECONDS: '0', SEARCH_INDEX_CHECK_MS: '0' };

if (onPostgres) describe('database faults on PostgreSQL', () => {
  let base: DatabaseHandle;
  let proxy: TcpProxy;
  let handle: DatabaseHandle;
  let ctx: TestContext;
  let dbName: string;
  let admin: pg.Client;
  const connectionErrors: Error[] = [];

  beforeAll(async () => {
    base = await createTestDatabase();
    const url = new URL(base.pool!.options.connectionString!);
    dbName = url.pathname.slice(1);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    handle = openPostgres(url.toString(), 8, { connectTimeoutMs: 1000, onConnectionError: (e) => connectionErrors.push(e) });
    ctx = await createTestApp(NO_CACHE, { database: handle });
    admin = new pg.Client({ connectionString: base.pool!.options.connectionString });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await ctx?.app.close();
    await handle?.close();
    await proxy?.close();
    await base?.close();
  });

  // Only this file's database: other suites on the same server also connect as 'opendvc'.
  const terminateAll = async () =>
    (await admin.query(`SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'opendvc' AND datname = $1) t`, [dbName])).rows[0].n as number;

  it('a backend terminated in the middle of a transaction fails that transaction only, and the process lives on', async () => {
    const inFlight = handle.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_sleep(10)`);
    });
    const caught = inFlight.catch((e: unknown) => e);
    // Wait until the transaction's backend sleeps, then terminate exactly that one.
    let killed = 0;
    for (let i = 0; i < 50 && killed === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      killed = (await admin.query(`SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'SELECT pg_sleep(10)%') t`, [dbName])).rows[0].n;
    }
    expect(killed).toBe(1);
    const error = await caught;
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(connectionErrors.length).toBeGreaterThan(0);
    // The other requests go on.
    expect(await statusesOf(ctx, 5)).toEqual([200, 200, 200, 200, 200]);
  });

  it('a transaction whose begin fails gives its connection back: the pool keeps its size and closes', async () => {
    // One connection: a client lost by a failed `begin` would leave none (the next transaction
    // would wait for the connect timeout, pool.end() for ever; a node stopped with exit code 1).
    const one = openPostgres(base.pool!.options.connectionString!, 1, { connectTimeoutMs: 1000 });
    try {
      for (let i = 0; i < 3; i++) {
        // An isolation level PostgreSQL refuses: `begin` itself fails.
        await expect(one.db.transaction(async () => undefined, { isolationLevel: 'bogus' as 'serializable' })).rejects.toThrow();
      }
      expect(await one.db.transaction(async (tx) => { await tx.execute(sql`SELECT 1`); return 'done'; })).toBe('done');
      expect(one.pool!.totalCount - one.pool!.idleCount).toBe(0);
    } finally {
      await one.close();
    }
  });

  it('backends terminated under load: each request answers 200 or 503 database_unavailable (never 500), then all 200', async () => {
    const load = statusesOf(ctx, 60);
    await new Promise((r) => setTimeout(r, 20));
    const terminated = await terminateAll();
    const during = await load;
    expect(during.every((s) => s === 200 || s === '503 platform.database_unavailable')).toBe(true);
    expect(await statusesOf(ctx, 10)).toEqual(Array(10).fill(200));
    console.log(`terminated ${terminated} backends under 60 requests: ${during.filter((s) => s === 200).length} answered 200, ${during.filter((s) => s !== 200).length} 503`);
  });

  it('a connection reset while a statement runs (the database up): that request answers 503, never 500', async () => {
    // A backend that goes away while the driver writes to it gives ECONNRESET or EPIPE rather than
    // PostgreSQL's 57P01 message: the statement fails with a network error although the database
    // answers the next probe. It is the request's connection that broke: 503 and Retry-After.
    const inFlight = handle.db.execute(sql`SELECT pg_sleep(5)`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    proxy.reset();
    const error = (await inFlight) as Error & { cause?: { code?: string } };
    expect(error.cause?.code).toMatch(/^(ECONNRESET|EPIPE)$/);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toAppError(error)).toMatchObject({ code: 'platform.database_unavailable', status: 503 });
    // Under load: every request answers 200 or 503, then all 200.
    const load = statusesOf(ctx, 60);
    await new Promise((r) => setTimeout(r, 20));
    proxy.reset();
    const during = await load;
    expect(during.filter((s) => s !== 200 && s !== '503 platform.database_unavailable')).toEqual([]);
    expect(await statusesOf(ctx, 10)).toEqual(Array(10).fill(200));
  });

  it('database unreachable: 503 platform.database_unavailable with Retry-After, /readyz 503, /healthz 200; serving again within 5 s of it coming back', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await proxy.down();
    try {
      const api = await ctx.app.inject({ method: 'GET', url: LIST });
      expect(api.statusCode).toBe(503);
      expect(api.headers['retry-after']).toBe('5');
      expect(api.json()).toMatchObject({ code: 'platform.database_unavailable', status: 503 });
      expect(api.json().detail).toMatch(/Cơ sở dữ liệu tạm thời không truy cập được/);
      const started = Date.now();
      const ready = await ctx.app.inject({ method: 'GET', url: '/readyz' });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(ready.statusCode).toBe(503);
      expect(ready.json().code).toBe('platform.database_unavailable');
      expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await proxy.up();
    }
    const back = Date.now();
    let recoveredMs = -1;
    while (Date.now() - back < 5000) {
      const [ready, api] = await Promise.all([ctx.app.inject({ method: 'GET', url: '/readyz' }), ctx.app.inject({ method: 'GET', url: LIST })]);
      if (ready.statusCode === 200 && api.statusCode === 200) {
        recoveredMs = Date.now() - back;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`serving again ${recoveredMs} ms after the database came back`);
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    expect(recoveredMs).toBeLessThan(5000);
  });
});

else describe('database faults on PGlite (one in-process backend)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp(NO_CACHE);
  });
  afterAll(async () => {
    await ctx.app.close();
  });

  it('terminating the backend is refused and the app keeps serving', async () => {
    const rows = (await ctx.database.pglite!.query<{ t: boolean }>(`SELECT pg_terminate_backend(pg_backend_pid()) AS t`)).rows;
    expect(rows).toEqual([{ t: false }]);
    expect(await statusesOf(ctx, 5)).toEqual([200, 200, 200, 200, 200]);
  });

  it('a closed embedded database: 503 platform.database_unavailable with Retry-After, /readyz 503, /healthz 200', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await ctx.database.close();
    const api = await ctx.app.inject({ method: 'GET', url: LIST });
    expect(api.statusCode).toBe(503);
    expect(api.headers['retry-after']).toBe('5');
    expect(api.json().code).toBe('platform.database_unavailable');
    const ready = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().code).toBe('platform.database_unavailable');
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
