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
import { MEANING_CHANGING_WORDS, NAME_LISTING_ISSUE, projectionWrites, type SearchFilters, type SearchItemRow, type SearchResultRows } from './catalog.search.js';
import { distinct, occurrencesOf, QueryTrigrams, TrigramDictionary, trigramsOf, wordsOf } from './catalog.trigrams.js';

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
  /** `search_text`'s trigrams in order, and the name's, and the name's distinct ones. */
  textTrigrams: Int32Array;
  nameTrigrams: Int32Array;
  nameDistinct: Int32Array;
  /** Each position's previous and next occurrence of its trigram in the text and in the name (`occurrencesOf`; undefined for a very long one). */
  textOccurrences?: Uint32Array;
  nameOccurrences?: Uint32Array;
  /** The meaning-changing words the name holds (none counted when it opens with the plain issue in a list of acts). */
  modifiers: string[];
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
  /** The first typed word's number (-2 when no name or text holds it). */
  firstWordId: number;
  /** The typed words' numbers in order (empty when one of them is in no name or text). */
  typedIds: Int32Array;
  /**
   * From three typed words: the inner ones' numbers in order (what a name holding the query as
   * it stands holds side by side, as whole words; empty when one of them is in no name or text),
   * and the first and last typed words (which end the word before them and begin the word after).
   */
  innerIds: Int32Array;
  firstTyped: string;
  lastTyped: string;
  /** The entries that may hold the phrase in their text, and the query in their name (see `markHolders`). */
  phraseHolders: Marked;
  nameHolders: Marked;
  /** The meaning-changing words typed, as bits of `MEANING_CHANGING_WORDS`. */
  typedModifiers: number;
  /** The entries one of whose keywords is the query as typed (normalised). */
  keywordHolders: Marked;
}

/**
 * Entries marked as holding every one of some postings: `all` when no posting was asked
 * (every entry passes), `none` when one of them is empty; else those in the set `bits` (entry e
 * is bit e % 32 of `bits[e / 32]`; the array is the index's scratch).
 */
interface Marked {
  all: boolean;
  none: boolean;
  bits: Uint32Array;
}

/** What the trigram part of the score can add (as in the SQL). */
const TRIGRAM_SCORE_MAX = 4;
/** The most the string tests add to the word part (see `stringBonusBound`). */
const STRING_BONUS_MAX = 5;
/** Rows whose trigram part is computed at most, beyond the page (as in the SQL). */
const RANKED_CANDIDATES = 100;
const VOCABULARY_SIMILARITY = 0.5;
/** Typed words whose close words are kept (they depend only on the vocabulary, so on this index). */
const CLOSE_WORDS_KEPT = 4096;
/** Where an entry's numbers sit in `matchState` (entry e at `e << ENTRY_SHIFT`). */
const ENTRY_SHIFT = 3;
const ENTRY_COUNTS = 3;
const ENTRY_FIELD = 4;
const ENTRY_LEVEL = 5;
const ENTRY_FIRST_WORD = 6;
const ENTRY_MODIFIERS = 7;
/** The most typed words' groups the match counts with sets of entries (`matchBySets`); more are counted entry by entry. */
const SET_GROUPS_MAX = 16;

const UNMARKED: Marked = { all: true, none: false, bits: new Uint32Array(0) };
const NONE_MARKED: Marked = { all: false, none: true, bits: new Uint32Array(0) };

function isMarked(m: Marked, e: number): boolean {
  return m.all || (!m.none && (m.bits[e >>> 5]! & (1 << (e & 31))) !== 0);
}

/** Adds the entries of `list` to the set of bits starting at `bits[base]` (see `Marked`). */
function addToSet(bits: Uint32Array, list: Int32Array, base = 0): void {
  for (let k = 0; k < list.length; k++) bits[base + (list[k]! >>> 5)]! |= 1 << (list[k]! & 31);
}

/** Code-point order, as PostgreSQL's C collation and the byte order of UTF-8 give. */
function compareText(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** opendvc_search_normalize for a query: unaccent, đ → d, lower case. */
export function normalizeQuery(q: string): string {
  return stripDiacritics(q).toLowerCase();
}

/** Meaning-changing words as bits (their positions in `MEANING_CHANGING_WORDS`). */
function modifierBitsOf(words: readonly string[]): number {
  let bits = 0;
  for (const w of words) bits |= 1 << (MEANING_CHANGING_WORDS as readonly string[]).indexOf(w);
  return bits;
}

/** Entry numbers holding each key, as sorted typed arrays. */
function postingsOf(keyCount: number, keysOf: (e: number) => Iterable<number>, entryCount: number): Int32Array[] {
  const sizes = new Int32Array(keyCount);
  for (let e = 0; e < entryCount; e++) for (const k of keysOf(e)) sizes[k]!++;
  const lists = Array.from(sizes, (n) => new Int32Array(n));
  const fill = new Int32Array(keyCount);
  for (let e = 0; e < entryCount; e++) for (const k of keysOf(e)) lists[k]![fill[k]!++] = e;
  return lists;
}

/*
 * The ranking's heaps order entry numbers by a value, then by the list order (`rank`, the entry's
 * list position), with the comparisons written out rather than passed in as closures (which a
 * profile of the server put among a tenth of its samples; measured alone, the change was within
 * the machine's spread, ADR 0001 ninth pass).
 */

/** Whether entry a comes before entry b: larger value first, then earlier in the list. */
function isBefore(values: Float64Array, rank: Int32Array, a: number, b: number): boolean {
  const x = values[a]!;
  const y = values[b]!;
  return x > y || (x === y && rank[a]! < rank[b]!);
}

/**
 * Moves `heap[from]` down the first `size` entries of a heap whose top comes first (`isBefore`),
 * or last when `topLast`.
 */
function siftDown(heap: Int32Array, from: number, size: number, values: Float64Array, rank: Int32Array, topLast = false): void {
  let i = from;
  const e = heap[i]!;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && (topLast ? isBefore(values, rank, heap[child]!, heap[child + 1]!) : isBefore(values, rank, heap[child + 1]!, heap[child]!))) child++;
    if (topLast ? !isBefore(values, rank, e, heap[child]!) : !isBefore(values, rank, heap[child]!, e)) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = e;
}

/**
 * Offers `v` to `heap`, a min-heap of the `capacity` largest values offered so far (`size` of
 * them now; the smallest on top); returns the new size.
 */
function offerLargest(heap: Float64Array, size: number, capacity: number, v: number): number {
  if (size < capacity) {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= v) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = v;
  } else if (v > heap[0]!) {
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1]! < heap[child]!) child++;
      if (heap[child]! >= v) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = v;
  }
  return size;
}

/**
 * Offers entry `e` to `heap`, the `capacity` first entries offered so far (`isBefore`; `size` of
 * them now; the last of them on top); returns the new size.
 */
