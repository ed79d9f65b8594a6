/** Password sign-in with throttling and second factor, sign-out, sign-out everywhere. */
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { ClientInfo, IdentityDeps } from './identity.deps.js';
import {
  createEmailNotVerifiedError,
  createInvalidCredentialsError,
  createOtpInvalidError,
  createOtpRequiredError,
  createPasswordChangeRequiredError,
  createPasswordUnchangedError,
} from './identity.errors.js';
import { isThrottled, parseLogin } from './identity.models.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './identity.passwords.js';
import { createIdentityRepository } from './identity.repository.js';
import { revokeAllSessions, revokeSession, startSession } from './identity.sessions.js';
import { registerAccountFailure, registerUnknownLoginFailure, sourceThrottledUntil } from './identity.throttle.js';
import { consumeSecondFactor, getTotpCredential } from './identity.totp.usecases.js';

export interface LoginInput {
  login: string;
  password: string;
  otp?: string;
  /** With a temporary password: the password that replaces it. */
  newPassword?: string;
}

/**
 * Signs in with an e-mail address or phone number and a password, plus a TOTP or recovery code
 * for officials. Unknown logins and wrong passwords get the same answer. A wrong password or code
 * counts against the account and the client address; past the free failures each one makes them
 * wait longer (identity.throttle.ts). While the account or the address waits, every attempt gets
 * the wrong-password answer, except a right password with a right second-factor code: that cannot
 * be guessed at the throttled rate, and someone else's failures must not keep the owner out.
 * A temporary password (set by an administrator) works once, only with `newPassword`, which
 * replaces it; after TEMP_PASSWORD_HOURS it is answered like a wrong password.
 *
 * @throws auth.invalid_credentials, auth.otp_required, auth.otp_invalid, auth.password_change_required, auth.password_unchanged, auth.email_not_verified
 */
export async function login({ db, config, input, client }: Pick<IdentityDeps, 'db' | 'config'> & { input: LoginInput; client: ClientInfo }) {
  const now = new Date();
  const repo = createIdentityRepository({ db });
  const id = parseLogin(input.login);
  const user = id.kind === 'email' ? await repo.getUserByEmail(id.email) : id.kind === 'phone' ? await repo.getUserByPhone(id.phone) : undefined;
  const audit = (action: string, outcome: 'SUCCESS' | 'FAILURE' | 'DENIED', details: Record<string, unknown> = {}) =>
    recordAuditEvent({ db, event: { actorUserId: outcome === 'SUCCESS' ? user?.id : null, action, subject: user ? `user:${user.id}` : null, ip: client.ip, outcome, details } });
  const sourceUntil = await sourceThrottledUntil({ db, source: client.ip });

  if (!user || !user.passwordHash || user.status !== 'ACTIVE') {
    await verifyAgainstDummy(input.password, config);
    await audit('LOGIN_FAILED', 'FAILURE', { reason: user ? 'account_inactive' : 'unknown_login' });
    if (!isThrottled(sourceUntil, now)) await registerUnknownLoginFailure({ db, config, client, now });
    throw createInvalidCredentialsError();
  }
  const temporary = user.temporaryPasswordExpiresAt;
  const passwordRight = (await verifyPassword(user.passwordHash, input.password)) && !(temporary && temporary <= now);
  const totp = await getTotpCredential({ db, userId: user.id });
  const needsSecondFactor = user.kind === 'OFFICIAL' || !!totp?.enabledAt;
  let secondFactor: string | undefined;

  if (isThrottled(user.lockedUntil, now) || isThrottled(sourceUntil, now)) {
    if (passwordRight && needsSecondFactor && input.otp && (!temporary || (input.newPassword && input.newPassword !== input.password))) secondFactor = await consumeSecondFactor({ db, userId: user.id, code: input.otp });
    if (!secondFactor) {
      await audit('LOGIN_REFUSED_THROTTLED', 'DENIED', { accountUntil: user.lockedUntil?.toISOString() ?? null, sourceUntil: sourceUntil?.toISOString() ?? null });
      throw createInvalidCredentialsError();
    }
  } else {
    if (!passwordRight) {
      await registerAccountFailure({ db, config, userId: user.id, reason: 'wrong_password', client, now });
      throw createInvalidCredentialsError();
    }
    if (needsSecondFactor && !input.otp) {
      await audit('LOGIN_OTP_REQUIRED', 'DENIED');
      throw createOtpRequiredError();
    }
    // Asked before the code is used up, so that the same code can come back with the new password.
    if (temporary) await requireNewPassword({ input, audit });
    if (needsSecondFactor) {
      secondFactor = await consumeSecondFactor({ db, userId: user.id, code: input.otp! });
      if (!secondFactor) {
        await registerAccountFailure({ db, config, userId: user.id, reason: 'wrong_otp', client, now });
        throw createOtpInvalidError();
      }
    }
  }
  if (temporary && input.newPassword) await replaceTemporaryPassword({ db, config, userId: user.id, input, client });
  if (user.kind === 'APPLICANT' && user.email && !user.emailVerifiedAt) {
    await audit('LOGIN_REFUSED_UNVERIFIED', 'DENIED');
    throw createEmailNotVerifiedError();
  }

  if (user.failedLoginCount > 0 || user.lockedUntil) await repo.updateUser(user.id, { failedLoginCount: 0, lockedUntil: null });
  const { token, session } = await startSession({
    db, userId: user.id, policy: { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours }, ip: client.ip, userAgent: client.userAgent, now,
  });
  await audit('LOGIN_SUCCEEDED', 'SUCCESS', { sessionCreatedAt: session.createdAt.toISOString(), ...(secondFactor ? { secondFactor } : {}) });
  return { userId: user.id, token, session };
}

