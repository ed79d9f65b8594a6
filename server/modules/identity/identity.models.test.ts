import { describe, expect, it } from 'vitest';
import { isValidPersonalIdNumber, isValidTaxCode, normalizePhone, parseLogin, throttleDelaySeconds, throttledUntil } from './identity.models.js';

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

  it('lets the free failures pass, then doubles the wait up to the cap', () => {
    const policy = { freeFailures: 5, baseSeconds: 2, maxSeconds: 900 };
    expect([4, 5, 6, 7, 8, 9].map((n) => throttleDelaySeconds(n, policy))).toEqual([0, 0, 2, 4, 8, 16]);
    expect(throttleDelaySeconds(15, policy)).toBe(900);
    expect(throttleDelaySeconds(500, policy)).toBe(900);
    const now = new Date('2026-11-27T07:00:00Z');
    expect(throttledUntil(5, policy, now)).toBeNull();
    expect(throttledUntil(7, policy, now)).toEqual(new Date('2026-11-27T07:00:04Z'));
  });
});
