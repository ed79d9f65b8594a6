import { describe, expect, it } from 'vitest';
import { amountInWords, formatReceiptNumber, receiptSymbol, vietnamYear } from './receipts.models.js';

describe('receipt series and amounts', () => {
  it('writes the symbol with the two-digit year and E, and seven-digit numbers', () => {
    expect(receiptSymbol('AA', 2026)).toBe('AA26E');
    expect(receiptSymbol('BL', 2030)).toBe('BL30E');
    expect(formatReceiptNumber(1)).toBe('0000001');
    expect(formatReceiptNumber(1234567)).toBe('1234567');
    expect(() => formatReceiptNumber(0)).toThrow(RangeError);
    expect(() => formatReceiptNumber(10_000_000)).toThrow(RangeError);
  });
  it('takes the year in Viet Nam: 31 December 17:30 UTC is already next year', () => {
    expect(vietnamYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(vietnamYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });
  it('reads amounts in Vietnamese words with the currency', () => {
    expect(amountInWords(35000)).toBe('Ba mươi lăm nghìn đồng');
    expect(amountInWords(1250000)).toBe('Một triệu hai trăm năm mươi nghìn đồng');
    expect(amountInWords(105000)).toBe('Một trăm lẻ năm nghìn đồng');
    expect(amountInWords(1001)).toBe('Một nghìn không trăm lẻ một đồng');
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });
});
