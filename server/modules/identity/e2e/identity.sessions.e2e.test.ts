import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { createHttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const PASSWORD = 'OpenDVC-demo-2026';
const CITIZEN = 'citizen@demo.opendvc.vn';

describe('sessions', () => {
  it('answers null, not an error, to an anonymous /me (no 401 in the browser console)', async () => {
    const res = await createHttpClient(ctx.app).get('/api/v1/me');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('null');
    const dead = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { opendvc_session: 'ended-long-ago' } });
    expect(dead.statusCode).toBe(200);
    expect(dead.json()).toBeNull();
  });

  it('signs in with an HTTP-only SameSite=Lax session cookie and shows the account', async () => {
    const client = createHttpClient(ctx.app);
    const res = await client.login(CITIZEN, PASSWORD);
    expect(res.statusCode).toBe(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]).find((c) => c.startsWith('opendvc_session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const me = (await client.get('/api/v1/me')).json();
    expect(me).toMatchObject({ kind: 'APPLICANT', email: CITIZEN, fullName: 'Nguyễn Văn An', profile: { personalIdNumber: '001090012345' } });
  });

  it('also signs in with the phone number', async () => {
    expect((await createHttpClient(ctx.app).login('0912 000 001', PASSWORD)).statusCode).toBe(200);
  });

  it('makes the cookie useless after sign-out', async () => {
    const client = createHttpClient(ctx.app);
    await client.login(CITIZEN, PASSWORD);
    const stolen = client.jar.get('opendvc_session')!;
    const out = await client.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(client.jar.has('opendvc_session')).toBe(false);
    const replay = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { opendvc_session: stolen } });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toBeNull();
  });

  it('signs out on every device', async () => {
    const laptop = createHttpClient(ctx.app);
    const phone = createHttpClient(ctx.app);
    await laptop.login(CITIZEN, PASSWORD);
    await phone.login(CITIZEN, PASSWORD);
    const res = await laptop.post('/api/v1/auth/logout-everywhere');
    expect(res.statusCode).toBe(200);
    expect(res.json().sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await phone.get('/api/v1/me')).json()).toBeNull();
    expect((await laptop.get('/api/v1/me')).json()).toBeNull();
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const idle = createHttpClient(ctx.app);
    await idle.login(CITIZEN, PASSWORD);
    const absolute = createHttpClient(ctx.app);
    await absolute.login(CITIZEN, PASSWORD);
    const hash = (c: typeof idle) => sql`encode(sha256(convert_to(${c.jar.get('opendvc_session')!}, 'UTF8')), 'hex')`;
    await ctx.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = ${hash(idle)}`);
    await ctx.database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = ${hash(absolute)}`);
    expect((await idle.get('/api/v1/me')).json()).toBeNull();
    expect((await absolute.get('/api/v1/me')).json()).toBeNull();
  });
});

describe('CSRF double-submit', () => {
  it('sets a script-readable csrf cookie on any response and returns it from /auth/csrf', async () => {
    const client = createHttpClient(ctx.app);
    const first = await client.get('/api/v1/fields');
    const cookie = ([] as string[]).concat(first.headers['set-cookie'] as string | string[]).find((c) => c.startsWith('csrf='))!;
    expect(cookie).not.toMatch(/HttpOnly/i);
    const token = client.jar.get('csrf');
    expect((await client.get('/api/v1/auth/csrf')).json().csrfToken).toBe(token);
  });

  it('sets no csrf cookie on the catalogue\'s public reads (search, procedure page), which serve no form', async () => {
    const client = createHttpClient(ctx.app);
    for (const url of ['/api/v1/procedures?q=nuoc', '/api/v1/procedures/1.012601']) {
      const res = await client.get(url);
      expect(res.statusCode).toBe(200);
      expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith('csrf='))).toBe(false);
    }
    expect(client.jar.get('csrf')).toBeUndefined();
    // The token still comes with any other answer, and from /auth/csrf.
    expect((await client.get('/api/v1/auth/csrf')).json().csrfToken).toBe(client.jar.get('csrf'));
  });

  it('refuses a state-changing request with a session cookie but without or with a wrong token', async () => {
    const client = createHttpClient(ctx.app);
    await client.login(CITIZEN, PASSWORD);
    const missing = await client.post('/api/v1/auth/logout', undefined, { csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('auth.csrf_invalid');
    const wrong = await client.post('/api/v1/auth/logout', undefined, { csrf: false, headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.json().code).toBe('auth.csrf_invalid');
    const patch = await client.patch('/api/v1/me/profile', { address: 'x' }, { csrf: false });
    expect(patch.json().code).toBe('auth.csrf_invalid');
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('needs the token at sign-in once the client has the cookie, not before', async () => {
    const client = createHttpClient(ctx.app);
    await client.get('/api/v1/auth/csrf');
    const refused = await client.post('/api/v1/auth/login', { login: CITIZEN, password: PASSWORD }, { csrf: false });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('auth.csrf_invalid');
    const bare = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: CITIZEN, password: PASSWORD } });
    expect(bare.statusCode).toBe(200);
  });

  it('marks cookies Secure when the public address is https', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://dichvucong.example.gov.vn' });
    try {
      const res = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: CITIZEN, password: PASSWORD } });
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]);
      expect(cookies.length).toBeGreaterThanOrEqual(2);
      for (const c of cookies) expect(c).toMatch(/; Secure/i);
    } finally {
      await secure.close();
    }
  });
});

describe('audit', () => {
  it('records sign-in and sign-out with actor, time and address', async () => {
    const client = createHttpClient(ctx.app, { ip: '203.0.113.7' });
    await client.login(CITIZEN, PASSWORD);
    await client.post('/api/v1/auth/logout');
    const rows = await queryRows<{ action: string; outcome: string; actor_user_id: string | null; ip: string; at: Date }>(
      ctx.database.db,
      sql`SELECT action, outcome, actor_user_id, ip, at FROM audit_events WHERE ip = '203.0.113.7' ORDER BY at`,
    );
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([['LOGIN_SUCCEEDED', 'SUCCESS'], ['LOGOUT', 'SUCCESS']]);
    expect(rows.every((r) => r.actor_user_id?.startsWith('usr_') && r.at)).toBe(true);
  });
});
