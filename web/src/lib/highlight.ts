import { normalizeForSearch } from '../../../common/text';

export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * Splits `text` into parts that match a word of `query`, ignoring case and diacritics the way
 * the server's search does ("nuoc mat" marks "nước mặt"). Words shorter than two letters are ignored.
 */
export function highlightParts(text: string, query: string): TextPart[] {
  const words = normalizeForSearch(query).split(' ').filter((w) => w.length >= 2);
  if (words.length === 0 || !text) return [{ text, match: false }];
  // Normalise letter by letter so positions in the folded text map back to the original.
  const chars = Array.from(text.normalize('NFC'));
  const folded = chars.map((c) => (/\s/.test(c) ? ' ' : normalizeForSearch(c).charAt(0) || '\u0000')).join('');
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const word of words) {
    let from = folded.indexOf(word);
    while (from !== -1) {
      for (let i = from; i < from + word.length; i++) marked[i] = true;
      from = folded.indexOf(word, from + word.length);
    }
  }
  const parts: TextPart[] = [];
  chars.forEach((c, i) => {
    const match = marked[i] ?? false;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += c;
    else parts.push({ text: c, match });
  });
  return parts;
}
