import { describe, expect, it } from 'vitest';
import { loginHref, safeNextPath } from './redirect';

describe('redirect after signing in', () => {
  it('keeps paths on this site only', () => {
    expect(safeNextPath('/thu-tuc?q=a')).toBe('/thu-tuc?q=a');
    expect(safeNextPath('//evil.example')).toBe('/tai-khoan');
    expect(safeNextPath('/\\evil.example')).toBe('/tai-khoan');
    expect(safeNextPath('https://evil.example')).toBe('/tai-khoan');
    expect(safeNextPath(null)).toBe('/tai-khoan');
  });

  it('carries the page to come back to', () => {
    expect(loginHref('/tai-khoan')).toBe('/dang-nhap?next=%2Ftai-khoan');
    expect(loginHref()).toBe('/dang-nhap');
  });
});
