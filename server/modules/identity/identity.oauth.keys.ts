/**
 * Signing keys for API access tokens (ES256), stored in the database so that every node signs
 * and verifies with the same keys. `rotateSigningKey` starts a new key and retires the current
 * one; a retired key stays published and accepted until the tokens it signed have expired.
 * Private keys are stored sealed under `SECRETS_KEY` (docs/adr/0020-secrets-at-rest.md).
 */
import { desc, gt, isNull, or } from 'drizzle-orm';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { openSecretJson, sealSecretJson } from '../../platform/secrets/index.js';
import { signingKeyContext } from './identity.secrets.js';
import { signingKeysTable } from './identity.tables.js';

const ALGORITHM = 'ES256';
export const ACCESS_TOKEN_TYPE = 'at+jwt';

type KeyRow = typeof signingKeysTable.$inferSelect;

async function createKey(db: DbExecutor): Promise<KeyRow> {
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = createId('key');
  const [row] = await db.insert(signingKeysTable).values({
    kid,
    algorithm: ALGORITHM,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' },
    // Sealed under SECRETS_KEY: a copy of the database alone does not reveal it.
    privateJwk: sealSecretJson({ ...(await exportJWK(privateKey)), kid, alg: ALGORITHM }, signingKeyContext(kid)),
  }).returning();
  return row!;
}

/** The key that signs now; made on first use. */
async function activeKey(db: DbExecutor): Promise<KeyRow> {
  const [row] = await db.select().from(signingKeysTable).where(isNull(signingKeysTable.retiredAt)).orderBy(desc(signingKeysTable.createdAt)).limit(1);
  return row ?? createKey(db);
}

/** Keys whose tokens may still be alive: the active ones and those retired less than a token lifetime ago. */
async function verificationKeys(db: DbExecutor, tokenTtlSeconds: number, now = new Date()): Promise<KeyRow[]> {
  const since = new Date(now.getTime() - tokenTtlSeconds * 1000);
  return db.select().from(signingKeysTable).where(or(isNull(signingKeysTable.retiredAt), gt(signingKeysTable.retiredAt, since))).orderBy(desc(signingKeysTable.createdAt));
}

/** Starts a new signing key and retires the others; returns the new kid. */
export async function rotateSigningKey({ db, now = new Date() }: { db: DbExecutor; now?: Date }): Promise<{ kid: string; retired: string[] }> {
  const retired = await db.update(signingKeysTable).set({ retiredAt: now }).where(isNull(signingKeysTable.retiredAt)).returning({ kid: signingKeysTable.kid });
  const key = await createKey(db);
  return { kid: key.kid, retired: retired.map((r) => r.kid) };
}

/** The public keys as a JSON Web Key Set. */
export async function publicJwks({ db, tokenTtlSeconds }: { db: DbExecutor; tokenTtlSeconds: number }): Promise<{ keys: JWK[] }> {
  let rows = await verificationKeys(db, tokenTtlSeconds);
  if (rows.length === 0) rows = [await activeKey(db)];
  return { keys: rows.map((r) => r.publicJwk as JWK) };
}

export interface AccessTokenClaims {
  clientId: string;
  scopes: string[];
}

/** Signs a client-credentials access token. */
export async function signAccessToken({ db, issuer, ttlSeconds, claims }: { db: DbExecutor; issuer: string; ttlSeconds: number; claims: AccessTokenClaims }) {
  const key = await activeKey(db);
  const privateKey = await importJWK(openSecretJson<JWK>(key.privateJwk, signingKeyContext(key.kid)), ALGORITHM);
  const jwt = await new SignJWT({ scope: claims.scopes.join(' '), client_id: claims.clientId })
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(issuer)
    .setAudience(issuer)
    .setSubject(claims.clientId)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(createId('jti'))
    .sign(privateKey);
  return { jwt, kid: key.kid };
}

/** The claims of a valid access token signed by one of our live keys, or undefined. */
export async function verifyAccessToken({ db, issuer, tokenTtlSeconds, token }: { db: DbExecutor; issuer: string; tokenTtlSeconds: number; token: string }): Promise<AccessTokenClaims | undefined> {
  const keys = await verificationKeys(db, tokenTtlSeconds);
  try {
    const { payload } = await jwtVerify(token, async (header) => {
      const key = keys.find((k) => k.kid === header.kid);
      if (!key) throw new Error('unknown key');
      return importJWK(key.publicJwk as JWK, ALGORITHM);
    }, { issuer, audience: issuer, algorithms: [ALGORITHM], typ: ACCESS_TOKEN_TYPE });
    if (typeof payload.sub !== 'string' || typeof payload.scope !== 'string') return undefined;
    return { clientId: payload.sub, scopes: payload.scope.split(' ').filter(Boolean) };
  } catch {
    return undefined;
  }
}
