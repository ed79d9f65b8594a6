/**
 * Changes to one's own credentials that a session alone must not allow: they need the current
 * password (or, where said, a current second-factor code). Failed confirmations count towards the
 * sign-in throttle, so a stolen session cannot be used to guess the password.
 */
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { ClientInfo, IdentityDeps } from './identity.deps.js';
import { createCurrentCredentialsInvalidError, createPasswordUnchangedError, createUnauthenticatedError } from './identity.errors.js';
import { isThrottled } from './identity.models.js';
import { hashPassword, verifyPassword } from './identity.passwords.js';
import { createIdentityRepository } from './identity.repository.js';
import { revokeOtherSessions } from './identity.sessions.js';
import { registerAccountFailure } from './identity.throttle.js';
import { consumeSecondFactor } from './identity.totp.usecases.js';

type Deps = Pick<IdentityDeps, 'db' | 'config'>;

/**
 * Checks the signed-in user's current password, or a current TOTP or recovery code (consumed),
 * and returns which one passed. A temporary password that has expired does not pass, nor does any
 * password while the account's sign-in is throttled.
 *
 * @throws auth.current_credentials_invalid (403), naming `fields.password` or `fields.code`.
 */
export async function confirmCurrentCredentials({ db, config, userId, password, code, client, fields = { password: 'body.password', code: 'body.code' } }: Deps & {
  userId: string; password?: string; code?: string; client: ClientInfo; fields?: { password: string; code: string };
}): Promise<'password' | 'totp' | 'recovery_code'> {
  const now = new Date();
  const user = await createIdentityRepository({ db }).getUserById(userId);
  if (!user) throw createUnauthenticatedError();
  if (code) {
    const used = await consumeSecondFactor({ db, userId, code });
    if (used) return used;
  } else if (password && user.passwordHash && !isThrottled(user.lockedUntil, now)) {
    const temporaryExpired = !!user.temporaryPasswordExpiresAt && user.temporaryPasswordExpiresAt <= now;
    if ((await verifyPassword(user.passwordHash, password)) && !temporaryExpired) return 'password';
  }
  await registerAccountFailure({ db, config, userId, reason: code ? 'reauthentication_wrong_code' : 'reauthentication_wrong_password', client, now });
  const error = createCurrentCredentialsInvalidError();
  throw createCurrentCredentialsInvalidError({ errors: [{ path: code ? fields.code : fields.password, message: error.message }] });
}

/**
 * Sets a new password for the signed-in user after checking the current one. Voids outstanding
 * reset links and a temporary password's status, clears the sign-in throttle, and ends every other
 * session (this one stays). Returns how many sessions were ended.
 *
 * @throws auth.current_credentials_invalid (403, `body.currentPassword`), auth.password_unchanged (422, `body.newPassword`)
 */
export async function changePassword({ db, config, userId, sessionId, currentPassword, newPassword, client }: Deps & {
  userId: string; sessionId: string; currentPassword: string; newPassword: string; client: ClientInfo;
}) {
  await confirmCurrentCredentials({ db, config, userId, password: currentPassword, client, fields: { password: 'body.currentPassword', code: 'body.currentPassword' } });
  if (newPassword === currentPassword) {
    const error = createPasswordUnchangedError();
    throw createPasswordUnchangedError({ errors: [{ path: 'body.newPassword', message: error.message }] });
  }
  const passwordHash = await hashPassword(newPassword, config);
  return db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const now = new Date();
    await repo.updateUser(userId, { passwordHash, temporaryPasswordExpiresAt: null, failedLoginCount: 0, lockedUntil: null });
    await repo.invalidateOneTimeTokens({ userId, purpose: 'PASSWORD_RESET', now });
    const sessionsEnded = await revokeOtherSessions({ db: tx, userId, keepSessionId: sessionId, now });
    await recordAuditEvent({ db: tx, event: { actorUserId: userId, action: 'PASSWORD_CHANGED', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS', details: { sessionsEnded } } });
    return { sessionsEnded };
  });
}
