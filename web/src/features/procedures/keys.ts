import type { SearchState } from './search-state';

/** Query keys of the public catalogue: the one place cache entries are named. */
export const procedureKeys = {
  all: ['procedures'] as const,
  search: (state: SearchState) => [...procedureKeys.all, 'search', state] as const,
  detail: (code: string) => [...procedureKeys.all, 'detail', code] as const,
  fields: () => ['fields'] as const,
};
