import { describe, expect, it } from 'vitest';
import { parseSearchState, resultsHref } from './search-state';

describe('search state in the address', () => {
  it('reads and cleans the query string', () => {
    expect(parseSearchState(new URLSearchParams('q=nuoc&field=TAI_NGUYEN_NUOC&level=FULL&page=2'))).toEqual({
      q: 'nuoc',
      field: 'TAI_NGUYEN_NUOC',
      level: 'FULL',
      page: 2,
    });
    expect(parseSearchState(new URLSearchParams('level=BOGUS&page=-3'))).toEqual({ q: '', field: undefined, level: undefined, page: 1 });
  });

  it('writes only what differs from the defaults', () => {
    expect(resultsHref({ q: ' khai thac ', page: 1 })).toBe('/thu-tuc?q=khai+thac');
    expect(resultsHref({})).toBe('/thu-tuc');
  });
});
