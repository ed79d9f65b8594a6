/** Query keys of the working calendar: the one place cache entries are named. */
export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number) => [...calendarKeys.all, 'year', year] as const,
};
