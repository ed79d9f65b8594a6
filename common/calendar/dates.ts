/**
 * Civil dates and Vietnamese local time without a time-zone library.
 * Vietnam keeps UTC+7 all year (no daylight saving time since 1975), so local time is
 * UTC shifted by a fixed seven hours. Dates are ISO strings `YYYY-MM-DD`; instants are `Date`.
 */

/** A civil date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Asia/Ho_Chi_Minh offset from UTC, in minutes. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (2025-02-29 is not one). */
export function isIsoDate(value: string): boolean {
  const m = isoDatePattern.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function parseIsoDate(value: IsoDate): { year: number; month: number; day: number } {
  if (!isIsoDate(value)) throw new RangeError(`not a date: ${value}`);
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) };
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * DAY_MS);
  return formatIsoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++) out.push(fromDayNumber(n));
  return out;
}

/** The local (UTC+7) date of an instant and the minute of that day (0–1439). */
export function toLocal(instant: Date): { date: IsoDate; minute: number } {
  const local = instant.getTime() + VIETNAM_OFFSET_MINUTES * MINUTE_MS;
  const days = Math.floor(local / DAY_MS);
  return { date: fromDayNumber(days), minute: Math.floor((local - days * DAY_MS) / MINUTE_MS) };
}

/** The instant at `minute` minutes after local midnight of `date` (minute may be 1440 = next midnight). */
export function fromLocal(date: IsoDate, minute: number): Date {
  return new Date(dayNumber(date) * DAY_MS + (minute - VIETNAM_OFFSET_MINUTES) * MINUTE_MS);
}

/** `2026-02-17T08:30:00+07:00`: the form the national sync and people read. */
export function formatLocalDateTime(instant: Date): string {
  const { date, minute } = toLocal(instant);
  const seconds = Math.floor((instant.getTime() % MINUTE_MS + MINUTE_MS) % MINUTE_MS / 1000);
  return `${date}T${formatMinute(minute)}:${String(seconds).padStart(2, '0')}+07:00`;
}

/** 450 → `07:30`. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** `07:30` → 450; throws on anything else. `24:00` is allowed as the end of the day. */
export function parseMinute(value: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  const minute = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minute > 1440) throw new RangeError(`not a time of day: ${value}`);
  return minute;
}
