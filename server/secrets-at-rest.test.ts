/**
 * Secrets at rest (docs/adr/0020-secrets-at-rest.md), on PGlite and on PostgreSQL
 * (`npm run test:pg -- server/secrets-at-rest.test.ts`): an official's TOTP secret, the private
 * key that signs API tokens and a webhook subscription's secret appear nowhere in clear in the
 * database — neither in their rows nor in a full text dump of every table — while sign-in with a
 * TOTP code, access tokens and webhook signatures keep working; values stored in clear by an
 * earlier version are sealed; a key rotation re-wraps everything, after which the old key alone
 * opens nothing and everything still works.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSecretColumns } from './composition.js';
import { queryRows } from './platform/db/create-database.js';
import { createKeyring, open, parseSecretKey, SecretDecryptionError, type SecretKey } from './platform/secrets/envelope.js';
import { configureSecrets, DEVELOPMENT_SECRETS_KEY, encryptExistingSecrets, openSecret, rewrapSecrets, secretsStatus } from './platform/secrets/index.js';
import { createHttpClient } from './test/http-client.js';
import { createTestApp, type TestContext } from './test/test-app.js';
import { createOfficial } from './modules/identity/identity.admin.usecases.js';
import { registerApiClient } from './modules/identity/identity.oauth.usecases.js';
import { createIdentityRepository } from './modules/identity/identity.repository.js';
import { currentTotpCode } from './modules/identity/identity.totp.js';
import { signingKeysTable, totpCredentialsTable } from './modules/identity/index.js';
import { createWebhookSender, webhookSubscriptionsTable } from './modules/webhooks/index.js';
import { createSubscription, sendTestEvent } from './modules/webhooks/webhooks.usecases.js';
import { startSubscriber, type Subscriber } from './modules/webhooks/e2e/subscriber.fixtures.js';

const key1 = randomBytes(32).toString('base64');
const key2 = randomBytes(32).toString('base64');
const kek = (text: string) => parseSecretKey(text) as SecretKey;
const PASSWORD = 'Secrets-at-rest-2026!';

let ctx: TestContext;
let sub: Subscriber;
let adminId: string;
const official = { email: `secrets-${randomBytes(3).toString('hex')}@test.opendvc.vn`, userId: '', totpSecret: '' };
const legacy = { email: `legacy-${randomBytes(3).toString('hex')}@test.opendvc.vn`, userId: '', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' };
let client: { clientId: string; clientSecret: string };
let webhook: { id: string; secret: string };

beforeAll(async () => {
  // The template database was seeded under the published development key: it stays readable as a previous key.
  ctx = await createTestApp({ SECRETS_KEY: key1, SECRETS_KEY_PREVIOUS: DEVELOPMENT_SECRETS_KEY, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  sub = await startSubscriber();
  adminId = (await createIdentityRepository({ db: ctx.database.db }).getUserByEmail('admin@demo.opendvc.vn'))!.id;
  // Copying the template and building the app take long on a loaded machine.
}, 300_000);
afterAll(async () => {
  await sub?.close();
  await ctx?.close();
});

const send = () => createWebhookSender({ timeoutMs: 5000, allowedHosts: ['127.0.0.1'] });

/** A sign-in with password and a fresh TOTP code (the last accepted step is cleared: a code is accepted once). */
async function signInWithTotp(email: string, userId: string, secret: string) {
  await ctx.database.db.update(totpCredentialsTable).set({ lastUsedStep: null }).where(eq(totpCredentialsTable.userId, userId));
  const res = await createHttpClient(ctx.app).login(email, PASSWORD, await currentTotpCode(secret));
  expect(res.statusCode, res.body).toBe(200);
  const wrong = await createHttpClient(ctx.app).login(email, PASSWORD, '000000');
  expect(wrong.statusCode).not.toBe(200);
}

async function issueAndVerifyToken() {
  const res = await ctx.app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret } });
  expect(res.statusCode, res.body).toBe(200);
  const who = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/client', headers: { authorization: `Bearer ${res.json().access_token}` } });
  expect(who.statusCode, who.body).toBe(200);
  expect(who.json().clientId).toBe(client.clientId);
}

async function webhookSignsAndVerifies() {
  const before = sub.received.length;
  sub.secrets = [webhook.secret];
  const result = await sendTestEvent({ db: ctx.database.db, id: webhook.id, send: send(), actor: { userId: adminId, ip: '127.0.0.1' } });
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  // The subscriber verified the signature with the secret shown at registration.
  expect(sub.received.length).toBe(before + 1);
  expect(sub.rejected).toBe(0);
}

