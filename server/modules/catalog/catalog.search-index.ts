/**
 * The catalogue search index kept in each app node's memory (ADR 0001, "In-process index").
 *
 * It is a cache of the `procedure_search` projection and the fields, rebuilt from the database:
 * the words of every procedure's search text with the procedures holding them, the vocabulary's
 * trigrams, and each text's trigrams as numbers. A search runs here with the same matching and
 * the same two-stage ranking as the SQL of catalog.search.ts (`searchProcedures`, kept as the
 * reference the tests compare with) and reads no row from the database.
 *
 * Freshness: a node checks the projection's version (its row count and latest refresh time) at
 * most every `checkMs` and rebuilds when it changed; `invalidate` (a publish or an import on this
 * node) makes the next search check at once.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../platform/db/create-database.js';
import { stripDiacritics } from '../../../common/text.js';
import { MEANING_CHANGING_WORDS, projectionWrites, type SearchFilters, type SearchItemRow, type SearchResultRows } from './catalog.search.js';
import { distinct, QueryTrigrams, TrigramDictionary, trigramsOf, wordsOf } from './catalog.trigrams.js';

export interface ProjectionRow {
  code: string;
  name: string;
  field_code: string;
  name_norm: string;
  search_text: string;
  online_level: string;
  legacy_level: number;
  agency_codes: string[];
  applicant_types: string[];
  implementing_code: string | null;
  implementing_name: string | null;
  implementing_name_en: string | null;
  words: string[];
  name_words: string;
  text_words: string;
  keywords_norm: string[];
}

export interface FieldRow {
  code: string;
  name: string;
  name_en: string | null;
  sort_order: number;
}

interface Entry {
  row: ProjectionRow;
  /** Position of the procedure's field in the fields' order (sort_order, then name). */
  fieldRank: number;
  /** The field's sort_order (what the SQL orders ties by). */
  fieldSort: number;
  /** Position in the order of a list without a query (field, name, code). */
  listRank: number;
  /** Position of the procedure's online level in `levels`. */
  levelRank: number;
  /** `search_text`'s trigrams in order, and the name's, and the name's distinct ones. */
  textTrigrams: Int32Array;
  nameTrigrams: Int32Array;
  nameDistinct: Int32Array;
  /** The first word of the name (split_part(trim(name_words), ' ', 1)). */
  firstNameWord: string;
  /** The meaning-changing words the name holds. */
  modifiers: string[];
  /** The distinct words of the name and of the text, as word numbers (see `wordIds`). */
  nameWordIds: Int32Array;
  textWordIds: Int32Array;
  /** Whether `search_text` starts with `name_norm` (then a query absent from the text is absent from the name). */
  nameStartsText: boolean;
  /**
   * Whether the text's trigrams start with the name's: then pg_trgm's word similarity to the
   * text, which scans the trigrams in order keeping the best so far, is at least the one to
   * the name, and 1 when that is 1 (no measure exceeds 1).
   */
  nameLeadsText: boolean;
  /** The words of the text and of the name as pg_trgm splits them, in order, as numbers (see `trigramWords`). */
  textWordSeq: Int32Array;
  nameWordSeq: Int32Array;
}

/** The query as the word part of the score reads it. */
interface Typing {
  qn: string;
  qw: string;
  paddedQw: string;
  /** How many words were typed. */
  typedCount: number;
  firstWord: string;
  /** The meaning-changing words typed. */
  typedModifiers: string[];
}

/** What the trigram part of the score can add (as in the SQL). */
const TRIGRAM_SCORE_MAX = 4;
/** Rows whose trigram part is computed at most, beyond the page (as in the SQL). */
const RANKED_CANDIDATES = 300;
const WORD_SIMILARITY_THRESHOLD = 0.6;
const VOCABULARY_SIMILARITY = 0.5;

