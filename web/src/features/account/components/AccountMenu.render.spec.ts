import { describe, expect, it } from 'vitest';
import { initialsOf } from './AccountMenu';

describe('the header account button’s initials (phone width)', () => {
  it('takes the family name’s and the given name’s first letters, Vietnamese letters kept', () => {
    expect(initialsOf('Nguyễn Văn An')).toBe('NA');
    expect(initialsOf('Đặng Văn Hùng')).toBe('ĐH');
    expect(initialsOf('  lê   thị   ánh  ')).toBe('LÁ');
  });

  it('has one letter for a one-word name and a stand-in for an empty one', () => {
    expect(initialsOf('Ánh')).toBe('Á');
    expect(initialsOf('   ')).toBe('?');
  });
});
