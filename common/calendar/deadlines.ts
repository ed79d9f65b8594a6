/**
 * Deadlines (hạn xử lý, ngày hẹn trả) on the working calendar, in Asia/Ho_Chi_Minh time (UTC+7,
 * no daylight saving time: local time is UTC + 7 h exactly). Domain brief §2.5 and §2.6.
 *
 * Rules, in one place:
 * - **Start of counting.** Time counts only inside the working sessions of working days. A dossier
 *   received during a session counts from that instant; before opening, from opening; during the
 *   lunch break, from the afternoon session; after closing or on a day off, from the opening of the
 *   next working day.
 * - **WORKING_HOUR** limits consume that much working time. **WORKING_DAY** limits consume n × the
 *   length of a working day (8 h by default: 1 working day = 8 working hours, as in S1). The due
 *   instant is the moment the allowance runs out, so 1 working day counted from 07:00 on Monday is
 *   due at 17:00 on Monday, and from 09:00 on Monday at 09:00 on Tuesday.
 * - **CALENDAR_DAY** limits run n × 24 h from the start of counting; when the due date is not a
 *   working day it moves, at the same time of day, to the next working day (option
 *   `rollToWorkingDay`, on by default, as the Civil Code does with a period ending on a day off).
 * - **Clock stops.** Intervals while the dossier waits for the applicant (supplement, payment) or a
 *   foreign authority do not count: the due moves later by the working time (or, for calendar-day
 *   limits, the elapsed time) of each stop that begins before the due. An open stop is passed with
 *   `to` = now; the result is then the earliest possible due.
 * - **Phases** run one after another, each with its own clock; see `planPhases`.
 * - **Timeliness** (early / on time / late, within / over deadline) is decided only by
 *   `classifyTimeliness` below.
 */
import { addDays, fromDayNumber, fromLocal, toLocal, VIETNAM_OFFSET_MINUTES } from './dates.js';
import type { WorkingCalendar } from './holidays.js';

export type TimeUnit = 'WORKING_DAY' | 'WORKING_HOUR' | 'CALENDAR_DAY';
export const timeUnits: readonly TimeUnit[] = ['WORKING_DAY', 'WORKING_HOUR', 'CALENDAR_DAY'];

/** An interval during which the clock is stopped, [from, to). */
export interface ClockStop {
  from: Date;
  to: Date;
}

export interface DeadlineOptions {
  stops?: readonly ClockStop[];
  /** CALENDAR_DAY only: move a due date that is not a working day to the next working day (default true). */
  rollToWorkingDay?: boolean;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far the calendar is searched for working time before giving up (a calendar with no working days). */
const MAX_DAYS_SEARCHED = 20 * 366;

type Interval = [number, number];

function mergedStops(stops: readonly ClockStop[] = []): Interval[] {
  const sorted = stops
    .map((s): Interval => [s.from.getTime(), s.to.getTime()])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** [a, b) minus the stops, in order. */
function subtract([a, b]: Interval, stops: Interval[]): Interval[] {
  const out: Interval[] = [];
  let cursor = a;
  for (const [s, e] of stops) {
    if (e <= cursor) continue;
    if (s >= b) break;
    if (s > cursor) out.push([cursor, Math.min(s, b)]);
    cursor = Math.max(cursor, e);
    if (cursor >= b) break;
  }
  if (cursor < b) out.push([cursor, b]);
  return out;
}

/** The counting time from `from` on, in order: working sessions of working days minus the stops. */
function* countingPieces(from: Date, calendar: WorkingCalendar, stops: Interval[]): Generator<Interval> {
  const start = from.getTime();
  // Days by their number (days since 1970-01-01, local): a session's instants are the local
  // midnight plus its minutes (as `fromLocal` computes them), without parsing the date again.
  const offsetMs = VIETNAM_OFFSET_MINUTES * MINUTE_MS;
  let day = Math.floor((start + offsetMs) / DAY_MS);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, day++) {
    if (!calendar.isWorkingDay(fromDayNumber(day))) continue;
    const midnight = day * DAY_MS - offsetMs;
    for (const session of calendar.sessions) {
      const a = Math.max(midnight + session.start * MINUTE_MS, start);
      const b = midnight + session.end * MINUTE_MS;
      if (b <= a) continue;
      yield* subtract([a, b], stops);
    }
  }
  throw new RangeError('no working time found in the calendar');
}

/** The first instant at or after `received` that counts (see the rule on the start of counting). */
export function startOfCounting(received: Date, calendar: WorkingCalendar, options: DeadlineOptions = {}): Date {
  return addWorkingMinutes(received, 0, calendar, options);
}

/** The instant when `minutes` of working time counted from `from` have run out. */
export function addWorkingMinutes(from: Date, minutes: number, calendar: WorkingCalendar, options: DeadlineOptions = {}): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`a duration must be a non-negative number, not ${minutes}`);
  let remaining = Math.round(minutes * MINUTE_MS);
  for (const [a, b] of countingPieces(from, calendar, mergedStops(options.stops))) {
    if (remaining === 0) return new Date(a);
    if (b - a >= remaining) return new Date(a + remaining);
    remaining -= b - a;
  }
  /* c8 ignore next */
  throw new RangeError('unreachable');
}

