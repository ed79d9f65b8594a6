/**
 * Public holidays and the working calendar of civil servants (domain brief §2.5).
 *
 * Statutory days (Labour Code 2019, art. 112): 1 January; Tết — five days, modelled as the last day
 * of the lunar year and the first four days of the new one; Hùng Kings' Commemoration (10/3 lunar);
 * 30 April; 1 May; National Day 2 September plus one adjacent day. A statutory day that falls on a
 * weekly rest day (Saturday or Sunday for civil servants) gives a compensatory day off (nghỉ bù) on
 * the next working day.
 *
 * The Prime Minister decides each year which days are actually off (the exact Tết days, the day
 * adjacent to 2/9, swaps of a weekday off for a make-up Saturday). Those decisions are data:
 * administrator overrides per date, `WORKING` (e.g. a make-up Saturday, or a computed day off that
 * the decision moved) or `DAY_OFF` (an extra or swapped day off). An override always wins.
 */
import { addDays, dayOfWeek, formatIsoDate, parseIsoDate, parseMinute, type IsoDate } from './dates.js';
import { hungKingsDay, lunarNewYear } from './lunar.js';

export type HolidayKind = 'NEW_YEAR' | 'TET' | 'HUNG_KINGS' | 'REUNIFICATION_DAY' | 'LABOUR_DAY' | 'NATIONAL_DAY' | 'COMPENSATORY';

export interface Holiday {
  date: IsoDate;
  kind: HolidayKind;
  /** Vietnamese name, as shown to people. */
  name: string;
}

export type OverrideKind = 'WORKING' | 'DAY_OFF';

/** An administrator's decision for one date; it replaces whatever the rules say about that date. */
export interface CalendarOverride {
  date: IsoDate;
  kind: OverrideKind;
  note: string;
}

/** One working session of a day, in minutes after local midnight: [start, end). */
export interface WorkingSession {
  start: number;
  end: number;
}

/** Domain brief §2.5 (reference behaviour of S1): 07:00–11:30 and 13:30–17:00, 8 hours. */
export const DEFAULT_WORKING_HOURS = '07:00-11:30,13:30-17:00';
/** Saturday and Sunday (0 = Sunday … 6 = Saturday). */
export const DEFAULT_WEEKLY_REST_DAYS: readonly number[] = [6, 0];

/** `07:00-11:30,13:30-17:00` → sessions; throws a RangeError unless they are ordered and do not overlap. */
export function parseWorkingHours(value: string): WorkingSession[] {
  const sessions = value.split(',').map((part) => {
    const [start, end, ...rest] = part.trim().split('-');
    if (start === undefined || end === undefined || rest.length > 0) throw new RangeError(`not a session HH:MM-HH:MM: ${part}`);
    return { start: parseMinute(start), end: parseMinute(end) };
  });
  let previousEnd = -1;
  for (const s of sessions) {
    if (s.end <= s.start || s.start < previousEnd) throw new RangeError(`working sessions must be ordered and not overlap: ${value}`);
    previousEnd = s.end;
  }
  if (sessions.length === 0) throw new RangeError('at least one working session is needed');
  return sessions;
}

/**
 * The day next to 2 September that is off with it (Labour Code art. 112: "the day before or after",
 * chosen each year). Default: the choice that joins the weekend, as in the decisions of 2021–2025
 * (2/9 on Tuesday → 1/9; Thursday → 3/9; Friday → 1/9; Saturday → 1/9; Monday → 3/9); otherwise the
 * day after. A different decision is entered as overrides.
 */
export function nationalDayAdjacentDay(year: number): IsoDate {
  const nationalDay = formatIsoDate(year, 9, 2);
  const weekday = dayOfWeek(nationalDay);
  const before = weekday === 2 || weekday === 5 || weekday === 6;
  return addDays(nationalDay, before ? -1 : 1);
}

