/** Applicant accounts: registration (phone proof in identity.phone.usecases.ts), e-mail verification, password reset. */
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import { enqueueInTransaction } from '../../platform/jobs/job-queue.js';
import { enqueueMail } from '../../platform/mail/mail.jobs.js';
import { enqueueSms } from '../../platform/sms/sms.jobs.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import type { ClientInfo, IdentityDeps } from './identity.deps.js';
import { createTokenInvalidError } from './identity.errors.js';
import { createRandomToken, hashToken, normalizeEmail, normalizePhone } from './identity.models.js';
import { hashPassword } from './identity.passwords.js';
import { createIdentityRepository } from './identity.repository.js';
import { openPhoneChallenge } from './identity.phone.usecases.js';
import { enqueuePhoneCode, IDENTITY_REGISTRATION } from './identity.queues.js';
import { revokeAllSessions } from './identity.sessions.js';

const EMAIL_TOKEN_HOURS = 24;
const RESET_TOKEN_MINUTES = 60;

export interface RegisterInput {
  email?: string;
  phone?: string;
  password: string;
  fullName: string;
}

/** What the registration request hands to the `identity.registration` job. */
export interface RegistrationJobData {
  email: string | null;
  phone: string | null;
  fullName: string;
  passwordHash: string;
  ip?: string;
}

/**
 * The registration request: hashes the password and queues the `identity.registration` job,
 * nothing else, so that the answer and its time are the same whether or not the e-mail address
 * or phone number already has an account.
 */
export async function registerApplicant({ db, config, input, client }: Pick<IdentityDeps, 'db' | 'config'> & { input: RegisterInput; client: ClientInfo }) {
  const data: RegistrationJobData = {
    email: input.email ? normalizeEmail(input.email) : null,
    phone: input.phone ? normalizePhone(input.phone)! : null,
    fullName: input.fullName.trim(),
    passwordHash: await hashPassword(input.password, config),
    ...(client.ip ? { ip: client.ip } : {}),
  };
  await enqueueInTransaction<RegistrationJobData>(db, IDENTITY_REGISTRATION, data);
}

/**
 * The work of the `identity.registration` job. An e-mail address that already has an account gets
 * a notice instead, and no account is made; a phone number that already has one gets a notice by
 * SMS, and is not attached. Otherwise the account is created: with an e-mail address, a
 * verification link is mailed; with a phone number, a challenge is opened and the
 * `identity.phone-code` job sends its code: the account signs in by phone only once it is proven.
 * Everything is written, and the messages queued, in one transaction.
 */
export async function processRegistration({ db, config, data }: Pick<IdentityDeps, 'db' | 'config'> & { data: RegistrationJobData }) {
  return db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const { email, phone, ip } = data;
    if (email) {
      const existing = await repo.getUserByEmail(email);
      if (existing) {
        await recordAuditEvent({ db: tx, event: { action: 'REGISTRATION_DUPLICATE', subject: `user:${existing.id}`, ip, outcome: 'DENIED' } });
        await enqueueMail(tx, {
          to: email,
          subject: 'Đăng ký tài khoản OpenDVC',
          text: `Xin chào,\n\nCó người vừa dùng địa chỉ thư điện tử này để đăng ký tài khoản, nhưng địa chỉ này đã có tài khoản.\nNếu bạn quên mật khẩu, hãy dùng chức năng "Quên mật khẩu" tại ${config.publicUrl}.\nNếu không phải bạn, hãy bỏ qua thư này.\n`,
        });
        return 'email_taken' as const;
      }
    }
    const phoneOwner = phone ? await repo.getUserByPhone(phone) : undefined;
    if (phone && phoneOwner) {
      await recordAuditEvent({ db: tx, event: { action: 'REGISTRATION_DUPLICATE', subject: `user:${phoneOwner.id}`, ip, outcome: 'DENIED', details: { by: 'phone' } } });
      await enqueueSms(tx, {
        to: phone,
        text: `OpenDVC: Có người vừa dùng số điện thoại này để đăng ký tài khoản, nhưng số này đã gắn với một tài khoản. Nếu quên mật khẩu, hãy dùng "Quên mật khẩu" tại ${config.publicUrl}. Nếu không phải bạn, hãy bỏ qua tin nhắn này.`,
      });
      // Nothing to sign in with: no account.
      if (!email) return 'phone_taken' as const;
    }
    const user = await repo.createUser({ kind: 'APPLICANT', email, phone: null, fullName: data.fullName, passwordHash: data.passwordHash });
    await repo.upsertProfile(user.id, {});
    if (email) {
      const token = createRandomToken();
      await repo.createOneTimeToken({ userId: user.id, purpose: 'EMAIL_VERIFICATION', tokenHash: hashToken(token), expiresAt: new Date(Date.now() + EMAIL_TOKEN_HOURS * 3_600_000) });
      await enqueueMail(tx, verificationMail({ config, to: email, fullName: user.fullName, token }));
    }
    if (phone && !phoneOwner) {
      const challengeId = await openPhoneChallenge({ db: tx, userId: user.id, purpose: 'REGISTRATION', phone, ip });
      await enqueuePhoneCode(tx, { challengeId });
    }
    await recordAuditEvent({ db: tx, event: { actorUserId: user.id, action: 'USER_REGISTERED', subject: `user:${user.id}`, ip, outcome: 'SUCCESS' } });
    return 'created' as const;
  });
}

