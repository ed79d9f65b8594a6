import { describe, expect, it } from 'vitest';
import { needsCsrfToken, readCookie } from './csrf';

describe('csrf cookie', () => {
  it('reads one cookie among others', () => {
    expect(readCookie('a=1; csrf=abc%2Bdef; b=2', 'csrf')).toBe('abc+def');
    expect(readCookie('csrf=xyz', 'csrf')).toBe('xyz');
    expect(readCookie('xcsrf=1; csrfx=2', 'csrf')).toBeUndefined();
    expect(readCookie('', 'csrf')).toBeUndefined();
    expect(readCookie('csrf=', 'csrf')).toBeUndefined();
  });

  it('is needed only for state-changing methods', () => {
    expect(needsCsrfToken('post')).toBe(true);
    expect(needsCsrfToken('PATCH')).toBe(true);
    expect(needsCsrfToken('DELETE')).toBe(true);
    expect(needsCsrfToken('GET')).toBe(false);
    expect(needsCsrfToken('HEAD')).toBe(false);
  });
});
