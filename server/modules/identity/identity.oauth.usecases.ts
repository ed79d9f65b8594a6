/**
 * API clients of other systems and the OAuth 2.0 client-credentials grant (RFC 6749 §4.4).
 * Secrets are random and long, so a SHA-256 hash is enough to store them.
 */
import { timingSafeEqual } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import type { ClientInfo } from './identity.deps.js';
import { createApiClientNotFoundError, createInvalidScopeError } from './identity.errors.js';
import { createRandomToken, hashToken } from './identity.models.js';
import { signAccessToken } from './identity.oauth.keys.js';
import { apiClientsTable, apiScopes, type ApiScope } from './identity.tables.js';

/** An RFC 6749 §5.2 error: the token endpoint answers `{ error, error_description }`. */
export class OAuthError extends Error {
  constructor(readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope', description: string) {
    super(description);
  }

  get status() {
    return this.error === 'invalid_client' ? 401 : 400;
  }
}

export const isApiScope = (s: string): s is ApiScope => (apiScopes as readonly string[]).includes(s);

const presentClient = (row: typeof apiClientsTable.$inferSelect) => ({ clientId: row.id, name: row.name, scopes: row.scopes, status: row.status, createdAt: row.createdAt.toISOString() });

/**
 * Registers an API client; the secret is returned here once and never again.
 *
 * @throws identity.invalid_scope (400) for a scope that does not exist
 */
export async function registerApiClient({ db, name, scopes, actorUserId = null, client = {} }: { db: Database; name: string; scopes: string[]; actorUserId?: string | null; client?: ClientInfo }) {
  const unknown = scopes.filter((s) => !isApiScope(s));
  if (unknown.length > 0 || scopes.length === 0) throw createInvalidScopeError({ message: `Phạm vi truy cập không hợp lệ: ${unknown.join(', ') || '(chưa chọn)'}. Chọn trong: ${apiScopes.join(', ')}.`, details: { unknown, allowed: apiScopes } });
  const secret = createRandomToken();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(apiClientsTable).values({ id: createId('cli'), name: name.trim(), secretHash: hashToken(secret), scopes: [...new Set(scopes)], createdByUserId: actorUserId }).returning();
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'API_CLIENT_REGISTERED', subject: `api_client:${row!.id}`, ip: client.ip, outcome: 'SUCCESS', details: { name: row!.name, scopes: row!.scopes } } });
    return { ...presentClient(row!), clientSecret: secret };
  });
}

/** Every registered client, newest first (never their secrets). */
export async function listApiClients({ db }: { db: DbExecutor }) {
  const rows = await db.select().from(apiClientsTable).orderBy(desc(apiClientsTable.createdAt));
  return rows.map(presentClient);
}

/**
 * Revokes a client: it gets no new token, and the tokens it holds stop working at once (every
 * bearer request checks that its client is active). Revoking again changes nothing.
 *
 * @throws identity.api_client_not_found (404)
 */
export async function revokeApiClient({ db, clientId, actorUserId = null, client = {} }: { db: Database; clientId: string; actorUserId?: string | null; client?: ClientInfo }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiClientsTable).where(eq(apiClientsTable.id, clientId)).for('update');
    if (!row) throw createApiClientNotFoundError({ details: { clientId } });
    if (row.status === 'DISABLED') return presentClient(row);
    const [updated] = await tx.update(apiClientsTable).set({ status: 'DISABLED', updatedAt: new Date() }).where(eq(apiClientsTable.id, clientId)).returning();
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'API_CLIENT_REVOKED', subject: `api_client:${clientId}`, ip: client.ip, outcome: 'SUCCESS', details: { name: row.name } } });
    return presentClient(updated!);
  });
}

/** The active client with that id, or undefined. */
export async function getActiveApiClient({ db, clientId }: { db: DbExecutor; clientId: string }) {
  const [row] = await db.select().from(apiClientsTable).where(eq(apiClientsTable.id, clientId));
  return row?.status === 'ACTIVE' ? row : undefined;
}

function sameHash(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface TokenRequest {
  grantType?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

/**
 * Client-credentials grant: authenticates the client and issues a short-lived signed JWT with
 * the requested scopes (all of the client's when none are asked for). Success and refusals of
 * known clients are audited.
 *
 * @throws OAuthError invalid_request, unsupported_grant_type, invalid_client, invalid_scope
 */
export async function issueClientToken({ db, issuer, ttlSeconds, request, client = {} }: { db: Database; issuer: string; ttlSeconds: number; request: TokenRequest; client?: ClientInfo }) {
  if (!request.grantType) throw new OAuthError('invalid_request', 'Thiếu grant_type.');
  if (request.grantType !== 'client_credentials') throw new OAuthError('unsupported_grant_type', 'Chỉ hỗ trợ grant_type=client_credentials.');
  if (!request.clientId || !request.clientSecret) throw new OAuthError('invalid_client', 'Thiếu thông tin xác thực ứng dụng.');
  const row = await getActiveApiClient({ db, clientId: request.clientId });
  const audit = (outcome: 'SUCCESS' | 'DENIED', details: Record<string, unknown>) =>
    recordAuditEvent({ db, event: { action: outcome === 'SUCCESS' ? 'TOKEN_ISSUED' : 'TOKEN_REFUSED', subject: `api_client:${request.clientId}`, ip: client.ip, outcome, details } });
  if (!row || !sameHash(row.secretHash, hashToken(request.clientSecret))) {
    if (row) await audit('DENIED', { reason: 'invalid_client' });
    throw new OAuthError('invalid_client', 'Xác thực ứng dụng không thành công.');
  }
  const requested = request.scope?.split(' ').filter(Boolean) ?? [];
  const refused = requested.filter((s) => !row.scopes.includes(s));
  if (refused.length > 0) {
    await audit('DENIED', { reason: 'invalid_scope', refused });
    throw new OAuthError('invalid_scope', `Ứng dụng không được cấp phạm vi: ${refused.join(', ')}.`);
  }
  const scopes = requested.length > 0 ? [...new Set(requested)] : row.scopes;
  const { jwt, kid } = await signAccessToken({ db, issuer, ttlSeconds, claims: { clientId: row.id, scopes } });
  await audit('SUCCESS', { scopes, kid });
  return { access_token: jwt, token_type: 'Bearer' as const, expires_in: ttlSeconds, scope: scopes.join(' ') };
}
