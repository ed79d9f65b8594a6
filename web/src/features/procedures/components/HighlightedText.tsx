import { useMemo } from 'react';
import { highlightParts } from '../../../lib/highlight';

/** Marks the words of the search in a text, with or without diacritics. */
export function HighlightedText({ text, query }: { text: string; query: string }) {
  const parts = useMemo(() => highlightParts(text, query), [text, query]);
  return (
    <>
      {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
