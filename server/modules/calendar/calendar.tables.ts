/**
 * The working calendar's administrator overrides (domain brief §2.5): the Government's yearly
 * decisions on days off and make-up Saturdays. Holidays themselves are computed by
 * `common/calendar/holidays.ts`; a row here replaces whatever the rules say about its date.
 */
import { date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const calendarDayKinds = ['WORKING', 'DAY_OFF'] as const;

export const calendarDaysTable = pgTable('calendar_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  /** WORKING: a working day (make-up Saturday, or a computed day off that the decision moved); DAY_OFF: an extra or swapped day off. */
  kind: text('kind', { enum: calendarDayKinds }).notNull(),
  /** Why, e.g. the decision and what the day is swapped with. */
  note: text('note').notNull().default(''),
  /** Year of `date`, for per-year listings. */
  year: integer('year').notNull(),
  updatedByUserId: text('updated_by_user_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('calendar_days_year_idx').on(t.year)]);

export type CalendarDayRow = typeof calendarDaysTable.$inferSelect;
