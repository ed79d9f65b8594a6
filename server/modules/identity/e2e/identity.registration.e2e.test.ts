import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { MAIL_SEND } from '../../../platform/mail/mail.jobs.js';
import { createHttpClient } from '../../../test/http-client.js';
import { startTestSmtpServer } from '../../../test/smtp-server.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { waitFor } from '../../../test/wait-for.js';
import { issueAccountMail } from '../identity.accounts.usecases.js';
import { createIdentityRepository } from '../identity.repository.js';
import { IDENTITY_ACCOUNT_MAIL } from '../identity.jobs.js';
import { IDENTITY_REGISTRATION } from '../identity.queues.js';
import { hashToken } from '../identity.models.js';

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  ctx = await createTestApp({ MAIL_PROVIDER: 'smtp', SMTP_URL: smtp.url, PUBLIC_URL: 'http://dvc.test', JOBS_POLLING_INTERVAL_SECONDS: '0.5' });
  await ctx.app.jobs.start();
});
afterAll(async () => {
  await ctx?.close();
  await smtp?.close();
});

/** Waits until every account-mail and mail job queued so far has run. */
const jobsDone = () =>
  waitFor(async () => {
    const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name IN (${IDENTITY_ACCOUNT_MAIL}, ${IDENTITY_REGISTRATION}, ${MAIL_SEND}) AND state NOT IN ('completed', 'failed', 'cancelled')`);
    return row!.n === 0;
  }, { what: 'the mail jobs', timeoutMs: 20000 });

const linkIn = (text: string, path: string) => {
  const match = new RegExp(`http://dvc\\.test${path.replace(/[?/]/g, '\\$&')}\\?token=([A-Za-z0-9_%-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return { url: match[0].replace('http://dvc.test', ''), token: decodeURIComponent(match[1]!) };
};

describe('registration with e-mail verification', () => {
  const email = 'Nguoi.Dan@Example.vn';
  const password = 'mat-khau-rat-dai-2026';

  it('registers, delivers a verification link over SMTP, and signs in once verified', async () => {
    const client = createHttpClient(ctx.app);
    await client.get('/api/v1/auth/csrf');
    const res = await client.post('/api/v1/auth/register', { email, password, fullName: 'Ngô Thị Hoa' });
    expect(res.statusCode).toBe(202);
    await jobsDone();
    const mails = smtp.to('nguoi.dan@example.vn');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Xác minh');

    const early = await client.login(email, password);
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('auth.email_not_verified');

    // The link opens the portal page, which confirms the token through the API.
    const { token } = linkIn(mails[0]!.text, '/xac-minh-email');
    const url = `/api/v1/auth/verify-email?token=${encodeURIComponent(token)}`;
    const verified = await client.get(url);
    expect(verified.statusCode).toBe(200);
    expect((await client.get(url)).json().code).toBe('auth.token_invalid');

    const signedIn = await client.login(email.toUpperCase(), password);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ kind: 'APPLICANT', email: 'nguoi.dan@example.vn', emailVerified: true, fullName: 'Ngô Thị Hoa' });
  });

  it('answers a second registration of the same address the same way, and warns the owner by e-mail', async () => {
    const client = createHttpClient(ctx.app);
    const before = smtp.to('nguoi.dan@example.vn').length;
    const res = await client.post('/api/v1/auth/register', { email, password: 'another-password-1', fullName: 'Kẻ Giả Danh' });
    expect(res.statusCode).toBe(202);
    await jobsDone();
    const mails = smtp.to('nguoi.dan@example.vn');
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.text).toContain('đã có tài khoản');
  });

  it('sends a new verification link on request, without telling which addresses have accounts', async () => {
    const client = createHttpClient(ctx.app);
    const address = 'cho.xac.minh@example.vn';
    expect((await client.post('/api/v1/auth/register', { email: address, password, fullName: 'Lý Thị Mai' })).statusCode).toBe(202);
    await jobsDone();
    const first = linkIn(smtp.to(address)[0]!.text, '/xac-minh-email');

    const resent = await client.post('/api/v1/auth/verify-email/resend', { email: 'Cho.Xac.Minh@example.vn' });
    expect(resent.statusCode).toBe(202);
    const unknown = await client.post('/api/v1/auth/verify-email/resend', { email: 'khong.co.ai@example.vn' });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json().message).toBe(resent.json().message);
    await jobsDone();
    expect(smtp.to('khong.co.ai@example.vn')).toHaveLength(0);

    const mails = smtp.to(address);
    expect(mails).toHaveLength(2);
    const second = linkIn(mails[1]!.text, '/xac-minh-email');
    expect(second.token).not.toBe(first.token);
    // The new link voids the first one.
    expect((await client.get(`/api/v1/auth/verify-email?token=${encodeURIComponent(first.token)}`)).json().code).toBe('auth.token_invalid');
    expect((await client.get(`/api/v1/auth/verify-email?token=${encodeURIComponent(second.token)}`)).statusCode).toBe(200);

    // Verified: no more links are sent.
    expect((await client.post('/api/v1/auth/verify-email/resend', { email: address })).statusCode).toBe(202);
    await jobsDone();
    expect(smtp.to(address)).toHaveLength(2);
  });

  it('names each bad field', async () => {
    const res = await createHttpClient(ctx.app).post('/api/v1/auth/register', { email: 'not-an-email', password: 'short', fullName: '' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.fullName']));
    const missing = await createHttpClient(ctx.app).post('/api/v1/auth/register', { password: 'long-enough-password', fullName: 'Ai Đó' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ path: 'body.email', message: expect.stringContaining('số điện thoại') });
  });
  // Registration by phone: identity.phone.e2e.test.ts.
});

