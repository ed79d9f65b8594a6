import { describe, expect, it } from 'vitest';
import { pathAfterSignIn, safeNextPath } from './sign-in-redirect.js';

describe('where to go after signing in', () => {
  it('keeps a path on this site and nothing else', () => {
    expect(safeNextPath('/thu-tuc/1.012604/nop-ho-so?buoc=2')).toBe('/thu-tuc/1.012604/nop-ho-so?buoc=2');
    for (const bad of ['//evil.example', '/\\evil.example', '/x\\y', 'https://evil.example', 'javascript:alert(1)', '/a\nb', '', null, undefined, `/${'a'.repeat(2001)}`]) {
      expect(safeNextPath(bad), String(bad)).toBeNull();
    }
  });

  it('sends applicants to next or their account, officials to next or their inbox', () => {
    expect(pathAfterSignIn('/ho-so-cua-toi', 'APPLICANT')).toBe('/ho-so-cua-toi');
    expect(pathAfterSignIn(null, 'APPLICANT')).toBe('/tai-khoan');
    expect(pathAfterSignIn('//evil.example', 'OFFICIAL')).toBe('/can-bo/ho-so');
    expect(pathAfterSignIn(undefined, 'OFFICIAL')).toBe('/can-bo/ho-so');
  });
});
