/**
 * Logs never carry secrets or personal data: a failing statement on the real database is logged
 * with its SQL but without its parameters, and fields are redacted by name at any depth.
 */
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { callerFor, userIdByEmail } from '../../modules/dossiers/e2e/dossiers.fixtures.js';
import { createTestApp, type TestContext } from '../../test/test-app.js';
import { loggerOptions } from './logger.js';

const HASH = '$argon2id$v=19$m=4096,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';
const ID_NUMBER = '001090012345';

/** A logger writing JSON lines into memory, with the app's options. */
function memoryLogger() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { stream, text: () => lines.join('\n'), lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

describe('database errors in logs', () => {
  it('keep the statement and drop its parameters, along the cause chain', async () => {
    const out = memoryLogger();
    const log = pino(loggerOptions({ logLevel: 'info', logPretty: false }), out.stream);
    const failure = await ctx.database.db.execute(sql`select ${HASH}::text as h, ${ID_NUMBER}::smallint as n`).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    log.error({ err: failure }, 'request failed');
    log.error(failure as Error);
    await new Promise((r) => setImmediate(r));
    const text = out.text();
    expect(text).toContain('Failed query: select');
    expect(text).not.toContain(HASH);
    expect(text).not.toContain(ID_NUMBER);
  });

  it('are logged without parameters when a request fails on the real app', async () => {
    const out = memoryLogger();
    const app = await buildApp({ config: ctx.config, database: ctx.database, logStream: out.stream });
    await app.ready();
    try {
      const citizen = await callerFor({ ...ctx, app }, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
      // A NUL byte cannot be stored by PostgreSQL: whatever the answer, the log must not quote the values.
      const res = await citizen.patch('/me/profile', { address: `Số 1 phố Huế\u0000 ${HASH}`, personalIdNumber: ID_NUMBER });
      expect(res.statusCode).toBeLessThan(600);
      await new Promise((r) => setImmediate(r));
      expect(out.text()).toContain('request completed');
      expect(out.text()).not.toContain(HASH);
      expect(out.text()).not.toContain(ID_NUMBER);
    } finally {
      await app.close();
    }
  });
});

describe('field names', () => {
  it('are redacted at any depth: password*, *hash, personalIdNumber, secret, token, otp', async () => {
    const out = memoryLogger();
    const log = pino(loggerOptions({ logLevel: 'info', logPretty: false }), out.stream);
    log.info({
      password: 'Mat-khau-1', newPassword: 'Mat-khau-2', passwordHash: HASH,
      user: { profile: { personalIdNumber: ID_NUMBER }, tokenHash: 'abc123hash', totpSecret: 'JBSWY3DPEHPK3PXP' },
      items: [{ token: 'sess-token-1', otp: '123456', secret: 'client-secret-1' }],
      reqId: 'kept', code: 'auth.invalid_credentials',
    }, 'sign-in');
    await new Promise((r) => setImmediate(r));
    const text = out.text();
    for (const secret of ['Mat-khau-1', 'Mat-khau-2', HASH, ID_NUMBER, 'abc123hash', 'JBSWY3DPEHPK3PXP', 'sess-token-1', '123456', 'client-secret-1']) expect(text).not.toContain(secret);
    const [line] = out.lines();
    expect(line).toMatchObject({ reqId: 'kept', code: 'auth.invalid_credentials', user: { profile: { personalIdNumber: '[redacted]' } } });
  });
});