describe('password reset', () => {
  const email = 'citizen@demo.opendvc.vn';

  it('always answers 202 and e-mails a link only to existing accounts', async () => {
    const client = createHttpClient(ctx.app);
    const unknown = await client.post('/api/v1/auth/password/forgot', { email: 'nobody@example.vn' });
    expect(unknown.statusCode).toBe(202);
    const known = await client.post('/api/v1/auth/password/forgot', { email });
    expect(known.statusCode).toBe(202);
    expect(known.json().message).toBe(unknown.json().message);
    await jobsDone();
    expect(smtp.to('nobody@example.vn')).toHaveLength(0);
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('sets the new password, ends existing sessions, and works once', async () => {
    const old = createHttpClient(ctx.app);
    expect((await old.login(email, 'OpenDVC-demo-2026')).statusCode).toBe(200);
    const { token } = linkIn(smtp.to(email).at(-1)!.text, '/dat-lai-mat-khau');

    const client = createHttpClient(ctx.app);
    const weak = await client.post('/api/v1/auth/password/reset', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('body.password');
    const res = await client.post('/api/v1/auth/password/reset', { token, password: 'mat-khau-moi-2026' });
    expect(res.statusCode).toBe(200);
    expect((await client.post('/api/v1/auth/password/reset', { token, password: 'mat-khau-khac-2026' })).json().code).toBe('auth.token_invalid');

    expect((await old.get('/api/v1/me')).json()).toBeNull();
    expect((await client.login(email, 'OpenDVC-demo-2026')).json().code).toBe('auth.invalid_credentials');
    expect((await client.login(email, 'mat-khau-moi-2026')).statusCode).toBe(200);
  });
});

describe('the same work for every address', () => {
  let apiOnly: TestContext;
  beforeAll(async () => {
    apiOnly = await createTestApp({ JOBS_WORKER: 'false' });
  });
  afterAll(async () => apiOnly?.close());
  const count = async (table: 'one_time_tokens' | 'mail_deliveries' | 'audit_events') =>
    (await queryRows<{ n: number }>(apiOnly.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n;

  it('only queues one identical job per request, for known and unknown addresses, and mails from the job', async () => {
    const before = { tokens: await count('one_time_tokens'), mails: await count('mail_deliveries'), audit: await count('audit_events') };
    const client = createHttpClient(apiOnly.app);
    const requests = [
      ['/api/v1/auth/password/forgot', 'nobody@example.vn'],
      ['/api/v1/auth/password/forgot', 'citizen@demo.opendvc.vn'],
      ['/api/v1/auth/verify-email/resend', 'nobody@example.vn'],
      ['/api/v1/auth/verify-email/resend', 'citizen@demo.opendvc.vn'],
    ] as const;
    const answers = [];
    for (const [url, address] of requests) answers.push(await client.post(url, { email: address }));
    expect(answers.map((r) => r.statusCode)).toEqual([202, 202, 202, 202]);
    expect(answers[1]!.json()).toEqual(answers[0]!.json());
    expect(answers[3]!.json()).toEqual(answers[2]!.json());
    // Nothing about any address was looked up or written by the requests themselves.
    expect({ tokens: await count('one_time_tokens'), mails: await count('mail_deliveries'), audit: await count('audit_events') }).toEqual(before);
    const jobs = await queryRows<{ data: { purpose: string; email: string } }>(apiOnly.database.db, sql`SELECT data FROM pgboss.job WHERE name = ${IDENTITY_ACCOUNT_MAIL} ORDER BY created_on, id`);
    expect(jobs.map((j) => j.data.email).sort()).toEqual(requests.map(([, address]) => address).sort());

    // The job does the work: a reset link for the account only; the citizen is verified already.
    const outcomes = [];
    for (const j of jobs) outcomes.push(await issueAccountMail({ db: apiOnly.database.db, config: apiOnly.config, purpose: j.data.purpose as 'PASSWORD_RESET', email: j.data.email }));
    expect(outcomes.sort()).toEqual(['no_account', 'no_account', 'no_account', 'sent']);
    expect(await count('mail_deliveries')).toBe(before.mails + 1);
  });
});

describe('reset links: one outstanding at a time, and few per hour', () => {
  const email = 'business@demo.opendvc.vn';
  const resetLinks = () => smtp.to(email).filter((m) => m.subject.includes('Đặt lại mật khẩu')).map((m) => linkIn(m.text, '/dat-lai-mat-khau').token);

  it('voids the earlier link when a new one is issued', async () => {
    const client = createHttpClient(ctx.app);
    await client.post('/api/v1/auth/password/forgot', { email });
    await jobsDone();
    await client.post('/api/v1/auth/password/forgot', { email });
    await jobsDone();
    const [first, second] = resetLinks();
    expect((await client.post('/api/v1/auth/password/reset', { token: first, password: 'mat-khau-cu-bi-huy' })).json().code).toBe('auth.token_invalid');
    expect((await client.post('/api/v1/auth/password/reset', { token: second, password: 'mat-khau-moi-2026' })).statusCode).toBe(200);
  });

  it('sends at most ACCOUNT_MAILS_PER_HOUR reset mails to an address, answering every request the same', async () => {
    const client = createHttpClient(ctx.app);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await client.post('/api/v1/auth/password/forgot', { email })).json());
    await jobsDone();
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // Two were sent by the previous test within the hour; the limit is 3.
    expect(resetLinks()).toHaveLength(3);
    const audit = await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'PASSWORD_RESET_THROTTLED'`);
    expect(audit[0]!.n).toBe(3);
  });

  it('voids every other outstanding link when one is used', async () => {
    const [user] = await queryRows<{ id: string }>(ctx.database.db, sql`SELECT id FROM users WHERE email = ${email}`);
    // Two links issued at once (racing requests), bypassing the job.
    const repo = createIdentityRepository({ db: ctx.database.db });
    const expiresAt = new Date(Date.now() + 3_600_000);
    await repo.createOneTimeToken({ userId: user!.id, purpose: 'PASSWORD_RESET', tokenHash: hashToken('lien-ket-a'), expiresAt });
    await repo.createOneTimeToken({ userId: user!.id, purpose: 'PASSWORD_RESET', tokenHash: hashToken('lien-ket-b'), expiresAt });
    const client = createHttpClient(ctx.app);
    expect((await client.post('/api/v1/auth/password/reset', { token: 'lien-ket-a', password: 'mat-khau-moi-2027' })).statusCode).toBe(200);
    expect((await client.post('/api/v1/auth/password/reset', { token: 'lien-ket-b', password: 'mat-khau-moi-2028' })).json().code).toBe('auth.token_invalid');
  });
});
