/** Pure helpers of the working-calendar page. */
import type { Me } from '../account/types';

/** Only an official holding the ADMINISTRATOR role edits the calendar (the server checks it too). */
export function canEditCalendar(me: Me | null | undefined): boolean {
  return Boolean(me && me.kind === 'OFFICIAL' && me.grants.some((g) => g.role === 'ADMINISTRATOR'));
}

/** 0 = Sunday … 6 = Saturday, of a `YYYY-MM-DD` civil date. */
export function weekdayOf(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

/** The year shown: `?nam=` when it is a supported year, else the current year in Vietnam (UTC+7). */
export function yearFromParam(param: string | null, now: Date = new Date()): number {
  const n = Number(param);
  if (param && Number.isInteger(n) && n >= 2000 && n <= 2100) return n;
  return new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();
}

/** The years offered in the selector: the shown year among a few around the current one. */
export function yearOptions(shown: number, current: number): number[] {
  const years = new Set([current - 1, current, current + 1, current + 2, shown]);
  return [...years].filter((y) => y >= 2000 && y <= 2100).sort((a, b) => a - b);
}

/** A form date is acceptable when it is a real `YYYY-MM-DD` date within the supported years. */
export function isEditableDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  const year = Number(m[1]);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && year >= 2000 && year <= 2100;
}
