/**
 * Proof of a phone number by a one-time code. A request only opens a challenge (or, for a
 * registration, the registration job does); the `identity.phone-code` job makes the 6-digit code,
 * keeps its hash and sends it by SMS. Whether the number belongs to another account is looked at
 * by the job alone, so the requests answer and take the same for every number; the owner of a
 * taken number gets a message saying so, with no code.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { uniqueViolation } from '../../platform/db/db-errors.js';
import { createId } from '../../platform/db/ids.js';
import { deliverSms } from '../../platform/sms/sms.jobs.js';
import type { SmsSender } from '../../platform/sms/sms-sender.js';
import type { ClientInfo } from './identity.deps.js';
import { createPhoneCodeInvalidError } from './identity.errors.js';
import { hashToken } from './identity.models.js';
import { phoneChallengesTable, usersTable, type PhoneChallengePurpose } from './identity.tables.js';

/** Lifetime of a code. */
export const PHONE_CODE_MINUTES = 10;
/** Wrong codes a challenge takes before it is voided. */
export const PHONE_CODE_MAX_ATTEMPTS = 5;

const t = phoneChallengesTable;
type ChallengeRow = typeof t.$inferSelect;

/** The code's hash, salted with the challenge id so that equal codes of two challenges differ. */
const codeHashOf = (challengeId: string, code: string) => hashToken(`${challengeId}:${code}`);

const openNow = (now: Date) => and(isNull(t.usedAt), isNull(t.voidedAt), gt(t.expiresAt, now));

/**
 * Opens a challenge for the number, without a code yet (the job makes it), and voids the other
 * open ones: of the same number for a registration, of the same account for a phone change.
 * Returns its id; the caller queues `identity.phone-code` with it in the same transaction.
 */
export async function openPhoneChallenge({ db, userId, purpose, phone, ip, now = new Date() }: { db: DbExecutor; userId: string; purpose: PhoneChallengePurpose; phone: string; ip?: string; now?: Date }) {
  const same = purpose === 'REGISTRATION' ? eq(t.phone, phone) : eq(t.userId, userId);
  await db.update(t).set({ voidedAt: now }).where(and(same, eq(t.purpose, purpose), isNull(t.usedAt), isNull(t.voidedAt)));
  const id = createId('phc');
  await db.insert(t).values({ id, userId, purpose, phone, ip: ip ?? null, expiresAt: new Date(now.getTime() + PHONE_CODE_MINUTES * 60_000) });
  return id;
}

/** The phone number a change is waiting to prove, or null. */
export async function pendingPhoneOf({ db, userId, now = new Date() }: { db: DbExecutor; userId: string; now?: Date }) {
  const [row] = await db.select({ phone: t.phone }).from(t).where(and(eq(t.userId, userId), eq(t.purpose, 'PHONE_CHANGE'), openNow(now))).orderBy(desc(t.createdAt)).limit(1);
  return row?.phone ?? null;
}

export type PhoneCodeOutcome = 'sent' | 'in_use_notice' | 'closed' | 'source_throttled' | 'number_throttled' | 'rejected' | 'no_pending';

/**
 * The work of the `identity.phone-code` job for one challenge: when the number already belongs to
 * another account, its owner is told that it is in use (no code; the challenge stays open and can
 * never be met); when the client address has caused PHONE_CODES_PER_SOURCE_PER_HOUR codes this
 * hour, nothing is sent; otherwise a new code replaces the challenge's hash and goes out by SMS.
 *
 * @throws SmsTemporaryError when the gateway cannot take the message now (the job retries)
 */