/** Code-point order, as PostgreSQL's C collation and the byte order of UTF-8 give. */
function compareText(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** opendvc_search_normalize for a query: unaccent, đ → d, lower case. */
export function normalizeQuery(q: string): string {
  return stripDiacritics(q).toLowerCase();
}

export class SearchIndex {
  private readonly entries: Entry[];
  private readonly fields: FieldRow[];
  private readonly dictionary = new TrigramDictionary();
  /** Vocabulary: sorted words, the procedures (entry numbers) holding each, and each word's distinct trigrams. */
  private readonly vocabulary: string[];
  private readonly postings: Int32Array[];
  private readonly vocabularyTrigrams: Int32Array[];
  /** For each trigram number, the vocabulary words (numbers) holding it. */
  private readonly wordsByTrigram: Int32Array[];
  /** Every word of the texts and names, numbered: the vocabulary's words first (their positions), then the names' other words. */
  private readonly wordIds = new Map<string, number>();
  /** Entry numbers in the order of a list without a query. */
  private readonly listOrder: Int32Array;
  private readonly fieldsByCode: Map<string, FieldRow>;
  /** The online levels the procedures have, in code-point order (the level facets' order). */
  private readonly levels: string[];
  private readonly mark: Uint8Array;
  private readonly lastPos: Int32Array;
  private readonly scratch: Int32Array;
  /** Per-search scratch (a search runs synchronously, so one set per index serves every search). */
  private readonly typedWeight: Int32Array;
  private readonly queryInText: Uint8Array;
  private readonly pre: Float64Array;
  private readonly score: Float64Array;
  private readonly hits: Uint16Array;
  private readonly hitStamp: Int32Array;
  /** The words pg_trgm takes trigrams from, numbered; and per search, each typed one's bit. */
  private readonly trigramWords = new Map<string, number>();
  private readonly wordBit: Int32Array;
  /** Per search: 1 when the text holds the typed words side by side (its word similarity is then 1). */
  private readonly perfect: Uint8Array;
  private fullRun = 0;

  constructor(rows: ProjectionRow[], fields: FieldRow[]) {
    this.fields = [...fields].sort((a, b) => a.sort_order - b.sort_order || compareText(a.name, b.name));
    const fieldRank = new Map(this.fields.map((f, i) => [f.code, i]));
    const fieldSort = new Map(this.fields.map((f) => [f.code, f.sort_order]));
    const trigramWordId = (w: string) => {
      let id = this.trigramWords.get(w);
      if (id === undefined) this.trigramWords.set(w, (id = this.trigramWords.size));
      return id;
    };
    this.entries = rows.map((row) => {
      const nameTrigrams = this.dictionary.encode(row.name_norm);
      const textTrigrams = this.dictionary.encode(row.search_text);
      return {
        row,
        fieldRank: fieldRank.get(row.field_code) ?? this.fields.length,
        fieldSort: fieldSort.get(row.field_code) ?? 0,
        listRank: 0,
        levelRank: 0,
        textTrigrams,
        nameTrigrams,
        nameDistinct: distinct(nameTrigrams),
        firstNameWord: row.name_words.trim().split(' ')[0] ?? '',
        modifiers: MEANING_CHANGING_WORDS.filter((m) => row.name_words.includes(` ${m} `)),
        nameWordIds: new Int32Array(0),
        textWordIds: new Int32Array(0),
        nameStartsText: row.search_text.startsWith(row.name_norm),
        nameLeadsText: nameTrigrams.length <= textTrigrams.length && nameTrigrams.every((t, i) => textTrigrams[i] === t),
        textWordSeq: Int32Array.from(wordsOf(row.search_text), trigramWordId),
        nameWordSeq: Int32Array.from(wordsOf(row.name_norm), trigramWordId),
      };
    });
    const listOrder = this.entries.map((_, i) => i).sort((a, b) => this.compareUnranked(a, b, fieldSort));
    listOrder.forEach((entry, rank) => { this.entries[entry]!.listRank = rank; });
    this.listOrder = Int32Array.from(listOrder);
    this.fieldsByCode = new Map(this.fields.map((f) => [f.code, f]));
    this.levels = [...new Set(rows.map((r) => r.online_level))].sort(compareText);
    const levelRank = new Map(this.levels.map((lv, i) => [lv, i]));
    for (const e of this.entries) e.levelRank = levelRank.get(e.row.online_level)!;

    const holders = new Map<string, number[]>();
    this.entries.forEach((e, i) => {
      for (const w of e.row.words) {
        const list = holders.get(w);
        if (list) list.push(i);
        else holders.set(w, [i]);
      }
    });
    this.vocabulary = [...holders.keys()].sort(compareText);
    this.postings = this.vocabulary.map((w) => Int32Array.from(holders.get(w)!));
    this.vocabularyTrigrams = this.vocabulary.map((w) => distinct(this.dictionary.encode(w)));
    const byTrigram: number[][] = Array.from({ length: this.dictionary.size }, () => []);
    this.vocabularyTrigrams.forEach((ts, w) => { for (const t of ts) byTrigram[t]!.push(w); });
    this.wordsByTrigram = byTrigram.map((list) => Int32Array.from(list));
    this.mark = new Uint8Array(this.dictionary.size);
    this.lastPos = new Int32Array(this.dictionary.size).fill(-1);
    this.scratch = new Int32Array(Math.max(this.entries.length, this.vocabulary.length));

    // Words as numbers, so that the word part of the score compares numbers, not strings:
    // ` w ` is in `text_words` (or `name_words`) exactly when w is one of the words it separates
    // by single spaces.
    this.vocabulary.forEach((w, i) => this.wordIds.set(w, i));
    const idOf = (w: string) => {
      let id = this.wordIds.get(w);
      if (id === undefined) this.wordIds.set(w, (id = this.wordIds.size));
      return id;
    };
    for (const e of this.entries) {
      e.textWordIds = Int32Array.from(new Set(e.row.text_words.split(' ').filter((w) => w !== '').map(idOf)));
      e.nameWordIds = Int32Array.from(new Set(e.row.name_words.split(' ').filter((w) => w !== '').map(idOf)));
    }
    this.typedWeight = new Int32Array(this.wordIds.size);
    this.queryInText = new Uint8Array(this.entries.length);
    this.pre = new Float64Array(this.entries.length);
    this.score = new Float64Array(this.entries.length);
    this.hits = new Uint16Array(this.entries.length);
    this.hitStamp = new Int32Array(this.entries.length).fill(-1);
    this.wordBit = new Int32Array(this.trigramWords.size);
    this.perfect = new Uint8Array(this.entries.length);
  }

  /**
   * Whether a run of consecutive words, each one of the typed words, holds every typed word
   * (`full`: the typed words' bits, set in `wordBit`). Such a run's trigrams are exactly the
   * query's, so its similarity is 1; and pg_trgm's word similarity then finds 1 too: while the
   * upper end is within the run, a lower end at the run's start measures at least as much as
   * any lower end after it (fewer of the query's trigrams, no other), so the lower end is never
   * moved past the start, and at the run's end that start measures 1.
   */
  private holdsTypedRun(words: Int32Array, full: number): boolean {
    const bits = this.wordBit;
    let mask = 0;
    for (let k = 0; k < words.length; k++) {
      const bit = bits[words[k]!]!;
      if (bit === 0) mask = 0;
      else if ((mask |= bit) === full) return true;
    }
    return false;
  }

  get size() {
    return this.entries.length;
  }

  /** The list order without a query: field order, then name, then code (as the SQL orders). */
  private compareUnranked(a: number, b: number, fieldSort: Map<string, number>) {
    const x = this.entries[a]!.row;
    const y = this.entries[b]!.row;
    return (fieldSort.get(x.field_code) ?? 0) - (fieldSort.get(y.field_code) ?? 0) || compareText(x.name, y.name) || compareText(x.code, y.code);
  }

  /** The vocabulary words close to a typed word: equal; trigram similarity ≥ 0.5; or, from three letters, the words it begins. */
  private closeWords(word: string): number[] {
    const close = new Set<number>();
    const at = this.lowerBound(word);
    if (this.vocabulary[at] === word) close.add(at);
    if (word.length >= 3) {
      for (let i = at; i < this.vocabulary.length && this.vocabulary[i]!.startsWith(word); i++) close.add(i);
      const own = [...new Set(trigramsOf(word))].map((t) => this.dictionary.find(t));
      const shared = this.scratch;
      const touched: number[] = [];
      for (const t of own) {
        if (t < 0) continue;
        for (const w of this.wordsByTrigram[t]!) {
          if (shared[w] === 0) touched.push(w);
          shared[w]!++;
        }
      }
      for (const w of touched) {
        const common = shared[w]!;
        shared[w] = 0;
        if (Math.fround(common / (own.length + this.vocabularyTrigrams[w]!.length - common)) >= VOCABULARY_SIMILARITY) close.add(w);
      }
    }
    return [...close];
  }

  private lowerBound(word: string) {
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocabulary[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The entries whose words hold a close word of at least 60 % of the typed words. */
  private candidates(typed: string[]): number[] {
    const need = Math.max(1, Math.ceil(0.6 * typed.length));
    const groups = typed.map((w) => this.closeWords(w)).filter((g) => g.length > 0);
    if (groups.length < need) return [];
    const { hits, hitStamp: stamp } = this;
    const found: number[] = [];
    const touched: number[] = [];
    groups.forEach((group, g) => {
      for (const w of group) {
        const posting = this.postings[w]!;
        for (let k = 0; k < posting.length; k++) {
          const e = posting[k]!;
          if (stamp[e] === g) continue;
          if (stamp[e] === -1) touched.push(e);
          stamp[e] = g;
          if (++hits[e]! === need) found.push(e);
        }
      }
    });
    for (const e of touched) {
      hits[e] = 0;
      stamp[e] = -1;
    }
    return found;
  }

  /** One page of matches plus facet counts: what `searchProcedures` answers, from memory. */
  search(filters: SearchFilters): SearchResultRows {
    const q = filters.q?.trim() ?? '';
    const offset = (filters.page - 1) * filters.pageSize;
    const pageEnd = offset + filters.pageSize;
    const qn = normalizeQuery(q);
    const qw = qn.replace(/[^a-z0-9]+/g, ' ').trim();
    const typed = qw === '' ? [] : qw.split(' ');
    const query = q ? new QueryTrigrams(qn, this.dictionary, this.mark, this.lastPos) : undefined;
    const weighted: number[] = [];
    const bitted: number[] = [];
    try {
      const matched: number[] = [];
      if (query) {
        // The query's words as pg_trgm splits them, each a bit (none when a word is in no text).
        const queryWords = [...new Set(wordsOf(qn))];
        let full = 0;
        if (queryWords.length > 0 && queryWords.length <= 30 && queryWords.every((w) => this.trigramWords.has(w))) {
          queryWords.forEach((w, i) => {
            const id = this.trigramWords.get(w)!;
            this.wordBit[id] = 1 << i;
            bitted.push(id);
          });
          full = (1 << queryWords.length) - 1;
        }
        this.fullRun = full;
        const { queryInText, perfect } = this;
        for (const e of this.candidates(typed)) {
          const entry = this.entries[e]!;
          if (!this.passesFilters(entry, filters)) continue;
          if (full !== 0 && this.holdsTypedRun(entry.textWordSeq, full)) {
            // Matches (word similarity 1); whether the text holds the query as it was typed is left open.
            perfect[e] = 1;
            queryInText[e] = 2;
            matched.push(e);
            continue;
          }
          perfect[e] = 0;
          if (entry.row.search_text.includes(qn)) {
            queryInText[e] = 1;
            matched.push(e);
          } else {
            queryInText[e] = 0;
            if (query.someExtentReaches(entry.textTrigrams)
              && query.wordSimilarity(entry.textTrigrams, WORD_SIMILARITY_THRESHOLD) >= WORD_SIMILARITY_THRESHOLD) matched.push(e);
          }
        }
      } else {
        // In the list order, so that the page is a slice.
        for (const e of this.listOrder) if (this.passesFilters(this.entries[e]!, filters)) matched.push(e);
      }
      const fieldCode = filters.field;
      const level = filters.level;
      const filtered = fieldCode || level
        ? matched.filter((e) => {
          const r = this.entries[e]!.row;
          return (!fieldCode || r.field_code === fieldCode) && (!level || r.online_level === level);
        })
        : matched;

      let page: number[];
      if (query) {
        for (const w of typed) {
          const id = this.wordIds.get(w);
          if (id !== undefined) {
            if (this.typedWeight[id] === 0) weighted.push(id);
            this.typedWeight[id]!++;
          }
        }
        page = this.rankedPage(filtered, query, qn, qw, typed, offset, pageEnd);
      } else {
        page = this.unrankedPage(filtered, offset, pageEnd);
      }

      const fieldCounts = new Array<number>(this.fields.length + 1).fill(0);
      const levelCounts = new Array<number>(this.levels.length).fill(0);
      for (const e of matched) {
        const entry = this.entries[e]!;
        const r = entry.row;
        if (!level || r.online_level === level) fieldCounts[entry.fieldRank]!++;
        if (!fieldCode || r.field_code === fieldCode) levelCounts[entry.levelRank]!++;
      }
      return {
        total: filtered.length,
        items: page.map((e): SearchItemRow => {
          const r = this.entries[e]!.row;
          const f = this.fieldsByCode.get(r.field_code);
          return {
            code: r.code, name: r.name, field_code: r.field_code, field_name: f?.name ?? '', field_name_en: f?.name_en ?? null,
            online_level: r.online_level, legacy_level: r.legacy_level, applicant_types: r.applicant_types,
            implementing_code: r.implementing_code, implementing_name: r.implementing_name, implementing_name_en: r.implementing_name_en,
          };
        }),
        fieldFacets: this.fields.map((f, i) => ({ code: f.code, name: f.name, name_en: f.name_en, count: fieldCounts[i]! })),
        levelFacets: this.levels.flatMap((lv, i) => (levelCounts[i]! > 0 ? [{ level: lv, count: levelCounts[i]! }] : [])),
      };
    } finally {
      query?.release();
      for (const id of weighted) this.typedWeight[id] = 0;
      for (const id of bitted) this.wordBit[id] = 0;
      this.fullRun = 0;
    }
  }

  private passesFilters(entry: Entry, filters: SearchFilters) {
    return (!filters.agency || entry.row.agency_codes.includes(filters.agency))
      && (!filters.applicantType || entry.row.applicant_types.includes(filters.applicantType));
  }

  /** `filtered` is in the list order already; the list order needs the fields joined (an unknown field drops the row, as the SQL's join does). */
  private unrankedPage(filtered: number[], offset: number, pageEnd: number) {
    const page: number[] = [];
    let seen = 0;
    for (const e of filtered) {
      if (this.entries[e]!.fieldRank >= this.fields.length) continue;
      if (seen++ >= offset) page.push(e);
      if (seen >= pageEnd) break;
    }
    return page;
  }

  /**
   * The SQL's two-stage ranking: the word part for every match; the trigram part for the rows
   * whose word part is within 4 of the page's last row (at most 300 beyond the page), computed
   * in order of the word part until no further row can reach the page. A row whose score cannot
   * reach the page's last row so far is skipped before its costly measures: the trigram part is
   * bounded by the name's share of the query's trigrams (word similarity to the name is at most
   * that share; to the text, at most 1), then by the name's word similarity. A name whose word
   * similarity is 1 gives the text's too (`nameLeadsText`).
   */
  private rankedPage(filtered: number[], query: QueryTrigrams, qn: string, qw: string, typed: string[], offset: number, pageEnd: number) {
    const { pre, score } = this;
    const paddedQw = ` ${qw} `;
    const typing: Typing = {
      qn, qw, paddedQw, typedCount: typed.length, firstWord: typed[0] ?? '',
      typedModifiers: MEANING_CHANGING_WORDS.filter((m) => paddedQw.includes(` ${m} `)),
    };
    for (const e of filtered) pre[e] = this.wordScore(e, typing);
    const limit = Math.max(RANKED_CANDIDATES, pageEnd);
    // The page's last row's word part, without sorting every match.
    let cutoff = Number.NEGATIVE_INFINITY;
    if (filtered.length >= pageEnd) {
      const values = new Float64Array(filtered.length);
      for (let i = 0; i < filtered.length; i++) values[i] = pre[filtered[i]!]!;
      values.sort();
      cutoff = values[filtered.length - pageEnd]! - TRIGRAM_SCORE_MAX;
    }
    const entries = this.entries;
    const window = filtered.filter((e) => pre[e]! >= cutoff)
      .sort((a, b) => pre[b]! - pre[a]! || entries[a]!.listRank - entries[b]!.listRank);
    if (window.length > limit) window.length = limit;

    const order = (a: number, b: number) => {
      const x = entries[a]!;
      const y = entries[b]!;
      return score[b]! - score[a]! || x.fieldSort - y.fieldSort || compareText(x.row.name, y.row.name) || compareText(x.row.code, y.row.code);
    };
    /** The best rows so far, in the final order, at most `pageEnd`. */
    const top: number[] = [];
    let kth = Number.NEGATIVE_INFINITY;
    const unique = query.unique;
    for (const e of window) {
      const p = pre[e]!;
      if (p + TRIGRAM_SCORE_MAX < kth) break;
      const entry = entries[e]!;
      const similarity = query.similarity(entry.nameDistinct);
      const full = top.length >= pageEnd;
      // float4 arithmetic, as PostgreSQL adds the three float4 measures.
      if (full && p + Math.fround(Math.fround(Math.fround((unique > 0 ? Math.fround(query.commonWith(entry.nameDistinct) / unique) : 0) * 2) + 1) + similarity) < kth) continue;
      const nameWords = this.fullRun !== 0 && this.holdsTypedRun(entry.nameWordSeq, this.fullRun) ? 1 : query.wordSimilarity(entry.nameTrigrams);
      if (full && p + Math.fround(Math.fround(Math.fround(nameWords * 2) + 1) + similarity) < kth) continue;
      let textWords = 1;
      if (this.perfect[e] !== 1 && !(nameWords === 1 && entry.nameLeadsText)) {
        // The word similarity to the text is that of one extent: when no extent reaches what the
        // row would need to reach the page (less a margin for float4 rounding), skip it.
        const need = full ? kth - p - Math.fround(nameWords * 2) - similarity - 1e-5 : 0;
        if (need > 0 && !query.someExtentReaches(entry.textTrigrams, need)) continue;
        textWords = query.wordSimilarity(entry.textTrigrams);
      }
      score[e] = p + Math.fround(Math.fround(Math.fround(nameWords * 2) + textWords) + similarity);
      if (full && order(e, top[pageEnd - 1]!) > 0) continue;
      // Insert in order (binary search), dropping the row beyond the page.
      let lo = 0;
      let hi = top.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(top[mid]!, e) <= 0) lo = mid + 1;
        else hi = mid;
      }
      top.splice(lo, 0, e);
      if (top.length > pageEnd) top.length = pageEnd;
      if (top.length === pageEnd) kth = score[top[pageEnd - 1]!]!;
    }
    return top.slice(offset, pageEnd).filter((e) => entries[e]!.fieldRank < this.fields.length);
  }

  /** The SQL's word part of the score (see `wordScore` in catalog.search.ts), with words compared as numbers. */
  private wordScore(e: number, typing: Typing): number {
    const entry = this.entries[e]!;
    const r = entry.row;
    const { qn, qw, typedCount, typedModifiers } = typing;
    const weight = this.typedWeight;
    let inName = 0;
    let inText = 0;
    for (let i = 0; i < entry.nameWordIds.length; i++) inName += weight[entry.nameWordIds[i]!]!;
    for (let i = 0; i < entry.textWordIds.length; i++) inText += weight[entry.textWordIds[i]!]!;
    // The name is the text's beginning: a query absent from the text is absent from the name.
    const inNameText = entry.nameStartsText && this.queryInText[e] === 0 ? false : r.name_norm.includes(qn);
    let fixed = inNameText ? 2 : 0;
    // The phrase needs every typed word in the text; the name's start, every one in the name.
    if (qw !== '' && inText === typedCount && r.text_words.includes(typing.paddedQw)) fixed += 1;
    if (r.keywords_norm.length > 0 && r.keywords_norm.includes(qn)) fixed += 1.5;
    if (qw !== '') {
      if (inName === typedCount && r.name_words.startsWith(typing.paddedQw)) fixed += 3;
      else if (typing.firstWord === entry.firstNameWord) fixed += 1;
    }
    if (entry.modifiers.length > 0) fixed += entry.modifiers.some((m) => typedModifiers.includes(m)) ? 1 : -6;
    return fixed + (3 * inName + inText) / Math.max(1, typedCount);
  }

  /** Rough heap size of the index, bytes: its typed arrays plus the strings it keeps. */
  approximateBytes(): number {
    let bytes = 0;
    for (const e of this.entries) {
      bytes += e.textTrigrams.byteLength + e.nameTrigrams.byteLength + e.nameDistinct.byteLength;
      const r = e.row;
      bytes += 2 * (r.name.length + r.name_norm.length + r.search_text.length + r.name_words.length + r.text_words.length) + 8 * r.words.length;
    }
    for (const p of this.postings) bytes += p.byteLength;
    for (const t of this.vocabularyTrigrams) bytes += t.byteLength;
    for (const t of this.wordsByTrigram) bytes += t.byteLength;
    return bytes;
  }
}

interface NodeIndex {
  index?: SearchIndex;
  version?: string;
  checkedAt: number;
  writesSeen?: number;
  /** A write on this node (publish, import) since the last check: the next search waits for a current index. */
  mustWait?: boolean;
  pending?: Promise<SearchIndex>;
}

const nodeIndexes = new WeakMap<Database, NodeIndex>();

async function projectionVersion(db: Database): Promise<string> {
  const [row] = await queryRows<{ n: number | string; at: string | null }>(db, sql`SELECT count(*) AS n, max(refreshed_at)::text AS at FROM procedure_search`);
  return `${row?.n ?? 0}/${row?.at ?? ''}`;
}

/** What an index is built from: the projection's rows and the fields (bench/search-index-cpu.ts keeps them in a file). */
export async function readSearchIndexSource(db: Database): Promise<{ rows: ProjectionRow[]; fields: FieldRow[] }> {
  const rows = await queryRows<ProjectionRow>(db, sql`
    SELECT code, name, field_code, name_norm, search_text, online_level, legacy_level, agency_codes, applicant_types,
      implementing_code, implementing_name, implementing_name_en, words, name_words, text_words, keywords_norm
    FROM procedure_search`);
  const fields = await queryRows<FieldRow>(db, sql`SELECT code, name, name_en, sort_order FROM fields`);
  return { rows: rows.map((r) => ({ ...r, legacy_level: Number(r.legacy_level) })), fields };
}

async function loadIndex(db: Database): Promise<SearchIndex> {
  const { rows, fields } = await readSearchIndexSource(db);
  return new SearchIndex(rows, fields);
}

/**
 * This node's index of the catalogue, current within `checkMs` of a change made elsewhere and at
 * once after a write on this node (`invalidateSearchIndex`, a projection refresh here). While an
 * index is rebuilt for a change made on another node, searches keep the one they have (a rebuild
 * of a national catalogue takes seconds); after a write here they wait for the new one.
 */
export async function searchIndexOf(db: Database, checkMs: number): Promise<SearchIndex> {
  let node = nodeIndexes.get(db);
  if (!node) nodeIndexes.set(db, (node = { checkedAt: 0 }));
  // A projection refresh in this process (an import, an agency change) may have changed it.
  if (node.writesSeen !== projectionWrites()) {
    node.writesSeen = projectionWrites();
    node.checkedAt = 0;
    node.mustWait = true;
  }
  if (node.index && Date.now() - node.checkedAt < checkMs && !node.pending) return node.index;
  if (!node.pending) {
    const current = node;
    const waiting = Boolean(current.mustWait);
    current.mustWait = false;
    const check = (async () => {
      // Every search waiting here shares this check: a pooled connection the database ended
      // under it (a restart, a terminated backend) is not left to fail them all — tried once more
      // on another connection. A database that is really down fails both (503).
      const version = await projectionVersion(db).catch(() => projectionVersion(db));
      current.checkedAt = Date.now();
      if (current.index && version === current.version) return { index: current.index, rebuilt: false };
      return { index: undefined, rebuilt: true, version };
    })();
    current.pending = check.then(async (checked) => {
      if (!checked.rebuilt) return checked.index!;
      const index = await loadIndex(db);
      // A change committed while loading shows as a new version at the next check.
      current.index = index;
      current.version = checked.version;
      return index;
    }).finally(() => { current.pending = undefined; });
    // Searches see a failed check (503) but not a failed background rebuild: the next check retries.
    current.pending.catch(() => {});
    const checked = await check;
    if (!checked.rebuilt) return checked.index!;
    // Changed on another node: the index held serves while the new one is built.
    if (current.index && !waiting) return current.index;
    return current.pending;
  }
  // A check or a rebuild is under way: an index already held serves unless a write here needs the new one.
  if (node.index && !node.mustWait && Date.now() - node.checkedAt < checkMs) return node.index;
  return node.pending;
}

/** Makes this node's next search check the projection's version (after a publish or an import here). */
export function invalidateSearchIndex(db: Database) {
  const node = nodeIndexes.get(db);
  if (node) {
    node.checkedAt = 0;
    node.mustWait = true;
  }
}
