import type { paths } from '../../../../contracts/api';

export type CalendarYear = paths['/api/v1/calendar/years/{year}']['get']['responses'][200]['content']['application/json'];
export type CalendarOverride = CalendarYear['overrides'][number];
export type CalendarHoliday = CalendarYear['holidays'][number];
export type SetCalendarDayBody = paths['/api/v1/admin/calendar/days/{date}']['put']['requestBody']['content']['application/json'];
export type CalendarDayKind = SetCalendarDayBody['kind'];
