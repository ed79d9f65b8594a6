import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { normalizeForSearch } from '../../../../common/text';

const KIND = /^(thanh pho|tinh|phuong|xa|dac khu) /;

/** Does a unit's name match what was typed? Each word typed starts a word of the name (its kind only when typed); no diacritics or case needed. */
export function unitMatches(name: string, typed: string): boolean {
  const q = normalizeForSearch(typed);
  if (!q) return true;
  const full = normalizeForSearch(name);
  // The kind ("Phường", "Xã") counts only when typed: "phu" should not find every ward.
  const words = (KIND.test(`${q} `) || KIND.test(q) ? full : full.replace(KIND, '')).split(' ');
  return q.split(' ').every((w) => words.some((nw) => nw.startsWith(w)));
}

/** 0 when the name (with or without its kind) starts with what was typed, else 1. */
function rank(name: string, typed: string): number {
  const q = normalizeForSearch(typed);
  const n = normalizeForSearch(name);
  return n.startsWith(q) || n.replace(KIND, '').startsWith(q) ? 0 : 1;
}

/** Mantine's options filter for unit selects: diacritic-insensitive, names starting with the words first. */
export const unitFilter: OptionsFilter = ({ options, search }) => {
  const items = (options as ComboboxParsedItem[]).filter((o): o is ComboboxItem => 'value' in o);
  const q = search.trim();
  if (!q) return items;
  return items
    .filter((o) => unitMatches(o.label, q))
    .map((o, i) => ({ o, i, r: rank(o.label, q) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ o }) => o);
};
