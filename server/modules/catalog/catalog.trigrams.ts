/**
 * pg_trgm's trigram measures, computed the way the extension computes them (PostgreSQL 15 and
 * PGlite's 18 agree): words are runs of letters and digits, each padded with two spaces before
 * and one after; `similarity` compares the sets of trigrams, `word_similarity(a, b)` the set of
 * `a`'s trigrams with the best continuous extent of `b`'s trigrams (iterate_word_similarity in
 * trgm_op.c), both as single-precision floats. The in-process search index (catalog.search-index.ts)
 * uses them so that it matches and ranks exactly as the SQL search did.
 *
 * Trigrams are numbered through a `TrigramDictionary` so that a text's trigrams are an Int32Array.
 */
const WORD = /[\p{L}\p{N}]+/gu;

/** The words pg_trgm takes trigrams from, in order: runs of letters and digits, lower-cased. */
export function wordsOf(text: string): string[] {
  return Array.from(text.toLowerCase().matchAll(WORD), (m) => m[0]);
}

/** The trigrams of a text in order (with repeats): pg_trgm's generate_trgm_only. */
export function trigramsOf(text: string): string[] {
  const out: string[] = [];
  for (const word of wordsOf(text)) {
    const padded = `  ${word} `;
    const chars = [...padded];
    for (let i = 0; i + 3 <= chars.length; i++) out.push(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return out;
}

/** Numbers trigrams densely (0, 1, 2, …) so that per-trigram scratch arrays can be indexed by them. */
export class TrigramDictionary {
  private readonly ids = new Map<string, number>();

  get size() {
    return this.ids.size;
  }

  /** The trigram's number, adding it when new. */
  add(trigram: string): number {
    let id = this.ids.get(trigram);
    if (id === undefined) this.ids.set(trigram, (id = this.ids.size));
    return id;
  }

  /** The trigram's number, or -1 when no indexed text holds it. */
  find(trigram: string): number {
    return this.ids.get(trigram) ?? -1;
  }

  encode(text: string): Int32Array {
    return Int32Array.from(trigramsOf(text), (t) => this.add(t));
  }
}

/** Scratch links of `wordSimilarity`'s list (grown to the longest text met). */
let nextLive = new Int32Array(512);
let prevLive = new Int32Array(512);
/** Scratch of `wordSimilarity`: 1 where the list's position holds one of the query's trigrams. */
let queryAt = new Uint8Array(512);

/** pg_trgm's CALCSML, in single precision. */
function sml(count: number, len1: number, len2: number): number {
  return Math.fround(count / (len1 + len2 - count));
}

/** The distinct trigrams of a sequence, sorted. */
export function distinct(trigrams: Int32Array): Int32Array {
  return Int32Array.from(new Set(trigrams)).sort();
}

/** The longest sequence whose occurrences `occurrencesOf` packs (positions in 16 bits). */
export const OCCURRENCES_MAX = 0xfffe;

/**
 * Where each trigram of a sequence occurs before and after each position, packed in one number
 * per position: the low 16 bits hold the previous position of the same trigram plus one (0 for
 * none), the high 16 bits the next position (0xffff for none). Undefined for a sequence longer
 * than `OCCURRENCES_MAX`. `lastSeen` is scratch indexed by trigram, all -1, left so.
 */
export function occurrencesOf(trigrams: Int32Array, lastSeen: Int32Array): Uint32Array | undefined {
  const n = trigrams.length;
  if (n > OCCURRENCES_MAX) return undefined;
  const occurrences = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const t = trigrams[i]!;
    const previous = lastSeen[t]!;
    occurrences[i] = (previous + 1) | (0xffff << 16);
    if (previous >= 0) occurrences[previous] = (occurrences[previous]! & 0xffff) | (i << 16);
    lastSeen[t] = i;
  }
  for (let i = 0; i < n; i++) lastSeen[trigrams[i]!] = -1;
  return occurrences;
}

/**
 * A query's trigrams prepared for comparisons with many texts: `mark[id]` is 1 for each of its
 * trigrams that the dictionary knows (the others can be found in no indexed text, but count in
 * its size `unique`). Call `release()` when done: the marks live in a shared scratch array.
 */
export class QueryTrigrams {
  readonly unique: number;
  readonly known: Int32Array;
  /** sml(c, unique, c) for c = 0 … unique: the measure of an extent holding c of the query's trigrams and no other. */
  private readonly shares: Float64Array;

  private run: number;
  /**
   * Where the last walk with occurrences ended (`wordSimilarityWith`): the sequence walked, the
   * position it stopped before, and its state there (`walkedTo` -1 when it left no state to go on
   * from: no trigram of the query, or stopped at a threshold).
   */
  private walked: Int32Array | undefined;
  private walkedTo = -1;
  private walkedLower = 0;
  private walkedUlen2 = 0;
  private walkedCount = 0;
  private walkedBest = 0;

  constructor(
    text: string,
    dictionary: TrigramDictionary,
    readonly mark: Uint8Array,
    readonly lastPos: Int32Array,
    /** Scratch: a run number per trigram, each at most `firstRun` (the runs of this query come after it; see `lastRun`). */
    private readonly stamp: Int32Array = new Int32Array(mark.length),
    firstRun = 0,
  ) {
    this.run = firstRun;
    const all = new Set(trigramsOf(text));
    this.unique = all.size;
    this.shares = Float64Array.from({ length: all.size + 1 }, (_, c) => sml(c, all.size, c));
    this.known = Int32Array.from([...all].map((t) => dictionary.find(t)).filter((id) => id >= 0));
    for (const id of this.known) mark[id] = 1;
  }

  /** The last run number used: a later query sharing `stamp` starts after it. */
  get lastRun(): number {
    return this.run;
  }

  release() {
    for (const id of this.known) this.mark[id] = 0;
  }

  /** How many of the query's trigrams a text holds, given its distinct trigrams. */
  commonWith(distinctTrigrams: Int32Array): number {
    let common = 0;
    for (let i = 0; i < distinctTrigrams.length; i++) common += this.mark[distinctTrigrams[i]!]!;
    return common;
  }

  /** similarity(query, text), given how many of the query's trigrams the text holds (`commonWith`) and its distinct trigrams' number. */
  similarityOf(common: number, distinctCount: number): number {
    if (this.unique === 0 || distinctCount === 0) return 0;
    return sml(common, this.unique, distinctCount);
  }

  /** similarity(query, text), given the text's distinct trigrams. */
  similarity(distinctTrigrams: Int32Array): number {
    if (this.unique === 0 || distinctTrigrams.length === 0) return 0;
    let common = 0;
    for (let i = 0; i < distinctTrigrams.length; i++) common += this.mark[distinctTrigrams[i]!]!;
    return sml(common, this.unique, distinctTrigrams.length);
  }

  /**
   * Whether some extent of the text has a similarity to the query of at least 0.6 (or
   * `threshold`; erring towards yes within 1e-3 trigram) — which
   * word_similarity ≥ 0.6 needs, since that measure is the similarity of one extent (count of
   * the query's trigrams in it over the query's plus the extent's distinct trigrams minus the
   * count). For an extent with c of the query's trigrams and n others (distinct), that is
   * c − 0.6 n ≥ 0.6 × the query's trigrams; c is at most the query's trigrams, so an extent
   * stops growing once 0.6 n exceeds 0.4 of them, and extents start at a query trigram — at the
   * first of a run of them: an extent that starts one place earlier, on a query trigram, holds
   * at least as many of the query's trigrams and no other trigram more, so it reaches whatever
   * the later start reaches, at the same end.
   */
  someExtentReaches(trigrams: Int32Array, threshold = 0.6, occurrences?: Uint32Array): boolean {
    if (occurrences !== undefined) return this.someExtentReachesWith(trigrams, occurrences, threshold);
    const { mark, unique } = this;
    const stamp = this.stamp;
    const needed = threshold * unique - 1e-3;
    const maxOthers = ((1 - threshold) * unique) / threshold + 1e-3;
    for (let start = 0; start < trigrams.length; start++) {
      if (mark[trigrams[start]!] !== 1 || (start > 0 && mark[trigrams[start - 1]!] === 1)) continue;
      const run = ++this.run;
      let c = 0;
      let n = 0;
      for (let i = start; i < trigrams.length; i++) {
        const t = trigrams[i]!;
        if (stamp[t] === run) continue;
        stamp[t] = run;
        if (mark[t] === 1) {
          c++;
          if (c - threshold * n >= needed) return true;
        } else if (++n > maxOthers) break;
      }
    }
    return false;
  }

  /**
   * `someExtentReaches` with the text's `occurrencesOf`: a trigram at position i is new to the
   * extent that starts at `start` when its previous occurrence is before `start`, so no
   * per-trigram scratch is marked.
   */
  private someExtentReachesWith(trigrams: Int32Array, occurrences: Uint32Array, threshold: number): boolean {
    const { mark, unique } = this;
    const needed = threshold * unique - 1e-3;
    const maxOthers = ((1 - threshold) * unique) / threshold + 1e-3;
    for (let start = 0; start < trigrams.length; start++) {
      if (mark[trigrams[start]!] !== 1 || (start > 0 && mark[trigrams[start - 1]!] === 1)) continue;
      let c = 0;
      let n = 0;
      for (let i = start; i < trigrams.length; i++) {
        // Seen in the extent already: its previous occurrence (plus one) is after `start`.
        if ((occurrences[i]! & 0xffff) > start) continue;
        if (mark[trigrams[i]!] === 1) {
          c++;
          if (c - threshold * n >= needed) return true;
        } else if (++n > maxOthers) break;
      }
    }
    return false;
  }

  /**
   * word_similarity(query, text), given the text's trigrams in order. With `atLeast`, stops as
   * soon as the answer is known to reach it (what the `<%` operator does): the result then
   * only tells whether it does.
   *
   * pg_trgm's iterate_word_similarity: at each of the query's trigrams (the extent's upper end)
   * it tries every lower end from the current one, counting the distinct trigrams that remain,
   * and keeps the best. The counts change only where a trigram occurs for the last time in the
   * extent, so this walks only those positions (a linked list kept in order), and the measure
   * can be best only just before one of the query's trigrams (dropping another trigram raises
   * it, dropping one of the query's lowers it), so it is computed only there. Same steps, same
   * choices (the first best lower end), same result as the reference below.
   */
  wordSimilarity(trigrams: Int32Array, atLeast = Number.POSITIVE_INFINITY, occurrences?: Uint32Array): number {
    if (occurrences !== undefined) return this.wordSimilarityWith(trigrams, occurrences, atLeast);
    this.walked = undefined;
    const { mark, lastPos, unique: ulen1, shares } = this;
    if (ulen1 === 0) return 0;
    const len2 = trigrams.length;
    if (nextLive.length < len2) {
      nextLive = new Int32Array(len2 * 2);
      prevLive = new Int32Array(len2 * 2);
      queryAt = new Uint8Array(len2 * 2);
    }
    const next = nextLive;
    const prev = prevLive;
    const isQuery = queryAt;
    // Nothing is measured after the last of the query's trigrams: the walk ends there.
    let end = len2;
    while (end > 0 && mark[trigrams[end - 1]!] !== 1) end--;
    let head = -1;
    let tail = -1;
    let ulen2 = 0;
    let count = 0;
    let lower = -1;
    let best = 0;
    for (let i = 0; i < end; i++) {
      const t = trigrams[i]!;
      const found = mark[t] === 1;
      if (lower >= 0 || found) {
        const last = lastPos[t]!;
        if (last < 0) {
          ulen2++;
          if (found) count++;
        } else {
          // No longer the last occurrence: out of the list.
          const a = prev[last]!;
          const b = next[last]!;
          if (a >= 0) next[a] = b;
          else head = b;
          if (b >= 0) prev[b] = a;
          else tail = a;
        }
        lastPos[t] = i;
        isQuery[i] = found ? 1 : 0;
        prev[i] = tail;
        next[i] = -1;
        if (tail >= 0) next[tail] = i;
        else head = i;
        tail = i;
      }
      if (!found) continue;
      if (lower === -1) {
        lower = i;
        ulen2 = 1;
      }
      let current = sml(count, ulen1, ulen2);
      // A later lower end keeps at most `tmpCount` of the query's trigrams, so its measure is at
      // most tmpCount / ulen1 (`shares`): once that cannot beat the best, the rest of the walk cannot either.
      if (current < atLeast && shares[count]! > current) {
        let tmpCount = count;
        let tmpUlen2 = ulen2;
        let cut = -1;
        for (let p = head; p !== i;) {
          tmpUlen2--;
          if (isQuery[p] === 1 && shares[--tmpCount]! <= current) break;
          const n = next[p]!;
          if (isQuery[n] === 1) {
            const tmp = sml(tmpCount, ulen1, tmpUlen2);
            if (tmp > current) {
              current = tmp;
              cut = p;
              count = tmpCount;
              ulen2 = tmpUlen2;
            }
            if (current >= atLeast) break;
          }
          p = n;
        }
        if (cut >= 0) {
          lower = cut + 1;
          while (head <= cut) {
            lastPos[trigrams[head]!] = -1;
            head = next[head]!;
          }
          prev[head] = -1;
        }
      }
      if (current > best) best = current;
      if (best >= atLeast) break;
    }
    for (let p = head; p >= 0; p = next[p]!) lastPos[trigrams[p]!] = -1;
    return best;
  }

  /**
   * `wordSimilarity` with the text's `occurrencesOf`, the same steps without the list: a
   * trigram at position i is new to the extent [lower, i] when its previous occurrence is
   * before `lower`, and position x is the last of its trigram in [x, i] when its next occurrence
   * is after i. The walk over lower ends visits every position from `lower` and skips those that
   * are not last (their trigram comes again before i, so dropping them changes nothing); a
   * candidate lower end is measured where the next last position is one of the query's
   * trigrams, as in the list's walk.
   */
  private wordSimilarityWith(trigrams: Int32Array, occurrences: Uint32Array, atLeast: number): number {
    const { mark, unique: ulen1 } = this;
    this.walked = trigrams;
    this.walkedTo = -1;
    if (ulen1 === 0) return 0;
    let end = trigrams.length;
    while (end > 0 && mark[trigrams[end - 1]!] !== 1) end--;
    let first = 0;
    while (first < end && mark[trigrams[first]!] !== 1) first++;
    if (first >= end) return 0;
    // At the first of the query's trigrams: the extent is that trigram alone.
    const best = sml(1, ulen1, 1);
    if (best >= atLeast) return best;
    if (queryAt.length < end) queryAt = new Uint8Array(end * 2);
    queryAt[first] = 1;
    return this.walkFrom(trigrams, occurrences, atLeast, first + 1, end, first, 1, 1, best);
  }

  /**
   * word_similarity(query, text) when the text's trigrams begin with those of the sequence the
   * last walk went over (`prefix`; a name that leads its text): the walk over the text is the
   * same as over the prefix up to where that walk stopped, so it goes on from there. After
   * another walk of this query the text is walked whole; no walk of another query may come in
   * between (which positions hold the query's trigrams is scratch shared by all queries).
   */
  wordSimilarityAfter(prefix: Int32Array, trigrams: Int32Array, occurrences: Uint32Array): number {
    if (this.walked !== prefix || this.walkedTo < 0) return this.wordSimilarityWith(trigrams, occurrences, Number.POSITIVE_INFINITY);
    const { mark } = this;
    let end = trigrams.length;
    while (end > this.walkedTo && mark[trigrams[end - 1]!] !== 1) end--;
    if (queryAt.length < end) {
      const grown = new Uint8Array(end * 2);
      grown.set(queryAt.subarray(0, this.walkedTo));
      queryAt = grown;
    }
    const from = this.walkedTo;
    this.walked = trigrams;
    this.walkedTo = -1;
    return this.walkFrom(trigrams, occurrences, Number.POSITIVE_INFINITY, from, end, this.walkedLower, this.walkedUlen2, this.walkedCount, this.walkedBest);
  }

  /**
   * The walk of `wordSimilarityWith` from position `from` to `end` (exclusive), with the extent
   * [lower, from) holding `ulen2` distinct trigrams, `count` of them the query's, and the best so
   * far; `queryAt` holds whether each position from `lower` on is one of the query's.
   */
  private walkFrom(trigrams: Int32Array, occurrences: Uint32Array, atLeast: number, from: number, end: number, lower: number, ulen2: number, count: number, best: number): number {
    const { mark, unique: ulen1, shares } = this;
    const isQuery = queryAt;
    for (let i = from; i < end; i++) {
      const found = mark[trigrams[i]!] === 1;
      isQuery[i] = found ? 1 : 0;
      // New to the extent: no occurrence since `lower` (the previous one, plus one, is at most `lower`).
      if ((occurrences[i]! & 0xffff) <= lower) {
        ulen2++;
        if (found) count++;
      }
      if (!found) continue;
      let current = sml(count, ulen1, ulen2);
      if (current < atLeast && shares[count]! > current) {
        let tmpCount = count;
        let tmpUlen2 = ulen2;
        let cut = -1;
        let previousLast = -1;
        for (let x = lower; x <= i; x++) {
          // Not the last of its trigram up to i: dropping it changes nothing.
          if (occurrences[x]! >>> 16 <= i) continue;
          if (isQuery[x] === 1) {
            // The lower end just after the previous last position, before this one of the query's.
            if (previousLast >= 0) {
              const tmp = sml(tmpCount, ulen1, tmpUlen2);
              if (tmp > current) {
                current = tmp;
                cut = previousLast;
                count = tmpCount;
                ulen2 = tmpUlen2;
              }
              if (current >= atLeast) break;
            }
            if (x === i) break;
            tmpUlen2--;
            if (shares[--tmpCount]! <= current) break;
          } else {
            tmpUlen2--;
          }
          previousLast = x;
        }
        if (cut >= 0) lower = cut + 1;
      }
      if (current > best) best = current;
      if (best >= atLeast) return best;
    }
    this.walkedTo = end;
    this.walkedLower = lower;
    this.walkedUlen2 = ulen2;
    this.walkedCount = count;
    this.walkedBest = best;
    return best;
  }

  /**
   * word_similarity(query, text) step by step as pg_trgm's iterate_word_similarity computes it
   * (the tests compare `wordSimilarity` with it).
   */
  wordSimilarityReference(trigrams: Int32Array, atLeast = Number.POSITIVE_INFINITY): number {
    const { mark, lastPos, unique: ulen1 } = this;
    if (ulen1 === 0) return 0;
    const len2 = trigrams.length;
    let ulen2 = 0;
    let count = 0;
    let lower = -1;
    let best = 0;
    for (let i = 0; i < len2; i++) {
      const t = trigrams[i]!;
      const found = mark[t] === 1;
      if (lower >= 0 || found) {
        if (lastPos[t]! < 0) {
          ulen2++;
          if (found) count++;
        }
        lastPos[t] = i;
      }
      if (!found) continue;
      const upper = i;
      if (lower === -1) {
        lower = i;
        ulen2 = 1;
      }
      let current = sml(count, ulen1, ulen2);
      let tmpCount = count;
      let tmpUlen2 = ulen2;
      const prevLower = lower;
      for (let tmpLower = lower; tmpLower <= upper; tmpLower++) {
        const tmp = sml(tmpCount, ulen1, tmpUlen2);
        if (tmp > current) {
          current = tmp;
          ulen2 = tmpUlen2;
          lower = tmpLower;
          count = tmpCount;
        }
        if (current >= atLeast) break;
        const tt = trigrams[tmpLower]!;
        if (lastPos[tt] === tmpLower) {
          tmpUlen2--;
          if (mark[tt] === 1) tmpCount--;
        }
      }
      if (current > best) best = current;
      if (best >= atLeast) break;
      for (let tmpLower = prevLower; tmpLower < lower; tmpLower++) {
        const tt = trigrams[tmpLower]!;
        if (lastPos[tt] === tmpLower) lastPos[tt] = -1;
      }
    }
    for (let i = 0; i < len2; i++) lastPos[trigrams[i]!] = -1;
    return best;
  }
}
