import { sql } from 'drizzle-orm';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { createHttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { currentTotpCode } from '../identity.totp.js';
import { rotateSigningKey } from '../identity.oauth.keys.js';
import { registerApiClient } from '../identity.oauth.usecases.js';

let ctx: TestContext;
let client: { clientId: string; clientSecret: string };
beforeAll(async () => {
  ctx = await createTestApp();
  client = await registerApiClient({ db: ctx.database.db, name: 'Hệ thống một cửa tỉnh', scopes: ['procedures:read', 'dossiers:read'] });
});
afterAll(async () => ctx?.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(form).toString() });
}

async function issue(scope?: string) {
  const res = await tokenRequest({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }, { authorization: basic(client.clientId, client.clientSecret) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { access_token: string; token_type: string; expires_in: number; scope: string };
}

const jwks = async () => createLocalJWKSet((await ctx.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json());
const whoAmI = (token: string) => ctx.app.inject({ method: 'GET', url: '/api/v1/auth/client', headers: { authorization: `Bearer ${token}` } });

describe('client credentials', () => {
  it('issues a short-lived ES256 token to a client authenticated with HTTP Basic, form-encoded', async () => {
    const token = await issue();
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'procedures:read dossiers:read' });
    const header = decodeProtectedHeader(token.access_token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(header.kid).toMatch(/^key_/);
  });

  it('accepts JSON with the credentials in the body, and narrows to the requested scopes', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'dossiers:read' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json().scope).toBe('dossiers:read');
    expect((await whoAmI(res.json().access_token)).json()).toEqual({ clientId: client.clientId, scopes: ['dossiers:read'] });
  });

  it('refuses a scope the client was not given with invalid_scope', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', scope: 'procedures:read dossiers:write' }, { authorization: basic(client.clientId, client.clientSecret) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('answers a wrong secret and an unknown client alike with 401 invalid_client', async () => {
    const wrong = await tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(client.clientId, 'wrong-secret') });
    const unknown = await tokenRequest({ grant_type: 'client_credentials', client_id: 'cli_unknown', client_secret: 'x' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic/);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toBe('invalid_client');
  });

  it('answers other malformed requests in RFC 6749 shape', async () => {
    expect((await tokenRequest({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret })).json().error).toBe('unsupported_grant_type');
    expect((await tokenRequest({})).json().error).toBe('invalid_request');
    const bad = await ctx.app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 42 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_request');
  });

  it('audits issued and refused tokens', async () => {
    const rows = await queryRows<{ action: string; outcome: string }>(ctx.database.db, sql`SELECT action, outcome FROM audit_events WHERE subject = ${`api_client:${client.clientId}`} ORDER BY at`);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['API_CLIENT_REGISTERED', 'TOKEN_ISSUED', 'TOKEN_REFUSED']));
    expect(rows.find((r) => r.action === 'TOKEN_REFUSED')?.outcome).toBe('DENIED');
  });
});

describe('bearer tokens', () => {
  it('are accepted as a client actor without a CSRF token, and only by client routes', async () => {
    const { access_token } = await issue();
    const me = await whoAmI(access_token);
    expect(me.statusCode).toBe(200);
    expect(me.json().scopes).toEqual(['procedures:read', 'dossiers:read']);
    const profile = await ctx.app.inject({ method: 'PATCH', url: '/api/v1/me/profile', headers: { authorization: `Bearer ${access_token}`, cookie: 'csrf=abc' }, payload: {} });
    expect(profile.statusCode).toBe(403);
    expect(profile.json().code).toBe('auth.forbidden');
  });

  it('are refused when tampered with', async () => {
    const { access_token } = await issue();
    const res = await whoAmI(`${access_token.slice(0, -4)}AAAA`);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
  });

  it('verify against the published JWKS with jose', async () => {
    const { access_token } = await issue();
    const { payload } = await jwtVerify(access_token, await jwks(), { issuer: ctx.config.publicUrl, audience: ctx.config.publicUrl });
    expect(payload).toMatchObject({ sub: client.clientId, client_id: client.clientId, scope: 'procedures:read dossiers:read' });
  });

  it('stay valid after a key rotation, while new tokens use the new key', async () => {
    const before = await issue();
    const { kid, retired } = await rotateSigningKey({ db: ctx.database.db });
    expect(retired).toContain(decodeProtectedHeader(before.access_token).kid);
    expect((await whoAmI(before.access_token)).statusCode).toBe(200);
    const after = await issue();
    expect(decodeProtectedHeader(after.access_token).kid).toBe(kid);
    const keySet = await jwks();
    await jwtVerify(before.access_token, keySet);
    await jwtVerify(after.access_token, keySet);
  });
});

describe('registration by an administrator over HTTP', () => {
  it('returns the secret once, which then gets a token', async () => {
    const admin = createHttpClient(ctx.app);
    expect((await admin.login('admin@demo.opendvc.vn', 'OpenDVC-demo-2026', await currentTotpCode('JBSWY3DPEHPK3PXP'))).statusCode).toBe(200);
    const bad = await admin.post('/api/v1/admin/api-clients', { name: 'Thống kê', scopes: ['everything'] });
    expect(bad.statusCode).toBe(400);
    const res = await admin.post('/api/v1/admin/api-clients', { name: 'Hệ thống thống kê', scopes: ['statistics:read'] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    const token = await tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(created.clientId, created.clientSecret) });
    expect(token.json().scope).toBe('statistics:read');
    const list = await admin.get('/api/v1/admin/api-clients');
    expect(list.json().items.find((c: { clientId: string }) => c.clientId === created.clientId)).not.toHaveProperty('clientSecret');
  });
});
