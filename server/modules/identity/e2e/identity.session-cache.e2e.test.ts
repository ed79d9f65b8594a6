/**
 * Two app nodes on one database (on PostgreSQL two pools on the same DATABASE_URL; on the
 * embedded database, which has a single node, two app instances on one handle): each node keeps
 * session checks for SESSION_CACHE_MS, yet a session or a grant revoked on node A is refused by
 * node B within one second.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, queryRows, type DatabaseHandle } from '../../../platform/db/create-database.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { startSession } from '../identity.sessions.js';

let a: TestContext;
let b: TestContext;
let second: DatabaseHandle;
const CSRF = 'csrf-session-cache-test-token';

beforeAll(async () => {
  a = await createTestApp({ SESSION_CACHE_MS: '500' });
  second = a.database.engine === 'postgres' ? openPostgres(a.database.pool!.options.connectionString!, 5) : a.database;
  b = await createTestApp({ SESSION_CACHE_MS: '500' }, { database: second });
});
afterAll(async () => {
  await b?.app.close();
  if (second && second !== a?.database) await second.close();
  await a?.close();
});

async function sessionOf(email: string) {
  const [user] = await queryRows<{ id: string }>(a.database.db, sql`SELECT id FROM users WHERE email = ${email}`);
  const { token } = await startSession({ db: a.database.db, userId: user!.id, policy: { idleMinutes: 30, absoluteHours: 1 } });
  return { userId: user!.id, headers: { cookie: `opendvc_session=${token}; csrf=${CSRF}`, 'x-csrf-token': CSRF } };
}

/** Polls `check` on node B every 50 ms for up to 3 s; returns the ms until it held. */
async function msUntil(check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < 60; i++) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  return Number.POSITIVE_INFINITY;
}

describe('session checks kept per node', () => {
  it('refuses on node B within 1 s a session signed out on node A', async () => {
    const citizen = await sessionOf('citizen@demo.opendvc.vn');
    const me = (node: TestContext) => node.app.inject({ method: 'GET', url: '/api/v1/me', headers: citizen.headers });
    // Node B has the session check in hand (kept for the next requests).
    expect((await me(b)).json()).toMatchObject({ email: 'citizen@demo.opendvc.vn' });
    expect((await me(b)).json()).toMatchObject({ email: 'citizen@demo.opendvc.vn' });

    const out = await a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: citizen.headers });
    expect(out.statusCode, out.body).toBeLessThan(300);
    // Node A, where the sign-out ran, refuses at once.
    expect((await me(a)).json()).toBeNull();
    const ms = await msUntil(async () => (await me(b)).json() === null);
    expect(ms).toBeLessThanOrEqual(1000);
    const refused = await b.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: citizen.headers });
    expect(refused.statusCode).toBe(401);
  });

  it('refuses on node B within 1 s a role grant removed on node A', async () => {
    const admin = await sessionOf('admin@demo.opendvc.vn');
    const specialist = await sessionOf('specialist@demo.opendvc.vn');
    const [unit] = await queryRows<{ id: string }>(a.database.db, sql`SELECT id FROM agencies WHERE code = '000.00.01.G99'`);
    const added = await a.app.inject({ method: 'POST', url: `/api/v1/admin/officials/${specialist.userId}/grants`, headers: admin.headers, payload: { role: 'ADMINISTRATOR', unitId: unit!.id } });
    expect(added.statusCode, added.body).toBe(201);
    const grantId = (added.json().grants as { id: string; role: string }[]).find((g) => g.role === 'ADMINISTRATOR')!.id;
    const adminPage = () => b.app.inject({ method: 'GET', url: '/api/v1/admin/officials', headers: specialist.headers });
    // The new grant is seen by node B (within the same second), then kept there.
    expect(await msUntil(async () => (await adminPage()).statusCode === 200)).toBeLessThanOrEqual(1000);
    expect((await adminPage()).statusCode).toBe(200);

    const removed = await a.app.inject({ method: 'DELETE', url: `/api/v1/admin/officials/${specialist.userId}/grants/${grantId}`, headers: admin.headers });
    expect(removed.statusCode, removed.body).toBe(200);
    const ms = await msUntil(async () => (await adminPage()).statusCode === 403);
    expect(ms).toBeLessThanOrEqual(1000);
  });

  it('refuses at once on the node where the sign-out ran, even right after a kept check', async () => {
    const citizen = await sessionOf('citizen@demo.opendvc.vn');
    const me = () => b.app.inject({ method: 'GET', url: '/api/v1/me', headers: citizen.headers });
    expect((await me()).json()).not.toBeNull();
    expect((await b.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: citizen.headers })).statusCode).toBeLessThan(300);
    expect((await me()).json()).toBeNull();
  });

  it('keeps the /me answer with the session check: a change on this node shows at once, on node B within 1 s', async () => {
    const citizen = await sessionOf('business@demo.opendvc.vn');
    const me = (node: TestContext) => node.app.inject({ method: 'GET', url: '/api/v1/me', headers: citizen.headers });
    const before = (await me(b)).json().fullName as string;
    expect((await me(b)).json().fullName).toBe(before);
    expect((await me(a)).json().fullName).toBe(before);
    const renamed = `${before} Mới`;
    const changed = await a.app.inject({ method: 'PATCH', url: '/api/v1/me/profile', headers: citizen.headers, payload: { fullName: renamed } });
    expect(changed.statusCode, changed.body).toBe(200);
    // Node A, where the change ran, answers with it at once; node B within the kept time.
    expect((await me(a)).json().fullName).toBe(renamed);
    expect(await msUntil(async () => (await me(b)).json().fullName === renamed)).toBeLessThanOrEqual(1000);
    // The same node's own change: answered at once after the write.
    const back = await b.app.inject({ method: 'PATCH', url: '/api/v1/me/profile', headers: citizen.headers, payload: { fullName: before } });
    expect(back.statusCode, back.body).toBe(200);
    expect((await me(b)).json().fullName).toBe(before);
  });
});
