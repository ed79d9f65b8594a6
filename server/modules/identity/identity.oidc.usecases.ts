/**
 * National single sign-on (OpenID Connect authorization code + PKCE, `openid-client`).
 * State, nonce and the PKCE verifier are kept server-side under the hash of a random value in a
 * short-lived cookie. The account is found or created on the verified personal ID number
 * claim, never on e-mail (the national portal may hand out synthetic addresses).
 */
import { eq, lt } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { unitAddressFromNames, type UnitAddress } from '../../../common/administrative-units/index.js';
import { addressText } from '../../../common/forms/address-shape.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { uniqueViolation } from '../../platform/db/db-errors.js';
import type { ClientInfo } from './identity.deps.js';
import { createOidcDisabledError, createOidcFailedError, createOidcIdUnverifiedError } from './identity.errors.js';
import { createRandomToken, hashToken, isValidPersonalIdNumber } from './identity.models.js';
import { createIdentityRepository } from './identity.repository.js';
import { applyNationalOrganisationClaim } from './identity.organisation-claims.usecases.js';
import { startSession } from './identity.sessions.js';
import { applicantProfilesTable, oidcLoginStatesTable } from './identity.tables.js';

export const OIDC_STATE_MINUTES = 10;
export const oidcRedirectUri = (config: Config) => new URL('/api/v1/auth/oidc/callback', config.publicUrl).toString();

/** One discovered provider configuration per process, fetched on first use. */
const discovered = new Map<string, Promise<oidc.Configuration>>();

function providerConfiguration(config: Config): Promise<oidc.Configuration> {
  const { oidcIssuerUrl: issuer, oidcClientId: clientId, oidcClientSecret: secret } = config;
  if (!issuer || !clientId || !secret) throw createOidcDisabledError();
  const key = `${issuer} ${clientId}`;
  let found = discovered.get(key);
  if (!found) {
    // Plain http only for a provider on this machine outside production (tests, development).
    const local = new URL(issuer).protocol === 'http:' && config.nodeEnv !== 'production';
    found = oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(secret), local ? { execute: [oidc.allowInsecureRequests] } : undefined);
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found.catch((cause) => {
    throw createOidcFailedError({ details: { step: 'discovery' }, cause });
  });
}

/**
 * Starts a national sign-in: returns the provider URL to redirect to and the cookie value that
 * finds the saved state at the callback.
 *
 * @throws auth.oidc_disabled (404), auth.oidc_failed (502) when the provider cannot be reached
 */
export async function startOidcSignIn({ db, config, now = new Date() }: { db: Database; config: Config; now?: Date }) {
  const provider = await providerConfiguration(config);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const cookie = createRandomToken();
  await db.delete(oidcLoginStatesTable).where(lt(oidcLoginStatesTable.expiresAt, now));
  await db.insert(oidcLoginStatesTable).values({ id: hashToken(cookie), state, nonce, codeVerifier, expiresAt: new Date(now.getTime() + OIDC_STATE_MINUTES * 60_000) });
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: oidcRedirectUri(config),
    scope: config.oidcScope,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(config.oidcAcrValues ? { acr_values: config.oidcAcrValues } : {}),
  });
  return { redirectTo: url.toString(), cookie };
}

type Claims = Record<string, unknown>;

/** The verified personal ID number in the claims, or why there is none. */
export function verifiedIdNumber(claims: Claims, config: Pick<Config, 'oidcIdNumberClaim' | 'oidcIdVerifiedClaim' | 'oidcAcrValues'>): { idNumber: string } | { problem: 'missing' | 'invalid' | 'unverified' } {
  const raw = claims[config.oidcIdNumberClaim];
  if (raw === undefined || raw === null || raw === '') return { problem: 'missing' };
  const idNumber = String(raw).trim();
  if (!isValidPersonalIdNumber(idNumber)) return { problem: 'invalid' };
  const flag = claims[config.oidcIdVerifiedClaim];
  const levels = config.oidcAcrValues?.split(' ').filter(Boolean) ?? [];
  const verified = flag === true || flag === 'true' || (typeof flag === 'string' && levels.includes(flag));
  return verified ? { idNumber } : { problem: 'unverified' };
}

/**
 * Completes a national sign-in: checks state, nonce and PKCE, exchanges the code, reads the
 * verified ID number, then links the applicant account holding that number or creates one,
 * and opens a session.
 *
 * @throws auth.oidc_failed (400/502: unknown or expired state, refused exchange), auth.oidc_id_unverified (403)
 */