/** A temporary password signs in only together with a new password, different from it. */
async function requireNewPassword({ input, audit }: { input: LoginInput; audit: (action: string, outcome: 'DENIED') => Promise<unknown> }) {
  if (!input.newPassword) {
    await audit('LOGIN_PASSWORD_CHANGE_REQUIRED', 'DENIED');
    throw createPasswordChangeRequiredError({ errors: [{ path: 'body.newPassword', message: createPasswordChangeRequiredError().message }] });
  }
  if (input.newPassword === input.password) {
    throw createPasswordUnchangedError({ errors: [{ path: 'body.newPassword', message: createPasswordUnchangedError().message }] });
  }
}

/** Sets the password that replaces a temporary one; the temporary one stops working. */
async function replaceTemporaryPassword({ db, config, userId, input, client }: Pick<IdentityDeps, 'db' | 'config'> & { userId: string; input: LoginInput; client: ClientInfo }) {
  const passwordHash = await hashPassword(input.newPassword!, config);
  await db.transaction(async (tx) => {
    await createIdentityRepository({ db: tx }).updateUser(userId, { passwordHash, temporaryPasswordExpiresAt: null });
    await recordAuditEvent({ db: tx, event: { actorUserId: userId, action: 'TEMPORARY_PASSWORD_REPLACED', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS' } });
  });
}

/** Ends one session (the cookie's). */
export async function logout({ db, userId, sessionId, client }: Pick<IdentityDeps, 'db'> & { userId: string; sessionId: string; client: ClientInfo }) {
  await revokeSession({ db, sessionId });
  await recordAuditEvent({ db, event: { actorUserId: userId, action: 'LOGOUT', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS' } });
}

/** Ends every session of the user, on every device. */
export async function logoutEverywhere({ db, userId, client }: Pick<IdentityDeps, 'db'> & { userId: string; client: ClientInfo }) {
  const ended = await revokeAllSessions({ db, userId });
  await recordAuditEvent({ db, event: { actorUserId: userId, action: 'LOGOUT_EVERYWHERE', subject: `user:${userId}`, ip: client.ip, outcome: 'SUCCESS', details: { sessionsEnded: ended } } });
  return { sessionsEnded: ended };
}
