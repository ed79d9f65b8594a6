/**
 * Dates, times and money as Vietnamese administrative documents write them. Dates are shown in
 * Asia/Ho_Chi_Minh whatever the server's zone. Day numbers below 10 and the months 1 and 2 take a
 * leading zero, as Decree 30/2020/NĐ-CP prescribes for the date line ("ngày 05 tháng 02 năm 2026",
 * "ngày 15 tháng 12 năm 2026").
 */

export const DOCUMENT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A moment given as a Date or an ISO 8601 string with an offset ("2026-12-05T09:30:00+07:00"). */
export type DateInput = Date | string;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: DOCUMENT_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

export function toDate(value: DateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${String(value)}`);
  return date;
}

export interface VietnamDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Calendar fields of a moment in Vietnam. */
export function vietnamDateParts(value: DateInput): VietnamDateParts {
  const parts = partsFormat.formatToParts(toDate(value));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "ngày 05 tháng 12 năm 2026" */
export function formatVietnameseDate(value: DateInput): string {
  const { year, month, day } = vietnamDateParts(value);
  const monthText = month <= 2 ? two(month) : String(month);
  return `ngày ${two(day)} tháng ${monthText} năm ${year}`;
}

/** "Hà Nội, ngày 05 tháng 12 năm 2026" — the place and date line under the national motto. */
export function formatDateLine(place: string, value: DateInput): string {
  return `${place}, ${formatVietnameseDate(value)}`;
}

/**
 * "9 giờ 30 phút, ngày 05 tháng 12 năm 2026", as administrative documents write a time: the
 * hour without a leading zero, the minutes on two digits. The time is joined by no-break
 * spaces so that a line never ends inside it ("07 giờ 00" / "phút").
 */
export function formatVietnameseDateTime(value: DateInput): string {
  const { hour, minute } = vietnamDateParts(value);
  return `${hour}\u00a0giờ\u00a0${two(minute)}\u00a0phút, ${formatVietnameseDate(value)}`;
}

/** "05/12/2026 09:30" — for table cells. */
export function formatShortDateTime(value: DateInput): string {
  const { year, month, day, hour, minute } = vietnamDateParts(value);
  return `${two(day)}/${two(month)}/${year} ${two(hour)}:${two(minute)}`;
}

/** "1.250.000 đồng" — thousands separated by dots, whole đồng. */
export function formatVnd(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(`Not an amount: ${amount}`);
  const rounded = Math.round(amount);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${rounded < 0 ? '-' : ''}${digits} đồng`;
}

const units = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const groups = ['', ' nghìn', ' triệu', ' tỷ'];

function threeDigits(n: number, full: boolean): string {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  const words: string[] = [];
  if (full || hundreds > 0) words.push(`${units[hundreds]} trăm`);
  if (tens === 0) {
    if (ones > 0 && (full || hundreds > 0)) words.push('linh');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(`${units[tens]} mươi`);
  }
  if (ones > 0) {
    if (ones === 1 && tens > 1) words.push('mốt');
    else if (ones === 5 && tens > 0) words.push('lăm');
    else if (ones === 4 && tens > 1) words.push('tư');
    else words.push(units[ones]!);
  }
  return words.join(' ');
}

/**
 * An amount in words, first letter capitalised: 1250000 → "Một triệu hai trăm năm mươi nghìn đồng".
 * Groups of thousands repeat after "tỷ" (1e12 → "một nghìn tỷ").
 */
export function vndInWords(amount: number): string {
  let n = Math.round(Math.abs(amount));
  let text: string;
  if (n === 0) {
    text = 'không';
  } else {
    const chunks: number[] = [];
    while (n > 0) {
      chunks.push(n % 1000);
      n = Math.floor(n / 1000);
    }
    const words: string[] = [];
    for (let i = chunks.length - 1; i >= 0; i--) {
      const chunk = chunks[i]!;
      if (chunk === 0) {
        // "tỷ" must still be said when only higher groups are non-zero: 1.000.000.000.000 → một nghìn tỷ
        if (i % 3 === 0 && i > 0 && words.length > 0 && !words[words.length - 1]!.endsWith('tỷ')) words.push('tỷ');
        continue;
      }
      const suffix = i === 0 ? '' : i % 3 === 0 ? ' tỷ' : groups[i % 3]!;
      words.push(threeDigits(chunk, words.length > 0) + suffix);
    }
    text = words.join(' ');
  }
  const sentence = `${amount < 0 ? 'âm ' : ''}${text} đồng`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
