import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../common/seeded-random.js';
import { occurrencesOf, QueryTrigrams, TrigramDictionary } from './catalog.trigrams.js';

/** Words over a few letters, so that texts repeat trigrams and share them with queries. */
function words(random: () => number, count: number, letters = 'abcde') {
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * 5) }, () => letters[Math.floor(random() * letters.length)]).join('')).join(' ');
}

describe('QueryTrigrams', () => {
  it('word similarity follows pg_trgm step by step: same value, same answer to a threshold', () => {
    const random = seededRandom(18);
    const dictionary = new TrigramDictionary();
    const texts = Array.from({ length: 400 }, () => words(random, 1 + Math.floor(random() * 60)));
    const encoded = texts.map((t) => dictionary.encode(t));
    const queries = Array.from({ length: 60 }, () => words(random, 1 + Math.floor(random() * 5), 'abcdef'));
    const mark = new Uint8Array(dictionary.size);
    const lastPos = new Int32Array(dictionary.size).fill(-1);
    const occurrences = encoded.map((trigrams) => occurrencesOf(trigrams, lastPos)!);
    let reached = 0;
    for (const q of queries) {
      const query = new QueryTrigrams(q, dictionary, mark, lastPos);
      try {
        for (const [i, trigrams] of encoded.entries()) {
          const expected = query.wordSimilarityReference(trigrams);
          expect(query.wordSimilarity(trigrams), `${q} | ${texts[i]}`).toBe(expected);
          // The same walk with the text's occurrences (the index's way), without the list.
          expect(query.wordSimilarity(trigrams, Infinity, occurrences[i]), `${q} | ${texts[i]}`).toBe(expected);
          for (const threshold of [0.3, 0.6, 0.8]) {
            expect(query.wordSimilarity(trigrams, threshold) >= threshold, `${q} | ${texts[i]} | ${threshold}`).toBe(expected >= threshold);
            expect(query.wordSimilarity(trigrams, threshold, occurrences[i]) >= threshold, `${q} | ${texts[i]} | ${threshold}`).toBe(expected >= threshold);
            expect(query.someExtentReaches(trigrams, threshold, occurrences[i]), `${q} | ${texts[i]} | ${threshold}`).toBe(query.someExtentReaches(trigrams, threshold));
          }
          // The extent bound never rejects a text that reaches 0.6.
          if (expected >= 0.6) {
            reached++;
            expect(query.someExtentReaches(trigrams), `${q} | ${texts[i]}`).toBe(true);
          }
        }
      } finally {
        query.release();
      }
      // The scratch arrays are left clean for the next query.
      expect(mark.every((m) => m === 0)).toBe(true);
      expect(lastPos.every((p) => p === -1)).toBe(true);
    }
    expect(reached).toBeGreaterThan(100);
  });

  it('packs each position\'s previous and next occurrence of its trigram, and leaves longer sequences to the general walk', () => {
    const lastSeen = new Int32Array(4).fill(-1);
    const occurrences = occurrencesOf(Int32Array.from([0, 1, 0, 2, 1, 0]), lastSeen)!;
    // [previous + 1 (0: none), next (0xffff: none)] per position.
    expect(Array.from(occurrences, (o) => [o & 0xffff, o >>> 16])).toEqual([[0, 2], [0, 4], [1, 5], [0, 0xffff], [2, 0xffff], [3, 0xffff]]);
    expect(Array.from(lastSeen)).toEqual([-1, -1, -1, -1]);
    expect(occurrencesOf(new Int32Array(0xfffe), new Int32Array(1).fill(-1))).toHaveLength(0xfffe);
    expect(occurrencesOf(new Int32Array(0xffff), new Int32Array(1).fill(-1))).toBeUndefined();
  });

  it('word similarity of a text that begins with the sequence walked last goes on from where that walk stopped', () => {
    const random = seededRandom(61);
    const dictionary = new TrigramDictionary();
    // Names, and texts made of a name and more words (as a procedure's search text begins with its name).
    const names = Array.from({ length: 200 }, () => words(random, 1 + Math.floor(random() * 12)));
    const texts = names.map((name) => `${name} ${words(random, Math.floor(random() * 40))}`);
    const encodedNames = names.map((t) => dictionary.encode(t));
    const encodedTexts = texts.map((t) => dictionary.encode(t));
    const mark = new Uint8Array(dictionary.size);
    const lastPos = new Int32Array(dictionary.size).fill(-1);
    const nameOccurrences = encodedNames.map((t) => occurrencesOf(t, lastPos)!);
    const textOccurrences = encodedTexts.map((t) => occurrencesOf(t, lastPos)!);
    for (const q of Array.from({ length: 40 }, () => words(random, 1 + Math.floor(random() * 4), 'abcdef'))) {
      const query = new QueryTrigrams(q, dictionary, mark, lastPos);
      try {
        for (let i = 0; i < names.length; i++) {
          const name = encodedNames[i]!;
          const text = encodedTexts[i]!;
          expect(Array.from(text.subarray(0, name.length))).toEqual(Array.from(name));
          expect(query.wordSimilarity(name, Infinity, nameOccurrences[i]), `${q} | ${names[i]}`).toBe(query.wordSimilarityReference(name));
          expect(query.wordSimilarityAfter(name, text, textOccurrences[i]!), `${q} | ${texts[i]}`).toBe(query.wordSimilarityReference(text));
          // After another sequence (or a walk stopped at a threshold), the text is walked whole.
          query.wordSimilarity(text, 0.01, textOccurrences[i]);
          expect(query.wordSimilarityAfter(name, text, textOccurrences[i]!), `${q} | ${texts[i]}`).toBe(query.wordSimilarityReference(text));
        }
      } finally {
        query.release();
      }
    }
  });

  it('word similarity is 1 when the text holds the query\'s words side by side, in any order', () => {
    const random = seededRandom(2026);
    for (let n = 0; n < 300; n++) {
      const dictionary = new TrigramDictionary();
      const query = words(random, 1 + Math.floor(random() * 4), 'abcdefgh');
      const typed = query.split(' ');
      // The typed words shuffled, some repeated, between random words.
      const run = [...typed, ...typed.filter(() => random() < 0.3)].sort(() => random() - 0.5);
      const text = `${words(random, Math.floor(random() * 30))} ${run.join(' ')} ${words(random, Math.floor(random() * 30))}`;
      const trigrams = dictionary.encode(text);
      const mark = new Uint8Array(dictionary.size);
      const lastPos = new Int32Array(dictionary.size).fill(-1);
      const q = new QueryTrigrams(query, dictionary, mark, lastPos);
      expect(q.wordSimilarityReference(trigrams), `${query} | ${text}`).toBe(1);
      expect(q.wordSimilarity(trigrams), `${query} | ${text}`).toBe(1);
      expect(q.wordSimilarity(trigrams, Infinity, occurrencesOf(trigrams, lastPos)), `${query} | ${text}`).toBe(1);
      q.release();
    }
  });
});