/** The statutory holidays of a Gregorian year, in date order, without compensatory days. */
export function statutoryHolidays(year: number): Holiday[] {
  const tet = lunarNewYear(year);
  const tetNames = ['Tết Nguyên đán (ngày cuối năm Âm lịch)', 'Tết Nguyên đán (mùng 1)', 'Tết Nguyên đán (mùng 2)', 'Tết Nguyên đán (mùng 3)', 'Tết Nguyên đán (mùng 4)'];
  const days: Holiday[] = [
    { date: formatIsoDate(year, 1, 1), kind: 'NEW_YEAR', name: 'Tết Dương lịch' },
    ...tetNames.map((name, i) => ({ date: addDays(tet, i - 1), kind: 'TET' as const, name })),
    { date: hungKingsDay(year), kind: 'HUNG_KINGS', name: 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)' },
    { date: formatIsoDate(year, 4, 30), kind: 'REUNIFICATION_DAY', name: 'Ngày Chiến thắng (30/4)' },
    { date: formatIsoDate(year, 5, 1), kind: 'LABOUR_DAY', name: 'Ngày Quốc tế lao động (1/5)' },
    { date: formatIsoDate(year, 9, 2), kind: 'NATIONAL_DAY', name: 'Quốc khánh (2/9)' },
    { date: nationalDayAdjacentDay(year), kind: 'NATIONAL_DAY', name: 'Quốc khánh (ngày liền kề)' },
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Statutory holidays plus compensatory days: each statutory day on a weekly rest day gives the
 * first later day that is neither a rest day, a statutory day nor already a compensatory day.
 */
export function publicHolidays(year: number, weeklyRestDays: readonly number[] = DEFAULT_WEEKLY_REST_DAYS): Holiday[] {
  const statutory = statutoryHolidays(year);
  const taken = new Set(statutory.map((h) => h.date));
  const compensatory: Holiday[] = [];
  for (const holiday of statutory) {
    if (!weeklyRestDays.includes(dayOfWeek(holiday.date))) continue;
    let date = addDays(holiday.date, 1);
    for (let i = 0; i < 31 && (weeklyRestDays.includes(dayOfWeek(date)) || taken.has(date)); i++) date = addDays(date, 1);
    if (weeklyRestDays.includes(dayOfWeek(date)) || taken.has(date)) continue; // a week without working days
    taken.add(date);
    compensatory.push({ date, kind: 'COMPENSATORY', name: `Nghỉ bù ${holiday.name}` });
  }
  return [...statutory, ...compensatory].sort((a, b) => a.date.localeCompare(b.date));
}

export type DayReason = 'WEEKDAY' | 'WEEKLY_REST' | 'HOLIDAY' | 'OVERRIDE';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** What decided: an override, a holiday (statutory or compensatory), the weekly rest, or an ordinary weekday. */
  reason: DayReason;
  holiday?: Holiday;
  override?: CalendarOverride;
}

export interface WorkingCalendar {
  /** Working sessions of every working day, ordered. */
  readonly sessions: readonly WorkingSession[];
  /** Length of one working day in minutes (480 by default): the unit of WORKING_DAY limits. */
  readonly minutesPerDay: number;
  readonly weeklyRestDays: readonly number[];
  isWorkingDay(date: IsoDate): boolean;
  describeDay(date: IsoDate): DayInfo;
  holidays(year: number): Holiday[];
  overrides(year: number): CalendarOverride[];
}

export interface WorkingCalendarOptions {
  overrides?: readonly CalendarOverride[];
  sessions?: readonly WorkingSession[];
  weeklyRestDays?: readonly number[];
}

/** The calendar of working days and hours: rules, then the administrators' overrides on top. */
/** How many dates a calendar keeps the answer of `isWorkingDay` for (about 27 years). */
const MAX_KEPT_DAYS = 10_000;

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const sessions = [...(options.sessions ?? parseWorkingHours(DEFAULT_WORKING_HOURS))];
  const weeklyRestDays = [...(options.weeklyRestDays ?? DEFAULT_WEEKLY_REST_DAYS)];
  const overrides = new Map((options.overrides ?? []).map((o) => [o.date, o]));
  const holidaysByYear = new Map<number, Map<IsoDate, Holiday>>();

  const holidayMap = (year: number) => {
    let map = holidaysByYear.get(year);
    if (!map) {
      map = new Map(publicHolidays(year, weeklyRestDays).map((h) => [h.date, h]));
      holidaysByYear.set(year, map);
    }
    return map;
  };

  const describeDay = (date: IsoDate): DayInfo => {
    const override = overrides.get(date);
    const holiday = holidayMap(parseIsoDate(date).year).get(date);
    if (override) return { date, working: override.kind === 'WORKING', reason: 'OVERRIDE', override, ...(holiday ? { holiday } : {}) };
    if (holiday) return { date, working: false, reason: 'HOLIDAY', holiday };
    if (weeklyRestDays.includes(dayOfWeek(date))) return { date, working: false, reason: 'WEEKLY_REST' };
    return { date, working: true, reason: 'WEEKDAY' };
  };

  // Whether a date is a working day, kept per calendar (a calendar never changes once made):
  // deadlines ask it of every day they count through.
  const workingDays = new Map<IsoDate, boolean>();

  return {
    sessions,
    minutesPerDay: sessions.reduce((sum, s) => sum + s.end - s.start, 0),
    weeklyRestDays,
    isWorkingDay: (date) => {
      let working = workingDays.get(date);
      if (working === undefined) {
        if (workingDays.size >= MAX_KEPT_DAYS) workingDays.clear();
        workingDays.set(date, (working = describeDay(date).working));
      }
      return working;
    },
    describeDay,
    holidays: (year) => [...holidayMap(year).values()],
    overrides: (year) => [...overrides.values()].filter((o) => o.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** Number of working days in a Gregorian year. */
export function workingDayCount(calendar: WorkingCalendar, year: number): number {
  let count = 0;
  for (let date = formatIsoDate(year, 1, 1); date.startsWith(`${year}-`); date = addDays(date, 1)) {
    if (calendar.isWorkingDay(date)) count++;
  }
  return count;
}
