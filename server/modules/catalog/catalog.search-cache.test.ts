import { describe, expect, it } from 'vitest';
import { SearchCache } from './catalog.search-cache.js';

const filters = (q: string, page = 1) => ({ q, page, pageSize: 20 });

describe('SearchCache', () => {
  it('shares an entry between spellings the database normalises alike', () => {
    expect(SearchCache.key(filters('Khai thác  nước mặt'), '2026-11-27')).toBe(SearchCache.key(filters('khai thac nuoc mat'), '2026-11-27'));
    expect(SearchCache.key(filters('khai thac'), '2026-11-27')).not.toBe(SearchCache.key(filters('khai thac', 2), '2026-11-27'));
    expect(SearchCache.key(filters('khai thac'), '2026-11-27')).not.toBe(SearchCache.key(filters('khai thac'), '2026-11-28'));
  });

  it('expires entries and evicts the least recently used', () => {
    const cache = new SearchCache<number>(2);
    cache.set('a', 1, 1000, 0);
    cache.set('b', 2, 1000, 0);
    expect(cache.get('a', 10)).toBe(1);
    cache.set('c', 3, 1000, 20);
    expect(cache.get('b', 30)).toBeUndefined();
    expect(cache.get('a', 30)).toBe(1);
    expect(cache.get('a', 1000)).toBeUndefined();
    cache.set('d', 4, 0);
    expect(cache.get('d')).toBeUndefined();
  });
});
