/** HTTP contract of the working calendar: Zod schemas that validate, serialise and document. */
import { z } from 'zod';
import { isIsoDate } from '../../../common/calendar/dates.js';
import { timeUnits } from '../../../common/calendar/deadlines.js';
import { parseInstant } from './calendar.models.js';
import { calendarDayKinds } from './calendar.tables.js';

const isoDate = z.string().refine(isIsoDate, 'Ngày phải có dạng YYYY-MM-DD và là một ngày có thật');

export const dueDateQuerySchema = z.object({
  from: z.string({ message: 'Thiếu thời điểm bắt đầu tính (from)' })
    .max(40)
    .refine((v) => parseInstant(v) !== null, 'Thời điểm bắt đầu phải theo ISO-8601, ví dụ 2026-03-02T09:00:00+07:00')
    .meta({ description: 'When counting starts (e.g. reception), ISO-8601. Without an offset it is Vietnamese local time (UTC+7); a date alone is local midnight.', example: '2026-03-02T09:00:00+07:00' }),
  amount: z.coerce.number({ message: 'Thời hạn phải là số' })
    .min(0, 'Thời hạn không được âm')
    .max(3650, 'Thời hạn tối đa 3650')
    .meta({ description: 'How many units; decimals allowed (0.5 working day = 4 working hours by default).' }),
  unit: z.enum(timeUnits as [string, ...string[]], { message: 'Đơn vị phải là WORKING_DAY, WORKING_HOUR hoặc CALENDAR_DAY' })
    .meta({ description: 'WORKING_DAY (a working day is the configured working hours, 8 h by default), WORKING_HOUR, or CALENDAR_DAY (a due date on a day off moves to the next working day).' }),
});

export const dueDateResponseSchema = z.object({
  dueAt: z.string().meta({ description: 'The due instant, ISO-8601 in Vietnamese local time (+07:00).', example: '2026-03-03T09:00:00+07:00' }),
});

export const yearParamsSchema = z.object({
  year: z.coerce.number({ message: 'Năm phải là số' }).int('Năm phải là số nguyên').min(2000, 'Năm từ 2000 đến 2100').max(2100, 'Năm từ 2000 đến 2100'),
});

const overrideSchema = z.object({
  date: z.string(),
  kind: z.enum(calendarDayKinds).meta({ description: 'WORKING: a working day (e.g. a make-up Saturday); DAY_OFF: an extra or swapped day off.' }),
  note: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'CalendarOverride' });

export const calendarYearSchema = z.object({
  year: z.number().int(),
  workingDays: z.number().int().meta({ description: 'Working days in the year, after holidays and overrides.' }),
  workingHours: z.array(z.object({ start: z.string(), end: z.string() })).meta({ description: 'Working sessions of a working day, local time.' }),
  hoursPerWorkingDay: z.number(),
  holidays: z.array(z.object({
    date: z.string(),
    kind: z.enum(['NEW_YEAR', 'TET', 'HUNG_KINGS', 'REUNIFICATION_DAY', 'LABOUR_DAY', 'NATIONAL_DAY', 'COMPENSATORY']),
    name: z.string(),
    working: z.boolean().meta({ description: 'True when an override made this holiday a working day.' }),
  })).meta({ description: 'Statutory holidays (Labour Code 2019 art. 112) and compensatory days, computed.' }),
  overrides: z.array(overrideSchema),
});

export const dayParamsSchema = z.object({
  date: isoDate.refine((v) => !isIsoDate(v) || (v >= '2000-01-01' && v <= '2100-12-31'), 'Chỉ điều chỉnh được ngày trong các năm 2000–2100'),
});

export const setDayBodySchema = z.object({
  kind: z.enum(calendarDayKinds, { message: 'Loại ngày phải là WORKING (ngày làm việc) hoặc DAY_OFF (ngày nghỉ)' }),
  note: z.string().trim().max(300, 'Ghi chú dài tối đa 300 ký tự').default(''),
});

export const overrideResponseSchema = overrideSchema;
