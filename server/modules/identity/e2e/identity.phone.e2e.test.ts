/**
 * Phone numbers proven by a one-time code (SMS through the HTTP gateway provider, received by a
 * gateway simulator), and no answer that tells whether a phone or ID number is someone's.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { MAIL_SEND } from '../../../platform/mail/mail.jobs.js';
import { SMS_SEND } from '../../../platform/sms/sms.jobs.js';
import { createHttpClient, type HttpClient } from '../../../test/http-client.js';
import { codeIn, startSmsGatewayStub } from '../../../test/sms-gateway.js';
import { startTestSmtpServer } from '../../../test/smtp-server.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { waitFor } from '../../../test/wait-for.js';
import { IDENTITY_PHONE_CODE, IDENTITY_REGISTRATION } from '../identity.queues.js';

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let gateway: Awaited<ReturnType<typeof startSmsGatewayStub>>;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  gateway = await startSmsGatewayStub();
  ctx = await createTestApp({
    MAIL_PROVIDER: 'smtp', SMTP_URL: smtp.url, PUBLIC_URL: 'http://dvc.test', JOBS_POLLING_INTERVAL_SECONDS: '0.5',
    SMS_PROVIDER: 'http', SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_KEY: gateway.key, SMS_PER_NUMBER_PER_HOUR: '20',
  });
  await ctx.app.jobs.start();
});
afterAll(async () => {
  await ctx?.close();
  await smtp?.close();
  await gateway?.close();
});

/** Waits until every registration, code, SMS and mail job queued so far has run. */
const jobsDone = () =>
  waitFor(async () => {
    const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name IN (${IDENTITY_REGISTRATION}, ${IDENTITY_PHONE_CODE}, ${SMS_SEND}, ${MAIL_SEND}) AND state NOT IN ('completed', 'failed', 'cancelled')`);
    return row!.n === 0;
  }, { what: 'the registration and SMS jobs', timeoutMs: 20000 });

const password = 'mat-khau-rat-dai-2026';
const lastCode = (phone: string) => {
  const text = gateway.to(phone).at(-1)?.text ?? '';
  const code = codeIn(text);
  if (!code) throw new Error(`no code in the last SMS to ${phone}: ${text}`);
  return code;
};
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function anonymous(): Promise<HttpClient> {
  const client = createHttpClient(ctx.app);
  await client.get('/api/v1/auth/csrf');
  return client;
}

describe('registration by phone', () => {
  it('answers the same for a free and a taken number; the owner of the taken one is told, the free one gets a code', async () => {
    const client = await anonymous();
    const free = await client.post('/api/v1/auth/register', { phone: '+84 987 654 321', password, fullName: 'Trịnh Văn Phúc' });
    // 0912000002 is the demo business owner's number.
    const taken = await client.post('/api/v1/auth/register', { phone: '0912000002', password, fullName: 'Người Khác' });
    expect(taken.statusCode).toBe(202);
    expect(free.statusCode).toBe(202);
    expect(taken.json()).toEqual(free.json());
    expect(taken.headers['content-type']).toBe(free.headers['content-type']);
    await jobsDone();
    expect(codeIn(gateway.to('0987654321')[0]!.text)).toMatch(/^\d{6}$/);
    const notice = gateway.to('0912000002');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).toContain('đã gắn với một tài khoản');
    expect(codeIn(notice[0]!.text)).toBeUndefined();
    // The taken number still signs in its owner only.
    expect((await (await anonymous()).login('0912000002', password)).json().code).toBe('auth.invalid_credentials');
  });

  it('does not sign in before the number is proven, then does; a code works once', async () => {
    const phone = '0987654321';
    const client = await anonymous();
    const early = await client.login(phone, password);
    expect(early.statusCode).toBe(401);
    expect(early.json().code).toBe('auth.invalid_credentials');

    const code = lastCode(phone);
    const wrong = await client.post('/api/v1/auth/verify-phone', { phone, code: wrongCode(code) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'auth.phone_code_invalid', errors: [{ path: 'body.code' }] });
    const right = await client.post('/api/v1/auth/verify-phone', { phone: '+84987654321', code });
    expect(right.statusCode).toBe(200);
    const again = await client.post('/api/v1/auth/verify-phone', { phone, code });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('auth.phone_code_invalid');

    const signedIn = await client.login(phone, password);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ phone, pendingPhone: null, email: null, fullName: 'Trịnh Văn Phúc' });
    // The code stays out of the database: only a hash.
    const rows = await queryRows<{ code_hash: string }>(ctx.database.db, sql`SELECT code_hash FROM phone_challenges WHERE phone = ${phone}`);
    expect(rows.every((r) => r.code_hash && !r.code_hash.includes(code))).toBe(true);
  });

  it('refuses an expired code', async () => {
    const phone = '0987000001';
    const client = await anonymous();
    await client.post('/api/v1/auth/register', { phone, password, fullName: 'Đỗ Thị Hạnh' });
    await jobsDone();
    const code = lastCode(phone);
    await ctx.database.db.execute(sql`UPDATE phone_challenges SET expires_at = now() - interval '1 second' WHERE phone = ${phone}`);
    expect((await client.post('/api/v1/auth/verify-phone', { phone, code })).json().code).toBe('auth.phone_code_invalid');
    expect((await client.login(phone, password)).statusCode).toBe(401);
  });

  it('voids the code after five wrong ones, and a new code voids the old one', async () => {
    const phone = '0987000002';
    const client = await anonymous();
    await client.post('/api/v1/auth/register', { phone, password, fullName: 'Hồ Văn Khải' });
    await jobsDone();
    const first = lastCode(phone);
    for (let i = 0; i < 5; i++) expect((await client.post('/api/v1/auth/verify-phone', { phone, code: wrongCode(first) })).statusCode).toBe(400);
    expect((await client.post('/api/v1/auth/verify-phone', { phone, code: first })).json().code).toBe('auth.phone_code_invalid');

    // A resend answers the same for every number.
    const resent = await client.post('/api/v1/auth/verify-phone/resend', { phone });
    const unknown = await client.post('/api/v1/auth/verify-phone/resend', { phone: '0987000099' });
    expect(resent.statusCode).toBe(202);
    expect(unknown.json()).toEqual(resent.json());
    await jobsDone();
    expect(gateway.to('0987000099')).toHaveLength(0);
    const second = lastCode(phone);
    await client.post('/api/v1/auth/verify-phone/resend', { phone });
    await jobsDone();
    const third = lastCode(phone);
    expect(gateway.to(phone)).toHaveLength(3);
    if (second !== third) expect((await client.post('/api/v1/auth/verify-phone', { phone, code: second })).statusCode).toBe(400);
    expect((await client.post('/api/v1/auth/verify-phone', { phone, code: third })).statusCode).toBe(200);
    expect((await client.login(phone, password)).statusCode).toBe(200);
  });

  it('answers an e-mail and phone registration the same when either is taken, and mails from the job', async () => {
    const client = await anonymous();
    const fresh = await client.post('/api/v1/auth/register', { email: 'moi.tinh@example.vn', phone: '0987000003', password, fullName: 'Phan Văn Tình' });
    const takenEmail = await client.post('/api/v1/auth/register', { email: 'citizen@demo.opendvc.vn', phone: '0987000004', password, fullName: 'Kẻ Giả Danh' });
    expect(takenEmail.statusCode).toBe(fresh.statusCode);
    expect(takenEmail.json()).toEqual(fresh.json());
    await jobsDone();
    expect(smtp.to('moi.tinh@example.vn')[0]!.subject).toContain('Xác minh');
    expect(smtp.to('citizen@demo.opendvc.vn').at(-1)!.text).toContain('đã có tài khoản');
    expect(codeIn(gateway.to('0987000003')[0]!.text)).toMatch(/^\d{6}$/);
    // No account was made with the taken address, so its phone gets nothing.
    expect(gateway.to('0987000004')).toHaveLength(0);
  });
});

describe('profile changes', () => {
  let citizen: HttpClient;
  beforeAll(async () => {
    citizen = createHttpClient(ctx.app);
    expect((await citizen.login('representative@demo.opendvc.vn', 'OpenDVC-demo-2026')).statusCode).toBe(200);
  });

  it('answers the same for a free and a taken phone, and changes the phone only with the code sent to it', async () => {
    const toTaken = await citizen.patch('/api/v1/me/profile', { phone: '0912000001' });
    expect(toTaken.statusCode).toBe(200);
    expect(toTaken.json()).toMatchObject({ phone: '0912000003', pendingPhone: '0912000001' });
    await jobsDone();
    const inUse = gateway.to('0912000001');
    expect(inUse).toHaveLength(1);
    expect(inUse[0]!.text).toContain('đang được dùng cho tài khoản của bạn');
    expect(codeIn(inUse[0]!.text)).toBeUndefined();
    expect((await citizen.post('/api/v1/me/phone/confirm', { code: '000000' })).json().code).toBe('auth.phone_code_invalid');
    expect((await citizen.get('/api/v1/me')).json()).toMatchObject({ phone: '0912000003', pendingPhone: '0912000001' });

    const toFree = await citizen.patch('/api/v1/me/profile', { phone: '0977 123 456' });
    expect(toFree.statusCode).toBe(200);
    expect(toFree.json()).toMatchObject({ phone: '0912000003', pendingPhone: '0977123456' });
    await jobsDone();
    const code = lastCode('0977123456');
    expect((await citizen.post('/api/v1/me/phone/confirm', { code: wrongCode(code) })).statusCode).toBe(400);
    const confirmed = await citizen.post('/api/v1/me/phone/confirm', { code });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ phone: '0977123456', pendingPhone: null });
    expect((await citizen.post('/api/v1/me/phone/confirm', { code })).json().code).toBe('auth.phone_code_invalid');
    expect((await createHttpClient(ctx.app).login('0977123456', 'OpenDVC-demo-2026')).statusCode).toBe(200);
    expect((await createHttpClient(ctx.app).login('0912000003', 'OpenDVC-demo-2026')).statusCode).toBe(401);
  });

  it('takes a typed personal ID number that another profile holds, as unverified, without telling', async () => {
    // 001185023456 is the business owner's verified number; the representative's own is made a typed one.
    await ctx.database.db.execute(sql`UPDATE applicant_profiles SET personal_id_verified_at = NULL WHERE personal_id_number = '001088034567'`);
    const res = await citizen.patch('/api/v1/me/profile', { personalIdNumber: '001185023456' });
    expect(res.statusCode).toBe(200);
    expect(res.json().profile).toMatchObject({ personalIdNumber: '001185023456', personalIdVerified: false });
  });

  it('needs a signed-in user to confirm a phone', async () => {
    const res = await createHttpClient(ctx.app).post('/api/v1/me/phone/confirm', { code: '123456' });
    expect(res.statusCode).toBe(401);
  });
});

describe('the same work for taken and free numbers and addresses', () => {
  let apiOnly: TestContext;
  beforeAll(async () => {
    apiOnly = await createTestApp({ JOBS_WORKER: 'false' });
  });
  afterAll(async () => apiOnly?.close());
  const counts = async () => (await queryRows<{ users: number; audit: number; challenges: number; mails: number; sms: number }>(apiOnly.database.db, sql`
    SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM audit_events) AS audit, (SELECT count(*)::int FROM phone_challenges) AS challenges,
           (SELECT count(*)::int FROM mail_deliveries) AS mails, (SELECT count(*)::int FROM sms_deliveries) AS sms`))[0];

  it('only queues one registration job per request, whatever the number or address', async () => {
    const before = await counts();
    const client = await (async () => {
      const c = createHttpClient(apiOnly.app);
      await c.get('/api/v1/auth/csrf');
      return c;
    })();
    const bodies = [
      { phone: '0912000001', password, fullName: 'Ai Đó' },
      { phone: '0966000001', password, fullName: 'Ai Đó' },
      { email: 'citizen@demo.opendvc.vn', password, fullName: 'Ai Đó' },
      { email: 'chua.co@example.vn', password, fullName: 'Ai Đó' },
    ];
    const answers = [];
    for (const body of bodies) answers.push(await client.post('/api/v1/auth/register', body));
    expect(answers.map((r) => r.statusCode)).toEqual([202, 202, 202, 202]);
    expect(answers[1]!.json()).toEqual(answers[0]!.json());
    expect(answers[3]!.json()).toEqual(answers[2]!.json());
    // Nothing about any number or address was looked up or written by the requests themselves.
    expect(await counts()).toEqual(before);
    const jobs = await queryRows<{ data: { phone: string | null; email: string | null } }>(apiOnly.database.db, sql`SELECT data FROM pgboss.job WHERE name = ${IDENTITY_REGISTRATION} ORDER BY created_on, id`);
    expect(jobs.map((j) => j.data.phone ?? j.data.email)).toEqual(['0912000001', '0966000001', 'citizen@demo.opendvc.vn', 'chua.co@example.vn']);
  });
});
