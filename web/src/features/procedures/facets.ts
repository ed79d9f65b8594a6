/** Filter options built from the search facets. Pure. */
import type { Lang } from '../../i18n/language';
import type { Messages } from '../../i18n/vi';
import { localName } from './procedure-view';
import type { OnlineLevel, SearchResult } from './types';

export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

const levelOrder: OnlineLevel[] = ['FULL', 'PARTIAL', 'INFO_ONLY'];

/** "All fields" first, then each field that has results (or is selected). */
export function fieldOptions(facets: SearchResult['facets'], selected: string | undefined, t: Messages, lang: Lang): FilterOption[] {
  const all = facets.fields.reduce((sum, f) => sum + f.count, 0);
  const fields = facets.fields
    .filter((f) => f.count > 0 || f.code === selected)
    .map((f) => ({ value: f.code, label: localName(f, lang), count: f.count }));
  return [{ value: '', label: t.results.allFields, count: all }, ...fields];
}

export function levelOptions(facets: SearchResult['facets'], selected: string | undefined, t: Messages): FilterOption[] {
  const count = (level: OnlineLevel) => facets.levels.find((l) => l.level === level)?.count ?? 0;
  const all = facets.levels.reduce((sum, l) => sum + l.count, 0);
  const levels = levelOrder
    .filter((level) => count(level) > 0 || level === selected)
    .map((level) => ({ value: level, label: t.levels[level], count: count(level) }));
  return [{ value: '', label: t.results.allLevels, count: all }, ...levels];
}
