/** Applicant accounts: registration, e-mail verification, password reset. */
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { ClientInfo, IdentityDeps } from './identity.deps.js';
import { createTokenInvalidError } from './identity.errors.js';
import { createRandomToken, hashToken, normalizeEmail, normalizePhone } from './identity.models.js';
import { hashPassword } from './identity.passwords.js';
import { createIdentityRepository } from './identity.repository.js';
import { revokeAllSessions } from './identity.sessions.js';

const EMAIL_TOKEN_HOURS = 24;
const RESET_TOKEN_MINUTES = 60;

export interface RegisterInput {
  email?: string;
  phone?: string;
  password: string;
  fullName: string;
}

/**
 * Creates an applicant account and e-mails a verification link. When the e-mail address already
 * has an account, the answer is the same and that address gets a notice instead, so that
 * registration does not reveal which addresses have accounts.
 *
 * @throws identity.phone_taken when the phone number belongs to another account.
 */
export async function registerApplicant({ db, config, mailer, input, client }: IdentityDeps & { input: RegisterInput; client: ClientInfo }) {
  const email = input.email ? normalizeEmail(input.email) : null;
  const phone = input.phone ? normalizePhone(input.phone)! : null;
  const passwordHash = await hashPassword(input.password, config);
  const repo = createIdentityRepository({ db });

  const existing = email ? await repo.getUserByEmail(email) : undefined;
  if (existing && email) {
    await recordAuditEvent({ db, event: { action: 'REGISTRATION_DUPLICATE', subject: `user:${existing.id}`, ip: client.ip, outcome: 'DENIED' } });
    await sendSafely(mailer, {
      to: email,
      subject: 'Đăng ký tài khoản OpenDVC',
      text: `Xin chào,\n\nCó người vừa dùng địa chỉ thư điện tử này để đăng ký tài khoản, nhưng địa chỉ này đã có tài khoản.\nNếu bạn quên mật khẩu, hãy dùng chức năng "Quên mật khẩu" tại ${config.publicUrl}.\nNếu không phải bạn, hãy bỏ qua thư này.\n`,
    });
    return;
  }

  const token = createRandomToken();
  const user = await db.transaction(async (tx) => {
    const txRepo = createIdentityRepository({ db: tx });
    const created = await txRepo.createUser({ kind: 'APPLICANT', email, phone, fullName: input.fullName.trim(), passwordHash });
    await txRepo.upsertProfile(created.id, {});
    if (email) {
      await txRepo.createOneTimeToken({
        userId: created.id, purpose: 'EMAIL_VERIFICATION', tokenHash: hashToken(token), expiresAt: new Date(Date.now() + EMAIL_TOKEN_HOURS * 3_600_000),
      });
    }
    await recordAuditEvent({ db: tx, event: { actorUserId: created.id, action: 'USER_REGISTERED', subject: `user:${created.id}`, ip: client.ip, outcome: 'SUCCESS' } });
    return created;
  });
  if (email) await sendVerificationMail({ mailer, config, to: email, fullName: user.fullName, token });
}

/**
 * The link opens the portal page, which confirms the token through the API: a mail scanner that
 * merely fetches the link does not use it up.
 */
async function sendVerificationMail({ mailer, config, to, fullName, token }: Pick<IdentityDeps, 'mailer' | 'config'> & { to: string; fullName: string; token: string }) {
  const link = `${config.publicUrl}/xac-minh-email?token=${encodeURIComponent(token)}`;
  await sendSafely(mailer, {
    to,
    subject: 'Xác minh địa chỉ thư điện tử — OpenDVC',
    text: `Xin chào ${fullName},\n\nVui lòng mở liên kết sau để xác minh địa chỉ thư điện tử của bạn (hiệu lực ${EMAIL_TOKEN_HOURS} giờ):\n\n${link}\n\nNếu bạn không đăng ký tài khoản, hãy bỏ qua thư này.\n`,
  });
}

/**
 * Sends a new verification link when the address belongs to an applicant whose address is not
 * verified yet; answers the same either way, so it does not reveal which addresses have accounts.
 */