function offerFirst(heap: Int32Array, size: number, capacity: number, e: number, values: Float64Array, rank: Int32Array): number {
  if (size < capacity) {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!isBefore(values, rank, heap[parent]!, e)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = e;
  } else if (isBefore(values, rank, e, heap[0]!)) {
    heap[0] = e;
    siftDown(heap, 0, size, values, rank, true);
  }
  return size;
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
  /** Every word of the texts and names, numbered: the vocabulary's words first (their positions), then the others. */
  private readonly wordIds = new Map<string, number>();
  /** For each word number, the entries whose `text_words` (`textHolders`) or `name_words` (`nameHolders`) hold it. */
  private readonly textHolders: Int32Array[];
  private readonly nameHolders: Int32Array[];
  /** Whether each vocabulary word's `postings` are its `textHolders` (see the constructor). */
  private readonly textHoldersArePostings: boolean;
  /**
   * Per vocabulary word, when the procedures whose name holds it are among its postings (a name is
   * part of its text): 1 for each of its postings whose name holds it, else undefined.
   */
  private readonly namesInPostings: (Uint8Array | undefined)[];
  /** Per entry: the words of `text_words` in order, as numbers (the phrase test compares them, not strings). */
  private readonly textWordIdSeq: Int32Array[];
  /** Per entry: the words of `name_words` in order, as numbers. */
  private readonly nameWordIdSeq: Int32Array[];
  /** The words by number (the inverse of `wordIds`). */
  private readonly wordList: string[];
  /**
   * For each pair of words side by side in some `text_words` (key: first × `wordIds.size` +
   * second), the entries holding it, in order: the phrase test runs only on the entries that hold
   * every pair of the typed words.
   */
  private readonly textPairs: Map<number, Int32Array>;
  /** The same for `name_words`. */
  private readonly namePairs: Map<number, Int32Array>;
  /** Scratch of `markHolders`: one set per use in a search, and one for a list without a set. */
  private readonly phraseBits: Uint32Array;
  private readonly nameHoldBits: Uint32Array;
  private readonly listBits: Uint32Array;
  /** The postings of pairs and the name holders held by at least one entry in 32, as sets of entries. */
  private readonly setsOfLists = new WeakMap<Int32Array, Uint32Array>();
  /** Scratch of the query's trigram tests (`QueryTrigrams`), kept across searches with its run number. */
  private readonly trigramStamp: Int32Array;
  private trigramRun = 0;
  /** Per keyword (normalised), the entries holding it; and the set `fixedLow` reads. */
  private readonly keywordEntries = new Map<string, Int32Array>();
  private readonly keywordBits: Uint32Array;
  /** Per entry, its normalised name (the string tests read it without the entry's objects). */
  private readonly nameNorms: string[];
  /** Per entry: its field's position in the fields' order (sort_order, then name; `fields.length` when unknown), its sort_order, its position in the list without a query. */
  private readonly fieldRank: Int32Array;
  private readonly fieldSort: Float64Array;
  private readonly listRank: Int32Array;
  /** Entry numbers in the order of a list without a query. */
  private readonly listOrder: Int32Array;
  private readonly fieldsByCode: Map<string, FieldRow>;
  private readonly fieldRankByCode: Map<string, number>;
  /** The online levels the procedures have, in code-point order (the level facets' order). */
  private readonly levels: string[];
  private readonly mark: Uint8Array;
  private readonly lastPos: Int32Array;
  private readonly scratch: Int32Array;
  /** Typed word → its close words (numbers), least recently used first. */
  private readonly closeCache = new Map<string, Int32Array>();
  /**
   * Eight numbers per entry side by side (entry e at 8e, 32 bytes: a search that meets an entry
   * finds what it reads and writes of it in one place in memory, not in one array each). The
   * first four are the match's per-search scratch (a search runs synchronously, so one per index
   * serves every search): the search's `epoch` when the entry was seen (the next three are valid
   * only then, so nothing is cleared between searches), the last typed word's group that matched
   * it, how many groups did, and the typed words its text holds whole plus 65,536 times those its
   * name holds (`inTextOf`, `inNameOf`; a query has at most 200 characters, so neither count
   * reaches 65,536). Then, fixed: its `fieldRank`, its level's position in `levels`, the number
   * of its name's first word (split_part(trim(name_words), ' ', 1); -1 for none) and the
   * meaning-changing words its name holds, as bits of `MEANING_CHANGING_WORDS` (`ENTRY_FIELD` …).
   */
  private epoch = 0;
  private readonly matchState: Int32Array;
  /** 32-bit blocks of a set of entries (entry e is bit e % 32 of block e / 32). */
  private readonly blocks: number;
  /**
   * The entries holding a word as a set of bits, for the words held by at least one entry in 32
   * (where the set takes no more memory than the list): per vocabulary word, its `postings`
   * (`postingBits`); per word number, its `nameHolders` (`nameBits`); undefined for the others.
   */
  private readonly postingBits: (Uint32Array | undefined)[];
  private readonly nameBits: (Uint32Array | undefined)[];
  /** Scratch of `matchBySets`: one set per typed word's group, up to `SET_GROUPS_MAX`. */
  private readonly groupBits: Uint32Array;
  private readonly matchBuffer: Int32Array;
  private readonly filteredBuffer: Int32Array;
  private readonly exactBuffer: Int32Array;
  private readonly candidateBuffer: Int32Array;
  private readonly heap: Int32Array;
  private readonly rankHeap: Int32Array;
  /** Scratch of `rankthRowOf`: a mark per list position, clear between searches. */
  private readonly rankMarks: Uint8Array;
  private readonly valueHeap: Float64Array;
  private readonly low: Float64Array;
  private readonly pre: Float64Array;
  private readonly upper: Float64Array;
  private readonly score: Float64Array;
  /** The words pg_trgm takes trigrams from, numbered; and per search, each typed one's bit. */
  private readonly trigramWords = new Map<string, number>();
  private readonly wordBit: Int32Array;
  private fullRun = 0;

  constructor(rows: ProjectionRow[], fields: FieldRow[]) {
    this.fields = [...fields].sort((a, b) => a.sort_order - b.sort_order || compareText(a.name, b.name));
    const fieldRank = new Map(this.fields.map((f, i) => [f.code, i]));
    const fieldSort = new Map(this.fields.map((f) => [f.code, f.sort_order]));
    this.fieldRankByCode = fieldRank;
    const trigramWordId = (w: string) => {
      let id = this.trigramWords.get(w);
      if (id === undefined) this.trigramWords.set(w, (id = this.trigramWords.size));
      return id;
    };
    const n = rows.length;
    this.entries = rows.map((row) => {
      const nameTrigrams = this.dictionary.encode(row.name_norm);
      const textTrigrams = this.dictionary.encode(row.search_text);
      return {
        row,
        textTrigrams,
        nameTrigrams,
        nameDistinct: distinct(nameTrigrams),
        modifiers: row.name_norm.startsWith(NAME_LISTING_ISSUE) ? [] : MEANING_CHANGING_WORDS.filter((m) => row.name_words.includes(` ${m} `)),
        nameLeadsText: nameTrigrams.length <= textTrigrams.length && nameTrigrams.every((t, i) => textTrigrams[i] === t),
        textWordSeq: Int32Array.from(wordsOf(row.search_text), trigramWordId),
        nameWordSeq: Int32Array.from(wordsOf(row.name_norm), trigramWordId),
      };
    });
    const holding = new Map<string, number[]>();
    rows.forEach((r, e) => {
      for (const k of new Set(r.keywords_norm)) {
        let list = holding.get(k);
        if (list === undefined) holding.set(k, (list = []));
        list.push(e);
      }
    });
    for (const [k, list] of holding) this.keywordEntries.set(k, Int32Array.from(list));
    this.nameNorms = rows.map((r) => r.name_norm);
    const modifierBits = Uint8Array.from(this.entries, (e) => modifierBitsOf(e.modifiers));
    this.fieldRank = Int32Array.from(rows, (r) => fieldRank.get(r.field_code) ?? this.fields.length);
    this.fieldSort = Float64Array.from(rows, (r) => fieldSort.get(r.field_code) ?? 0);
    const listOrder = this.entries.map((_, i) => i).sort((a, b) => this.compareUnranked(a, b));
    this.listRank = new Int32Array(n);
    listOrder.forEach((entry, rank) => { this.listRank[entry] = rank; });
    this.listOrder = Int32Array.from(listOrder);
    this.fieldsByCode = new Map(this.fields.map((f) => [f.code, f]));
    this.levels = [...new Set(rows.map((r) => r.online_level))].sort(compareText);
    const levelRank = new Map(this.levels.map((lv, i) => [lv, i]));
    const levelOf = Int32Array.from(rows, (r) => levelRank.get(r.online_level)!);

    const vocabulary = new Set<string>();
    for (const r of rows) for (const w of r.words) vocabulary.add(w);
    this.vocabulary = [...vocabulary].sort(compareText);
    this.vocabulary.forEach((w, i) => this.wordIds.set(w, i));
    const vocabularyIds = rows.map((r) => r.words.map((w) => this.wordIds.get(w)!));
    this.postings = postingsOf(this.vocabulary.length, (e) => vocabularyIds[e]!, n);
    this.vocabularyTrigrams = this.vocabulary.map((w) => distinct(this.dictionary.encode(w)));
    const byTrigram: number[][] = Array.from({ length: this.dictionary.size }, () => []);
    this.vocabularyTrigrams.forEach((ts, w) => { for (const t of ts) byTrigram[t]!.push(w); });
    this.wordsByTrigram = byTrigram.map((list) => Int32Array.from(list));
    this.mark = new Uint8Array(this.dictionary.size);
    this.lastPos = new Int32Array(this.dictionary.size).fill(-1);
    for (const entry of this.entries) {
      entry.textOccurrences = occurrencesOf(entry.textTrigrams, this.lastPos);
      entry.nameOccurrences = occurrencesOf(entry.nameTrigrams, this.lastPos);
    }
    this.scratch = new Int32Array(Math.max(n, this.vocabulary.length));

    // Words as numbers, so that the word part of the score counts through postings, not strings:
    // ` w ` is in `text_words` (or `name_words`) exactly when w is one of the words it separates
    // by single spaces.
    const idOf = (w: string) => {
      let id = this.wordIds.get(w);
      if (id === undefined) this.wordIds.set(w, (id = this.wordIds.size));
      return id;
    };
    const split = (padded: string) => padded.split(' ').filter((w) => w !== '');
    this.textWordIdSeq = rows.map((r) => Int32Array.from(split(r.text_words), idOf));
    const textIds = this.textWordIdSeq.map((seq) => new Set(seq));
    this.nameWordIdSeq = rows.map((r) => Int32Array.from(split(r.name_words), idOf));
    const nameIds = this.nameWordIdSeq.map((seq) => new Set(seq));
    this.packEntries();
    this.wordList = [...this.wordIds.keys()];
    this.textPairs = this.pairPostings(this.textWordIdSeq);
    this.namePairs = this.pairPostings(this.nameWordIdSeq);
    const firstNameWord = Int32Array.from(rows, (r) => {
      const first = r.name_words.trim().split(' ')[0] ?? '';
      return first === '' ? -1 : this.wordIds.get(first)!;
    });
    this.textHolders = postingsOf(this.wordIds.size, (e) => textIds[e]!, n);
    // The vocabulary is the words of the texts (`words` and `text_words` split the same text), so
    // a vocabulary word's postings are the texts holding it: then the match counts the typed words
    // whole in the texts while it walks their postings (checked here, not assumed).
    this.textHoldersArePostings = this.postings.every((list, w) => {
      const holders = this.textHolders[w]!;
      return holders.length === list.length && holders.every((e, k) => e === list[k]);
    });
    this.nameHolders = postingsOf(this.wordIds.size, (e) => nameIds[e]!, n);
    // Both lists are sorted: one walk marks the name holders among the postings (checked, not assumed).
    this.namesInPostings = this.postings.map((list, w) => {
      const holders = this.nameHolders[w]!;
      const flags = new Uint8Array(list.length);
      let j = 0;
      for (let k = 0; k < list.length && j < holders.length; k++) {
        if (list[k] === holders[j]) {
          flags[k] = 1;
          j++;
        }
      }
      return j === holders.length ? flags : undefined;
    });

    this.matchState = new Int32Array(n << ENTRY_SHIFT);
    for (let e = 0; e < n; e++) {
      const at = e << ENTRY_SHIFT;
      this.matchState[at + ENTRY_FIELD] = this.fieldRank[e]!;
      this.matchState[at + ENTRY_LEVEL] = levelOf[e]!;
      this.matchState[at + ENTRY_FIRST_WORD] = firstNameWord[e]!;
      this.matchState[at + ENTRY_MODIFIERS] = modifierBits[e]!;
    }
    this.blocks = (n + 31) >>> 5;
    const setOf = (list: Int32Array) => {
      if (list.length * 32 < n) return undefined;
      const bits = new Uint32Array(this.blocks);
      addToSet(bits, list);
      return bits;
    };
    this.postingBits = this.postings.map(setOf);
    this.nameBits = this.nameHolders.map(setOf);
    this.groupBits = new Uint32Array(SET_GROUPS_MAX * this.blocks);
    for (const list of [...this.textPairs.values(), ...this.namePairs.values()]) {
      const set = setOf(list);
      if (set !== undefined) this.setsOfLists.set(list, set);
    }
    this.nameHolders.forEach((list, id) => {
      const set = this.nameBits[id];
      if (set !== undefined) this.setsOfLists.set(list, set);
    });
    this.phraseBits = new Uint32Array(this.blocks);
    this.keywordBits = new Uint32Array(this.blocks);
    this.nameHoldBits = new Uint32Array(this.blocks);
    this.listBits = new Uint32Array(this.blocks);
    this.matchBuffer = new Int32Array(n);
    this.filteredBuffer = new Int32Array(n);
    this.exactBuffer = new Int32Array(n);
    this.candidateBuffer = new Int32Array(n);
    this.heap = new Int32Array(n);
    this.rankHeap = new Int32Array(n);
    this.rankMarks = new Uint8Array(n);
    this.valueHeap = new Float64Array(n);
    this.low = new Float64Array(n);
    this.pre = new Float64Array(n);
    this.upper = new Float64Array(n);
    this.score = new Float64Array(n);
    this.wordBit = new Int32Array(this.trigramWords.size);
    this.trigramStamp = new Int32Array(this.dictionary.size);
  }

  /**
   * Moves each entry's arrays next to one another, entry after entry, in one block of memory
   * (views on one buffer; the same numbers). A search reads a hundred or so entries at random,
   * several arrays of each: in separate allocations each array costs its own cache misses, side
   * by side they come in a few consecutive cache lines.
   */
  private packEntries(): void {
    const arraysOf = (entry: Entry, e: number): (Int32Array | Uint32Array | undefined)[] => [
      this.nameWordIdSeq[e], this.textWordIdSeq[e], entry.nameDistinct, entry.nameWordSeq, entry.nameTrigrams, entry.nameOccurrences,
      entry.textWordSeq, entry.textTrigrams, entry.textOccurrences,
    ];
    let total = 0;
    this.entries.forEach((entry, e) => { for (const a of arraysOf(entry, e)) total += a?.length ?? 0; });
    const buffer = new ArrayBuffer(total * 4);
    let at = 0;
    const int32 = (a: Int32Array) => {
      const view = new Int32Array(buffer, at * 4, a.length);
      view.set(a);
      at += a.length;
      return view;
    };
    const uint32 = (a: Uint32Array | undefined) => {
      if (a === undefined) return undefined;
      const view = new Uint32Array(buffer, at * 4, a.length);
      view.set(a);
      at += a.length;
      return view;
    };
    this.entries.forEach((entry, e) => {
      this.nameWordIdSeq[e] = int32(this.nameWordIdSeq[e]!);
      this.textWordIdSeq[e] = int32(this.textWordIdSeq[e]!);
      entry.nameDistinct = int32(entry.nameDistinct);
      entry.nameWordSeq = int32(entry.nameWordSeq);
      entry.nameTrigrams = int32(entry.nameTrigrams);
      entry.nameOccurrences = uint32(entry.nameOccurrences);
      entry.textWordSeq = int32(entry.textWordSeq);
      entry.textTrigrams = int32(entry.textTrigrams);
      entry.textOccurrences = uint32(entry.textOccurrences);
    });
  }

  /** For each pair of words side by side in some sequence (key: first × `wordIds.size` + second), the entries holding it, in order. */
  private pairPostings(sequences: Int32Array[]): Map<number, Int32Array> {
    const lists = new Map<number, number[]>();
    const wordCount = this.wordIds.size;
    sequences.forEach((seq, e) => {
      for (let i = 0; i + 1 < seq.length; i++) {
        const key = seq[i]! * wordCount + seq[i + 1]!;
        let list = lists.get(key);
        if (list === undefined) lists.set(key, (list = []));
        if (list[list.length - 1] !== e) list.push(e);
      }
    });
    const postings = new Map<number, Int32Array>();
    for (const [key, list] of lists) postings.set(key, Int32Array.from(list));
    return postings;
  }

  /** The postings of the pairs of words side by side in `ids` (each distinct pair once; undefined for a pair no sequence holds). */
  private pairListsOf(pairs: Map<number, Int32Array>, ids: Int32Array): (Int32Array | undefined)[] {
    const wordCount = this.wordIds.size;
    const keys = new Set<number>();
    for (let i = 0; i + 1 < ids.length; i++) keys.add(ids[i]! * wordCount + ids[i + 1]!);
    return [...keys].map((key) => pairs.get(key));
  }

  /**
   * Marks the entries that hold every one of `lists` (postings) in the set `bits` (see
   * `Marked`): the sets of the lists that have one intersected, the others' entries made a set
   * first.
   */
  private markHolders(lists: (Int32Array | undefined)[] | undefined, bits: Uint32Array): Marked {
    if (lists === undefined || lists.length === 0) return UNMARKED;
    if (lists.some((l) => l === undefined || l.length === 0)) return NONE_MARKED;
    const blocks = this.blocks;
    for (let j = 0; j < lists.length; j++) {
      const list = lists[j]!;
      let set = this.setsOfLists.get(list);
      if (set === undefined) {
        set = this.listBits;
        set.fill(0);
        addToSet(set, list);
      }
      if (j === 0) bits.set(set);
      else for (let b = 0; b < blocks; b++) bits[b]! &= set[b]!;
    }
    return { all: false, none: false, bits };
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
  private compareUnranked(a: number, b: number) {
    const x = this.entries[a]!.row;
    const y = this.entries[b]!.row;
    return this.fieldSort[a]! - this.fieldSort[b]! || compareText(x.name, y.name) || compareText(x.code, y.code);
  }

  /** `closeWords`, kept per typed word (a bounded least-recently-used map). */
  private closeWordsOf(word: string): Int32Array {
    const cache = this.closeCache;
    let close = cache.get(word);
    if (close) {
      cache.delete(word);
    } else {
      close = Int32Array.from(this.closeWords(word));
      if (cache.size >= CLOSE_WORDS_KEPT) cache.delete(cache.keys().next().value!);
    }
    cache.set(word, close);
    return close;
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
    return [...close].sort((a, b) => a - b);
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

  /** The typed words (with repeats) the entry's text holds whole, and its name (valid for the entries the last match found). */
  private inTextOf(e: number): number {
    return this.matchState[(e << ENTRY_SHIFT) + ENTRY_COUNTS]! & 0xffff;
  }

  private inNameOf(e: number): number {
    return this.matchState[(e << ENTRY_SHIFT) + ENTRY_COUNTS]! >>> 16;
  }

  /** The typed words that some text or name holds, by number, each with how many times it was typed. */
  private typedWeights(typed: string[]): Map<number, number> {
    const weights = new Map<number, number>();
    for (const w of typed) {
      const id = this.wordIds.get(w);
      if (id !== undefined) weights.set(id, (weights.get(id) ?? 0) + 1);
    }
    return weights;
  }

  private nextEpoch() {
    if (this.epoch >= 0x7ffffffe) {
      for (let at = 0; at < this.matchState.length; at += 1 << ENTRY_SHIFT) this.matchState[at] = 0;
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /**
   * The match rule (ADR 0001, "Matching on words alone"): the entries whose words hold a close
   * word of at least 60 % of the typed words, found by the union of the close words' postings,
   * counting each typed word's group once per entry. Leaves them in `matchBuffer` and returns
   * how many; then counts, for those, the typed words (with repeats) their text and their name
   * hold whole (`inText`, `inName`: the word part of the score).
   */
  private match(typed: string[]): number {
    const need = Math.max(1, Math.ceil(0.6 * typed.length));
    const groups: Int32Array[] = [];
    // Per group, the typed word's own number when its postings are the texts holding it (-1 otherwise).
    const own: number[] = [];
    const fused = this.textHoldersArePostings;
    const vocabularySize = this.vocabulary.length;
    for (const w of typed) {
      const close = this.closeWordsOf(w);
      if (close.length === 0) continue;
      groups.push(close);
      const id = this.wordIds.get(w);
      own.push(fused && id !== undefined && id < vocabularySize ? id : -1);
    }
    if (groups.length < need) return 0;
    const epoch = this.nextEpoch();
    if (groups.length <= SET_GROUPS_MAX && groups.some((group) => group.some((w) => this.postingBits[w] !== undefined))) return this.matchBySets(typed, groups, need, epoch);
    const { matchState: state, matchBuffer: found, postings, namesInPostings } = this;
    let count = 0;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const ownWord = own[g]!;
      for (let j = 0; j < group.length; j++) {
        const word = group[j]!;
        const posting = postings[word]!;
        // The typed word itself: every entry here holds it whole in its text, and in its name
        // where `names` says so (when the name holders are among the postings).
        const whole = word === ownWord ? 1 : 0;
        const names = whole === 1 ? namesInPostings[word] : undefined;
        for (let k = 0; k < posting.length; k++) {
          const e = posting[k]!;
          const at = e << ENTRY_SHIFT;
          const wholeHere = names === undefined ? whole : whole | (names[k]! << 16);
          if (state[at] !== epoch) {
            state[at] = epoch;
            state[at + 1] = g;
            state[at + 2] = 1;
            state[at + ENTRY_COUNTS] = wholeHere;
            if (need === 1) found[count++] = e;
          } else {
            state[at + ENTRY_COUNTS]! += wholeHere;
            if (state[at + 1] !== g) {
              state[at + 1] = g;
              if (++state[at + 2]! === need) found[count++] = e;
            }
          }
        }
      }
    }
    // The typed words found whole: each distinct one with how many times it was typed (in the
    // texts and names, those the walk above did not count).
    const weights = this.typedWeights(typed);
    const counted = new Set(own);
    for (const [id, weight] of weights) {
      const ownCounted = counted.has(id);
      if (!ownCounted) {
        const inTexts = this.textHolders[id]!;
        for (let k = 0; k < inTexts.length; k++) {
          const at = inTexts[k]! << ENTRY_SHIFT;
          if (state[at] === epoch) state[at + ENTRY_COUNTS]! += weight;
        }
      }
      if (ownCounted && namesInPostings[id] !== undefined) continue;
      const inNames = this.nameHolders[id]!;
      for (let k = 0; k < inNames.length; k++) {
        const at = inNames[k]! << ENTRY_SHIFT;
        if (state[at] === epoch) state[at + ENTRY_COUNTS]! += weight << 16;
      }
    }
    return count;
  }

  /**
   * `match` with sets of entries, when a typed word's group holds a word that many entries hold:
   * each group's entries as a set of bits (the common words' sets joined, the others' entries
   * added), then, 32 entries at a time, those in at least `need` of the groups (`atLeast[j]`: in
   * j of the groups met so far), in the order of their numbers; their counts of the typed words
   * held whole from the common words' sets and the others' lists. The same entries and counts
   * as counting each entry while walking the postings, with no step per posting of a common word.
   */
  private matchBySets(typed: string[], groups: Int32Array[], need: number, epoch: number): number {
    const { blocks, groupBits: bits, postings, postingBits, nameBits, matchState: state, matchBuffer: found } = this;
    const groupCount = groups.length;
    for (let g = 0; g < groupCount; g++) {
      const base = g * blocks;
      bits.fill(0, base, base + blocks);
      const group = groups[g]!;
      for (let j = 0; j < group.length; j++) {
        const word = group[j]!;
        const set = postingBits[word];
        if (set !== undefined) {
          for (let b = 0; b < blocks; b++) bits[base + b]! |= set[b]!;
        } else {
          addToSet(bits, postings[word]!, base);
        }
      }
    }
    // The typed words found whole, each distinct one with how many times it was typed: counted
    // from the sets here where there is one, else from the lists after.
    const weights = this.typedWeights(typed);
    const fused = this.textHoldersArePostings;
    const vocabularySize = this.vocabulary.length;
    const setWeights: number[] = [];
    const sets: Uint32Array[] = [];
    const listed: { list: Int32Array; add: number }[] = [];
    for (const [id, weight] of weights) {
      const textSet = fused && id < vocabularySize ? postingBits[id] : undefined;
      if (textSet !== undefined) {
        sets.push(textSet);
        setWeights.push(weight);
      } else {
        listed.push({ list: this.textHolders[id]!, add: weight });
      }
      const nameSet = nameBits[id];
      if (nameSet !== undefined) {
        sets.push(nameSet);
        setWeights.push(weight << 16);
      } else {
        listed.push({ list: this.nameHolders[id]!, add: weight << 16 });
      }
    }
    const setCount = sets.length;
    const atLeast = new Int32Array(need + 1);
    const words = new Int32Array(setCount);
    let count = 0;
    for (let b = 0; b < blocks; b++) {
      atLeast[0] = -1;
      for (let j = 1; j <= need; j++) atLeast[j] = 0;
      for (let g = 0; g < groupCount; g++) {
        const x = bits[g * blocks + b]!;
        if (x === 0) continue;
        for (let j = Math.min(g + 1, need); j >= 1; j--) atLeast[j]! |= atLeast[j - 1]! & x;
      }
      let m = atLeast[need]!;
      if (m === 0) continue;
      for (let i = 0; i < setCount; i++) words[i] = sets[i]![b]!;
      while (m !== 0) {
        const low = m & -m;
        m ^= low;
        const bit = 31 - Math.clz32(low);
        const e = (b << 5) | bit;
        let counts = 0;
        for (let i = 0; i < setCount; i++) if ((words[i]! & low) !== 0) counts += setWeights[i]!;
        const at = e << ENTRY_SHIFT;
        state[at] = epoch;
        state[at + ENTRY_COUNTS] = counts;
        found[count++] = e;
      }
    }
    for (const { list, add } of listed) {
      for (let k = 0; k < list.length; k++) {
        const at = list[k]! << ENTRY_SHIFT;
        if (state[at] === epoch) state[at + ENTRY_COUNTS]! += add;
      }
    }
    return count;
  }

  /** One page of matches plus facet counts: what `searchProcedures` answers, from memory. */
  search(filters: SearchFilters): SearchResultRows {
    const q = filters.q?.trim() ?? '';
    const offset = (filters.page - 1) * filters.pageSize;
    const pageEnd = offset + filters.pageSize;
    const qn = normalizeQuery(q);
    const qw = qn.replace(/[^a-z0-9]+/g, ' ').trim();
    const typed = qw === '' ? [] : qw.split(' ');
    const bitted: number[] = [];
    const matched = this.matchBuffer;
    let matchedCount: number;
    if (q) {
      matchedCount = this.match(typed);
    } else {
      // In the list order, so that the page is a slice.
      matched.set(this.listOrder);
      matchedCount = this.listOrder.length;
    }
    // The filters that facets do not count without: agency and applicant type.
    if (filters.agency || filters.applicantType) {
      let kept = 0;
      for (let k = 0; k < matchedCount; k++) {
        const e = matched[k]!;
        if (this.passesFilters(this.entries[e]!, filters)) matched[kept++] = e;
      }
      matchedCount = kept;
    }
    // Field and level: an unknown field code matches no procedure (whose field the index knows).
    const fieldCode = filters.field;
    const level = filters.level;
    const wantedField = fieldCode ? this.fieldRankByCode.get(fieldCode) ?? -1 : -2;
    const wantedLevel = level ? this.levels.indexOf(level) : -2;
    const filtered = this.filteredBuffer;
    let filteredCount = 0;
    const fieldCounts = new Int32Array(this.fields.length + 1);
    const levelCounts = new Int32Array(this.levels.length);
    // With a query, the same walk gives each row its word part's lower bound (`low`) and keeps the
    // `limit` largest of them (in `valueHeap`; see `rankedPage`).
    const typing = q ? this.typingOf(qn, qw, typed) : undefined;
    const limit = Math.max(RANKED_CANDIDATES, pageEnd);
    const { low, valueHeap, matchState: state } = this;
    const divisor = Math.max(1, typed.length);
    let largestCount = 0;
    for (let k = 0; k < matchedCount; k++) {
      const e = matched[k]!;
      const at = e << ENTRY_SHIFT;
      const field = state[at + ENTRY_FIELD]!;
      const entryLevel = state[at + ENTRY_LEVEL]!;
      const fieldOk = wantedField === -2 || (wantedField >= 0 ? field === wantedField : this.entries[e]!.row.field_code === fieldCode);
      const levelOk = wantedLevel === -2 || entryLevel === wantedLevel;
      if (levelOk) fieldCounts[field]!++;
      if (fieldOk) levelCounts[entryLevel]!++;
      if (fieldOk && levelOk) {
        filtered[filteredCount++] = e;
        if (typing !== undefined) {
          const counts = state[at + ENTRY_COUNTS]!;
          const v = this.fixedLow(e, typing) + (3 * (counts >>> 16) + (counts & 0xffff)) / divisor;
          low[e] = v;
          largestCount = offerLargest(valueHeap, largestCount, limit, v);
        }
      }
    }

    let page: number[];
    try {
      if (q) {
        if (this.trigramRun >= 0x70000000) {
          this.trigramStamp.fill(0);
          this.trigramRun = 0;
        }
        const query = new QueryTrigrams(qn, this.dictionary, this.mark, this.lastPos, this.trigramStamp, this.trigramRun);
        try {
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
          page = this.rankedPage(filteredCount, query, typing!, valueHeap.subarray(0, largestCount).sort(), offset, pageEnd);
        } finally {
          this.trigramRun = query.lastRun;
          query.release();
        }
      } else {
        page = this.unrankedPage(filteredCount, offset, pageEnd);
      }
    } finally {
      for (const id of bitted) this.wordBit[id] = 0;
      this.fullRun = 0;
    }
    return {
      total: filteredCount,
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
  }

  private passesFilters(entry: Entry, filters: SearchFilters) {
    return (!filters.agency || entry.row.agency_codes.includes(filters.agency))
      && (!filters.applicantType || entry.row.applicant_types.includes(filters.applicantType));
  }

  /** `filteredBuffer` is in the list order already; the list order needs the fields joined (an unknown field drops the row, as the SQL's join does). */
  private unrankedPage(filteredCount: number, offset: number, pageEnd: number) {
    const page: number[] = [];
    let seen = 0;
    for (let k = 0; k < filteredCount; k++) {
      const e = this.filteredBuffer[k]!;
      if (this.fieldRank[e]! >= this.fields.length) continue;
      if (seen++ >= offset) page.push(e);
      if (seen >= pageEnd) break;
    }
    return page;
  }

  /**
   * The `rank`-th largest of `values` over the first `count` entry numbers of `ids` (a min-heap
   * of the `rank` largest, in `heap`); -Infinity when there are fewer.
   */
  private rankth(values: Float64Array, ids: Int32Array, count: number, rank: number): number {
    if (rank <= 0 || count < rank) return Number.NEGATIVE_INFINITY;
    const heap = this.valueHeap;
    let size = 0;
    for (let k = 0; k < count; k++) size = offerLargest(heap, size, rank, values[ids[k]!]!);
    return heap[0]!;
  }

  /**
   * The list position of the row at `place` in the list order among the `tied` rows whose list
   * positions are marked in `rankMarks` (left clear).
   */
  private tiedAt(place: number, tied: number): number {
    const marks = this.rankMarks;
    let found = -1;
    for (let r = 0; tied > 0; r++) {
      if (marks[r] === 0) continue;
      marks[r] = 0;
      tied--;
      if (--place === 0) found = r;
    }
    return found;
  }

  /** The query as the word part of the score reads it (see `Typing`). */
  private typingOf(qn: string, qw: string, typed: string[]): Typing {
    const paddedQw = ` ${qw} `;
    const typedCount = typed.length;
    const typing: Typing = {
      qn, qw, paddedQw, typedCount, firstWordId: typed.length > 0 ? this.wordIds.get(typed[0]!) ?? -2 : -2,
      typedIds: typed.every((w) => this.wordIds.has(w)) ? Int32Array.from(typed, (w) => this.wordIds.get(w)!) : new Int32Array(0),
      innerIds: typedCount >= 3 && typed.every((w, i) => i === 0 || i === typedCount - 1 || this.wordIds.has(w)) ? Int32Array.from(typed.slice(1, -1), (w) => this.wordIds.get(w)!) : new Int32Array(0),
      firstTyped: typed[0] ?? '', lastTyped: typed[typedCount - 1] ?? '',
      phraseHolders: UNMARKED, nameHolders: UNMARKED,
      typedModifiers: modifierBitsOf(MEANING_CHANGING_WORDS.filter((m) => paddedQw.includes(` ${m} `))),
      keywordHolders: NONE_MARKED,
    };
    const keywordEntries = this.keywordEntries.get(qn);
    if (keywordEntries !== undefined) typing.keywordHolders = this.markHolders([keywordEntries], this.keywordBits);
    // The phrase needs every pair of typed words side by side in the text; the query as it
    // stands in the name (from three typed words), the inner typed words side by side in it.
    typing.phraseHolders = this.markHolders(typing.typedIds.length >= 2 ? this.pairListsOf(this.textPairs, typing.typedIds) : undefined, this.phraseBits);
    const inner = typing.innerIds;
    typing.nameHolders = typedCount < 3 ? UNMARKED
      : inner.length === 0 ? NONE_MARKED
        : this.markHolders(inner.length === 1 ? [this.nameHolders[inner[0]!]] : this.pairListsOf(this.namePairs, inner), this.nameHoldBits);
    return typing;
  }

  /**
   * The SQL's two-stage ranking: the word part for every match; the trigram part for the rows
   * whose word part is within 4 of the page's last row (at most 100 beyond the page), computed
   * in order of the word part until no further row can reach the page.
   *
   * The word part is first bounded from below by what the postings counted (whole words in the
   * name and text, the keyword equal to the query, the name's first word, the meaning-changing
   * words) and from above by adding the string tests each row could still pass (the query in
   * the name, the phrase in the text, the name starting with the words typed); the string tests
   * run only on the rows whose upper bound reaches the page's last row's lower bound less 4.
   *
   * A row whose score cannot reach the page's last row so far is skipped before its costly
   * measures: the trigram part is bounded by the name's share of the query's trigrams (word
   * similarity to the name is at most that share; to the text, at most 1), then by the name's
   * word similarity. A name whose word similarity is 1 gives the text's too (`nameLeadsText`).
   */
  private rankedPage(filteredCount: number, query: QueryTrigrams, typing: Typing, largest: Float64Array, offset: number, pageEnd: number) {
    const { low, pre, score, entries, listRank, filteredBuffer: filtered, exactBuffer: exact } = this;
    // Only rows whose word part may reach the page's last row's, less 4, need the string tests.
    // The page's last word part K is at least the last row's lower bound (lowKth) and at least
    // the page's last among any rows tested: the rows with the highest upper bounds are
    // tested first, then only the others whose upper bound reaches max(both) - 4. A row skipped
    // has a word part below K - 4, so K, and the rows within 4 of it, are the same as when
    // every row reaching lowKth - 4 is tested.
    // Nor does a row need them when `limit` other rows come before it in the window's order (word
    // part, then list order) whatever its string tests give: when its upper bound, with its list
    // position, comes after the `limit`-th row by lower bound (or, later, by word part among the
    // rows tested). The window visits at most `limit` rows, in that order, so it never reaches
    // it, and K is the word part of one of the rows before it.
    const limit = Math.max(RANKED_CANDIDATES, pageEnd);
    // The pageEnd-th and the limit-th largest lower bounds, from the `limit` largest (pageEnd ≤ limit; ascending, from `search`).
    const lowKth = pageEnd > 0 && largest.length >= pageEnd ? largest[largest.length - pageEnd]! : Number.NEGATIVE_INFINITY;
    const lowCut = lowKth - TRIGRAM_SCORE_MAX;
    // The `limit`-th row by lower bound (then the list order), when there are that many: its
    // value is the `limit`-th largest, and among the rows of that value it is the one at place
    // `limit` less the rows above it, in the list order (their list positions are marked in
    // `rankMarks` by the walk below, which meets every row of that value or above).
    const atLimit = filteredCount >= limit;
    const lowLimitValue = atLimit ? largest[0]! : Number.NEGATIVE_INFINITY;
    const tieValue = atLimit ? lowLimitValue : Number.POSITIVE_INFINITY;
    // A row whose lower bound plus the most the string tests can add is below either is skipped
    // without its bound's tests.
    const lowFloor = Math.max(lowCut, lowLimitValue) - STRING_BONUS_MAX;
    const { upper, candidateBuffer: candidates, rankMarks } = this;
    let candidateCount = 0;
    let above = 0;
    let tied = 0;
    for (let k = 0; k < filteredCount; k++) {
      const e = filtered[k]!;
      const x = low[e]!;
      if (x < lowFloor) continue;
      if (x > tieValue) above++;
      else if (x === tieValue) {
        rankMarks[listRank[e]!] = 1;
        tied++;
      }
      const u = x + this.stringBonusBound(e, typing);
      if (u < lowCut || u < lowLimitValue) continue;
      upper[e] = u;
      candidates[candidateCount++] = e;
    }
    // Those whose upper bound equals the `limit`-th row's lower bound but come after it in the list order are dropped too.
    if (atLimit) {
      const lowLimitRank = this.tiedAt(limit - above, tied);
      let kept = 0;
      for (let k = 0; k < candidateCount; k++) {
        const e = candidates[k]!;
        if (upper[e] === lowLimitValue && listRank[e]! > lowLimitRank) continue;
        candidates[kept++] = e;
      }
      candidateCount = kept;
    }
    // The string tests run in order of the upper bound (then the list order), popped from a heap,
    // keeping the page's last word part among the rows tested (in `valueHeap`) and the `limit`-th
    // row by word part (in `rankHeap`), until the next row's upper bound is below the first less 4
    // or comes after the second: then so does every row after it.
    let left = candidateCount;
    for (let i = (left >> 1) - 1; i >= 0; i--) siftDown(candidates, i, left, upper, listRank);
    const { valueHeap: pageValues, rankHeap: limitRows } = this;
    let pageCount = 0;
    let limitCount = 0;
    let exactCount = 0;
    while (left > 0) {
      const e = candidates[0]!;
      const u = upper[e]!;
      const testedCut = Math.max(lowKth, pageCount === pageEnd ? pageValues[0]! : Number.NEGATIVE_INFINITY) - TRIGRAM_SCORE_MAX;
      if (u < testedCut) break;
      if (limitCount === limit) {
        const last = limitRows[0]!;
        if (u < pre[last]! || (u === pre[last] && listRank[e]! > listRank[last]!)) break;
      }
      candidates[0] = candidates[--left]!;
      if (left > 0) siftDown(candidates, 0, left, upper, listRank);
      const p = this.stringBonus(e, typing) + low[e]!;
      pre[e] = p;
      exact[exactCount++] = e;
      // The pageEnd largest word parts (a min-heap of values).
      pageCount = offerLargest(pageValues, pageCount, pageEnd, p);
      // The `limit` first rows by word part (the last of them on top).
      limitCount = offerFirst(limitRows, limitCount, limit, e, pre, listRank);
    }
    const cutoff = this.rankth(pre, exact, exactCount, pageEnd) - TRIGRAM_SCORE_MAX;
    // The window, in order of the word part (then the list order), popped from a heap so that
    // only the rows visited are ordered.
    const heap = this.heap;
    let size = 0;
    for (let k = 0; k < exactCount; k++) {
      const e = exact[k]!;
      if (pre[e]! >= cutoff) heap[size++] = e;
    }
    for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heap, i, size, pre, listRank);

    const order = (a: number, b: number) => {
      const x = entries[a]!;
      const y = entries[b]!;
      return score[b]! - score[a]! || this.fieldSort[a]! - this.fieldSort[b]! || compareText(x.row.name, y.row.name) || compareText(x.row.code, y.row.code);
    };
    /** The best rows so far, in the final order, at most `pageEnd`. */
    const top: number[] = [];
    let kth = Number.NEGATIVE_INFINITY;
    const unique = query.unique;
    // The window: the first `limit` rows by word part (then the list order). The page is the
    // best `pageEnd` of them in the final order whatever order they are scored in, so they are
    // scored best bound first (word part, plus at most twice the name's share of the query's
    // trigrams, plus 1 for the text, plus the name's similarity): the page fills with likely rows
    // early, and once the next row's bound is below the page's last score, no later row can
    // reach the page. (A row whose word part is more than 4 below that score has a bound below it.)
    const { candidateBuffer: window, upper: bound, low: nameSimilarity } = this;
    let windowSize = 0;
    while (windowSize < limit && size > 0) {
      const e = heap[0]!;
      heap[0] = heap[--size]!;
      if (size > 0) siftDown(heap, 0, size, pre, listRank);
      const nameDistinct = entries[e]!.nameDistinct;
      const common = query.commonWith(nameDistinct);
      const similarity = query.similarityOf(common, nameDistinct.length);
      nameSimilarity[e] = similarity;
      // float4 arithmetic, as PostgreSQL adds the three float4 measures.
      bound[e] = pre[e]! + Math.fround(Math.fround(Math.fround((unique > 0 ? Math.fround(common / unique) : 0) * 2) + 1) + similarity);
      window[windowSize++] = e;
    }
    // Scored in order of the bound (then the list order), popped from a heap: the rows after
    // the first whose bound is below the page's last score are never ordered.
    for (let i = (windowSize >> 1) - 1; i >= 0; i--) siftDown(window, i, windowSize, bound, listRank);
    let unscored = windowSize;
    while (unscored > 0) {
      const e = window[0]!;
      window[0] = window[--unscored]!;
      if (unscored > 0) siftDown(window, 0, unscored, bound, listRank);
      const full = top.length >= pageEnd;
      if (full && bound[e]! < kth) break;
      const p = pre[e]!;
      const entry = entries[e]!;
      const similarity = nameSimilarity[e]!;
      const nameWalked = !(this.fullRun !== 0 && this.holdsTypedRun(entry.nameWordSeq, this.fullRun));
      const nameWords = nameWalked ? query.wordSimilarity(entry.nameTrigrams, Number.POSITIVE_INFINITY, entry.nameOccurrences) : 1;
      if (full && p + Math.fround(Math.fround(Math.fround(nameWords * 2) + 1) + similarity) < kth) continue;
      let textWords = 1;
      if (!(nameWords === 1 && entry.nameLeadsText) && !(this.fullRun !== 0 && this.holdsTypedRun(entry.textWordSeq, this.fullRun))) {
        // The word similarity to the text is that of one extent: when no extent reaches what the
        // row would need to reach the page (less a margin for float4 rounding), skip it.
        const need = full ? kth - p - Math.fround(nameWords * 2) - similarity - 1e-5 : 0;
        if (need > 0 && !query.someExtentReaches(entry.textTrigrams, need, entry.textOccurrences)) continue;
        // A name that leads its text: the text's walk goes on from where the name's stopped.
        const textOccurrences = entry.textOccurrences;
        textWords = nameWalked && entry.nameLeadsText && textOccurrences !== undefined
          ? query.wordSimilarityAfter(entry.nameTrigrams, entry.textTrigrams, textOccurrences)
          : query.wordSimilarity(entry.textTrigrams, Number.POSITIVE_INFINITY, textOccurrences);
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
    return top.slice(offset, pageEnd).filter((e) => this.fieldRank[e]! < this.fields.length);
  }

  /**
   * The part of the SQL's word part (see `wordScore` in catalog.search.ts) that needs no string
   * search: the keyword equal to the query, the name's first word, the meaning-changing words.
   * Every part is a multiple of ½, so the sums are exact in any order.
   */
  private fixedLow(e: number, typing: Typing): number {
    let fixed = 0;
    if (isMarked(typing.keywordHolders, e)) fixed += 1.5;
    // A name that starts with the words typed (+3) starts with the first of them (+1 otherwise).
    const at = e << ENTRY_SHIFT;
    if (typing.qw !== '' && typing.firstWordId === this.matchState[at + ENTRY_FIRST_WORD]) fixed += 1;
    const modifiers = this.matchState[at + ENTRY_MODIFIERS]!;
    if (modifiers !== 0) fixed += (modifiers & typing.typedModifiers) !== 0 ? 1 : -6;
    return fixed;
  }

  /**
   * At most what the string tests can add to `fixedLow`: the query in the name (2; when three
   * words or more were typed, the inner ones are whole words of the name, so the name holds at
   * least all but two of them); the phrase in the text (1; every typed word is in the text); the
   * name starting with the words typed (3 instead of the first word's 1; every typed word is
   * in the name).
   */
  private stringBonusBound(e: number, typing: Typing): number {
    const { typedCount } = typing;
    const inName = this.inNameOf(e);
    let bound = 0;
    if (typedCount < 3 || (inName >= typedCount - 2 && isMarked(typing.nameHolders, e) && this.nameMayHoldQuery(this.nameWordIdSeq[e]!, typing))) bound += 2;
    if (typing.qw !== '' && this.inTextOf(e) === typedCount && isMarked(typing.phraseHolders, e)) bound += 1;
    if (typing.qw !== '' && inName === typedCount && typing.firstWordId === this.matchState[(e << ENTRY_SHIFT) + ENTRY_FIRST_WORD] && this.startsWithTyped(this.nameWordIdSeq[e]!, typing.typedIds)) bound += 2;
    return bound;
  }

  /**
   * From three typed words, whether the name may hold the query as it stands: the typed words
   * between the first and the last are maximal runs of letters and digits inside the query, so a
   * name holding it holds them side by side as whole words of `name_words`, the first typed word
   * ending the word before them and the last beginning the word after. (Fewer than three: true.)
   */
  private nameMayHoldQuery(seq: Int32Array, typing: Typing): boolean {
    if (typing.typedCount < 3) return true;
    const inner = typing.innerIds;
    const k = inner.length;
    if (k === 0) return false;
    const first = inner[0]!;
    const words = this.wordList;
    for (let i = 1; i + k < seq.length; i++) {
      if (seq[i] !== first) continue;
      let j = 1;
      while (j < k && seq[i + j] === inner[j]) j++;
      if (j === k && words[seq[i - 1]!]!.endsWith(typing.firstTyped) && words[seq[i + k]!]!.startsWith(typing.lastTyped)) return true;
    }
    return false;
  }

  /** Whether the words `seq` start with the typed words (` qw ` at the start of ` w1 w2 … `). */
  private startsWithTyped(seq: Int32Array, typedIds: Int32Array): boolean {
    const k = typedIds.length;
    if (k === 0 || seq.length < k) return false;
    for (let j = 0; j < k; j++) if (seq[j] !== typedIds[j]) return false;
    return true;
  }

  /** What the string tests add to `fixedLow` (see `stringBonusBound`). */
  private stringBonus(e: number, typing: Typing): number {
    const { typedCount, qw } = typing;
    const inName = this.inNameOf(e);
    let bonus = 0;
    if ((typedCount < 3 || (inName >= typedCount - 2 && isMarked(typing.nameHolders, e) && this.nameMayHoldQuery(this.nameWordIdSeq[e]!, typing))) && this.nameNorms[e]!.includes(typing.qn)) bonus += 2;
    if (qw !== '' && this.inTextOf(e) === typedCount && isMarked(typing.phraseHolders, e) && this.holdsPhrase(this.textWordIdSeq[e]!, typing.typedIds)) bonus += 1;
    if (qw !== '' && inName === typedCount && typing.firstWordId === this.matchState[(e << ENTRY_SHIFT) + ENTRY_FIRST_WORD] && this.startsWithTyped(this.nameWordIdSeq[e]!, typing.typedIds)) bonus += 2;
    return bonus;
  }

  /**
   * Whether the words `seq` hold the typed words side by side, in the order typed: as numbers,
   * what ` qw ` found in ` w1 w2 … ` (single spaces) means.
   */
  private holdsPhrase(seq: Int32Array, typedIds: Int32Array): boolean {
    const k = typedIds.length;
    if (k === 0) return false;
    const first = typedIds[0]!;
    for (let i = 0; i + k <= seq.length; i++) {
      if (seq[i] !== first) continue;
      let j = 1;
      while (j < k && seq[i + j] === typedIds[j]) j++;
      if (j === k) return true;
    }
    return false;
  }

  /** Rough heap size of the index, bytes: its typed arrays plus the strings it keeps. */
  approximateBytes(): number {
    let bytes = 0;
    for (const e of this.entries) {
      bytes += e.textTrigrams.byteLength + e.nameTrigrams.byteLength + e.nameDistinct.byteLength + e.textWordSeq.byteLength + e.nameWordSeq.byteLength;
      bytes += (e.textOccurrences?.byteLength ?? 0) + (e.nameOccurrences?.byteLength ?? 0);
      const r = e.row;
      bytes += 2 * (r.name.length + r.name_norm.length + r.search_text.length + r.name_words.length + r.text_words.length) + 8 * r.words.length;
    }
    for (const list of [this.postings, this.textHolders, this.nameHolders, this.vocabularyTrigrams, this.wordsByTrigram, this.textWordIdSeq, this.nameWordIdSeq, this.textPairs.values(), this.namePairs.values()]) {
      for (const p of list) bytes += p.byteLength;
    }
    // The sets of entries of the common words and pairs, and the per-entry numbers.
    for (const set of [...this.postingBits, ...this.nameBits]) bytes += set?.byteLength ?? 0;
    for (const list of [...this.textPairs.values(), ...this.namePairs.values()]) bytes += this.setsOfLists.get(list)?.byteLength ?? 0;
    return bytes + this.matchState.byteLength + this.groupBits.byteLength;
  }
}

interface NodeIndex {
  index?: SearchIndex;
  version?: string;
  checkedAt: number;
  /** How long the last version check took (ms): the next one waits at least `CHECK_COST_FACTOR` times that. */
  checkCostMs: number;
  writesSeen?: number;
  /** A write on this node (publish, import) since the last check: the next search waits for a current index. */
  mustWait?: boolean;
  /** The check under way was started for a write on this node: searches wait for it. */
  checkForWrite?: boolean;
  pending?: Promise<SearchIndex>;
}

const nodeIndexes = new WeakMap<Database, NodeIndex>();

/**
 * The version check reads the whole projection (`count(*)`, `max(refreshed_at)`: a scan of every
 * row, tens of milliseconds of the database's CPU for 10,000 procedures): at most one check in
 * this many times its own duration, so that it takes at most about a tenth of a connection.
 */
const CHECK_COST_FACTOR = 10;
/** …but at least every this many ms (the duration measured includes the wait for a busy event loop). */
const CHECK_INTERVAL_CAP_MS = 2000;

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
 * This node's index of the catalogue, current within `checkMs` (or ten times the version
 * check's own duration, if longer, up to 2 s) of a change made elsewhere, and at once after a write on this
 * node (`invalidateSearchIndex`, a projection refresh here). Changes made elsewhere are looked
 * for behind the searches: while the version is read, and while an index is rebuilt for a
 * change, searches keep the index the node holds (no search waits for the database); after a
 * write here, and on every search when `checkMs` is 0, they wait for the check and the new index.
 */
export async function searchIndexOf(db: Database, checkMs: number): Promise<SearchIndex> {
  let node = nodeIndexes.get(db);
  if (!node) nodeIndexes.set(db, (node = { checkedAt: 0, checkCostMs: 0 }));
  // A projection refresh in this process (an import, an agency change) may have changed it.
  if (node.writesSeen !== projectionWrites()) {
    node.writesSeen = projectionWrites();
    node.checkedAt = 0;
    node.mustWait = true;
  }
  const intervalMs = checkMs > 0 ? Math.max(checkMs, Math.min(CHECK_INTERVAL_CAP_MS, CHECK_COST_FACTOR * node.checkCostMs)) : 0;
  const fresh = Date.now() - node.checkedAt < intervalMs;
  if (node.index && fresh && !node.mustWait && !node.checkForWrite) return node.index;
  if (!node.pending) {
    const current = node;
    const waiting = Boolean(current.mustWait);
    current.mustWait = false;
    current.checkForWrite = waiting;
    const started = Date.now();
    const check = (async () => {
      // Every search waiting here shares this check: a pooled connection the database ended
      // under it (a restart, a terminated backend) is not left to fail them all — tried once more
      // on another connection. A database that is really down fails both (503).
      const version = await projectionVersion(db).catch(() => projectionVersion(db));
      current.checkedAt = Date.now();
      current.checkCostMs = current.checkedAt - started;
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
    }).finally(() => {
      current.pending = undefined;
      current.checkForWrite = false;
    });
    // Searches see a failed check (503) when they wait for it, but not a failed background rebuild: the next check retries.
    current.pending.catch(() => {});
    // A check for changes made on other nodes: the index held serves meanwhile.
    if (current.index && !waiting && checkMs > 0) {
      check.catch(() => {});
      return current.index;
    }
    const checked = await check;
    if (!checked.rebuilt) return checked.index!;
    // Changed on another node: the index held serves while the new one is built.
    if (current.index && !waiting) return current.index;
    return current.pending;
  }
  // A check or a rebuild is under way: an index already held serves unless a write here needs the new one
  // (or, with `checkMs` 0, every search waits for the database's version).
  if (node.index && !node.mustWait && !node.checkForWrite && (checkMs > 0 || fresh)) return node.index;
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
