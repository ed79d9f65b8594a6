/**
 * A small per-node cache of search answers. The catalogue changes only through imports and
 * publishing, yet every search costs the database a trigram comparison per procedure; on a
 * two-core server that caps uncached search near 500 answers per second. Answers are kept for
 * a bounded time (SEARCH_CACHE_SECONDS), at most `maxEntries` of them, and dropped at once on
 * this node when it imports a catalogue. Other nodes see a change within the time limit.
 */
import { normalizeForSearch } from '../../../common/text.js';
import type { SearchFilters } from './catalog.search.js';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export class SearchCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries = 2000) {}

  /** Same key for queries that the database would normalise to the same text. */
  static key(filters: SearchFilters, date: string): string {
    const { q, field, agency, level, applicantType, page, pageSize } = filters;
    return JSON.stringify([normalizeForSearch(q ?? ''), field ?? null, agency ?? null, level ?? null, applicantType ?? null, page, pageSize, date]);
  }

  get(key: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry as recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: T, ttlMs: number, now = Date.now()) {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: now + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear() {
    this.entries.clear();
  }

  get size() {
    return this.entries.size;
  }
}