export async function sendPhoneCode({ db, sms, config, challengeId, lastAttempt = false }: { db: Database; sms: SmsSender; config: Config; challengeId: string; lastAttempt?: boolean }): Promise<PhoneCodeOutcome> {
  const now = new Date();
  const [challenge] = await db.select().from(t).where(and(eq(t.id, challengeId), openNow(now)));
  if (!challenge) return 'closed';
  const [owner] = await db.select({ id: usersTable.id }).from(usersTable).where(and(eq(usersTable.phone, challenge.phone), ne(usersTable.id, challenge.userId)));
  if (owner) {
    await recordAuditEvent({ db, event: { action: challenge.purpose === 'REGISTRATION' ? 'REGISTRATION_DUPLICATE' : 'PHONE_CHANGE_TO_TAKEN_NUMBER', subject: `user:${owner.id}`, ip: challenge.ip, outcome: 'DENIED', details: { by: `user:${challenge.userId}` } } });
    const outcome = await deliverSms({ db, sender: sms, config, lastAttempt, message: { messageId: `${challengeId}-in-use`, to: challenge.phone, text: inUseText(config, challenge.purpose) } });
    return outcome === 'sent' ? 'in_use_notice' : outcome === 'throttled' ? 'number_throttled' : 'rejected';
  }
  if (challenge.ip) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(t)
      .where(and(eq(t.ip, challenge.ip), isNotNull(t.codeHash), ne(t.id, challengeId), gt(t.createdAt, new Date(now.getTime() - 3_600_000))));
    if ((row?.n ?? 0) >= config.phoneCodesPerSourcePerHour) {
      await recordAuditEvent({ db, event: { action: 'PHONE_CODE_THROTTLED', subject: `user:${challenge.userId}`, ip: challenge.ip, outcome: 'DENIED', details: { lastHour: row?.n } } });
      return 'source_throttled';
    }
  }
  // A retry makes a new code: the earlier one may never have arrived.
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.update(t).set({ codeHash: codeHashOf(challengeId, code) }).where(eq(t.id, challengeId));
  const outcome = await deliverSms({ db, sender: sms, config, lastAttempt, message: { messageId: `${challengeId}-${createId('try')}`, to: challenge.phone, text: codeText(code) } });
  return outcome === 'sent' ? 'sent' : outcome === 'throttled' ? 'number_throttled' : 'rejected';
}

const codeText = (code: string) => `OpenDVC: Mã xác thực số điện thoại của bạn là ${code}, hiệu lực ${PHONE_CODE_MINUTES} phút. Không cung cấp mã này cho bất kỳ ai.`;

const inUseText = (config: Config, purpose: PhoneChallengePurpose) => purpose === 'REGISTRATION'
  ? `OpenDVC: Có người vừa dùng số điện thoại này để đăng ký tài khoản, nhưng số này đã gắn với một tài khoản. Nếu quên mật khẩu, hãy dùng "Quên mật khẩu" tại ${config.publicUrl}. Nếu không phải bạn, hãy bỏ qua tin nhắn này.`
  : `OpenDVC: Có người vừa muốn gắn số điện thoại này vào một tài khoản khác, nhưng số này đang được dùng cho tài khoản của bạn nên không có mã xác thực nào được gửi. Nếu không phải bạn, hãy bỏ qua tin nhắn này.`;

/**
 * A new code for a phone registration not proven yet (`/auth/verify-phone/resend`, run by the
 * job): opens a new challenge for the account of the number's latest registration, which voids
 * the earlier code. Returns its id, or undefined when the number has no registration waiting.
 */
export async function reopenRegistrationChallenge({ db, phone, ip }: { db: Database; phone: string; ip?: string }) {
  return db.transaction(async (tx) => {
    const [latest] = await tx.select().from(t).where(and(eq(t.phone, phone), eq(t.purpose, 'REGISTRATION'), isNull(t.usedAt))).orderBy(desc(t.createdAt)).limit(1);
    if (!latest) return undefined;
    const [user] = await tx.select({ phone: usersTable.phone }).from(usersTable).where(eq(usersTable.id, latest.userId));
    if (!user || user.phone) return undefined;
    return openPhoneChallenge({ db: tx, userId: latest.userId, purpose: 'REGISTRATION', phone, ip });
  });
}

