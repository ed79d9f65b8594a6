import { asc, eq } from 'drizzle-orm';
import { preparedStatement, type DbExecutor } from '../../platform/db/create-database.js';
import { calendarDaysTable, type CalendarDayRow } from './calendar.tables.js';

/** Every override, date order: read in every transaction that computes a deadline (prepared once per connection). */
const allDays = (db: DbExecutor) => db.select().from(calendarDaysTable).orderBy(asc(calendarDaysTable.date)).prepare('calendar_days_all');

export function createCalendarRepository({ db }: { db: DbExecutor }) {
  return {
    /** Every override; the table holds a few dozen rows a year. */
    listAll: (): Promise<CalendarDayRow[]> => preparedStatement(db, 'calendar_days_all', allDays).execute(),

    async get(date: string): Promise<CalendarDayRow | undefined> {
      const [row] = await db.select().from(calendarDaysTable).where(eq(calendarDaysTable.date, date));
      return row;
    },

    async upsert(values: { date: string; kind: CalendarDayRow['kind']; note: string; updatedByUserId: string | null }): Promise<CalendarDayRow> {
      const year = Number(values.date.slice(0, 4));
      const [row] = await db
        .insert(calendarDaysTable)
        .values({ ...values, year })
        .onConflictDoUpdate({ target: calendarDaysTable.date, set: { kind: values.kind, note: values.note, updatedByUserId: values.updatedByUserId, updatedAt: new Date() } })
        .returning();
      return row!;
    },

    async remove(date: string): Promise<CalendarDayRow | undefined> {
      const [row] = await db.delete(calendarDaysTable).where(eq(calendarDaysTable.date, date)).returning();
      return row;
    },
  };
}
