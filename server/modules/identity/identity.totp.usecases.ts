/** Second factor for officials: TOTP enrolment, confirmation, recovery codes, and checking a code at sign-in. */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { openSecret, sealSecret } from '../../platform/secrets/index.js';
import type { ClientInfo } from './identity.deps.js';
import { createOtpInvalidError, createTotpNotPendingError } from './identity.errors.js';
import { createRecoveryCodes, hashToken, normalizeRecoveryCode } from './identity.models.js';
import { totpSecretContext } from './identity.secrets.js';
import { totpCredentialsTable } from './identity.tables.js';
import { createTotpSecret, totpUri, verifyTotpCode } from './identity.totp.js';

export async function getTotpCredential({ db, userId }: { db: DbExecutor; userId: string }) {
  const [row] = await db.select().from(totpCredentialsTable).where(eq(totpCredentialsTable.userId, userId));
  return row;
}

/**
 * Checks a TOTP code or a recovery code for a user with TOTP enabled and consumes it: a TOTP
 * time step is accepted once, a recovery code is removed. Returns how the user passed, or undefined.
 */
export async function consumeSecondFactor({ db, userId, code }: { db: DbExecutor; userId: string; code: string }): Promise<'totp' | 'recovery_code' | undefined> {
  const credential = await getTotpCredential({ db, userId });
  if (!credential?.secret || !credential.enabledAt) return undefined;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = await verifyTotpCode({ secret: openSecret(credential.secret, totpSecretContext(userId)), code: trimmed, afterTimeStep: credential.lastUsedStep });
    if (step === undefined) return undefined;
    // Conditional update: two requests racing with the same code cannot both pass.
    const updated = await db
      .update(totpCredentialsTable)
      .set({ lastUsedStep: step })
      .where(and(eq(totpCredentialsTable.userId, userId), or(isNull(totpCredentialsTable.lastUsedStep), lt(totpCredentialsTable.lastUsedStep, step))))
      .returning({ userId: totpCredentialsTable.userId });
    return updated.length > 0 ? 'totp' : undefined;
  }
  const hash = hashToken(normalizeRecoveryCode(trimmed));
  const updated = await db
    .update(totpCredentialsTable)
    .set({ recoveryCodeHashes: sql`array_remove(${totpCredentialsTable.recoveryCodeHashes}, ${hash})` })
    .where(and(eq(totpCredentialsTable.userId, userId), sql`${hash} = ANY(${totpCredentialsTable.recoveryCodeHashes})`))
    .returning({ userId: totpCredentialsTable.userId });
  return updated.length > 0 ? 'recovery_code' : undefined;
}

/** Turns TOTP on with a known secret (CLI and demo seed); returns fresh recovery codes. */
export async function enableTotpWithSecret({ db, userId, secret = createTotpSecret() }: { db: DbExecutor; userId: string; secret?: string }) {
  const recoveryCodes = createRecoveryCodes();
  const values = { secret: sealSecret(secret, totpSecretContext(userId)), pendingSecret: null, enabledAt: new Date(), lastUsedStep: null, recoveryCodeHashes: recoveryCodes.map(hashToken), updatedAt: new Date() };
  await db.insert(totpCredentialsTable).values({ userId, ...values }).onConflictDoUpdate({ target: totpCredentialsTable.userId, set: values });
  return { secret, recoveryCodes };
}

/** Offers a new secret to confirm with a code; the current one keeps working until then. */
export async function startTotpEnrolment({ db, userId, account }: { db: DbExecutor; userId: string; account: string }) {
  const secret = createTotpSecret();
  const pendingSecret = sealSecret(secret, totpSecretContext(userId));
  await db
    .insert(totpCredentialsTable)
    .values({ userId, pendingSecret })
    .onConflictDoUpdate({ target: totpCredentialsTable.userId, set: { pendingSecret, updatedAt: new Date() } });
  return { secret, otpauthUri: totpUri({ secret, account }) };
}

/**
 * Confirms the pending secret with a code from the app; it replaces any previous secret.
 *
 * @throws auth.totp_not_pending when no enrolment was started; auth.otp_invalid for a wrong code.
 */
export async function confirmTotpEnrolment({ db, userId, code, client }: { db: DbExecutor; userId: string; code: string; client: ClientInfo }) {
  const credential = await getTotpCredential({ db, userId });
  if (!credential?.pendingSecret) throw createTotpNotPendingError();
  const step = await verifyTotpCode({ secret: openSecret(credential.pendingSecret, totpSecretContext(userId)), code });
  if (step === undefined) throw createOtpInvalidError();
  const recoveryCodes = createRecoveryCodes();
  await db.update(totpCredentialsTable).set({
    secret: credential.pendingSecret, pendingSecret: null, enabledAt: new Date(), lastUsedStep: step, recoveryCodeHashes: recoveryCodes.map(hashToken), updatedAt: new Date(),
  }).where(eq(totpCredentialsTable.userId, userId));
  await recordAuditEvent({ db, event: { actorUserId: userId, action: 'TOTP_ENABLED', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS' } });
  return { recoveryCodes };
}

/**
 * Replaces the recovery codes after checking a current code.
 *
 * @throws auth.otp_invalid when the code is wrong or TOTP is not enabled.
 */
export async function regenerateRecoveryCodes({ db, userId, code, client }: { db: DbExecutor; userId: string; code: string; client: ClientInfo }) {
  if ((await consumeSecondFactor({ db, userId, code })) !== 'totp') throw createOtpInvalidError();
  const recoveryCodes = createRecoveryCodes();
  await db.update(totpCredentialsTable).set({ recoveryCodeHashes: recoveryCodes.map(hashToken), updatedAt: new Date() }).where(eq(totpCredentialsTable.userId, userId));
  await recordAuditEvent({ db, event: { actorUserId: userId, action: 'RECOVERY_CODES_REGENERATED', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS' } });
  return { recoveryCodes };
}