/**
 * Checks a code against the open challenge (locked by the caller's transaction). A wrong code
 * counts; the last allowed wrong code voids the challenge. Returns whether it matched.
 */
async function checkCode(tx: DbExecutor, challenge: ChallengeRow, code: string, now: Date): Promise<boolean> {
  const given = Buffer.from(codeHashOf(challenge.id, code));
  const right = challenge.codeHash !== null && challenge.codeHash.length === given.length && timingSafeEqual(Buffer.from(challenge.codeHash), given);
  if (right) {
    await tx.update(t).set({ usedAt: now }).where(eq(t.id, challenge.id));
    return true;
  }
  const attempts = challenge.attempts + 1;
  await tx.update(t).set({ attempts, ...(attempts >= PHONE_CODE_MAX_ATTEMPTS ? { voidedAt: now } : {}) }).where(eq(t.id, challenge.id));
  return false;
}

/**
 * Sets the proven number on the challenge's account. False when another account proved the same
 * number in the meantime (the unique constraint).
 */
async function claimNumber(tx: DbExecutor, userId: string, phone: string): Promise<boolean> {
  try {
    await tx.execute(sql`SAVEPOINT claim_phone`);
    await tx.update(usersTable).set({ phone, updatedAt: new Date() }).where(eq(usersTable.id, userId));
    await tx.execute(sql`RELEASE SAVEPOINT claim_phone`);
    return true;
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    await tx.execute(sql`ROLLBACK TO SAVEPOINT claim_phone`);
    return false;
  }
}

/**
 * Meets the latest open challenge of the purpose, for the number (registration) or the account
 * (phone change), with a code: sets the proven number on its account. Returns the account, or
 * undefined; a wrong attempt is committed before the caller throws.
 */
async function proveNumber({ db, purpose, phone, userId, code, client }: { db: Database; purpose: PhoneChallengePurpose; phone?: string; userId?: string; code: string; client: ClientInfo }) {
  const result = await db.transaction(async (tx) => {
    const now = new Date();
    const whose = purpose === 'REGISTRATION' ? eq(t.phone, phone!) : eq(t.userId, userId!);
    const [challenge] = await tx.select().from(t).where(and(whose, eq(t.purpose, purpose), openNow(now))).orderBy(desc(t.createdAt)).limit(1).for('update');
    if (!challenge || !(await checkCode(tx, challenge, code, now))) return undefined;
    if (!(await claimNumber(tx, challenge.userId, challenge.phone))) return undefined;
    await recordAuditEvent({ db: tx, event: { actorUserId: challenge.userId, action: 'PHONE_VERIFIED', subject: `user:${challenge.userId}`, ip: client.ip, outcome: 'SUCCESS', details: { purpose } } });
    return challenge.userId;
  });
  // Thrown after the transaction, so that the wrong attempt stays counted.
  if (!result) throw createPhoneCodeInvalidError({ errors: [{ path: 'body.code', message: createPhoneCodeInvalidError().message }] });
  return result;
}

/**
 * Proves the number of a phone registration with its code; the account can then sign in with it.
 *
 * @throws auth.phone_code_invalid for a wrong, expired, used or voided code, or a number without one
 */
export const verifyRegistrationPhone = ({ db, phone, code, client }: { db: Database; phone: string; code: string; client: ClientInfo }) =>
  proveNumber({ db, purpose: 'REGISTRATION', phone, code, client });

/**
 * Completes a change of phone with the code sent to the new number.
 *
 * @throws auth.phone_code_invalid for a wrong, expired, used or voided code, or no change waiting
 */
export const confirmPhoneChange = ({ db, userId, code, client }: { db: Database; userId: string; code: string; client: ClientInfo }) =>
  proveNumber({ db, purpose: 'PHONE_CHANGE', userId, code, client });
