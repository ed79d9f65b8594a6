import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { procedureKeys } from './keys';
import { PAGE_SIZE, type SearchState } from './search-state';

export function procedureSearchQuery(state: SearchState) {
  return queryOptions({
    queryKey: procedureKeys.search(state),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/procedures', {
          params: { query: { q: state.q || undefined, field: state.field, level: state.level, page: state.page, pageSize: PAGE_SIZE } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** A few procedures for the words typed so far, best first (the search's own ranking). */
export function procedureSuggestionsQuery(q: string) {
  return queryOptions({
    queryKey: [...procedureKeys.all, 'suggest', q] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/procedures', { params: { query: { q, page: 1, pageSize: 6 } }, signal })),
    staleTime: 60_000,
  });
}

export function procedureDetailQuery(code: string) {
  return queryOptions({
    queryKey: procedureKeys.detail(code),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/procedures/{code}', { params: { path: { code } }, signal })),
  });
}

export function fieldsQuery() {
  return queryOptions({
    queryKey: procedureKeys.fields(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/fields', { signal })),
  });
}
