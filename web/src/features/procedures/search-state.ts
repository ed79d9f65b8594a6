import type { OnlineLevel } from './types';

/** What the results page shows, as kept in its address: /thu-tuc?q=&field=&level=&page= */
export interface SearchState {
  q: string;
  field?: string;
  level?: OnlineLevel;
  page: number;
}

export const RESULTS_PATH = '/thu-tuc';
export const PAGE_SIZE = 10;
const levels: readonly string[] = ['INFO_ONLY', 'PARTIAL', 'FULL'];

export function parseSearchState(params: URLSearchParams): SearchState {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const level = params.get('level') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    field: params.get('field') || undefined,
    level: levels.includes(level) ? (level as OnlineLevel) : undefined,
    page: Number.isFinite(page) && page >= 1 && page <= 10000 ? page : 1,
  };
}

/** Only what differs from the defaults, so addresses stay short and shareable. */
export function toSearchParams(state: Partial<SearchState>): URLSearchParams {
  const params = new URLSearchParams();
  const q = state.q?.trim();
  if (q) params.set('q', q);
  if (state.field) params.set('field', state.field);
  if (state.level) params.set('level', state.level);
  if (state.page && state.page > 1) params.set('page', String(state.page));
  return params;
}

export function resultsHref(state: Partial<SearchState>): string {
  const query = toSearchParams(state).toString();
  return query ? `${RESULTS_PATH}?${query}` : RESULTS_PATH;
}

export function procedureHref(code: string): string {
  return `${RESULTS_PATH}/${encodeURIComponent(code)}`;
}

export function activeFilterCount(state: SearchState): number {
  return (state.field ? 1 : 0) + (state.level ? 1 : 0);
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
