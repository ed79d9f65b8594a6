/** Display formats for Vietnamese public-service data. Pure; the language is passed in. */
import { localeOf, type Lang } from '../i18n/language';

/** 1000000 → "1.000.000 ₫" in Vietnamese, "₫1,000,000" in English. */
export function formatVnd(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

/** A quantity such as 0.5 or 42, with the locale's decimal mark. */
export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(value);
}

/** 123456 → "121 KB", 2300000 → "2,2 MB". */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** "2024-07-01" → "01/07/2024" (the date is a calendar day; no time zone involved). */
export function formatIsoDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** The day before an ISO date: versions end the day before `validTo`. */
export function dayBefore(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** "application/pdf" → "PDF"; Word documents → "DOCX". */
export function fileKind(mediaType: string, fileName: string): string {
  if (mediaType === 'application/pdf') return 'PDF';
  if (mediaType.includes('wordprocessingml')) return 'DOCX';
  if (mediaType === 'application/msword') return 'DOC';
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1];
  return ext ? ext.toUpperCase() : mediaType;
}
