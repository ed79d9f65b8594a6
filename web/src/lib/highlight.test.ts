import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight';

const marked = (text: string, q: string) => highlightParts(text, q).filter((p) => p.match).map((p) => p.text);

describe('highlightParts', () => {
  it('marks words typed without diacritics', () => {
    expect(marked('Cấp giấy phép khai thác, sử dụng nước mặt', 'khai thac nuoc mat')).toEqual(['khai', 'thác', 'nước', 'mặt']);
  });

  it('folds đ and case', () => {
    expect(marked('Đo đạc và bản đồ', 'do dac')).toEqual(['Đo', 'đạc', 'đồ']);
  });

  it('keeps the text whole when nothing matches or the query is empty', () => {
    expect(highlightParts('Môi trường', '')).toEqual([{ text: 'Môi trường', match: false }]);
    expect(marked('Môi trường', 'nuoc')).toEqual([]);
  });
});