export async function completeOidcSignIn({ db, config, cookie, callbackUrl, client = {}, now = new Date() }: {
  db: Database; config: Config; cookie: string | undefined; callbackUrl: URL; client?: ClientInfo; now?: Date;
}) {
  const provider = await providerConfiguration(config);
  if (!cookie) throw createOidcFailedError({ status: 400, details: { step: 'state' } });
  const [saved] = await db.delete(oidcLoginStatesTable).where(eq(oidcLoginStatesTable.id, hashToken(cookie))).returning();
  if (!saved || saved.expiresAt.getTime() < now.getTime()) throw createOidcFailedError({ status: 400, details: { step: 'state' } });

  let claims: Claims;
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, { pkceCodeVerifier: saved.codeVerifier, expectedState: saved.state, expectedNonce: saved.nonce, idTokenExpected: true });
    const idClaims = tokens.claims()!;
    claims = { ...idClaims };
    if (claims[config.oidcIdNumberClaim] === undefined && provider.serverMetadata().userinfo_endpoint) {
      claims = { ...(await oidc.fetchUserInfo(provider, tokens.access_token, idClaims.sub)), ...idClaims };
    }
  } catch (cause) {
    await recordAuditEvent({ db, event: { action: 'NATIONAL_LOGIN_FAILED', ip: client.ip, outcome: 'FAILURE', details: { step: 'exchange', error: (cause as Error).message?.slice(0, 200) } } });
    throw createOidcFailedError({ status: 400, details: { step: 'exchange' }, cause });
  }

  const found = verifiedIdNumber(claims, config);
  if ('problem' in found) {
    await recordAuditEvent({ db, event: { action: 'NATIONAL_LOGIN_REFUSED', ip: client.ip, outcome: 'DENIED', details: { reason: found.problem, sub: String(claims.sub) } } });
    throw createOidcIdUnverifiedError({ details: { reason: found.problem, claim: config.oidcIdNumberClaim } });
  }
  // Two first sign-ins at once: the loser of the unique ID number finds the winner's account.
  const { userId, created } = await linkOrCreateApplicant({ db, idNumber: found.idNumber, claims, now }).catch((e: unknown) => {
    if (uniqueViolation(e) === undefined) throw e;
    return linkOrCreateApplicant({ db, idNumber: found.idNumber, claims, now });
  });
  // An organisation account: its tax code claim proves the organisation, and the person owns it.
  await applyNationalOrganisationClaim({ db, userId, taxCode: claims[config.oidcOrgTaxCodeClaim], name: claims[config.oidcOrgNameClaim], now });
  const { token } = await startSession({ db, userId, policy: { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours }, ip: client.ip, userAgent: client.userAgent, now });
  await recordAuditEvent({ db, event: { actorUserId: userId, action: 'LOGIN_SUCCEEDED', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS', details: { method: 'national_sso', accountCreated: created, issuer: config.oidcIssuerUrl } } });
  return { userId, token, created };
}

/**
 * The applicant whose ID number was proven before, or a new one. A number that someone merely
 * typed into a profile proves nothing: linking to it would let anyone who types another
 * person's number share that person's account. Such a number is released from the typed-in
 * profile (audited) and the verified person gets an account of their own.
 */
async function linkOrCreateApplicant({ db, idNumber, claims, now }: { db: Database; idNumber: string; claims: Claims; now: Date }) {
  return db.transaction(async (tx) => {
    // Typed-in numbers are not unique: several profiles may hold this one, at most one verified.
    const holders = await tx.select().from(applicantProfilesTable).where(eq(applicantProfilesTable.personalIdNumber, idNumber)).for('update');
    const verified = holders.find((p) => p.personalIdVerifiedAt);
    if (verified) {
      // The identity's address fills a profile that has none; an address the citizen gave stays.
      const fromIdentity = verified.address || verified.addressUnits ? {} : addressFromClaims(claims) ?? {};
      await tx.update(applicantProfilesTable).set({ personalIdVerifiedAt: now, ...fromIdentity, updatedAt: now }).where(eq(applicantProfilesTable.userId, verified.userId));
      return { userId: verified.userId, created: false };
    }
    for (const profile of holders) {
      await tx.update(applicantProfilesTable).set({ personalIdNumber: null, updatedAt: now }).where(eq(applicantProfilesTable.userId, profile.userId));
      await recordAuditEvent({ db: tx, event: { actorUserId: null, action: 'ID_NUMBER_RELEASED', subject: `user:${profile.userId}`, outcome: 'SUCCESS', details: { reason: 'claimed by a verified national sign-in' } } });
    }
    const repo = createIdentityRepository({ db: tx });
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : 'Công dân';
    // No e-mail or phone: they are not verified here and must not collide with other accounts.
    const user = await repo.createUser({ kind: 'APPLICANT', fullName: name, passwordHash: null });
    const birthdate = typeof claims.birthdate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(claims.birthdate) ? claims.birthdate : null;
    await tx.insert(applicantProfilesTable).values({ userId: user.id, personalIdNumber: idNumber, personalIdVerifiedAt: now, dateOfBirth: birthdate, ...addressFromClaims(claims) });
    await recordAuditEvent({ db: tx, event: { actorUserId: user.id, action: 'ACCOUNT_CREATED', subject: `user:${user.id}`, outcome: 'SUCCESS', details: { method: 'national_sso' } } });
    return { userId: user.id, created: true };
  });
}

const claimText = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 300) : undefined);

/**
 * The profile's address from the identity's `address` claim (OpenID Connect's address object:
 * `region` the province or city, `locality` the commune, ward or special zone, `street_address`
 * the street line, `formatted` the whole): by units of the list when both names match one unit
 * each, else the formatted text as free text. Undefined when the identity carries no address.
 */
export function addressFromClaims(claims: Claims): { address: string; addressUnits: UnitAddress | null } | undefined {
  const claim: unknown = claims.address;
  if (typeof claim !== 'object' || claim === null || Array.isArray(claim)) return undefined;
  const a = claim as Record<string, unknown>;
  const detail = claimText(a.street_address);
  const units = unitAddressFromNames({ province: claimText(a.region), commune: claimText(a.locality), ...(detail ? { detail } : {}) });
  if (units) return { address: addressText(units), addressUnits: units };
  const formatted = claimText(a.formatted) ?? [detail, claimText(a.locality), claimText(a.region)].filter(Boolean).join(', ');
  return formatted ? { address: formatted, addressUnits: null } : undefined;
}
