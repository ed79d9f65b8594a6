import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from './text.js';

describe('normalizeForSearch', () => {
  it('removes Vietnamese diacritics including đ, in NFC and NFD input', () => {
    expect(normalizeForSearch('Cấp giấy phép khai thác nước mặt')).toBe('cap giay phep khai thac nuoc mat');
    expect(normalizeForSearch('Đo đạc và bản đồ'.normalize('NFD'))).toBe('do dac va ban do');
  });
  it('collapses whitespace', () => {
    expect(normalizeForSearch('  khai   thác\tnước ')).toBe('khai thac nuoc');
  });
});
