import { describe, expect, it } from 'vitest';
import { unitFilter, unitMatches } from './filter';

const options = ['Xã Hòa Phú', 'Phường Ba Đình', 'Xã Phú Xuyên', 'Phường Đống Đa', 'Đặc khu Phú Quốc'].map((label, i) => ({ value: String(i), label }));
const labels = (search: string) => unitFilter({ options, search, limit: 100 }).map((o) => ('label' in o ? o.label : ''));

describe('unit selects: search without diacritics', () => {
  it('matches names typed without accents, in any case, by the start of each word', () => {
    expect(unitMatches('Phường Ba Đình', 'ba dinh')).toBe(true);
    expect(unitMatches('Phường Ba Đình', 'BA ĐÌNH')).toBe(true);
    expect(unitMatches('Thành phố Hồ Chí Minh', 'ho chi')).toBe(true);
    expect(unitMatches('Phường Đống Đa', 'dong da')).toBe(true);
    expect(unitMatches('Xã Hưng Nguyên Nam', 'yen na')).toBe(false);
    expect(unitMatches('Phường Ba Đình', '')).toBe(true);
    // The kind counts only when typed.
    expect(unitMatches('Phường Ba Đình', 'phu')).toBe(false);
    expect(unitMatches('Phường Ba Đình', 'phuong ba')).toBe(true);
  });

  it('lists names that start with the words typed first', () => {
    expect(labels('phu')).toEqual(['Xã Phú Xuyên', 'Đặc khu Phú Quốc', 'Xã Hòa Phú']);
    expect(labels('phu quoc')).toEqual(['Đặc khu Phú Quốc']);
    expect(labels('zzz')).toEqual([]);
    expect(labels('')).toHaveLength(5);
  });
});