export function addWorkingHours(from: Date, hours: number, calendar: WorkingCalendar, options: DeadlineOptions = {}): Date {
  return addWorkingMinutes(from, hours * 60, calendar, options);
}

/** n working days of `calendar.minutesPerDay` each (8 working hours by default). */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar, options: DeadlineOptions = {}): Date {
  return addWorkingMinutes(from, days * calendar.minutesPerDay, calendar, options);
}

/** n × 24 h from the start of counting, plus stopped time, rolled to a working day unless told not to. */
export function addCalendarDays(from: Date, days: number, calendar: WorkingCalendar, options: DeadlineOptions = {}): Date {
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`a duration must be a non-negative number, not ${days}`);
  const stops = mergedStops(options.stops);
  const start = startOfCounting(from, calendar, options).getTime();
  const span = Math.round(days * DAY_MS);
  // A stop that begins before the due pushes it by the whole stop (its part after the start of
  // counting): the due then lies after the stop's end. Repeat until no further stop is reached.
  let due = start + span;
  for (;;) {
    const stopped = stops.reduce((sum, [s, e]) => (s < due && e > start ? sum + e - Math.max(s, start) : sum), 0);
    const next = start + span + stopped;
    if (next === due) break;
    due = next;
  }
  if (options.rollToWorkingDay === false) return new Date(due);
  const local = toLocal(new Date(due));
  let date = local.date;
  for (let i = 0; !calendar.isWorkingDay(date); i++, date = addDays(date, 1)) {
    if (i > MAX_DAYS_SEARCHED) throw new RangeError('no working day found in the calendar');
  }
  return date === local.date ? new Date(due) : new Date(fromLocal(date, local.minute).getTime() + (due % MINUTE_MS));
}

export interface Duration {
  amount: number;
  /** `HOUR` is the catalogue's name for working hours (8 h = 1 working day). */
  unit: TimeUnit | 'HOUR';
}

/** The due instant of a time limit counted from `from`. */
export function dueDate(from: Date, duration: Duration, calendar: WorkingCalendar, options: DeadlineOptions = {}): Date {
  switch (duration.unit) {
    case 'WORKING_DAY':
      return addWorkingDays(from, duration.amount, calendar, options);
    case 'WORKING_HOUR':
    case 'HOUR':
      return addWorkingHours(from, duration.amount, calendar, options);
    case 'CALENDAR_DAY':
      return addCalendarDays(from, duration.amount, calendar, options);
  }
}

/** Working time, in minutes, between two instants (0 when `to` is not after `from`), stops excluded. */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar, options: DeadlineOptions = {}): number {
  const end = to.getTime();
  let total = 0;
  if (end <= from.getTime()) return 0;
  for (const [a, b] of countingPieces(from, calendar, mergedStops(options.stops))) {
    if (a >= end) break;
    total += Math.min(b, end) - a;
  }
  return total / MINUTE_MS;
}

