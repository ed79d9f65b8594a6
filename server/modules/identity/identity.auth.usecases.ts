/** Password sign-in with lockout and second factor, sign-out, sign-out everywhere. */
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { ClientInfo, IdentityDeps } from './identity.deps.js';
import {
  createAccountLockedError,
  createEmailNotVerifiedError,
  createInvalidCredentialsError,
  createOtpInvalidError,
  createOtpRequiredError,
} from './identity.errors.js';
import { formatVietnamTime, isLocked, nextFailureState, parseLogin } from './identity.models.js';
import { verifyAgainstDummy, verifyPassword } from './identity.passwords.js';
import { createIdentityRepository, type UserRow } from './identity.repository.js';
import { revokeAllSessions, revokeSession, startSession } from './identity.sessions.js';
import { consumeSecondFactor, getTotpCredential } from './identity.totp.usecases.js';

export interface LoginInput {
  login: string;
  password: string;
  otp?: string;
}

const lockedError = (lockedUntil: Date) =>
  createAccountLockedError({
    message: `Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần liên tiếp. Vui lòng thử lại sau ${formatVietnamTime(lockedUntil)} (giờ Việt Nam).`,
    details: { lockedUntil: lockedUntil.toISOString() },
  });

/**
 * Signs in with an e-mail address or phone number and a password, plus a TOTP or recovery code
 * for officials. Unknown logins and wrong passwords get the same answer. A wrong password or code
 * counts towards the lockout; the failure that reaches the limit locks the account.
 *
 * @throws auth.invalid_credentials, auth.locked, auth.otp_required, auth.otp_invalid, auth.email_not_verified
 */
export async function login({ db, config, input, client }: Pick<IdentityDeps, 'db' | 'config'> & { input: LoginInput; client: ClientInfo }) {
  const now = new Date();
  const repo = createIdentityRepository({ db });
  const id = parseLogin(input.login);
  const user = id.kind === 'email' ? await repo.getUserByEmail(id.email) : id.kind === 'phone' ? await repo.getUserByPhone(id.phone) : undefined;
  const audit = (action: string, outcome: 'SUCCESS' | 'FAILURE' | 'DENIED', details: Record<string, unknown> = {}) =>
    recordAuditEvent({ db, event: { actorUserId: outcome === 'SUCCESS' ? user?.id : null, action, subject: user ? `user:${user.id}` : null, ip: client.ip, outcome, details } });

  if (!user || !user.passwordHash || user.status !== 'ACTIVE') {
    await verifyAgainstDummy(input.password, config);
    await audit('LOGIN_FAILED', 'FAILURE', { reason: user ? 'account_inactive' : 'unknown_login' });
    throw createInvalidCredentialsError();
  }
  if (isLocked(user.lockedUntil, now)) {
    await audit('LOGIN_REFUSED_LOCKED', 'DENIED', { lockedUntil: user.lockedUntil!.toISOString() });
    throw lockedError(user.lockedUntil!);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await registerFailure({ db, config, user, reason: 'wrong_password', client, now });
    throw createInvalidCredentialsError();
  }

  const totp = await getTotpCredential({ db, userId: user.id });
  let secondFactor: string | undefined;
  if (user.kind === 'OFFICIAL' || totp?.enabledAt) {
    if (!input.otp) {
      await audit('LOGIN_OTP_REQUIRED', 'DENIED');
      throw createOtpRequiredError();
    }
    secondFactor = await consumeSecondFactor({ db, userId: user.id, code: input.otp });
    if (!secondFactor) {
      await registerFailure({ db, config, user, reason: 'wrong_otp', client, now });
      throw createOtpInvalidError();
    }
  }
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

/** Counts a failed attempt under a row lock, and locks the account when it reaches the limit. */
async function registerFailure({ db, config, user, reason, client, now }: Pick<IdentityDeps, 'db' | 'config'> & { user: UserRow; reason: string; client: ClientInfo; now: Date }) {
  const lockedUntil = await db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const current = await repo.getUserById(user.id, { forUpdate: true });
    const next = nextFailureState(current?.failedLoginCount ?? 0, { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes }, now);
    await repo.updateUser(user.id, { failedLoginCount: next.failedCount, ...(next.lockedUntil ? { lockedUntil: next.lockedUntil } : {}) });
    const base = { subject: `user:${user.id}`, ip: client.ip };
    await recordAuditEvent({ db: tx, event: { ...base, action: 'LOGIN_FAILED', outcome: 'FAILURE', details: { reason } } });
    if (next.lockedUntil) {
      await recordAuditEvent({ db: tx, event: { ...base, action: 'ACCOUNT_LOCKED', outcome: 'DENIED', details: { lockedUntil: next.lockedUntil.toISOString(), failures: config.loginMaxFailures } } });
    }
    return next.lockedUntil;
  });
  if (lockedUntil) throw lockedError(lockedUntil);
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
