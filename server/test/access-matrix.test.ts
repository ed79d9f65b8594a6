/**
 * The access matrix: every route of the OpenAPI contract has an entry below that says who may
 * call it, and the test checks it for an anonymous caller, a signed-in applicant, an official
 * and, where it applies, another applicant or an official of another unit (who get 404, so that
 * a foreign resource's existence does not leak). A route without an entry fails the test: adding
 * a route means deciding its access here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityRepository } from '../modules/identity/identity.repository.js';
import { issueClientToken, registerApiClient } from '../modules/identity/identity.oauth.usecases.js';
import { startSession } from '../modules/identity/identity.sessions.js';
import { apiScopes } from '../modules/identity/identity.tables.js';
import { createTestApp, type TestContext } from './test-app.js';
import { accessMatrix, type ActorName, type Expectation } from './access-matrix.table.js';

let ctx: TestContext;
let clientToken: string;
const tokens = new Map<string, string>();
/** A bearer token of a client registered with exactly these scopes. */
async function tokenWith(scopes: string[]) {
  const key = [...scopes].sort().join(' ');
  if (!tokens.has(key)) {
    const client = await registerApiClient({ db: ctx.database.db, name: `Access matrix ${key}`, scopes });
    const token = await issueClientToken({ db: ctx.database.db, issuer: ctx.config.publicUrl, ttlSeconds: 300, request: { grantType: 'client_credentials', clientId: client.clientId, clientSecret: client.clientSecret } });
    tokens.set(key, token.access_token);
  }
  return tokens.get(key)!;
}
const userIds = new Map<ActorName, string>();
const demoEmails: Partial<Record<ActorName, string>> = {
  applicant: 'citizen@demo.opendvc.vn',
  otherApplicant: 'representative@demo.opendvc.vn',
  business: 'business@demo.opendvc.vn',
  official: 'officer@demo.opendvc.vn',
  admin: 'admin@demo.opendvc.vn',
};

beforeAll(async () => {
  ctx = await createTestApp();
  const repo = createIdentityRepository({ db: ctx.database.db });
  for (const [name, email] of Object.entries(demoEmails)) {
    const user = await repo.getUserByEmail(email);
    if (!user) throw new Error(`demo account ${email} missing from the test database`);
    userIds.set(name as ActorName, user.id);
  }
  const other = await accessMatrix.createOtherUnitOfficial(ctx);
  userIds.set('otherUnitOfficial', other);
  const client = await registerApiClient({ db: ctx.database.db, name: 'Access matrix', scopes: [...apiScopes] });
  const token = await issueClientToken({ db: ctx.database.db, issuer: ctx.config.publicUrl, ttlSeconds: 300, request: { grantType: 'client_credentials', clientId: client.clientId, clientSecret: client.clientSecret } });
  clientToken = token.access_token;
});
afterAll(async () => ctx?.close());

/** Every route of the contract as `METHOD /path/{param}`. */
function contractRoutes(): string[] {
  const spec = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);
  return Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => methods.has(m)).map((m) => `${m.toUpperCase()} ${path}`));
}

function fillPath(path: string, params: Record<string, string> = {}) {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name] ?? accessMatrix.sampleParams[name];
    if (value === undefined) throw new Error(`no sample value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

const CSRF = 'access-matrix-csrf-token';

async function call(route: string, actor: ActorName | 'anonymous', sample: Awaited<ReturnType<typeof accessMatrix.sampleFor>>, bearer = clientToken) {
  const [method, path] = route.split(' ') as [string, string];
  const headers: Record<string, string> = { ...(sample.headers ?? {}) };
  if (actor === 'client') {
    headers.authorization = `Bearer ${bearer}`;
  } else if (actor !== 'anonymous') {
    const userId = userIds.get(actor);
    if (!userId) throw new Error(`unknown actor ${actor}`);
    const { token } = await startSession({ db: ctx.database.db, userId, policy: { idleMinutes: 30, absoluteHours: 1 } });
    headers.cookie = `opendvc_session=${token}; csrf=${CSRF}`;
    headers['x-csrf-token'] = CSRF;
  }
  const url = fillPath(path, sample.params) + (sample.query ? `?${sample.query}` : '');
  return ctx.app.inject({ method: method as 'GET', url, headers, payload: sample.body as object | undefined });
}

function check(res: { statusCode: number; body: string; json: () => { code?: string; error?: string } }, expected: Expectation, label: string) {
  const [status, code] = typeof expected === 'number' ? [expected, undefined] : expected;
  expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
  if (code) expect(res.json().code ?? res.json().error, label).toBe(code);
}

describe('access matrix', () => {
  it('has an entry for every route of the contract, and no entry for a route that is gone', () => {
    const routes = contractRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((r) => !(r in accessMatrix.rules));
    expect(missing, 'routes without an access decision in server/test/access-matrix.table.ts').toEqual([]);
    const stale = Object.keys(accessMatrix.rules).filter((r) => !routes.includes(r));
    expect(stale, 'entries for routes that no longer exist').toEqual([]);
  });

  it('lets anonymous callers reach public routes and answers 401 auth.unauthenticated on the others', async () => {
    for (const route of contractRoutes()) {
      const rule = accessMatrix.rules[route];
      if (!rule) continue;
      const res = await call(route, 'anonymous', await accessMatrix.sampleFor(route, ctx));
      if (rule.anonymous) {
        check(res, rule.anonymous, `${route} anonymous`);
      } else if (rule.access === 'public') {
        expect(res.statusCode, `${route} anonymous: ${res.body}`).not.toBe(401);
        expect(res.statusCode, `${route} anonymous`).toBeLessThan(500);
      } else {
        check(res, [401, 'auth.unauthenticated'], `${route} anonymous`);
      }
    }
  });

  it('gives each signed-in actor the answer its entry expects', async () => {
    let checked = 0;
    for (const route of contractRoutes()) {
      const rule = accessMatrix.rules[route];
      if (!rule) continue;
      for (const [actor, expected] of Object.entries(rule.as ?? {}) as [ActorName, Expectation][]) {
        const res = await call(route, actor, await accessMatrix.sampleFor(route, ctx, actor));
        check(res, expected, `${route} as ${actor}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('lets an API client call a route only when the route declares a scope and its token holds it', async () => {
    let checked = 0;
    for (const route of contractRoutes()) {
      const rule = accessMatrix.rules[route];
      if (!rule || !route.split(' ')[1]!.startsWith('/api/')) continue;
      const sample = await accessMatrix.sampleFor(route, ctx, 'client');
      if (!rule.scope) {
        check(await call(route, 'client', sample), [403, 'auth.forbidden'], `${route} as a client with every scope`);
      } else if (rule.scope === 'any') {
        expect((await call(route, 'client', sample, await tokenWith(['statistics:read']))).statusCode, route).not.toBe(403);
      } else {
        const others = apiScopes.filter((s) => s !== rule.scope);
        check(await call(route, 'client', sample, await tokenWith(others)), [403, 'auth.forbidden'], `${route} as a client without ${rule.scope}`);
        const only = await call(route, 'client', sample, await tokenWith([rule.scope]));
        expect(only.statusCode, `${route} as a client with only ${rule.scope}: ${only.body}`).not.toBe(403);
        expect(only.statusCode, route).toBeLessThan(500);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