/** Every row of every table (the job schema included) as text, as a dump would show them. */
async function dumpEverything(): Promise<string> {
  const tables = await queryRows<{ schema: string; name: string }>(ctx.database.db, sql`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`);
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['totp_credentials', 'signing_keys', 'webhook_subscriptions']));
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await queryRows<{ row: string }>(ctx.database.db, sql`SELECT t::text AS row FROM ${sql.identifier(t.schema)}.${sql.identifier(t.name)} t`);
    parts.push(`-- ${t.schema}.${t.name}`, ...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

const privateD = async () => {
  const rows = await ctx.database.db.select().from(signingKeysTable);
  expect(rows.length).toBeGreaterThan(0);
  return rows.map((r) => (JSON.parse(openSecret(r.privateJwk as string, `signing_keys:${r.kid}`)) as JWK).d!);
};

describe('secrets at rest', { timeout: 120_000 }, () => {
  it('stores an official\'s TOTP secret, the token-signing key and a webhook secret sealed, and they still work', async () => {
    const { user, totpSecret } = await createOfficial({ db: ctx.database.db, config: ctx.config, input: { email: official.email, password: PASSWORD, unitCode: '000.00.01.G99', role: 'ONE_STOP_OFFICER' } });
    Object.assign(official, { userId: user.id, totpSecret });
    client = await registerApiClient({ db: ctx.database.db, name: 'Hệ thống kiểm tra khóa', scopes: ['procedures:read'] });
    await issueAndVerifyToken();
    const created = await createSubscription({ db: ctx.database.db, config: ctx.config, input: { url: sub.url, eventTypes: ['dossier.status_changed'] }, actor: { userId: adminId, ip: '127.0.0.1' } });
    webhook = { id: created.id, secret: created.secret };

    const [totpRow] = await queryRows<{ secret: string; pending_secret: string | null }>(ctx.database.db, sql`SELECT secret, pending_secret FROM totp_credentials WHERE user_id = ${user.id}`);
    expect(totpRow!.secret).toMatch(/^v1:[A-Za-z0-9_-]+:/);
    const [hookRow] = await queryRows<{ secret: string }>(ctx.database.db, sql`SELECT secret FROM webhook_subscriptions WHERE id = ${webhook.id}`);
    expect(hookRow!.secret).toMatch(/^v1:/);
    const keyRows = await queryRows<{ private_jwk: string }>(ctx.database.db, sql`SELECT private_jwk::text FROM signing_keys`);
    for (const r of keyRows) expect(r.private_jwk).toMatch(/^"v1:/);

    const dump = await dumpEverything();
    const ds = await privateD();
    for (const secret of [totpSecret, webhook.secret, webhook.secret.replace(/^whsec_/, ''), ...ds]) expect(dump).not.toContain(secret);
    expect(dump).not.toMatch(/"d"\s*:/);

    await signInWithTotp(official.email, official.userId, totpSecret);
    await webhookSignsAndVerifies();
  });

  it('seals values stored in clear by an earlier version, once, even with two nodes sweeping at once', async () => {
    const { user } = await createOfficial({ db: ctx.database.db, config: ctx.config, input: { email: legacy.email, password: PASSWORD, unitCode: '000.00.01.G99', role: 'ONE_STOP_OFFICER' } });
    legacy.userId = user.id;
    // As an earlier version wrote them: in clear.
    await ctx.database.db.update(totpCredentialsTable).set({ secret: legacy.totpSecret }).where(eq(totpCredentialsTable.userId, user.id));
    await ctx.database.db.update(webhookSubscriptionsTable).set({ previousSecret: webhook.secret, previousSecretUntil: new Date(Date.now() + 3_600_000) }).where(eq(webhookSubscriptionsTable.id, webhook.id));
    const [clearKey] = await ctx.database.db.select().from(signingKeysTable).limit(1);
    const clearJwk = JSON.parse(openSecret(clearKey!.privateJwk as string, `signing_keys:${clearKey!.kid}`)) as Record<string, unknown>;
    await ctx.database.db.update(signingKeysTable).set({ privateJwk: clearJwk }).where(eq(signingKeysTable.kid, clearKey!.kid));
    const clearBefore = (await secretsStatus({ db: ctx.database.db, columns: allSecretColumns })).reduce((n, s) => n + s.clear, 0);
    expect(clearBefore).toBe(3);
    // Clear values keep working until they are sealed.
    await signInWithTotp(legacy.email, legacy.userId, legacy.totpSecret);
    await issueAndVerifyToken();

    const [a, b] = await Promise.all([encryptExistingSecrets({ db: ctx.database.db, columns: allSecretColumns, batchSize: 2 }), encryptExistingSecrets({ db: ctx.database.db, columns: allSecretColumns, batchSize: 2 })]);
    const sealedCount = [...a!, ...b!].reduce((n, r) => n + r.updated, 0);
    expect(sealedCount).toBe(3);
    const status = await secretsStatus({ db: ctx.database.db, columns: allSecretColumns });
    expect(status.every((s) => s.clear === 0)).toBe(true);
    expect((await encryptExistingSecrets({ db: ctx.database.db, columns: allSecretColumns })).every((r) => r.updated === 0)).toBe(true);

    const dump = await dumpEverything();
    for (const secret of [legacy.totpSecret, webhook.secret, String(clearJwk.d)]) expect(dump).not.toContain(secret);
    await signInWithTotp(legacy.email, legacy.userId, legacy.totpSecret);
    await issueAndVerifyToken();
    await webhookSignsAndVerifies();
  });

  it('rotation re-wraps every value under the new key; then the old key alone opens nothing and everything still works', async () => {
    const sealedBefore = await queryRows<{ secret: string }>(ctx.database.db, sql`SELECT secret FROM totp_credentials WHERE user_id = ${official.userId}`);
    configureSecrets({ ...ctx.config, secretsKey: key2, secretsKeyPrevious: [key1, DEVELOPMENT_SECRETS_KEY] });
    const reports = await rewrapSecrets({ db: ctx.database.db, columns: allSecretColumns, batchSize: 3 });
    expect(reports.reduce((n, r) => n + r.updated, 0)).toBeGreaterThanOrEqual(4);
    // Resumable and idempotent: a second run has nothing left.
    expect((await rewrapSecrets({ db: ctx.database.db, columns: allSecretColumns })).every((r) => r.updated === 0)).toBe(true);
    const status = await secretsStatus({ db: ctx.database.db, columns: allSecretColumns });
    for (const s of status) {
      expect(s.clear, s.column).toBe(0);
      expect(Object.keys(s.sealed).filter((kid) => kid !== kek(key2).kid), s.column).toEqual([]);
    }

    // The new key alone from now on.
    configureSecrets({ ...ctx.config, secretsKey: key2, secretsKeyPrevious: [] });
    await signInWithTotp(official.email, official.userId, official.totpSecret);
    await signInWithTotp(legacy.email, legacy.userId, legacy.totpSecret);
    await issueAndVerifyToken();
    await webhookSignsAndVerifies();

    // The old key alone opens none of the values any more, nor would it open the old copy with the new key.
    const oldOnly = createKeyring(kek(key1));
    const [totpRow] = await queryRows<{ secret: string }>(ctx.database.db, sql`SELECT secret FROM totp_credentials WHERE user_id = ${official.userId}`);
    expect(totpRow!.secret).not.toBe(sealedBefore[0]!.secret);
    expect(() => open(oldOnly, totpRow!.secret, `totp_credentials:${official.userId}`)).toThrow(SecretDecryptionError);
    for (const c of allSecretColumns) {
      const rows = (await ctx.database.db.select({ id: c.id, value: c.column }).from(c.table)) as { id: string; value: unknown }[];
      for (const r of rows.filter((x) => x.value !== null)) {
        expect(() => open(oldOnly, r.value as string, c.context(r.id)), `${c.name} ${r.id}`).toThrow(SecretDecryptionError);
      }
    }
    // Nor does a node started with the wrong key: sign-in fails rather than accepting any code.
    configureSecrets({ ...ctx.config, secretsKey: key1, secretsKeyPrevious: [] });
    await ctx.database.db.update(totpCredentialsTable).set({ lastUsedStep: null }).where(eq(totpCredentialsTable.userId, official.userId));
    const refused = await createHttpClient(ctx.app).login(official.email, PASSWORD, await currentTotpCode(official.totpSecret));
    expect(refused.statusCode).not.toBe(200);
    configureSecrets({ ...ctx.config, secretsKey: key2, secretsKeyPrevious: [] });
  });
});
