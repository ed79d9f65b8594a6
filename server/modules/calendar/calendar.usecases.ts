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

/**
 * How long a node reuses the overrides it read (ms). An edit on the node applies at once; an edit
 * on another node within this time (deadlines are computed from the calendar on every dossier
 * read and write, and the overrides change a few times a year).
 */
export const CALENDAR_READ_TTL_MS = 1000;

interface KeptOverrides { at: number; epoch: number; sessions: readonly WorkingSession[]; calendar: WorkingCalendar }
/** Per database handle (a transaction reads afresh): the calendar built from the overrides last read. */
const kept = new WeakMap<object, KeptOverrides>();
/** Raised by every edit on this node: a calendar kept from before it is not used again. */
let calendarEpoch = 0;

/** The working calendar as it stands now: rules, configured working hours, and every override. */
export async function loadWorkingCalendar({ db, sessions }: { db: DbExecutor; sessions: readonly WorkingSession[] }): Promise<WorkingCalendar> {
  const now = Date.now();
  const hit = kept.get(db);
  if (hit && hit.epoch === calendarEpoch && hit.sessions === sessions && now - hit.at >= 0 && now - hit.at < CALENDAR_READ_TTL_MS) return hit.calendar;
  const epoch = calendarEpoch;
  const rows = await createCalendarRepository({ db }).listAll();
  const overrides = rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note }));
  // The calendar built from the overrides is pure: the last one is reused while they and the
  // hours stay the same, so that its holidays (lunar dates) are not worked out again.
  const key = JSON.stringify([sessions, overrides]);
  const calendar = lastCalendar?.key === key ? lastCalendar.calendar : createWorkingCalendar({ sessions, overrides });
  lastCalendar = { key, calendar };
  kept.set(db, { at: now, epoch, sessions, calendar });
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
  }).finally(() => { calendarEpoch += 1; });
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
  }).finally(() => { calendarEpoch += 1; });
}
