import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { buildApp } from '../../../app.js';
import { createHttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { currentTotpCode } from '../identity.totp.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const PASSWORD = 'OpenDVC-demo-2026';
const DEMO_SECRET = 'JBSWY3DPEHPK3PXP';

const auditOf = (email: string) =>
  queryRows<{ action: string; outcome: string; ip: string | null }>(
    ctx.database.db,
    sql`SELECT a.action, a.outcome, a.ip FROM audit_events a JOIN users u ON a.subject = 'user:' || u.id WHERE u.email = ${email} ORDER BY a.at, a.id`,
  );

describe('no user enumeration', () => {
  it('answers an unknown login and a wrong password identically', async () => {
    const unknown = await createHttpClient(ctx.app).login('nobody@demo.opendvc.vn', 'wrong-password');
    const wrong = await createHttpClient(ctx.app).login('business@demo.opendvc.vn', 'wrong-password');
    const phone = await createHttpClient(ctx.app).login('0999999999', 'wrong-password');
    for (const res of [unknown, wrong, phone]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.invalid_credentials');
    }
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(phone.json().detail).toBe(unknown.json().detail);
    expect(unknown.json().detail).not.toMatch(/tồn tại|không có tài khoản/);
  });
});

/** The answer without what differs per request. */
const answer = (res: { statusCode: number; json(): Record<string, unknown> }) => {
  const { requestId: _requestId, instance: _instance, ...body } = res.json();
  return { status: res.statusCode, body };
};

describe('sign-in throttling', () => {
  const email = 'representative@demo.opendvc.vn';
  const lockedUntilOf = async (address: string) =>
    (await queryRows<{ locked_until: Date | string | null }>(ctx.database.db, sql`SELECT locked_until FROM users WHERE email = ${address}`))[0]!.locked_until;
  const secondsLeft = (until: Date | string | null) => (new Date(until!).getTime() - Date.now()) / 1000;

  it('makes an account wait longer after each failure beyond the free ones, answering exactly like a wrong password', async () => {
    const client = createHttpClient(ctx.app, { ip: '10.1.0.1' });
    const unknown = answer(await createHttpClient(ctx.app, { ip: '10.1.0.99' }).login('nobody@demo.opendvc.vn', 'wrong-password'));
    expect(unknown.status).toBe(401);
    for (let i = 1; i <= 5; i++) {
      expect(answer(await client.login(email, `wrong-password-${i}`)), `attempt ${i}`).toEqual(unknown);
      expect(await lockedUntilOf(email), `attempt ${i}`).toBeNull();
    }
    expect(answer(await client.login(email, 'wrong-password-6'))).toEqual(unknown);
    expect(secondsLeft(await lockedUntilOf(email))).toBeGreaterThan(0);
    expect(secondsLeft(await lockedUntilOf(email))).toBeLessThanOrEqual(2);

    // While it waits, even the right password gets the wrong-password answer, from anywhere.
    expect(answer(await client.login(email, PASSWORD))).toEqual(unknown);
    expect(answer(await createHttpClient(ctx.app, { ip: '10.1.0.2' }).login(email, PASSWORD))).toEqual(unknown);

    // Each further failure doubles the wait.
    await ctx.database.db.execute(sql`UPDATE users SET locked_until = now() - interval '1 second' WHERE email = ${email}`);
    expect(answer(await client.login(email, 'wrong-password-7'))).toEqual(unknown);
    expect(secondsLeft(await lockedUntilOf(email))).toBeGreaterThan(2);
    expect(secondsLeft(await lockedUntilOf(email))).toBeLessThanOrEqual(4);
  });

  it('keeps the throttle in the database, so another app node refuses too', async () => {
    const otherNode = await buildApp({ config: ctx.config, database: ctx.database, logger: false });
    try {
      await otherNode.ready();
      const res = await createHttpClient(otherNode, { ip: '10.1.0.3' }).login(email, PASSWORD);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.invalid_credentials');
    } finally {
      await otherNode.close();
    }
  });

  it('writes failures, throttling and refusals to the audit trail, and a success after the wait starts again', async () => {
    const rows = await auditOf(email);
    expect(rows.filter((r) => r.action === 'LOGIN_FAILED')).toHaveLength(7);
    expect(rows.filter((r) => r.action === 'LOGIN_THROTTLED')).toHaveLength(2);
    expect(rows.filter((r) => r.action === 'LOGIN_REFUSED_THROTTLED').length).toBeGreaterThanOrEqual(3);
    expect(rows.at(-1)).toMatchObject({ action: 'LOGIN_REFUSED_THROTTLED', outcome: 'DENIED', ip: '10.1.0.3' });

    await ctx.database.db.execute(sql`UPDATE users SET locked_until = now() - interval '1 second' WHERE email = ${email}`);
    expect((await createHttpClient(ctx.app, { ip: '10.1.0.4' }).login(email, PASSWORD)).statusCode).toBe(200);
    const [row] = await queryRows<{ failed_login_count: number; locked_until: Date | null }>(ctx.database.db, sql`SELECT failed_login_count, locked_until FROM users WHERE email = ${email}`);
    expect(row).toEqual({ failed_login_count: 0, locked_until: null });
  });

  it('does not keep out an official who brings the right password and code, whatever a stranger did', async () => {
    const official = 'leader@demo.opendvc.vn';
    const stranger = createHttpClient(ctx.app, { ip: '10.2.0.1' });
    for (let i = 1; i <= 8; i++) await stranger.login(official, `guess-${i}`, '123456');
    expect(secondsLeft(await lockedUntilOf(official))).toBeGreaterThan(0);

    const self = createHttpClient(ctx.app, { ip: '10.2.0.2' });
    // The right password alone, or with a wrong code, says nothing more than a wrong password.
    expect((await self.login(official, PASSWORD)).json().code).toBe('auth.invalid_credentials');
    expect((await self.login(official, PASSWORD, '000000')).json().code).toBe('auth.invalid_credentials');
    const ok = await self.login(official, PASSWORD, await currentTotpCode(DEMO_SECRET));
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('makes a client address wait after many failures on any accounts, without touching other addresses', async () => {
    const noisy = createHttpClient(ctx.app, { ip: '10.3.0.1' });
    for (let i = 1; i <= 21; i++) await noisy.login(`nobody-${i}@example.vn`, 'wrong-password');
    const [row] = await queryRows<{ failures: number; blocked_until: Date | null }>(ctx.database.db, sql`SELECT failures, blocked_until FROM login_source_throttles WHERE source = '10.3.0.1'`);
    expect(row!.failures).toBe(21);
    expect(row!.blocked_until).not.toBeNull();
    const fromThere = await noisy.login('business@demo.opendvc.vn', PASSWORD);
    expect(fromThere.statusCode).toBe(401);
    expect(fromThere.json().code).toBe('auth.invalid_credentials');
    expect((await createHttpClient(ctx.app, { ip: '10.3.0.2' }).login('business@demo.opendvc.vn', PASSWORD)).statusCode).toBe(200);
    // The account itself was not penalised for the address's failures.
    expect(await lockedUntilOf('business@demo.opendvc.vn')).toBeNull();
  });
});

describe('officials and the second factor', () => {
  it('asks an official for the code, refuses a wrong one, and accepts the current one once', async () => {
    const email = 'officer@demo.opendvc.vn';
    const client = createHttpClient(ctx.app);
    const noCode = await client.login(email, PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('auth.otp_required');
    const wrongCode = await client.login(email, PASSWORD, '000000');
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongCode.json().code).toBe('auth.otp_invalid');
    // A wrong password with a code is still just "invalid credentials".
    expect((await client.login(email, 'wrong-password', await currentTotpCode(DEMO_SECRET))).json().code).toBe('auth.invalid_credentials');

    const code = await currentTotpCode(DEMO_SECRET);
    const ok = await client.login(email, PASSWORD, code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'OFFICIAL', totpEnabled: true, grants: [{ role: 'ONE_STOP_OFFICER', unitCode: '000.00.01.G99' }] });

    const replay = await createHttpClient(ctx.app).login(email, PASSWORD, code);
    expect(replay.json().code).toBe('auth.otp_invalid');
  });

  it('enrols a new authenticator, hands out recovery codes, and accepts each recovery code once', async () => {
    const email = 'head@demo.opendvc.vn';
    const client = createHttpClient(ctx.app);
    expect((await client.login(email, PASSWORD, await currentTotpCode(DEMO_SECRET))).statusCode).toBe(200);
    const enrolment = await client.post('/api/v1/me/totp/enrolment', { password: PASSWORD });
    expect(enrolment.statusCode).toBe(200);
    const { secret, otpauthUri } = enrolment.json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect((await client.post('/api/v1/me/totp/verify', { code: '12345' })).json().errors[0].path).toBe('body.code');
    const confirmed = await client.post('/api/v1/me/totp/verify', { code: await currentTotpCode(secret) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json();
    expect(recoveryCodes).toHaveLength(10);

    // The old secret no longer works (replay protection set aside), a recovery code does, once.
    await ctx.database.db.execute(sql`UPDATE totp_credentials SET last_used_step = NULL FROM users WHERE users.id = totp_credentials.user_id AND users.email = ${email}`);
    expect((await createHttpClient(ctx.app).login(email, PASSWORD, await currentTotpCode(DEMO_SECRET))).json().code).toBe('auth.otp_invalid');
    expect((await createHttpClient(ctx.app).login(email, PASSWORD, recoveryCodes[0])).statusCode).toBe(200);
    expect((await createHttpClient(ctx.app).login(email, PASSWORD, recoveryCodes[0])).json().code).toBe('auth.otp_invalid');
    const rows = await auditOf(email);
    expect(rows.map((r) => r.action)).toContain('TOTP_ENABLED');
  });

  it('keeps TOTP enrolment to officials', async () => {
    const client = createHttpClient(ctx.app);
    await client.login('business@demo.opendvc.vn', PASSWORD);
    const res = await client.post('/api/v1/me/totp/enrolment', { password: PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
  });
});
