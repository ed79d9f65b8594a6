/**
 * The working calendar for the rest of the server: `loadWorkingCalendar` gives the rules of
 * `common/calendar` with the administrators' overrides, for deadlines anywhere (dossiers, jobs).
 */
import { formatLocalDateTime, formatMinute } from '../../../common/calendar/dates.js';
import { dueDate, type TimeUnit } from '../../../common/calendar/deadlines.js';
import { createWorkingCalendar, workingDayCount, type WorkingCalendar, type WorkingSession } from '../../../common/calendar/holidays.js';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import { createCalendarDayNotFoundError, createCalendarRangeError } from './calendar.errors.js';
import { createCalendarRepository } from './calendar.repository.js';
import type { CalendarDayRow } from './calendar.tables.js';

interface ClientInfo {
  ip?: string;
}

/** The working calendar as it stands now: rules, configured working hours, and every override. */
export async function loadWorkingCalendar({ db, sessions }: { db: DbExecutor; sessions: readonly WorkingSession[] }): Promise<WorkingCalendar> {
  const rows = await createCalendarRepository({ db }).listAll();
  const overrides = rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note }));
  // The overrides are read every time (an edit applies at once on every node), but the calendar
  // built from them is pure: the last one is reused while they and the hours stay the same, so
  // that its holidays (lunar dates) are not worked out again on every request.
  const key = JSON.stringify([sessions, overrides]);
  if (lastCalendar?.key === key) return lastCalendar.calendar;
  const calendar = createWorkingCalendar({ sessions, overrides });
  lastCalendar = { key, calendar };
  return calendar;
}

let lastCalendar: { key: string; calendar: WorkingCalendar } | undefined;

/** `GET /calendar/due-date`: when a limit counted from `from` runs out. */
export async function computeDueDate({ db, sessions, from, amount, unit }: { db: DbExecutor; sessions: readonly WorkingSession[]; from: Date; amount: number; unit: TimeUnit }) {
  const calendar = await loadWorkingCalendar({ db, sessions });
  try {
    return { dueAt: formatLocalDateTime(dueDate(from, { amount, unit }, calendar)) };
  } catch (e) {
    if (e instanceof RangeError) throw createCalendarRangeError({ cause: e });
    throw e;
  }
}

const presentOverride = (r: CalendarDayRow) => ({ date: r.date, kind: r.kind, note: r.note, updatedAt: r.updatedAt.toISOString() });

/** `GET /calendar/years/{year}`: holidays with their effective state, overrides, working-day count and hours. */
export async function getCalendarYear({ db, sessions, year }: { db: DbExecutor; sessions: readonly WorkingSession[]; year: number }) {
  const calendar = await loadWorkingCalendar({ db, sessions });
  const rows = (await createCalendarRepository({ db }).listAll()).filter((r) => r.year === year);
  return {
    year,
    workingDays: workingDayCount(calendar, year),
    workingHours: calendar.sessions.map((s) => ({ start: formatMinute(s.start), end: formatMinute(s.end) })),
    hoursPerWorkingDay: calendar.minutesPerDay / 60,
    holidays: calendar.holidays(year).map((h) => ({ ...h, working: calendar.isWorkingDay(h.date) })),
    overrides: rows.map(presentOverride),
  };
}

/** Administrators: make a date a working day or a day off (audited, with the previous state). */
export async function setCalendarDay({ db, date, kind, note, actorUserId, client = {} }: { db: Database; date: string; kind: CalendarDayRow['kind']; note: string; actorUserId: string; client?: ClientInfo }) {
  return db.transaction(async (tx) => {
    const repo = createCalendarRepository({ db: tx });
    const before = await repo.get(date);
    const row = await repo.upsert({ date, kind, note: note.trim(), updatedByUserId: actorUserId });
    await recordAuditEvent({ db: tx, event: {
      actorUserId, action: 'CALENDAR_DAY_SET', subject: `calendar_day:${date}`, ip: client.ip, outcome: 'SUCCESS',
      details: { kind: row.kind, note: row.note, previous: before ? { kind: before.kind, note: before.note } : null },
    } });
    return presentOverride(row);
  });
}

/** Administrators: remove an override; the date follows the rules again. */
export async function clearCalendarDay({ db, date, actorUserId, client = {} }: { db: Database; date: string; actorUserId: string; client?: ClientInfo }) {
  await db.transaction(async (tx) => {
    const removed = await createCalendarRepository({ db: tx }).remove(date);
    if (!removed) throw createCalendarDayNotFoundError();
    await recordAuditEvent({ db: tx, event: {
      actorUserId, action: 'CALENDAR_DAY_CLEARED', subject: `calendar_day:${date}`, ip: client.ip, outcome: 'SUCCESS',
      details: { previous: { kind: removed.kind, note: removed.note } },
    } });
  });
}
