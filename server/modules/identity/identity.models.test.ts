import { describe, expect, it } from 'vitest';
import { formatVietnamTime, isValidPersonalIdNumber, isValidTaxCode, nextFailureState, normalizePhone, parseLogin } from './identity.models.js';

describe('identity rules', () => {
  it('tells e-mail from phone logins and normalises both', () => {
    expect(parseLogin(' Citizen@Demo.OpenDVC.vn ')).toEqual({ kind: 'email', email: 'citizen@demo.opendvc.vn' });
    expect(parseLogin('+84 912 345 678')).toEqual({ kind: 'phone', phone: '0912345678' });
    expect(parseLogin('0912.345.678')).toEqual({ kind: 'phone', phone: '0912345678' });
    expect(parseLogin('abc')).toEqual({ kind: 'invalid' });
    expect(normalizePhone('12345')).toBeUndefined();
  });

  it('accepts 12-digit personal ID numbers with a province code', () => {
    expect(isValidPersonalIdNumber('001203012345')).toBe(true);
    expect(isValidPersonalIdNumber('000203012345')).toBe(false);
    expect(isValidPersonalIdNumber('12345678901')).toBe(false);
    expect(isValidPersonalIdNumber('00120301234a')).toBe(false);
  });

  it('accepts tax codes of 10 digits and of 10 + 3 for a branch', () => {
    expect(isValidTaxCode('0101234567')).toBe(true);
    expect(isValidTaxCode('0101234567-001')).toBe(true);
    expect(isValidTaxCode('010123456')).toBe(false);
    expect(isValidTaxCode('0101234567001')).toBe(false);
    expect(isValidTaxCode('0101234567-01')).toBe(false);
  });

  it('locks at the configured failure and resets the counter', () => {
    const now = new Date('2026-11-27T07:00:00Z');
    const policy = { maxFailures: 10, lockMinutes: 15 };
    expect(nextFailureState(8, policy, now)).toEqual({ failedCount: 9, lockedUntil: null });
    expect(nextFailureState(9, policy, now)).toEqual({ failedCount: 0, lockedUntil: new Date('2026-11-27T07:15:00Z') });
  });

  it('writes times in Vietnam time', () => {
    expect(formatVietnamTime(new Date('2026-11-27T07:15:00Z'))).toBe('14:15 ngày 27/11/2026');
  });
});
