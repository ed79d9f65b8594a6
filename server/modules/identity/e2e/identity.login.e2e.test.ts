import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
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

describe('lockout', () => {
  const email = 'representative@demo.opendvc.vn';

  it('locks the account at the tenth wrong password and says so plainly, with the time', async () => {
    const client = createHttpClient(ctx.app);
    for (let i = 1; i <= 9; i++) {
      const res = await client.login(email, `wrong-password-${i}`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
    }
    const tenth = await client.login(email, 'wrong-password-10');
    expect(tenth.statusCode).toBe(423);
    expect(tenth.json().code).toBe('auth.locked');
    expect(tenth.json().detail).toMatch(/^Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần liên tiếp\. Vui lòng thử lại sau \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    const lockedUntil = new Date(tenth.json().details.lockedUntil).getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(lockedUntil - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const right = await client.login(email, PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('auth.locked');
  });

  it('writes failed sign-ins, the lockout and the refusal to the audit trail', async () => {
    const rows = await auditOf(email);
    expect(rows.filter((r) => r.action === 'LOGIN_FAILED')).toHaveLength(10);
    expect(rows.filter((r) => r.action === 'ACCOUNT_LOCKED')).toHaveLength(1);
    expect(rows.at(-1)).toMatchObject({ action: 'LOGIN_REFUSED_LOCKED', outcome: 'DENIED', ip: '127.0.0.1' });
  });

  it('opens again once the lock has passed, and a success resets the counter', async () => {
    await ctx.database.db.execute(sql`UPDATE users SET locked_until = now() - interval '1 second' WHERE email = ${email}`);
    expect((await createHttpClient(ctx.app).login(email, PASSWORD)).statusCode).toBe(200);
    const [row] = await queryRows<{ failed_login_count: number }>(ctx.database.db, sql`SELECT failed_login_count FROM users WHERE email = ${email}`);
    expect(row!.failed_login_count).toBe(0);
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
    const enrolment = await client.post('/api/v1/me/totp/enrolment');
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
    const res = await client.post('/api/v1/me/totp/enrolment');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
  });
});