export interface Phase extends Duration {
  name: string;
  /** When the phase actually finished; the next phase then starts from there. */
  finishedAt?: Date | null;
}

export interface PlannedPhase {
  name: string;
  startsAt: Date;
  dueAt: Date;
}

export interface PhasePlan {
  phases: PlannedPhase[];
  /** The overall due (ngày hẹn trả): the phases back to back from reception, moved only by clock stops. */
  dueAt: Date;
}

/**
 * Staged limits ("tùy theo giai đoạn"): each phase has its own clock. A phase starts when the
 * previous one finished (or, while it has not, at its due), so each step's due reflects the real
 * hand-over; the overall due ignores early or late finishes and moves only by the clock stops.
 */
export function planPhases(receivedAt: Date, phases: readonly Phase[], calendar: WorkingCalendar, options: DeadlineOptions = {}): PhasePlan {
  const planned: PlannedPhase[] = [];
  let start = receivedAt;
  let overall = receivedAt;
  for (const phase of phases) {
    const dueAt = dueDate(start, phase, calendar, options);
    planned.push({ name: phase.name, startsAt: startOfCounting(start, calendar, options), dueAt });
    overall = dueDate(overall, phase, calendar, options);
    start = phase.finishedAt ?? dueAt;
  }
  return { phases: planned, dueAt: phases.length === 0 ? startOfCounting(receivedAt, calendar, options) : overall };
}

/**
 * The overall due of `planPhases` alone (its `dueAt`: the phases back to back from reception,
 * moved only by the clock stops), without planning each phase: a dossier's appointment.
 */
export function phasesDueAt(receivedAt: Date, phases: readonly Phase[], calendar: WorkingCalendar, options: DeadlineOptions = {}): Date {
  if (phases.length === 0) return startOfCounting(receivedAt, calendar, options);
  let overall = receivedAt;
  for (const phase of phases) overall = dueDate(overall, phase, calendar, options);
  return overall;
}

export type ResolvedTimeliness = 'EARLY' | 'ON_TIME' | 'LATE';
export type PendingTimeliness = 'WITHIN_DEADLINE' | 'OVERDUE';
export type Timeliness = ResolvedTimeliness | PendingTimeliness;

/**
 * THE timeliness rule (domain brief §2.6), for a dossier or one step of it.
 *
 * - Compared instant: the moment the result was ready (`resolvedAt`: status 9 "Đã xử lý xong", or the
 *   end of the step), not when the applicant collected it — the time the applicant takes to come
 *   and collect is not the administration's delay.
 * - Granularity: the local (Asia/Ho_Chi_Minh) calendar date, as people read the appointment slip.
 *   Resolved on an earlier date than the due date → EARLY (trước hạn); on the due date → ON_TIME
 *   (đúng hạn), even after the due hour; on a later date → LATE (quá hạn).
 * - Not resolved yet: WITHIN_DEADLINE (trong hạn) while the date of `at` (the end of the reporting
 *   period, or now) is not after the due date; otherwise OVERDUE (quá hạn).
 * - An apology and re-appointment (template 04) does not change `dueAt` for this rule: such a
 *   dossier still counts as late.
 */
export function classifyTimeliness(input: { dueAt: Date; resolvedAt?: Date | null; at: Date }): Timeliness {
  const due = toLocal(input.dueAt).date;
  if (input.resolvedAt) {
    const done = toLocal(input.resolvedAt).date;
    if (done < due) return 'EARLY';
    return done === due ? 'ON_TIME' : 'LATE';
  }
  return toLocal(input.at).date <= due ? 'WITHIN_DEADLINE' : 'OVERDUE';
}

export type TimelinessCounts = Record<Timeliness, number>;

/**
 * On-time percentage as OpenCPS and the Decision 766 indicators compute it:
 * (within deadline + early + on time) ÷ all × 100; null when there is nothing to count.
 */
export function onTimePercentage(counts: TimelinessCounts): number | null {
  const good = counts.WITHIN_DEADLINE + counts.EARLY + counts.ON_TIME;
  const all = good + counts.OVERDUE + counts.LATE;
  return all === 0 ? null : (good / all) * 100;
}

