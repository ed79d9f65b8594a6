/** Pure identity rules: identifiers, sign-in throttling arithmetic, token hashing. No database here. */
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

export interface ThrottlePolicy {
  /** Failures in a row that cost nothing. */
  freeFailures: number;
  /** Wait after the first failure beyond the free ones; doubles with each further failure. */
  baseSeconds: number;
  maxSeconds: number;
}

/** The wait a run of `failures` failed sign-ins imposes: none for the free ones, then doubling, capped. */
export function throttleDelaySeconds(failures: number, policy: ThrottlePolicy): number {
  if (failures <= policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures - 1, 30);
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** doublings);
}

/** Until when sign-in waits after `failures` failures, or null when it need not wait. */
export function throttledUntil(failures: number, policy: ThrottlePolicy, now: Date): Date | null {
  const seconds = throttleDelaySeconds(failures, policy);
  return seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null;
}

export const isThrottled = (until: Date | null | undefined, now: Date) => !!until && until.getTime() > now.getTime();

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
