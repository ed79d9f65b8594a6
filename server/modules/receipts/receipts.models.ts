/** Pure rules of the receipt series: symbol, printed number, the year in Viet Nam, amounts in words. */
import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

/** The calendar year of an instant in Asia/Ho_Chi_Minh (a receipt of 31/12 23:30 UTC+7 is in that year). */
const yearFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });

export function vietnamYear(at: Date): number {
  return Number(yearFormat.format(at));
}

/** Ký hiệu biên lai: the prefix, the two-digit year and E (electronic), e.g. AA26E. */
export function receiptSymbol(prefix: string, year: number): string {
  return `${prefix}${String(year % 100).padStart(2, '0')}E`;
}

/** Số biên lai: seven digits, from 0000001 in each series. */
export function formatReceiptNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9_999_999) throw new RangeError(`receipt number out of range: ${n}`);
  return String(n).padStart(7, '0');
}

const wordsConfig = (() => {
  const c = new ReadingConfig();
  c.unit = ['đồng'];
  return c;
})();

/** "Số tiền bằng chữ": e.g. 1250000 → "Một triệu hai trăm năm mươi nghìn đồng". */
export function amountInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a non-negative integer of VND: ${amount}`);
  const words = doReadNumber(String(amount), wordsConfig);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const receiptKindLabels = { PHI: 'Phí', LE_PHI: 'Lệ phí', OTHER: 'Khoản thu khác' } as const;

export const providerLabels: Record<string, string> = {
  national: 'Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia',
  vnpay: 'Cổng thanh toán VNPAY',
  bank_transfer: 'Chuyển khoản ngân hàng (VietQR)',
};