/**
 * The link opens the portal page, which confirms the token through the API: a mail scanner that
 * merely fetches the link does not use it up.
 */
function verificationMail({ config, to, fullName, token }: Pick<IdentityDeps, 'config'> & { to: string; fullName: string; token: string }): MailMessage {
  const link = `${config.publicUrl}/xac-minh-email?token=${encodeURIComponent(token)}`;
  return {
    to,
    subject: 'Xác minh địa chỉ thư điện tử — OpenDVC',
    text: `Xin chào ${fullName},\n\nVui lòng mở liên kết sau để xác minh địa chỉ thư điện tử của bạn (hiệu lực ${EMAIL_TOKEN_HOURS} giờ):\n\n${link}\n\nNếu bạn không đăng ký tài khoản, hãy bỏ qua thư này.\n`,
  };
}

type AccountMailPurpose = 'EMAIL_VERIFICATION' | 'PASSWORD_RESET';

/**
 * The work behind `/auth/verify-email/resend` and `/auth/password/forgot`, run by the
 * `identity.account-mail` job so that the request does the same work for every address. Looks
 * the address up; when it qualifies and has received fewer than ACCOUNT_MAILS_PER_HOUR such
 * links in the last hour, issues a new token, which voids the address's other outstanding ones,
 * and queues the mail in the same transaction. Returns what happened (for the job log).
 */
export async function issueAccountMail({ db, config, purpose, email, ip }: Pick<IdentityDeps, 'db' | 'config'> & { purpose: AccountMailPurpose; email: string; ip?: string }) {
  return db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const found = await repo.getUserByEmail(normalizeEmail(email));
    const qualifies = found?.status === 'ACTIVE' && !!found.email
      && (purpose === 'PASSWORD_RESET' || (found.kind === 'APPLICANT' && !found.emailVerifiedAt));
    if (!found || !qualifies) return 'no_account' as const;
    // The row lock serialises concurrent requests for the same address, so the count holds.
    const user = (await repo.getUserById(found.id, { forUpdate: true }))!;
    const now = new Date();
    const recent = await repo.countOneTimeTokensSince({ userId: user.id, purpose, since: new Date(now.getTime() - 3_600_000) });
    const subject = `user:${user.id}`;
    if (recent >= config.accountMailsPerHour) {
      await recordAuditEvent({ db: tx, event: { action: `${purpose}_THROTTLED`, subject, ip, outcome: 'DENIED', details: { lastHour: recent } } });
      return 'throttled' as const;
    }
    await repo.invalidateOneTimeTokens({ userId: user.id, purpose, now });
    const token = createRandomToken();
    const lifetimeMs = purpose === 'PASSWORD_RESET' ? RESET_TOKEN_MINUTES * 60_000 : EMAIL_TOKEN_HOURS * 3_600_000;
    await repo.createOneTimeToken({ userId: user.id, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + lifetimeMs) });
    await recordAuditEvent({ db: tx, event: { action: purpose === 'PASSWORD_RESET' ? 'PASSWORD_RESET_REQUESTED' : 'EMAIL_VERIFICATION_RESENT', subject, ip, outcome: 'SUCCESS' } });
    await enqueueMail(tx, purpose === 'PASSWORD_RESET'
      ? {
        to: user.email!,
        subject: 'Đặt lại mật khẩu — OpenDVC',
        text: `Xin chào ${user.fullName},\n\nĐể đặt mật khẩu mới, vui lòng mở liên kết sau (hiệu lực ${RESET_TOKEN_MINUTES} phút):\n\n${config.publicUrl}/dat-lai-mat-khau?token=${encodeURIComponent(token)}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.\n`,
      }
      : verificationMail({ config, to: user.email!, fullName: user.fullName, token }));
    return 'sent' as const;
  });
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

/**
 * Sets a new password from a reset token, voids the account's other reset links, clears its
 * sign-in throttle and ends every session.
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
    await repo.invalidateOneTimeTokens({ userId: found.userId, purpose: 'PASSWORD_RESET', now });
    const user = await repo.getUserById(found.userId);
    // The link arrived by e-mail, which proves the address as well.
    await repo.updateUser(found.userId, { passwordHash, temporaryPasswordExpiresAt: null, failedLoginCount: 0, lockedUntil: null, emailVerifiedAt: user?.emailVerifiedAt ?? now });
    const ended = await revokeAllSessions({ db: tx, userId: found.userId, now });
    await recordAuditEvent({ db: tx, event: { actorUserId: found.userId, action: 'PASSWORD_RESET', subject: `user:${found.userId}`, ip: client.ip, outcome: 'SUCCESS', details: { sessionsEnded: ended } } });
  });
}
