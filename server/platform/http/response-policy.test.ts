/**
 * Shared response rules through the real app: no-store on API answers with personal data, the
 * client's request id only when short and plain, HSTS whenever PUBLIC_URL is https.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.js';
import { CASE, PROCEDURE, callerFor, seedTestForm, userIdByEmail, type Caller } from '../../modules/dossiers/e2e/dossiers.fixtures.js';

let ctx: TestContext;
let citizen: Caller;

beforeAll(async () => {
  ctx = await createTestApp();
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
});

describe('Cache-Control on the API', () => {
  it('is no-store on every answer with personal data, successes and problems alike', async () => {
    const draft = await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE });
    expect(draft.statusCode, draft.body).toBe(201);
    const answers = [
      draft,
      await citizen.get('/me'),
      await citizen.get('/dossiers'),
      await citizen.get(`/dossiers/${draft.json().id}`),
      await citizen.get(`/dossiers/${draft.json().id}/events`),
      await citizen.get('/organisations'),
      await citizen.get('/representatives'),
      await citizen.get('/dossiers/dos_khong_co'),
      await ctx.app.inject('/api/v1/me'),
    ];
    for (const res of answers) expect(res.headers['cache-control'], `${res.statusCode} ${res.body.slice(0, 200)}`).toBe('no-store');
  });

  it('keeps the cache policy a public route chose for itself', async () => {
    const list = (await ctx.app.inject('/api/v1/procedures?pageSize=1')).json();
    const procedure = (await ctx.app.inject(`/api/v1/procedures/${list.items[0].code}`)).json();
    const template = procedure.cases.flatMap((c: { components: { templates: { url: string }[] }[] }) => c.components.flatMap((m) => m.templates))[0];
    const file = await ctx.app.inject(template.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['cache-control']).toBe('public, max-age=3600');
    const jwks = await ctx.app.inject('/.well-known/jwks.json');
    expect(jwks.headers['cache-control']).toBe('public, max-age=300');
  });
});

describe('X-Request-Id', () => {
  it('echoes a short plain id from the client', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/procedures/9.999999', headers: { 'x-request-id': 'gw-2026.12.04:abc-42' } });
    expect(res.headers['x-request-id']).toBe('gw-2026.12.04:abc-42');
    expect(res.json().requestId).toBe('gw-2026.12.04:abc-42');
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['markup', '<script>alert(1)</script>'],
    ['spaces and quotes', 'id "with" spaces'],
    ['empty', ''],
  ])('replaces an id that is %s by a new one', async (_label, given) => {
    const res = await ctx.app.inject({ url: '/api/v1/procedures/9.999999', headers: { 'x-request-id': given } });
    const id = res.headers['x-request-id'] as string;
    expect(id).not.toBe(given);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json().requestId).toBe(id);
  });

  it('accepts exactly 128 characters', async () => {
    const given = 'r'.repeat(128);
    const res = await ctx.app.inject({ url: '/healthz', headers: { 'x-request-id': given } });
    expect(res.headers['x-request-id']).toBe(given);
  });
});

describe('HSTS', () => {
  it('is not sent while PUBLIC_URL is plain http', async () => {
    const res = await ctx.app.inject('/healthz');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('is sent whenever PUBLIC_URL is https, whatever NODE_ENV', async () => {
    const https = await createTestApp({ PUBLIC_URL: 'https://dichvucong.example.gov.vn' });
    try {
      const res = await https.app.inject('/healthz');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await https.close();
    }
  });
});
