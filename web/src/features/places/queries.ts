import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** The provinces and cities in force (parent absent), or the units under one province. Cached for the session. */
export function unitsQuery(parent?: string) {
  return queryOptions({
    queryKey: ['administrative-units', parent ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/administrative-units', { params: { query: parent ? { parent } : {} }, signal })),
    staleTime: Infinity,
    gcTime: 60 * 60 * 1000,
  });
}

/** Communes, wards and special zones of the whole country matching the words typed (the commune chosen before the province). */
export function nationwideCommunesQuery(q: string) {
  return queryOptions({
    queryKey: ['administrative-units', 'nationwide', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/administrative-units', { params: { query: { level: 'COMMUNE', q, limit: 30 } }, signal })),
    staleTime: Infinity,
    gcTime: 10 * 60 * 1000,
  });
}
