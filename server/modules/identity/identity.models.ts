/** Pure identity rules: identifiers, lockout arithmetic, token hashing. No database here. */
import { createHash, randomBytes } from 'node:crypto';

/** A login is an e-mail address when it contains '@', otherwise a phone number. */
export type LoginIdentifier = { kind: 'email'; email: string } | { kind: 'phone'; phone: string } | { kind: 'invalid' };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Vietnamese mobile numbers in national form: `+84 912 345 678` → `0912345678`; undefined when not a number. */
export function normalizePhone(input: string): string | undefined {
  const compact = input.replace(/[\s.()-]/g, '');
  const national = compact.replace(/^(\+84|0084|84(?=\d{9}$))/, '0');
  return /^0\d{9}$/.test(national) ? national : undefined;
}

export function parseLogin(login: string): LoginIdentifier {
  const trimmed = login.trim();
  if (trimmed.includes('@')) return { kind: 'email', email: normalizeEmail(trimmed) };
  const phone = normalizePhone(trimmed);
  return phone ? { kind: 'phone', phone } : { kind: 'invalid' };
}

/**
 * Personal identification number (số định danh cá nhân, Decree 137/2015): 12 digits, the first
 * three a province code 001–096, the fourth the century-and-sex digit.
 */
export function isValidPersonalIdNumber(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const province = Number(value.slice(0, 3));
  return province >= 1 && province <= 96;
}

/** Tax code (mã số thuế): 10 digits, or 10 digits + '-' + 3 digits for a dependent unit. */
export const isValidTaxCode = (value: string) => /^\d{10}(-\d{3})?$/.test(value);

/** SHA-256 hex of a token handed to a client: what the database keeps instead of the token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A random URL-safe token with 256 bits of entropy. */
export const createRandomToken = () => randomBytes(32).toString('base64url');

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/** After a failed attempt: the new counter, and the lock end when this failure reaches the limit. */
export function nextFailureState(failedCount: number, policy: LockoutPolicy, now: Date): { failedCount: number; lockedUntil: Date | null } {
  const count = failedCount + 1;
  if (count < policy.maxFailures) return { failedCount: count, lockedUntil: null };
  return { failedCount: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
}

export const isLocked = (lockedUntil: Date | null, now: Date) => lockedUntil !== null && lockedUntil.getTime() > now.getTime();

/** A lock end as Vietnamese readers write it, in Vietnam's time zone: `14:05 ngày 27/11/2026`. */
export function formatVietnamTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('hour')}:${get('minute')} ngày ${get('day')}/${get('month')}/${get('year')}`;
}

/** Recovery codes: ten `xxxxx-xxxxx` codes from an alphabet without look-alike characters. */
export function createRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export const normalizeRecoveryCode = (code: string) => code.trim().toLowerCase();
