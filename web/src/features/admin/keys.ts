import type { OfficialFilters } from './types';

/** Query keys of the administration pages. */
export const adminKeys = {
  all: ['admin'] as const,
  units: () => [...adminKeys.all, 'units'] as const,
  officials: () => [...adminKeys.all, 'officials'] as const,
  officialPage: (filters: OfficialFilters) => [...adminKeys.officials(), filters] as const,
  clients: () => [...adminKeys.all, 'api-clients'] as const,
  dvcqgSyncAll: () => [...adminKeys.all, 'dvcqg-sync'] as const,
  dvcqgCatalogue: () => [...adminKeys.all, 'dvcqg-catalogue'] as const,
  dvcqgSync: (state: string | null) => [...adminKeys.dvcqgSyncAll(), state ?? 'ALL'] as const,
  organisationClaims: () => [...adminKeys.all, 'organisation-claims'] as const,
};
