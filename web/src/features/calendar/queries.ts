import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { calendarKeys } from './keys';
import type { SetCalendarDayBody } from './types';

export function calendarYearQuery(year: number) {
  return queryOptions({
    queryKey: calendarKeys.year(year),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/calendar/years/{year}', { params: { path: { year } }, signal })),
  });
}

/** Adds or replaces the override of one date, then reloads the calendar. */
export function useSetCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ date, body }: { date: string; body: SetCalendarDayBody }) =>
      unwrap(api.PUT('/api/v1/admin/calendar/days/{date}', { params: { path: { date } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}

/** Removes the override of one date, then reloads the calendar. */
export function useClearCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (date: string) => {
      const { error, response } = await api.DELETE('/api/v1/admin/calendar/days/{date}', { params: { path: { date } } });
      if (error !== undefined || !response.ok) throw error ?? new Error(`HTTP ${response.status}`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
