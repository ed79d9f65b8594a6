import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { KEEP_SCROLL } from '../../../lib/use-scroll-on-navigate';
import { parseSearchState, toSearchParams, type SearchState } from '../search-state';

/** The results page state, read from and written to the address bar. */
export function useSearchState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseSearchState(params), [params]);

  /** Any change but a page change goes back to page 1. */
  const update = useCallback(
    (patch: Partial<SearchState>) => {
      const next = { ...state, page: 1, ...patch };
      setParams(toSearchParams(next), { state: KEEP_SCROLL });
    },
    [state, setParams],
  );

  return { state, update };
}
