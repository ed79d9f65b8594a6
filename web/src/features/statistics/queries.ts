import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../../../contracts/api';

export type DashboardData = components['schemas']['StatisticsDashboard'];
export type PublicStatistics = components['schemas']['PublicStatistics'];
export type ResolutionReport = components['schemas']['ResolutionReport'];
export type Grouping = 'field' | 'unit' | 'procedure' | 'case';

export const statisticsKeys = {
  dashboard: (year: number) => ['statistics', 'dashboard', year] as const,
  report: (from: string, to: string, groupBy: Grouping) => ['statistics', 'report', from, to, groupBy] as const,
  public: ['statistics', 'public'] as const,
};

export function dashboardQuery(year: number) {
  return queryOptions({
    queryKey: statisticsKeys.dashboard(year),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/statistics/dashboard', { params: { query: { year } }, signal })),
  });
}

export function reportQuery(from: string, to: string, groupBy: Grouping) {
  return queryOptions({
    queryKey: statisticsKeys.report(from, to, groupBy),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/statistics/resolution', { params: { query: { from, to, groupBy, format: 'json' } }, signal })),
  });
}

export const publicStatisticsQuery = queryOptions({
  queryKey: statisticsKeys.public,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/public/statistics', { signal })),
  staleTime: 60_000,
});

/** The export address of a report (a link the browser downloads, not a typed call). */
export const reportFileUrl = (from: string, to: string, groupBy: Grouping, format: 'xlsx' | 'csv' | 'pdf', table: 'resolution' | 'late' = 'resolution') =>
  `/api/v1/statistics/${table}?${new URLSearchParams({ from, to, groupBy, format }).toString()}`;
