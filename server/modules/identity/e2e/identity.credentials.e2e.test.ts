import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { createHttpClient, type HttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { createIdentityRepository } from '../identity.repository.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_UNIT_CODE } from '../identity.seed.js';
import { currentTotpCode } from '../identity.totp.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

/** Lets the demo secret's current code be used again (each time step is accepted once). */
const allowCodeAgain = (email: string) =>
  ctx.database.db.execute(sql`UPDATE totp_credentials SET last_used_step = NULL FROM users WHERE users.id = totp_credentials.user_id AND users.email = ${email}`);

async function signedInOfficial(email: string, ip = '127.0.0.1') {
  const client = createHttpClient(ctx.app, { ip });
  await allowCodeAgain(email);
  const res = await client.login(email, DEMO_PASSWORD, await currentTotpCode(DEMO_TOTP_SECRET));
  expect(res.statusCode, res.body).toBe(200);
  return client;
}

describe('replacing the second factor', () => {
  const email = 'clerk@demo.opendvc.vn';
  let session: HttpClient;
  beforeAll(async () => {
    session = await signedInOfficial(email);
  });

  it('is refused to a session alone, or with a wrong password or code', async () => {
    const none = await session.post('/api/v1/me/totp/enrolment', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe('body.password');
    const wrongPassword = await session.post('/api/v1/me/totp/enrolment', { password: 'khong-phai-mat-khau' });
    expect(wrongPassword.statusCode).toBe(403);
    expect(wrongPassword.json()).toMatchObject({ code: 'auth.current_credentials_invalid', errors: [{ path: 'body.password' }] });
    const wrongCode = await session.post('/api/v1/me/totp/enrolment', { code: '000000' });
    expect(wrongCode.statusCode).toBe(403);
    expect(wrongCode.json()).toMatchObject({ code: 'auth.current_credentials_invalid', errors: [{ path: 'body.code' }] });
    const [row] = await queryRows<{ pending_secret: string | null; failed_login_count: number }>(ctx.database.db, sql`SELECT t.pending_secret, u.failed_login_count FROM totp_credentials t JOIN users u ON u.id = t.user_id WHERE u.email = ${email}`);
    expect(row).toEqual({ pending_secret: null, failed_login_count: 2 });
  });

  it('starts with the current password, or with a current code', async () => {
    expect((await session.post('/api/v1/me/totp/enrolment', { password: DEMO_PASSWORD })).statusCode).toBe(200);
    await allowCodeAgain(email);
    const withCode = await session.post('/api/v1/me/totp/enrolment', { code: await currentTotpCode(DEMO_TOTP_SECRET) });
    expect(withCode.statusCode, withCode.body).toBe(200);
    expect(withCode.json().secret).toMatch(/^[A-Z2-7]+$/);
  });
});

describe('changing one\'s own password', () => {
  const email = 'citizen@demo.opendvc.vn';

  it('needs the current password, keeps this session and ends the others', async () => {
    const here = createHttpClient(ctx.app);
    const elsewhere = createHttpClient(ctx.app);
    expect((await here.login(email, DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await elsewhere.login(email, DEMO_PASSWORD)).statusCode).toBe(200);

    const wrong = await here.post('/api/v1/me/password', { currentPassword: 'khong-phai-mat-khau', newPassword: 'mat-khau-moi-cua-an' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'auth.current_credentials_invalid', errors: [{ path: 'body.currentPassword' }] });
    const same = await here.post('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    expect(same.statusCode).toBe(422);
    expect(same.json()).toMatchObject({ code: 'auth.password_unchanged', errors: [{ path: 'body.newPassword' }] });
    const weak = await here.post('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'ngan' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('body.newPassword');

    const changed = await here.post('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'mat-khau-moi-cua-an' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ sessionsEnded: 1 });
    expect((await here.get('/api/v1/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).json()).toBeNull();
    expect((await createHttpClient(ctx.app).login(email, DEMO_PASSWORD)).json().code).toBe('auth.invalid_credentials');
    expect((await createHttpClient(ctx.app).login(email, 'mat-khau-moi-cua-an')).statusCode).toBe(200);
    const audit = await queryRows<{ action: string }>(ctx.database.db, sql`SELECT a.action FROM audit_events a JOIN users u ON a.subject = 'user:' || u.id WHERE u.email = ${email} AND a.action = 'PASSWORD_CHANGED'`);
    expect(audit).toHaveLength(1);
  });

  it('is for signed-in people only', async () => {
    const anonymous = createHttpClient(ctx.app);
    await anonymous.get('/api/v1/auth/csrf');
    expect((await anonymous.post('/api/v1/me/password', { currentPassword: 'x', newPassword: 'mat-khau-moi-cua-ai' })).statusCode).toBe(401);
  });
});

describe('temporary passwords', () => {
  let admin: HttpClient;
  let unitId: string;
  beforeAll(async () => {
    admin = await signedInOfficial('admin@demo.opendvc.vn');
    unitId = (await createIdentityRepository({ db: ctx.database.db }).getAgencyByCode(DEMO_UNIT_CODE))!.id;
  });
  const create = async (email: string) => {
    const res = await admin.post('/api/v1/admin/officials', { email, fullName: 'Cán Bộ Mới', unitId, role: 'SPECIALIST' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { temporaryPassword: string; totpSecret: string };
  };

  it('works once, only to set a new password', async () => {
    const email = 'tam.thoi@demo.opendvc.vn';
    const { temporaryPassword, totpSecret } = await create(email);
    const [row] = await queryRows<{ expires: Date | string }>(ctx.database.db, sql`SELECT temporary_password_expires_at AS expires FROM users WHERE email = ${email}`);
    const hours = (new Date(row!.expires).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);

    const person = createHttpClient(ctx.app);
    const code = await currentTotpCode(totpSecret);
    const plain = await person.login(email, temporaryPassword, code);
    expect(plain.statusCode).toBe(403);
    expect(plain.json()).toMatchObject({ code: 'auth.password_change_required', errors: [{ path: 'body.newPassword' }] });
    expect((await person.get('/api/v1/me')).json()).toBeNull();
    const same = await person.post('/api/v1/auth/login', { login: email, password: temporaryPassword, otp: code, newPassword: temporaryPassword });
    expect(same.json().code).toBe('auth.password_unchanged');

    const changed = await person.post('/api/v1/auth/login', { login: email, password: temporaryPassword, otp: code, newPassword: 'mat-khau-rieng-2026' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await person.get('/api/v1/me')).statusCode).toBe(200);

    await allowCodeAgain(email);
    const reuse = await createHttpClient(ctx.app).post('/api/v1/auth/login', { login: email, password: temporaryPassword, otp: await currentTotpCode(totpSecret), newPassword: 'mat-khau-khac-2026' });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('auth.invalid_credentials');
    await allowCodeAgain(email);
    expect((await createHttpClient(ctx.app).login(email, 'mat-khau-rieng-2026', await currentTotpCode(totpSecret))).statusCode).toBe(200);
  });

  it('expires after TEMP_PASSWORD_HOURS, answering like a wrong password', async () => {
    const email = 'het.han@demo.opendvc.vn';
    const { temporaryPassword, totpSecret } = await create(email);
    await ctx.database.db.execute(sql`UPDATE users SET temporary_password_expires_at = now() - interval '1 second' WHERE email = ${email}`);
    const res = await createHttpClient(ctx.app).post('/api/v1/auth/login', { login: email, password: temporaryPassword, otp: await currentTotpCode(totpSecret), newPassword: 'mat-khau-rieng-2026' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.invalid_credentials');
  });
});
