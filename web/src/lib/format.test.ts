import { describe, expect, it } from 'vitest';
import { dayBefore, fileKind, formatBytes, formatIsoDate, formatVnd } from './format';

describe('formats', () => {
  it('writes VND the Vietnamese way', () => {
    expect(formatVnd(1_000_000, 'vi').replace(/\s/g, ' ')).toBe('1.000.000 ₫');
    expect(formatVnd(45_000_000, 'en')).toBe('₫45,000,000');
  });

  it('writes dates as dd/mm/yyyy without time-zone drift', () => {
    expect(formatIsoDate('2024-07-01')).toBe('01/07/2024');
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
  });

  it('gives file sizes and kinds', () => {
    expect(formatBytes(26_700, 'vi')).toBe('26 KB');
    expect(formatBytes(2_300_000, 'vi')).toBe('2,2 MB');
    expect(fileKind('application/pdf', 'a.pdf')).toBe('PDF');
    expect(fileKind('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'a.docx')).toBe('DOCX');
  });
});
