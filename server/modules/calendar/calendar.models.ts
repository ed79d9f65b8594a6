/** Pure rules of the calendar HTTP contract. */
import { isIsoDate } from '../../../common/calendar/dates.js';

const instantPattern = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An ISO-8601 date or date-time as people and systems send it. Without an offset it is
 * Vietnamese local time (UTC+7); a date alone is local midnight. Null when it is not a real instant.
 */
export function parseInstant(value: string): Date | null {
  const m = instantPattern.exec(value);
  if (!m || !isIsoDate(m[1]!)) return null;
  const [hours, minutes, seconds] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const text = m[2] === undefined ? `${m[1]}T00:00:00+07:00` : m[5] ? value : `${value}+07:00`;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t);
}
