/** Display helpers for statistics (pure). */
import { localeOf, type Lang } from '../../i18n/language';

/** A share in % ("87,5") or the placeholder when there is nothing to compute it over. */
export const formatShare = (value: number | null | undefined, lang: Lang, none = '—') =>
  value === null || value === undefined ? none : new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1 }).format(value);

/** A count, or "< 5" as published. */
export const formatCount = (value: number | string, lang: Lang) => (typeof value === 'number' ? new Intl.NumberFormat(localeOf(lang)).format(value) : value);

/** An instant as a local (Asia/Ho_Chi_Minh) date and time. */
export const formatInstant = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));

/** Today in Vietnam, YYYY-MM-DD. */
export const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