export async function resendEmailVerification({ db, config, mailer, email, client }: IdentityDeps & { email: string; client: ClientInfo }) {
  const repo = createIdentityRepository({ db });
  const user = await repo.getUserByEmail(normalizeEmail(email));
  if (!user || user.kind !== 'APPLICANT' || user.status !== 'ACTIVE' || user.emailVerifiedAt || !user.email) return;
  const token = createRandomToken();
  await repo.createOneTimeToken({ userId: user.id, purpose: 'EMAIL_VERIFICATION', tokenHash: hashToken(token), expiresAt: new Date(Date.now() + EMAIL_TOKEN_HOURS * 3_600_000) });
  await recordAuditEvent({ db, event: { action: 'EMAIL_VERIFICATION_RESENT', subject: `user:${user.id}`, ip: client.ip, outcome: 'SUCCESS' } });
  await sendVerificationMail({ mailer, config, to: user.email, fullName: user.fullName, token });
}

/**
 * Marks the e-mail address of the token's account as verified.
 *
 * @throws auth.token_invalid when the token is unknown, used or expired.
 */
export async function verifyEmail({ db, token, client }: Pick<IdentityDeps, 'db'> & { token: string; client: ClientInfo }) {
  return db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const now = new Date();
    const found = await repo.consumeOneTimeToken({ tokenHash: hashToken(token), purpose: 'EMAIL_VERIFICATION', now });
    if (!found) throw createTokenInvalidError();
    await repo.updateUser(found.userId, { emailVerifiedAt: now });
    await recordAuditEvent({ db: tx, event: { actorUserId: found.userId, action: 'EMAIL_VERIFIED', subject: `user:${found.userId}`, ip: client.ip, outcome: 'SUCCESS' } });
  });
}

/** E-mails a password-reset link when the address has an account; answers the same either way. */
export async function requestPasswordReset({ db, config, mailer, email, client }: IdentityDeps & { email: string; client: ClientInfo }) {
  const repo = createIdentityRepository({ db });
  const user = await repo.getUserByEmail(normalizeEmail(email));
  if (!user || user.status !== 'ACTIVE') return;
  const token = createRandomToken();
  await repo.createOneTimeToken({ userId: user.id, purpose: 'PASSWORD_RESET', tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000) });
  await recordAuditEvent({ db, event: { action: 'PASSWORD_RESET_REQUESTED', subject: `user:${user.id}`, ip: client.ip, outcome: 'SUCCESS' } });
  await sendSafely(mailer, {
    to: user.email!,
    subject: 'Đặt lại mật khẩu — OpenDVC',
    text: `Xin chào ${user.fullName},\n\nĐể đặt mật khẩu mới, vui lòng mở liên kết sau (hiệu lực ${RESET_TOKEN_MINUTES} phút):\n\n${config.publicUrl}/dat-lai-mat-khau?token=${encodeURIComponent(token)}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.\n`,
  });
}

/**
 * Sets a new password from a reset token, unlocks the account and ends every session.
 *
 * @throws auth.token_invalid when the token is unknown, used or expired.
 */
export async function resetPassword({ db, config, token, password, client }: Pick<IdentityDeps, 'db' | 'config'> & { token: string; password: string; client: ClientInfo }) {
  const passwordHash = await hashPassword(password, config);
  await db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const now = new Date();
    const found = await repo.consumeOneTimeToken({ tokenHash: hashToken(token), purpose: 'PASSWORD_RESET', now });
    if (!found) throw createTokenInvalidError();
    const user = await repo.getUserById(found.userId);
    // The link arrived by e-mail, which proves the address as well.
    await repo.updateUser(found.userId, { passwordHash, failedLoginCount: 0, lockedUntil: null, emailVerifiedAt: user?.emailVerifiedAt ?? now });
    const ended = await revokeAllSessions({ db: tx, userId: found.userId, now });
    await recordAuditEvent({ db: tx, event: { actorUserId: found.userId, action: 'PASSWORD_RESET', subject: `user:${found.userId}`, ip: client.ip, outcome: 'SUCCESS', details: { sessionsEnded: ended } } });
  });
}

// A mail outage must not turn into a 500 for the applicant: the account or token exists and the
// request can be repeated. The mailer logs the failure.
async function sendSafely(mailer: IdentityDeps['mailer'], message: Parameters<IdentityDeps['mailer']['send']>[0]) {
  try {
    await mailer.send(message);
  } catch (error) {
    mailer.onError?.(error, message.subject);
  }
}
