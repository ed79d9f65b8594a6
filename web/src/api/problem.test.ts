import { describe, expect, it } from 'vitest';
import { ApiError, errorTitle, PAGE_FAILURE, toApiError } from './problem';

describe('errorTitle', () => {
  it("gives the API's Vietnamese title", () => {
    expect(errorTitle(new ApiError({ status: 409, code: 'dossiers.conflict', title: 'Hồ sơ đã thay đổi' }))).toBe('Hồ sơ đã thay đổi');
    expect(errorTitle(toApiError(undefined, undefined))).toBe('Không kết nối được máy chủ');
  });

  it('gives a Vietnamese sentence, never the raw error, for anything else (a part of the page that did not load)', () => {
    const chunk = new TypeError('Failed to fetch dynamically imported module: /assets/registry-lookup.js');
    expect(errorTitle(chunk)).toBe(PAGE_FAILURE);
    expect(errorTitle('boom')).toBe(PAGE_FAILURE);
    expect(PAGE_FAILURE).toMatch(/tải lại trang/);
  });
});
